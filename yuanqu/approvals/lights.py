"""Lights of approval items and cases, by the same rules as projects' milestones and appeals
(yuanqu.supervision.lights): red past the deadline, yellow within the zone's `yellow_within` working
days of it, green otherwise.

An item's deadline is its clock's (`due_on`, while accepted or under review) or, once granted on
commitment, its follow-up check's (`followup_due`, until checked). An item paused for 补正 has no
light (its clock is stopped); nor has one not yet accepted, granted or refused. A case's light is
its nearest deadline's (`next_due`, kept by the services), so a board judges one date per row.
"""

import datetime as dt

from yuanqu.supervision.lights import Judge, MilestoneLight
from yuanqu.supervision.selectors import ZoneJudges as Judges
from yuanqu.supervision.selectors import thresholds_for

from .choices import RUNNING_STATES

__all__ = ["Judges", "item_deadline", "item_light", "case_light"]


def item_deadline(case_item) -> tuple[dt.date | None, bool]:
    """(the deadline that forces the item now, whether it is a commitment follow-up check)."""
    if case_item.state in RUNNING_STATES and case_item.due_on:
        return case_item.due_on, False
    if case_item.followup_open and case_item.followup_due:
        return case_item.followup_due, True
    return None, False


def item_light(case_item, judge: Judge | None = None, *, zone_id: int | None = None,
               today: dt.date | None = None) -> MilestoneLight | None:
    deadline, _ = item_deadline(case_item)
    if deadline is None:
        return None
    if judge is None:
        from yuanqu.common import clock

        judge = Judge(today or clock.today(), thresholds_for(zone_id if zone_id is not None else case_item.case.zone_id))
    return judge.milestone(deadline, None)


def case_light(case, judge: Judge) -> MilestoneLight | None:
    """The case's light from its nearest deadline (none when nothing is on the clock)."""
    if case.next_due is None:
        return None
    return judge.milestone(case.next_due, None, counts=False)
