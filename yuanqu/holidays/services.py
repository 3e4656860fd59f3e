"""Writes on the working-day calendar table (sysadmin only)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from yuanqu.accounts.access import access_for
from yuanqu.audit.context import records_actor

from .models import CalendarDay, CalendarYear

MSG_YEAR_FIRST = "请先录入{year}年的放假通知,再录入该年的节假日和调休日。"
MSG_DAY_EXISTS = "{date}已录入。"


def _require(actor):
    if not access_for(actor).has("calendar.change"):
        raise PermissionDenied("calendar.change")


@records_actor
@transaction.atomic
def calendar_year_create(*, actor, year: int, notice: str = "") -> CalendarYear:
    _require(actor)
    obj = CalendarYear(year=year, notice=notice.strip())
    obj.full_clean()
    obj.save()
    return obj


@records_actor
@transaction.atomic
def calendar_day_add(*, actor, date: dt.date, is_workday: bool, name: str) -> CalendarDay:
    _require(actor)
    if not CalendarYear.objects.filter(year=date.year).exists():
        raise ValidationError(MSG_YEAR_FIRST.format(year=date.year))
    if CalendarDay.objects.filter(date=date).exists():
        raise ValidationError(MSG_DAY_EXISTS.format(date=date))
    obj = CalendarDay(date=date, is_workday=is_workday, name=name.strip())
    obj.full_clean()
    obj.save()
    return obj


@records_actor
@transaction.atomic
def calendar_day_remove(*, actor, day: CalendarDay) -> None:
    _require(actor)
    day.delete()
