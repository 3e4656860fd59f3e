import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yuanqu.holidays.models import CalendarDay, CalendarYear
from yuanqu.holidays.services import (
    MSG_DAY_EXISTS, MSG_YEAR_FIRST, calendar_day_add, calendar_day_remove, calendar_year_create,
)


@pytest.mark.parametrize("persona", ["leader_a", "city", "secadmin", "auditor", "nobody"])
def test_only_the_system_admin_changes_the_calendar(world, persona):
    with pytest.raises(PermissionDenied):
        calendar_year_create(actor=world[persona], year=2027)
    CalendarYear.objects.create(year=2027)
    with pytest.raises(PermissionDenied):
        calendar_day_add(actor=world[persona], date=dt.date(2027, 2, 8), is_workday=False, name="春节")
    day = CalendarDay.objects.create(date=dt.date(2027, 2, 8), is_workday=False, name="春节")
    with pytest.raises(PermissionDenied):
        calendar_day_remove(actor=world[persona], day=day)
    assert CalendarDay.objects.filter(pk=day.pk).exists()


def test_a_day_needs_its_year_and_is_entered_once(world):
    admin = world["sysadmin"]
    with pytest.raises(ValidationError) as exc:
        calendar_day_add(actor=admin, date=dt.date(2027, 2, 8), is_workday=False, name="春节")
    assert exc.value.messages == [MSG_YEAR_FIRST.format(year=2027)]
    calendar_year_create(actor=admin, year=2027)
    calendar_day_add(actor=admin, date=dt.date(2027, 2, 8), is_workday=False, name=" 春节 ")
    assert CalendarDay.objects.get().name == "春节"
    with pytest.raises(ValidationError) as exc:
        calendar_day_add(actor=admin, date=dt.date(2027, 2, 8), is_workday=True, name="调休")
    assert exc.value.messages == [MSG_DAY_EXISTS.format(date=dt.date(2027, 2, 8))]
