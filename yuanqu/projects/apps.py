from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "yuanqu.projects"
    label = "projects"
    verbose_name = "项目建设"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import CoordinationItem, Milestone, Project, SubWork, WeeklyReport

        auditlog.register(Project, exclude_fields=["created_at", "updated_at"])
        auditlog.register(Milestone)
        auditlog.register(SubWork, exclude_fields=["created_at", "updated_at"])
        auditlog.register(WeeklyReport, exclude_fields=["submitted_at"])
        auditlog.register(CoordinationItem, exclude_fields=["created_at", "updated_at"])
