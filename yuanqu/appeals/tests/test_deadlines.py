"""Committed deadlines through the one calendar: working days across the 2021 May Day holiday and its
make-up days, a date (never in the past), 最迟本月底, and years whose schedule is not published yet."""

import datetime as dt

import chinese_calendar
import pytest
from django.core.exceptions import ValidationError

from yuanqu.appeals import deadlines
from yuanqu.appeals.choices import DeadlineKind
from yuanqu.common import workdays
from yuanqu.holidays.models import CalendarDay, CalendarYear

D = dt.date
BEFORE_MAY_DAY = D(2021, 4, 29)  # a Thursday; 1–5 May 2021 are the holiday


@pytest.fixture(autouse=True)
def _fresh_workday_cache():
    # The admin's table is cached for the process: a rolled-back year must not leak between tests.
    workdays.clear_cache()
    yield
    workdays.clear_cache()


def test_the_2021_may_day_schedule_is_the_one_the_calendar_knows():
    assert [chinese_calendar.is_workday(D(2021, 5, d)) for d in range(1, 6)] == [False] * 5
    assert chinese_calendar.is_workday(D(2021, 4, 25))  # a Sunday, worked
    assert chinese_calendar.is_workday(D(2021, 5, 8))  # a Saturday, worked
    assert not chinese_calendar.is_workday(D(2021, 5, 9))


@pytest.mark.parametrize("n, due", [
    (1, D(2021, 4, 30)),
    (2, D(2021, 5, 6)),  # the holiday does not count
    (4, D(2021, 5, 8)),  # the make-up Saturday does
    (5, D(2021, 5, 10)),
    (10, D(2021, 5, 17)),
])
def test_working_days_skip_the_may_day_holiday_and_count_its_make_up_saturday(db, n, due):
    deadline = deadlines.commit(DeadlineKind.WORKDAYS, today=BEFORE_MAY_DAY, workdays_n=n)
    assert deadline == deadlines.Deadline(due, DeadlineKind.WORKDAYS, f"{n}个工作日", False, BEFORE_MAY_DAY, n)


def test_a_make_up_sunday_is_a_working_day(db):
    # Friday 23 April 2021: the next working day is Sunday 25 April.
    assert deadlines.in_workdays(D(2021, 4, 23), 1).date == D(2021, 4, 25)
    assert deadlines.in_workdays(D(2021, 4, 23), 2).date == D(2021, 4, 26)


def test_the_default_deadline_is_working_days_from_today(db):
    assert deadlines.in_workdays(D(2021, 5, 13), 10) == deadlines.commit(
        DeadlineKind.WORKDAYS, today=D(2021, 5, 13), workdays_n=10)


@pytest.mark.parametrize("n", [0, -1, 121, None])
def test_working_days_outside_1_to_120_are_refused(db, n):
    with pytest.raises(ValidationError) as exc:
        deadlines.commit(DeadlineKind.WORKDAYS, today=BEFORE_MAY_DAY, workdays_n=n)
    assert exc.value.message_dict == {"deadline_workdays": [deadlines.MSG_WORKDAYS]}


def test_120_working_days_are_accepted(db):
    assert deadlines.commit(DeadlineKind.WORKDAYS, today=BEFORE_MAY_DAY, workdays_n=120).date > D(2021, 10, 1)


@pytest.mark.parametrize("date", [D(2021, 5, 13), D(2021, 5, 15), D(2021, 12, 31)])
def test_a_date_today_or_later_is_committed_as_given(db, date):
    deadline = deadlines.commit(DeadlineKind.DATE, today=D(2021, 5, 13), date=date)
    assert deadline == deadlines.Deadline(date, DeadlineKind.DATE, "", False, D(2021, 5, 13), None)


def test_a_date_in_the_past_is_refused_naming_today(db):
    with pytest.raises(ValidationError) as exc:
        deadlines.commit(DeadlineKind.DATE, today=D(2021, 5, 13), date=D(2021, 5, 12))
    assert exc.value.message_dict == {"deadline_date": [deadlines.MSG_DATE_PAST.format(today=D(2021, 5, 13))]}
    assert "2021-05-13" in exc.value.messages[0]


