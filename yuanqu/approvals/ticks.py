"""The approvals app's steps of `yuanqu tick`: deadlines redone once a provisional year's schedule is
entered, then the overdue items' ladder (lights are read live from the stored deadlines)."""

from yuanqu.supervision.tick_registry import tick_step

from .escalation import approvals_escalate
from .services import approvals_recompute_provisional


@tick_step("approvals_calendar", label="审批期限按新公布的放假安排重算", order=55)
def calendar(today):
    return approvals_recompute_provisional()


@tick_step("approvals_overdue", label="审批事项逾期升级(提醒 → 督办 → 通报)", order=60)
def overdue(today):
    return approvals_escalate(today)
