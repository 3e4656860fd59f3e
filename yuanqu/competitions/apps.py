from django.apps import AppConfig


class CompetitionsConfig(AppConfig):
    name = "yuanqu.competitions"
    label = "competitions"
    verbose_name = "项目竞赛"
