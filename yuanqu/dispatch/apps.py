from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "yuanqu.dispatch"
    label = "dispatch"
    verbose_name = "月调度"
