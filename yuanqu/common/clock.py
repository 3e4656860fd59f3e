"""The one clock: every "today" and "now" in Yuanqu comes from here.

Production reads the real clock. The demo lives on a fixed day (settings.YUANQU_FROZEN_TODAY,
2021-05-14 for the Xiangtan demo) so its lights and "this month" read as the newspaper page does;
tests freeze it with `frozen(...)`.
"""

import contextlib
import datetime as dt
from contextvars import ContextVar

from django.conf import settings
from django.utils import timezone

_override: ContextVar[dt.datetime | None] = ContextVar("yuanqu_clock_override", default=None)


def now() -> dt.datetime:
    forced = _override.get()
    if forced is not None:
        return forced
    frozen = getattr(settings, "YUANQU_FROZEN_TODAY", "")
    if frozen:
        real = timezone.localtime()
        day = dt.date.fromisoformat(frozen)
        return real.replace(year=day.year, month=day.month, day=day.day)
    return timezone.now()


def today() -> dt.date:
    return timezone.localtime(now()).date()


@contextlib.contextmanager
def frozen(moment: dt.datetime | dt.date | str):
    """Pretend it is `moment` (a date means 09:00 local that day)."""
    if isinstance(moment, str):
        moment = dt.date.fromisoformat(moment)
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(9, 0))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    token = _override.set(moment)
    try:
        yield moment
    finally:
        _override.reset(token)
