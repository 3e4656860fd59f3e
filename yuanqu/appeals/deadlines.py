"""Committed deadlines: a number of working days, a date, or "最迟本月底", through the one calendar."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from yuanqu.common import workdays

from .choices import DeadlineKind

MSG_WORKDAYS = "请填写1至120个工作日。"
MSG_DATE_REQUIRED = "请选择承诺办结日期。"
MSG_DATE_PAST = "承诺办结日期不能早于今天({today})。"
MSG_KIND = "请选择期限方式。"


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    kind: str
    note: str  # as shown beside the date: "10个工作日", "最迟本月底", ""
    provisional: bool
    start: dt.date | None = None  # the day the commitment was made
    workdays: int | None = None  # the count, for a deadline in working days


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def commit(kind: str, *, today: dt.date, workdays_n: int | None = None, date: dt.date | None = None) -> Deadline:
    """The committed deadline as of today; a Chinese ValidationError on bad input."""
    if kind == DeadlineKind.WORKDAYS:
        if not workdays_n or not 1 <= workdays_n <= 120:
            raise ValidationError({"deadline_workdays": MSG_WORKDAYS}, code="workdays")
        due = workdays.add_workdays(today, workdays_n, provisional=True)
        return Deadline(due, kind, f"{workdays_n}个工作日", workdays.is_provisional(today, due), today, workdays_n)
    if kind == DeadlineKind.DATE:
        if date is None:
            raise ValidationError({"deadline_date": MSG_DATE_REQUIRED}, code="date_required")
        if date < today:
            raise ValidationError({"deadline_date": MSG_DATE_PAST.format(today=today)}, code="date_past")
        return Deadline(date, kind, "", workdays.is_provisional(today, date), today)
    if kind == DeadlineKind.MONTH_END:
        due = month_end(today)
        return Deadline(due, kind, "最迟本月底", workdays.is_provisional(today, due), today)
    raise ValidationError({"deadline_kind": MSG_KIND}, code="kind")


def in_workdays(today: dt.date, n: int) -> Deadline:
    """n working days from today (the default deadline, and a reopened appeal's)."""
    return commit(DeadlineKind.WORKDAYS, today=today, workdays_n=n)


def redo(*, date: dt.date, kind: str, start: dt.date | None, workdays_n: int | None) -> tuple[dt.date, bool]:
    """A stored deadline worked out again through the calendar as it now stands (the same arithmetic
    as when it was committed): (date, provisional). Only a count of working days can move; a date
    or a month end stays and only loses its 暂定 once its year is published."""
    if kind == DeadlineKind.WORKDAYS and start is not None and workdays_n:
        date = workdays.add_workdays(start, workdays_n, provisional=True)
    return date, workdays.is_provisional(*[d for d in (start, date) if d is not None])
