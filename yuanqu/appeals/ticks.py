"""The appeals app's steps of `yuanqu tick`: unrated answers count as rated, provisional deadlines
are redone once their year's schedule is entered, then the overdue ladder."""

from yuanqu.supervision.tick_registry import tick_step

from .escalation import appeals_escalate
from .services import appeals_auto_rate, appeals_recompute_provisional


@tick_step("appeals_auto_rate", label="诉求默认评价", order=40)
def auto_rate(today):
    return appeals_auto_rate(today)


@tick_step("appeals_calendar", label="诉求期限按新公布的放假安排重算", order=45)
def calendar(today):
    return appeals_recompute_provisional()


@tick_step("appeals_overdue", label="诉求逾期升级(提醒 → 督办 → 通报)", order=50)
def overdue(today):
    return appeals_escalate(today)
