from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "yuanqu.audit"
    label = "audit"
    verbose_name = "审计"

    def ready(self):
        from . import receivers  # noqa: F401  (connects login, logout, failure and lockout signals)
