"""How a milestone's light is judged: pure computation, no database writes.

Open milestone (planned date, no actual date):
  red    when today is past the planned date;
  yellow when the planned date falls within the zone's `yellow_within` working days from today
         (today itself included);
  green  otherwise.
Reached milestone: green, and marked late when it was reached after its planned date.
Milestone without a planned date: no light (nothing to force).
A project's light is its worst milestone's (red > yellow > green; ties go to the earliest planned).

Working days come from the one calendar with provisional=True: a light that needs a year whose
holiday schedule is not published yet is marked provisional (暂定) wherever it is shown.
"""

import datetime as dt
from dataclasses import dataclass

from yuanqu.common import workdays

from .choices import SEVERITY, Level, Light


@dataclass(frozen=True)
class Thresholds:
    yellow_within: int
    supervise_after: int
    notify_after: int

    @classmethod
    def of(cls, settings) -> "Thresholds":
        return cls(settings.yellow_within, settings.supervise_after, settings.notify_after)


@dataclass(frozen=True)
class MilestoneLight:
    light: str | None
    planned: dt.date | None
    actual: dt.date | None
    overdue: int = 0  # working days past the planned date (open and red only)
    due_in: int | None = None  # working days left to the planned date (yellow only)
    late: bool = False  # reached after the planned date
    provisional: bool = False

    @property
    def label(self) -> str:
        return Light(self.light).label if self.light else "未设计划"


class Judge:
    """Judges milestones as of one day with one zone's thresholds; the calendar work that every
    milestone shares (where the yellow window ends) is done once."""

    def __init__(self, today: dt.date, thresholds: Thresholds):
        self.today = today
        self.thresholds = thresholds
        self.yellow_until = workdays.add_workdays(today, thresholds.yellow_within, provisional=True)
        self.window_provisional = workdays.is_provisional(today, self.yellow_until)

    def milestone(self, planned: dt.date | None, actual: dt.date | None, *, counts: bool = True) -> MilestoneLight:
        """The light; with counts=False the working days overdue or left are not counted (the
        stored lights need only the colour, and counting is what costs)."""
        if planned is None:
            return MilestoneLight(None, planned, actual)
        if actual is not None:
            return MilestoneLight(Light.GREEN, planned, actual, late=actual > planned)
        if planned < self.today:
            overdue = workdays.workdays_between(planned, self.today, provisional=True) if counts else 0
            return MilestoneLight(Light.RED, planned, actual, overdue=overdue,
                                  provisional=workdays.is_provisional(planned, self.today))
        if planned <= self.yellow_until:
            due_in = workdays.workdays_between(self.today, planned, provisional=True) if counts else None
            return MilestoneLight(Light.YELLOW, planned, actual, due_in=due_in, provisional=self.window_provisional)
        return MilestoneLight(Light.GREEN, planned, actual, provisional=self.window_provisional)

    def levels_due(self, overdue: int) -> list[str]:
        """The ladder's steps an open red milestone has reached after `overdue` working days:
        提醒 at once, 督办 after `supervise_after`, 通报 after `notify_after` more."""
        t = self.thresholds
        levels = [Level.REMIND]
        if overdue >= t.supervise_after:
            levels.append(Level.SUPERVISE)
        if overdue >= t.supervise_after + t.notify_after:
            levels.append(Level.NOTIFY)
        return levels


def worse(a: MilestoneLight | None, b: MilestoneLight) -> bool:
    """Whether b is a worse light than a (the project's light is its worst milestone's)."""
    if b.light is None:
        return False
    if a is None or a.light is None:
        return True
    if SEVERITY[b.light] != SEVERITY[a.light]:
        return SEVERITY[b.light] > SEVERITY[a.light]
    return b.planned < a.planned


def worst(lights) -> MilestoneLight | None:
    out = None
    for light in lights:
        if worse(out, light):
            out = light
    return out
