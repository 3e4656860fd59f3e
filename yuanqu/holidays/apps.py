from django.apps import AppConfig


class HolidaysConfig(AppConfig):
    name = "yuanqu.holidays"
    label = "holidays"
    verbose_name = "工作日历"

    def ready(self):
        from auditlog.registry import auditlog
        from django.db.models.signals import post_delete, post_save

        from yuanqu.common.workdays import clear_cache

        from .models import CalendarDay, CalendarYear

        for model in (CalendarDay, CalendarYear):
            auditlog.register(model)
            post_save.connect(lambda **kw: clear_cache(), sender=model, weak=False, dispatch_uid=f"workdays_{model.__name__}_save")
            post_delete.connect(lambda **kw: clear_cache(), sender=model, weak=False, dispatch_uid=f"workdays_{model.__name__}_delete")
