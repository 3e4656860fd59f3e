from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "yuanqu.registry"
    label = "registry"
    verbose_name = "园区名录"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Department, Enterprise, Official, Park, Zone

        for model in (Zone, Park, Department, Enterprise, Official):
            auditlog.register(model, exclude_fields=["created_at", "updated_at"])
