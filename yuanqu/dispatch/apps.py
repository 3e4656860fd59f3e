from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "yuanqu.dispatch"
    label = "dispatch"
    verbose_name = "月调度"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import DispatchMeeting, DispatchTask

        auditlog.register(DispatchMeeting, exclude_fields=["created_at", "updated_at"])
        auditlog.register(DispatchTask, exclude_fields=["created_at", "updated_at"])
