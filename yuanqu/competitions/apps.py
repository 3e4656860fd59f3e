from django.apps import AppConfig


class CompetitionsConfig(AppConfig):
    name = "yuanqu.competitions"
    label = "competitions"
    verbose_name = "项目竞赛"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Award, Competition, ManualValue, Period, Term

        auditlog.register(Competition, exclude_fields=["created_at", "updated_at"])
        auditlog.register(Term)
        auditlog.register(Period)
        auditlog.register(ManualValue)
        auditlog.register(Award, exclude_fields=["created_at"])
