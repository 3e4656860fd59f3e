from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "yuanqu.dashboard"
    label = "dashboard"
    verbose_name = "首页"
