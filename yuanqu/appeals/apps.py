from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "yuanqu.appeals"
    label = "appeals"
    verbose_name = "企业诉求"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Appeal, AppealCategory, AppealSettings, ReceptionDay, ReceptionHost

        auditlog.register(Appeal, exclude_fields=["created_at", "updated_at"], m2m_fields={"co_departments"})
        auditlog.register(AppealCategory)
        auditlog.register(AppealSettings, exclude_fields=["created_at", "updated_at"])
        auditlog.register(ReceptionDay, exclude_fields=["created_at", "updated_at"], m2m_fields={"enterprises"})
        auditlog.register(ReceptionHost)
