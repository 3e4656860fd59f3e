from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "yuanqu.supervision"
    label = "supervision"
    verbose_name = "督办"
