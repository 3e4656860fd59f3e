from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "yuanqu.approvals"
    label = "approvals"
    verbose_name = "联合审批"

    def ready(self):
        from auditlog.registry import auditlog

        from . import receivers  # noqa: F401
        from .models import ApprovalCase, ApprovalItem, CaseItem, ServiceTask

        auditlog.register(ApprovalItem, exclude_fields=["created_at", "updated_at"], m2m_fields={"prerequisites"})
        auditlog.register(ApprovalCase, exclude_fields=["created_at", "updated_at", "items_total", "items_done",
                                                        "items_running", "items_correcting", "items_waiting",
                                                        "items_refused", "next_due", "planned_start"])
        auditlog.register(CaseItem)
        auditlog.register(ServiceTask, exclude_fields=["created_at", "updated_at"])
