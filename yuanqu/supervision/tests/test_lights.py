"""A milestone's light from its planned date in working days, around the thresholds and holidays."""

import datetime as dt

import pytest

from yuanqu.supervision.choices import Level, Light
from yuanqu.supervision.lights import Judge, MilestoneLight, Thresholds, worst

D = dt.date
DEFAULT = Thresholds(yellow_within=5, supervise_after=3, notify_after=10)
FRIDAY = D(2021, 5, 14)  # the demo's today


def judge(today=FRIDAY, **kw):
    return Judge(today, Thresholds(**{**DEFAULT.__dict__, **kw}))


@pytest.mark.django_db
@pytest.mark.parametrize("planned, light", [
    (D(2021, 5, 13), Light.RED),  # yesterday
    (FRIDAY, Light.YELLOW),  # due today
    (D(2021, 5, 21), Light.YELLOW),  # the 5th working day from today
    (D(2021, 5, 22), Light.GREEN),  # a Saturday after the window: not within 5 working days
    (D(2021, 5, 24), Light.GREEN),
])
def test_open_milestone_light_around_the_yellow_threshold(planned, light):
    assert judge().milestone(planned, None).light == light


@pytest.mark.django_db
def test_yellow_window_follows_the_zone_threshold():
    assert judge(yellow_within=10).milestone(D(2021, 5, 24), None).light == Light.YELLOW
    assert judge(yellow_within=0).milestone(D(2021, 5, 17), None).light == Light.GREEN
    assert judge(yellow_within=0).milestone(FRIDAY, None).light == Light.YELLOW


@pytest.mark.django_db
def test_the_spring_festival_does_not_count_as_working_days():
    # 2021: 春节 11—17 February off; Sunday 7 and Saturday 20 February are make-up working days.
    monday = D(2021, 2, 8)
    j = judge(today=monday)
    assert j.yellow_until == D(2021, 2, 20)  # 9, 10, 18, 19 and the make-up Saturday 20
    assert j.milestone(D(2021, 2, 19), None).light == Light.YELLOW
    assert j.milestone(D(2021, 2, 19), None).due_in == 4
    assert j.milestone(D(2021, 2, 22), None).light == Light.GREEN
    # Overdue across the holiday: 10 February planned, 19 February today is 2 working days late.
    late = judge(today=D(2021, 2, 19)).milestone(D(2021, 2, 10), None)
    assert (late.light, late.overdue) == (Light.RED, 2)


@pytest.mark.django_db
def test_reached_milestones_are_green_and_late_ones_say_so():
    on_time = judge().milestone(D(2021, 3, 1), D(2021, 2, 26))
    late = judge().milestone(D(2021, 3, 1), D(2021, 3, 5))
    assert (on_time.light, on_time.late) == (Light.GREEN, False)
    assert (late.light, late.late) == (Light.GREEN, True)


@pytest.mark.django_db
def test_a_milestone_without_a_planned_date_has_no_light():
    assert judge().milestone(None, None).light is None
    assert judge().milestone(None, D(2021, 1, 4)).light is None


@pytest.mark.django_db
def test_a_year_with_no_published_schedule_is_provisional():
    today = D(2031, 5, 14)
    j = judge(today=today)
    assert j.milestone(D(2031, 5, 19), None).provisional
    assert j.milestone(D(2031, 5, 12), None).provisional
    assert not judge().milestone(D(2021, 5, 19), None).provisional


@pytest.mark.django_db
def test_ladder_levels_by_working_days_overdue():
    j = judge()
    assert j.levels_due(0) == [Level.REMIND]
    assert j.levels_due(2) == [Level.REMIND]
    assert j.levels_due(3) == [Level.REMIND, Level.SUPERVISE]
    assert j.levels_due(12) == [Level.REMIND, Level.SUPERVISE]
    assert j.levels_due(13) == [Level.REMIND, Level.SUPERVISE, Level.NOTIFY]


def test_a_projects_light_is_its_worst_milestones():
    green = MilestoneLight(Light.GREEN, D(2021, 1, 1), None)
    yellow = MilestoneLight(Light.YELLOW, D(2021, 5, 20), None)
    red_late = MilestoneLight(Light.RED, D(2021, 5, 1), None)
    red_early = MilestoneLight(Light.RED, D(2021, 4, 1), None)
    none = MilestoneLight(None, None, None)
    assert worst([green, yellow, none]) is yellow
    assert worst([green, red_late, yellow, red_early]) is red_early
    assert worst([none]) is None
    assert worst([]) is None
