from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "yuanqu.api"
    label = "api"
    verbose_name = "接口"
