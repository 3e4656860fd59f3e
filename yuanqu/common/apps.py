from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "yuanqu.common"
    label = "common"
    verbose_name = "公共"
