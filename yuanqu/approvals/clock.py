"""An item's working-day clock: pure arithmetic on a CaseItem's fields, no database.

The clock starts on acceptance (受理): the day of acceptance does not count, the next working day is
day 1, and the item is due on the `promised_days`-th working day after it (one calendar, so the
Spring Festival and its make-up working days count as the State Council's notice says). A return
for correction (补正) stops the clock: the working days up to and including the day of the return
are used; the days the enterprise spends on its materials are not counted; the clock resumes the day
after the materials come back, with what is left of the limit. Granting or refusing stops it for
good.
"""

import datetime as dt

from yuanqu.common import workdays

from .choices import ItemState


def start(item, on: dt.date) -> None:
    item.accepted_on = on
    item.used_workdays = 0
    item.paused_workdays = 0
    item.pauses = 0
    item.running_since = on
    _due(item)


def pause(item, on: dt.date) -> None:
    item.used_workdays = used(item, on)
    item.running_since = None
    item.due_on = None
    item.paused_on = on
    item.pauses += 1


def resume(item, on: dt.date) -> None:
    if item.paused_on is not None:
        item.paused_workdays += max(0, workdays.workdays_between(item.paused_on, on, provisional=True))
    item.paused_on = None
    item.running_since = on
    _due(item)


def stop(item, on: dt.date) -> None:
    item.used_workdays = used(item, on)
    item.running_since = None
    item.due_on = None
    item.paused_on = None


def used(item, today: dt.date) -> int:
    """Working days the item's clock has counted as of `today` (pauses excluded)."""
    if item.running_since is None:
        return item.used_workdays
    return item.used_workdays + max(0, workdays.workdays_between(item.running_since, today, provisional=True))


def remaining(item, today: dt.date) -> int:
    """Working days left of the promised limit (negative: overdue by that many)."""
    return item.promised_days - used(item, today)


def _due(item) -> None:
    # What is left of the limit counted from the day the run began (negative: already past due).
    left = item.promised_days - item.used_workdays
    item.due_on = workdays.add_workdays(item.running_since, left, provisional=True)
    item.provisional = workdays.is_provisional(item.running_since, item.due_on)


def followup(item, on: dt.date, days: int) -> None:
    """A commitment grant: the follow-up check is due `days` working days later."""
    item.followup_due = workdays.add_workdays(on, days, provisional=True)
    item.provisional = item.provisional or workdays.is_provisional(on, item.followup_due)


def recompute(item) -> bool:
    """Redo the item's stored deadlines from the calendar as it now stands (the same arithmetic as
    when they were set: a deadline resting on a year still unpublished comes out the same and stays
    暂定); True if anything changed."""
    before = (item.due_on, item.followup_due, item.provisional)
    provisional = False
    if item.running_since is not None and item.due_on is not None:
        _due(item)
        provisional = item.provisional
    if item.followup_due is not None and item.done_on is not None and item.on_commitment:
        item.followup_due = workdays.add_workdays(item.done_on, item.followup_days, provisional=True)
        provisional = provisional or workdays.is_provisional(item.done_on, item.followup_due)
    item.provisional = provisional
    return before != (item.due_on, item.followup_due, item.provisional)


def is_running(item) -> bool:
    return item.state in (ItemState.ACCEPTED, ItemState.REVIEWING)
