from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "yuanqu.indicators"
    label = "indicators"
    verbose_name = "经济指标"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Indicator, IndicatorValue

        auditlog.register(Indicator, exclude_fields=["created_at", "updated_at"])
        auditlog.register(IndicatorValue, exclude_fields=["created_at", "updated_at"])
