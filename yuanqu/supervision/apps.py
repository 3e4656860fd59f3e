from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "yuanqu.supervision"
    label = "supervision"
    verbose_name = "督办"

    def ready(self):
        from auditlog.registry import auditlog

        from . import receivers  # noqa: F401
        from .models import Escalation, LightSettings, Supervision

        auditlog.register(LightSettings, exclude_fields=["created_at", "updated_at"])
        auditlog.register(Escalation, exclude_fields=["created_at"])
        auditlog.register(Supervision, exclude_fields=["created_at"])
