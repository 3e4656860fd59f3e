from django.db import models


class CalendarYear(models.Model):
    """A year whose holiday schedule an admin entered from the State Council's notice."""

    year = models.PositiveIntegerField("年份", unique=True)
    notice = models.CharField("放假通知", max_length=200, blank=True, help_text="如:国办发明电〔2026〕X号")
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "日历年份"

    def __str__(self):
        return f"{self.year}年"


class CalendarDay(models.Model):
    """A day of an entered year that breaks the weekend rule: a holiday on a weekday or a make-up working day."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否上班", help_text="勾选表示调休上班日,不勾选表示放假")
    name = models.CharField("名称", max_length=50, help_text="如:春节、国庆节调休")

    class Meta:
        ordering = ["date"]
        verbose_name = verbose_name_plural = "节假日与调休"

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}({'上班' if self.is_workday else '放假'})"
