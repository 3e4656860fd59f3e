"""Permission matrix of the working-day calendar: only the system admin maintains it."""

import datetime as dt

from yuanqu.testing.matrix import Case


def _day(w):
    from yuanqu.holidays.models import CalendarDay, CalendarYear

    CalendarYear.objects.get_or_create(year=2031)
    day, _ = CalendarDay.objects.get_or_create(date=dt.date(2031, 1, 1), defaults={"is_workday": False, "name": "元旦"})
    return {"pk": day.pk}


SYS = {"sysadmin"}

CASES = [
    Case("holidays:calendar", ok=SYS),
    Case("holidays:year_create", method="post", ok=SYS, ok_status=302, data=lambda w: {"year": 2030, "notice": ""}),
    Case("holidays:day_add", method="post", ok=SYS, ok_status=302, kwargs=lambda w: (_day(w), {})[1],
         data=lambda w: {"date": "2031-02-01", "is_workday": "0", "name": "春节"}),
    Case("holidays:day_remove", method="post", ok=SYS, ok_status=302, kwargs=_day),
]
