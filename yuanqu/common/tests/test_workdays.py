"""The one working-day calendar: chinesecalendar, the admin's table, and provisional years."""

import datetime as dt

import pytest

from yuanqu.common import workdays
from yuanqu.common.workdays import (
    CalendarYearUnknown, add_workdays, is_provisional, is_workday, next_workday, workdays_between, year_source,
)
from yuanqu.holidays.models import CalendarDay, CalendarYear

# Every lookup first asks the admin's table whether it knows the year.
pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


# -- the official schedule from chinesecalendar ------------------------------------------------

@pytest.mark.parametrize("day", ["2021-02-11", "2021-02-12", "2021-02-13", "2021-02-14", "2021-02-15",
                                 "2021-02-16", "2021-02-17"])
def test_spring_festival_2021_days_are_holidays(day):
    assert not is_workday(D(day))


@pytest.mark.parametrize("day", ["2021-02-07", "2021-02-20"])  # a Sunday and a Saturday
def test_spring_festival_2021_make_up_weekend_days_are_workdays(day):
    assert D(day).weekday() >= 5
    assert is_workday(D(day))


@pytest.mark.parametrize("day", ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"])
def test_2026_make_up_weekend_days_are_workdays(day):
    assert D(day).weekday() >= 5
    assert is_workday(D(day))


def test_an_ordinary_weekend_is_not_a_workday_and_an_ordinary_weekday_is():
    assert not is_workday(D("2021-05-15"))  # Saturday
    assert is_workday(D("2021-05-14"))  # Friday, the demo's today


def test_add_workdays_skips_the_spring_festival():
    # Wed 2021-02-10 is the last working day before the holiday; Thu 02-18 the first after it.
    assert add_workdays(D("2021-02-10"), 1) == D("2021-02-18")
    assert add_workdays(D("2021-02-10"), 3) == D("2021-02-20")  # 18, 19 and the make-up Saturday
    assert add_workdays(D("2021-02-10"), 4) == D("2021-02-22")  # Sunday 21 is a rest day


def test_add_workdays_counts_a_make_up_sunday():
    assert add_workdays(D("2021-02-05"), 1) == D("2021-02-07")


def test_add_workdays_backwards_and_zero():
    assert add_workdays(D("2021-02-18"), -1) == D("2021-02-10")
    assert add_workdays(D("2021-02-13"), 0) == D("2021-02-13")


def test_workdays_between_across_the_spring_festival():
    # After Fri 02-05 up to Mon 02-22: 7 (make-up), 8, 9, 10, 18, 19, 20 (make-up), 22.
    assert workdays_between(D("2021-02-05"), D("2021-02-22")) == 8
    assert workdays_between(D("2021-02-22"), D("2021-02-05")) == -8
    assert workdays_between(D("2021-02-10"), D("2021-02-17")) == 0


def test_a_signing_to_start_of_20_working_days_across_national_day():
    # “从签约到开工仅用20个工作日”: signed Mon 2020-09-21; the National Day holiday (10-01..08) does not
    # count, the make-up days Sun 09-27 and Sat 10-10 do: 22-25 (4), 27 (5), 28-30 (8), 10-09 (9),
    # 10-10 (10), 12-16 (15), 19-23 (20).
    signed, started = D("2020-09-21"), D("2020-10-23")
    assert workdays_between(signed, started) == 20
    assert add_workdays(signed, 20) == started


def test_next_workday_is_the_day_itself_or_the_first_after_a_holiday():
    assert next_workday(D("2021-02-10")) == D("2021-02-10")
    assert next_workday(D("2021-02-11")) == D("2021-02-18")


# -- years neither chinesecalendar nor the table knows ----------------------------------------

def test_a_year_known_to_neither_raises_calendar_year_unknown_naming_the_year():
    with pytest.raises(CalendarYearUnknown) as exc:
        is_workday(D("2027-03-01"))
    assert exc.value.year == 2027
    assert "2027年" in str(exc.value)


def test_counting_into_an_unknown_year_raises():
    with pytest.raises(CalendarYearUnknown):
        add_workdays(D("2026-12-30"), 5)
    with pytest.raises(CalendarYearUnknown):
        workdays_between(D("2026-12-30"), D("2027-01-08"))


def test_provisional_uses_weekends_and_fixed_holidays_and_says_so():
    assert not is_workday(D("2027-01-01"), provisional=True)  # 元旦, a Friday
    assert not is_workday(D("2027-10-01"), provisional=True)  # 国庆, a Friday
    assert not is_workday(D("2027-05-02"), provisional=True)  # 劳动节, a Sunday anyway
    assert not is_workday(D("2027-01-02"), provisional=True)  # Saturday
    assert is_workday(D("2027-01-04"), provisional=True)  # Monday
    # After Thu 2026-12-31: 01-01 (元旦) and the weekend are skipped.
    assert add_workdays(D("2026-12-31"), 1, provisional=True) == D("2027-01-04")
    assert is_provisional(D("2027-01-04"))
    assert is_provisional(D("2026-06-01"), D("2027-01-04"))
    assert not is_provisional(D("2026-06-01"))
    assert year_source(2027) is None
    assert year_source(2026) == "package"


# -- the admin's table ----------------------------------------------------------------------------

def test_an_entered_year_extends_the_calendar():
    CalendarYear.objects.create(year=2027, notice="国办发明电〔2026〕X号")
    CalendarDay.objects.create(date=D("2027-02-08"), is_workday=False, name="春节")  # a Monday
    CalendarDay.objects.create(date=D("2027-02-20"), is_workday=True, name="春节调休")  # a Saturday
    assert year_source(2027) == "table"
    assert not is_provisional(D("2027-02-08"))
    assert not is_workday(D("2027-02-08"))
    assert is_workday(D("2027-02-20"))
    assert is_workday(D("2027-02-09"))  # a Tuesday not in the table: the weekday rule
    assert not is_workday(D("2027-02-21"))  # a Sunday not in the table
    # After Fri 02-05: Mon 08 is off, so 09 is the first, and Sat 20 counts.
    assert add_workdays(D("2027-02-05"), 1) == D("2027-02-09")
    assert workdays_between(D("2027-02-19"), D("2027-02-22")) == 2  # Sat 20 (make-up) and Mon 22


def test_an_entered_year_overrides_the_package_day_by_day():
    CalendarYear.objects.create(year=2026)
    CalendarDay.objects.create(date=D("2026-03-02"), is_workday=False, name="临时放假")  # a Monday
    CalendarDay.objects.create(date=D("2026-02-14"), is_workday=False, name="取消调休")  # a make-up Saturday
    assert year_source(2026) == "table"
    assert not is_workday(D("2026-03-02"))
    assert not is_workday(D("2026-02-14"))


def test_entering_a_known_year_keeps_the_days_the_table_does_not_mention():
    # An admin who enters 2026 to correct one day must not turn the Spring Festival into working days.
    CalendarYear.objects.create(year=2026)
    CalendarDay.objects.create(date=D("2026-03-02"), is_workday=False, name="临时放假")
    assert not is_workday(D("2026-02-16"))  # 春节, a Monday
    assert is_workday(D("2026-02-28"))  # make-up Saturday
    assert not is_workday(D("2026-10-01"))  # 国庆
    assert is_workday(D("2026-10-10"))  # make-up Saturday


def test_the_cache_is_cleared_when_the_table_changes():
    assert is_workday(D("2027-02-08"), provisional=True)  # cached: 2027 not entered
    assert is_provisional(D("2027-02-08"))
    year = CalendarYear.objects.create(year=2027)
    assert not is_provisional(D("2027-02-08"))
    day = CalendarDay.objects.create(date=D("2027-02-08"), is_workday=False, name="春节")
    assert not is_workday(D("2027-02-08"))
    day.is_workday = True
    day.save()
    assert is_workday(D("2027-02-08"))
    day.delete()
    CalendarDay.objects.create(date=D("2027-02-09"), is_workday=False, name="春节")
    assert not is_workday(D("2027-02-09"))
    CalendarDay.objects.get(date=D("2027-02-09")).delete()
    year.delete()
    assert is_provisional(D("2027-02-08"))
    with pytest.raises(CalendarYearUnknown):
        is_workday(D("2027-02-08"))


def test_the_table_is_read_once_while_cached(django_assert_num_queries):
    CalendarYear.objects.create(year=2027)
    with django_assert_num_queries(2):  # the year, then its days
        for day in range(1, 29):
            is_workday(dt.date(2027, 2, day))
    assert workdays._table_cache[2027][1] == {}