def test_a_date_is_required_for_a_date_deadline(db):
    with pytest.raises(ValidationError) as exc:
        deadlines.commit(DeadlineKind.DATE, today=D(2021, 5, 13))
    assert exc.value.message_dict == {"deadline_date": [deadlines.MSG_DATE_REQUIRED]}


@pytest.mark.parametrize("today, due", [
    (D(2021, 5, 13), D(2021, 5, 31)),
    (D(2021, 5, 31), D(2021, 5, 31)),
    (D(2021, 2, 10), D(2021, 2, 28)),
    (D(2024, 2, 5), D(2024, 2, 29)),
    (D(2021, 12, 1), D(2021, 12, 31)),
])
def test_month_end_is_the_last_day_of_this_month(db, today, due):
    assert deadlines.month_end(today) == due
    assert deadlines.commit(DeadlineKind.MONTH_END, today=today) == deadlines.Deadline(
        due, DeadlineKind.MONTH_END, "最迟本月底", False, today, None)


@pytest.mark.parametrize("kind", ["", "weeks", None])
def test_an_unknown_kind_is_refused(db, kind):
    with pytest.raises(ValidationError) as exc:
        deadlines.commit(kind, today=D(2021, 5, 13), workdays_n=5)
    assert exc.value.message_dict == {"deadline_kind": [deadlines.MSG_KIND]}


# -- years the calendar does not know yet -----------------------------------------------------------

def test_working_days_into_an_unpublished_year_are_flagged_provisional(db):
    assert workdays.year_source(2027) is None
    # Thursday 24 Dec 2026 + 6: 25, 28, 29, 30, 31 Dec, then 1 Jan 2027 (元旦, fixed) is skipped.
    deadline = deadlines.commit(DeadlineKind.WORKDAYS, today=D(2026, 12, 24), workdays_n=6)
    assert (deadline.date, deadline.provisional) == (D(2027, 1, 4), True)


def test_a_deadline_within_a_known_year_is_not_provisional(db):
    assert not deadlines.commit(DeadlineKind.WORKDAYS, today=D(2026, 12, 24), workdays_n=5).provisional
    assert not deadlines.commit(DeadlineKind.MONTH_END, today=D(2026, 12, 24)).provisional


def test_a_date_or_month_end_in_an_unpublished_year_is_provisional(db):
    assert deadlines.commit(DeadlineKind.DATE, today=D(2026, 12, 24), date=D(2027, 3, 1)).provisional
    assert deadlines.commit(DeadlineKind.MONTH_END, today=D(2027, 1, 5)).provisional


def test_once_the_admin_enters_the_year_the_deadline_is_no_longer_provisional(db):
    CalendarYear.objects.create(year=2027, notice="国办发明电〔2026〕X号")
    workdays.clear_cache()
    deadline = deadlines.commit(DeadlineKind.DATE, today=D(2026, 12, 24), date=D(2027, 3, 1))
    assert deadline.provisional is False


def test_redone_through_the_calendar_as_it_now_stands(db):
    # Before the year is known: 5 working days from Monday 3 March 2031, weekends only.
    assert deadlines.redo(date=D(2031, 3, 10), kind=DeadlineKind.WORKDAYS, start=D(2031, 3, 3), workdays_n=5) == (
        D(2031, 3, 10), True)
    CalendarYear.objects.create(year=2031)
    CalendarDay.objects.create(date=D(2031, 3, 5), is_workday=False)
    workdays.clear_cache()
    assert deadlines.redo(date=D(2031, 3, 10), kind=DeadlineKind.WORKDAYS, start=D(2031, 3, 3), workdays_n=5) == (
        D(2031, 3, 11), False)
    # A date or a month end never moves; without its count a working-day deadline cannot either.
    assert deadlines.redo(date=D(2031, 3, 10), kind=DeadlineKind.DATE, start=D(2031, 3, 3), workdays_n=None) == (
        D(2031, 3, 10), False)
    assert deadlines.redo(date=D(2031, 3, 10), kind=DeadlineKind.WORKDAYS, start=None, workdays_n=None) == (
        D(2031, 3, 10), False)
