"""The one working-day calendar.

Official schedule (holidays and make-up working days) from `chinesecalendar`, which knows
2004–2026, overridden or extended by the table an admin maintains (holidays.CalendarYear/Day)
for years the package does not know yet. For a year neither knows, the strict functions raise
CalendarYearUnknown with a message saying so; callers that must show something anyway pass
provisional=True and get a result from weekends and the fixed-date statutory holidays, which they
mark as provisional (see is_provisional).
"""

import datetime as dt
import functools
import threading
import time

import chinese_calendar

ONE_DAY = dt.timedelta(days=1)

# Statutory holidays on fixed solar dates (国务院《全国年节及纪念日放假办法》, 2025 revision).
# The lunar ones (春节, 清明, 端午, 中秋) and the swapped days cannot be known before the notice.
FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)}

_PACKAGE_YEARS = range(2004, 2027)
_cache_lock = threading.Lock()
_table_cache: dict[int, tuple[float, dict[dt.date, bool] | None]] = {}
_CACHE_SECONDS = 60


class CalendarYearUnknown(Exception):
    """No official schedule for the year: neither chinesecalendar nor the admin table has it."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"{year}年的法定节假日和调休安排尚未录入:请系统管理员在“工作日历”中录入国务院办公厅的放假通知,"
            f"在此之前按周末和固定日期节日临时推算的结果均标为“暂定”。"
        )


def clear_cache() -> None:
    with _cache_lock:
        _table_cache.clear()


def _table_year(year: int) -> dict[dt.date, bool] | None:
    """The admin-maintained exceptions for a year ({date: is_workday}), or None if not entered."""
    now = time.monotonic()
    with _cache_lock:
        hit = _table_cache.get(year)
        if hit and now - hit[0] < _CACHE_SECONDS:
            return hit[1]
    from yuanqu.holidays.models import CalendarDay, CalendarYear

    if CalendarYear.objects.filter(year=year).exists():
        days = dict(
            CalendarDay.objects.filter(date__year=year).values_list("date", "is_workday")
        )
    else:
        days = None
    with _cache_lock:
        _table_cache[year] = (now, days)
    return days


def year_source(year: int) -> str | None:
    """'table' (an admin entered it), 'package' (chinesecalendar knows it) or None."""
    if _table_year(year) is not None:
        return "table"
    if year in _PACKAGE_YEARS:
        return "package"
    return None


def is_provisional(*days: dt.date) -> bool:
    """True when any of these days falls in a year with no official schedule yet."""
    return any(year_source(d.year) is None for d in days)


@functools.lru_cache(maxsize=None)
def _package_workday(day: dt.date) -> bool:
    # chinesecalendar validates each date against its whole table (min/max over it, ~25 µs a call);
    # its schedule never changes within a process, and its years hold fewer than 9,000 days.
    return chinese_calendar.is_workday(day)


def _provisional_workday(day: dt.date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS


def is_workday(day: dt.date, *, provisional: bool = False) -> bool:
    table = _table_year(day.year)
    if table is not None and day in table:
        return table[day]
    # A table entry overrides one day; the rest of a year the package knows keeps its official schedule.
    if day.year in _PACKAGE_YEARS:
        return _package_workday(day)
    if table is not None:
        return day.weekday() < 5
    if provisional:
        return _provisional_workday(day)
    raise CalendarYearUnknown(day.year)


def add_workdays(start: dt.date, count: int, *, provisional: bool = False) -> dt.date:
    """The `count`-th working day after `start` (before it for a negative count); 0 gives `start`."""
    step = ONE_DAY if count >= 0 else -ONE_DAY
    day = start
    remaining = abs(count)
    while remaining:
        day += step
        if is_workday(day, provisional=provisional):
            remaining -= 1
    return day


def workdays_between(start: dt.date, end: dt.date, *, provisional: bool = False) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier).

    So a project signed on a Monday and started on the next Monday took 5 working days.
    """
    if end < start:
        return -workdays_between(end, start, provisional=provisional)
    count = 0
    day = start + ONE_DAY
    while day <= end:
        if is_workday(day, provisional=provisional):
            count += 1
        day += ONE_DAY
    return count


def next_workday(day: dt.date, *, provisional: bool = False) -> dt.date:
    """`day` itself if it is a working day, else the first working day after it."""
    while not is_workday(day, provisional=provisional):
        day += ONE_DAY
    return day


class SpanCounter:
    """workdays_between(provisional=True) for many spans (a report over thousands of projects): each
    year's working days are counted once into a running total, so every span after that is a
    subtraction. One per request: the admin's table is read as it was when a year was first counted."""

    def __init__(self):
        self._prefix: dict[int, list[int]] = {}
        self._start: dict[int, int] = {}  # year → the ordinal of the day before its 1 January
        self._known: dict[int, bool] = {}

    def _year(self, year: int) -> list[int]:
        prefix = self._prefix.get(year)
        if prefix is None:
            prefix, day = [0], dt.date(year, 1, 1)
            while day.year == year:  # prefix[n]: working days among the year's first n days
                prefix.append(prefix[-1] + is_workday(day, provisional=True))
                day += ONE_DAY
            self._prefix[year] = prefix
            self._start[year] = dt.date(year, 1, 1).toordinal() - 1
        return prefix

    def _upto(self, day: dt.date) -> int:
        """Working days from 1 January up to and including `day`."""
        prefix = self._year(day.year)
        return prefix[day.toordinal() - self._start[day.year]]

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
        if end < start:
            return -self.between(end, start)
        if start.year == end.year:
            return self._upto(end) - self._upto(start)
        total = self._year(start.year)[-1] - self._upto(start)
        for year in range(start.year + 1, end.year):
            total += self._year(year)[-1]
        return total + self._upto(end)

    def provisional(self, *days: dt.date) -> bool:
        """Whether a span touches a year with no official holiday schedule yet (暂定)."""
        for day in days:
            if day.year not in self._known:
                self._known[day.year] = year_source(day.year) is not None
            if not self._known[day.year]:
                return True
        return False

    def span(self, start: dt.date | None, end: dt.date | None) -> tuple[int | None, bool]:
        if start is None or end is None:
            return None, False
        return self.between(start, end), self.provisional(start, end)
