"""The approvals app's step of `yuanqu tick`: the overdue items' ladder (lights are read live)."""

from yuanqu.supervision.tick_registry import tick_step

from .escalation import approvals_escalate


@tick_step("approvals_overdue", label="审批事项逾期升级(提醒 → 督办 → 通报)", order=60)
def overdue(today):
    return approvals_escalate(today)
