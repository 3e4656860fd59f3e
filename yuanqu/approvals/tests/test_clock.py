"""An item's working-day clock across the 2021 Spring Festival (2月11日–17日 off; Sunday 2月7日 and
Saturday 2月20日 worked instead) and across 补正 pauses: the day of acceptance does not count, the day
of the return does, the paused days and the day of resumption do not, and the deadline shifts by
exactly the working days paused. Years without a published schedule are marked provisional."""

import datetime as dt

import pytest

from yuanqu.approvals import clock, services
from yuanqu.approvals.lights import item_light
from yuanqu.approvals.models import CaseItem
from yuanqu.approvals.tests.fixtures import catalogue, item
from yuanqu.common import workdays
from yuanqu.common.clock import frozen
from yuanqu.supervision.choices import Light
from yuanqu.supervision.lights import Judge
from yuanqu.supervision.selectors import DEFAULT_THRESHOLDS

# The calendar reads the admin's holiday table (a query once its cache expires): every test may use it.
pytestmark = pytest.mark.django_db
D = dt.date
ITEM = "大型群众性活动安全许可"  # promised in 5 working days, no prerequisites


def bare(promised=5) -> CaseItem:
    return CaseItem(promised_days=promised, statutory_days=promised)


def test_the_calendar_of_the_2021_spring_festival():
    assert workdays.is_workday(D(2021, 2, 7)) and workdays.is_workday(D(2021, 2, 20))  # make-up days
    assert not any(workdays.is_workday(D(2021, 2, d)) for d in range(11, 18))


def test_five_working_days_from_the_friday_before_the_festival_end_on_the_18th():
    ci = bare()
    clock.start(ci, D(2021, 2, 5))
    assert ci.due_on == D(2021, 2, 18) and not ci.provisional
    # 2月7日 (Sunday, worked) is day 1; 8, 9, 10 are 2–4; the festival counts nothing; 18日 is day 5.
    assert [clock.used(ci, D(2021, 2, d)) for d in (5, 6, 7, 10, 11, 17, 18, 19, 20, 21, 22)] == [
        0, 0, 1, 4, 4, 4, 5, 6, 7, 7, 8]
    assert clock.remaining(ci, D(2021, 2, 20)) == -2


def test_the_same_through_the_services(world):
    with frozen(D(2021, 2, 26)):
        case = services.case_open(actor=world["leader_a"], zone=world.zone_a, title="春节前报批", kind="event",
                                  enterprise=world.enterprise_a, agent=world["agent_a"], opened_on=D(2021, 2, 1),
                                  items=catalogue(ITEM))
        ci = item(case, ITEM)
        services.item_act(actor=world["agent_a"], case_item=ci, action="prepare", on=D(2021, 2, 4))
        ci = services.item_act(actor=world["agent_a"], case_item=ci, action="accept", on=D(2021, 2, 5))
        assert (ci.accepted_on, ci.due_on, ci.provisional) == (D(2021, 2, 5), D(2021, 2, 18), False)
        case.refresh_from_db()
        assert case.next_due == D(2021, 2, 18)
        ci = services.item_act(actor=world["agent_a"], case_item=ci, action="grant", on=D(2021, 2, 20))
        assert (ci.used_workdays, ci.due_on, ci.done_on) == (7, None, D(2021, 2, 20))


def test_a_correction_pause_stops_the_clock_and_shifts_the_deadline_exactly():
    ci = bare()
    clock.start(ci, D(2021, 3, 1))  # Monday
    assert ci.due_on == D(2021, 3, 8)
    clock.pause(ci, D(2021, 3, 3))  # the day of the return counts: 2 and 3 March
    assert (ci.used_workdays, ci.due_on, ci.running_since, ci.paused_on, ci.pauses) == (2, None, None, D(2021, 3, 3), 1)
    assert clock.used(ci, D(2021, 3, 9)) == 2  # nothing counts while paused
    clock.resume(ci, D(2021, 3, 10))  # 4, 5, 8, 9 and 10 March paused; 10 March (resumed) not on the clock
    assert ci.paused_workdays == 5
    assert ci.due_on == D(2021, 3, 15) == workdays.add_workdays(D(2021, 3, 8), 5)
    assert clock.used(ci, D(2021, 3, 10)) == 2 and clock.used(ci, D(2021, 3, 11)) == 3
    clock.pause(ci, D(2021, 3, 11))  # a second return
    clock.resume(ci, D(2021, 3, 12))
    assert (ci.used_workdays, ci.paused_workdays, ci.pauses) == (3, 6, 2)
    assert ci.due_on == D(2021, 3, 16) == workdays.add_workdays(D(2021, 3, 8), 6)
    clock.stop(ci, D(2021, 3, 16))
    assert (ci.used_workdays, ci.due_on, ci.running_since) == (5, None, None)
    assert clock.remaining(ci, D(2021, 4, 30)) == 0  # stopped: no longer counting


def test_two_pauses_through_the_services(world):
    with frozen(D(2021, 3, 31)):
        case = services.case_open(actor=world["leader_a"], zone=world.zone_a, title="三月报批", kind="event",
                                  enterprise=world.enterprise_a, agent=world["agent_a"], opened_on=D(2021, 3, 1),
                                  items=catalogue(ITEM), departments={catalogue(ITEM)[0].pk: world.dept_a})
        ci = item(case, ITEM)
        agent, dept = world["agent_a"], world["dept_a"]
        services.item_act(actor=agent, case_item=ci, action="prepare", on=D(2021, 3, 1))
        services.item_act(actor=dept, case_item=ci, action="accept", on=D(2021, 3, 1))
        ci = services.item_act(actor=dept, case_item=ci, action="correct", on=D(2021, 3, 3), note="补充安保方案")
        case.refresh_from_db()
        assert ci.due_on is None and case.next_due is None and case.items_correcting == 1
        assert item_light(ci, today=D(2021, 3, 30)) is None  # no light while paused
        ci = services.item_act(actor=agent, case_item=ci, action="resubmit", on=D(2021, 3, 10))
        assert (ci.used_workdays, ci.paused_workdays, ci.due_on) == (2, 5, D(2021, 3, 15))
        services.item_act(actor=dept, case_item=ci, action="correct", on=D(2021, 3, 11), note="补充场地图")
        ci = services.item_act(actor=agent, case_item=ci, action="resubmit", on=D(2021, 3, 12))
        assert (ci.used_workdays, ci.paused_workdays, ci.pauses, ci.due_on) == (3, 6, 2, D(2021, 3, 16))
        case.refresh_from_db()
        assert case.next_due == D(2021, 3, 16)


def test_a_pause_across_the_spring_festival():
    ci = bare()
    clock.start(ci, D(2021, 2, 1))
    clock.pause(ci, D(2021, 2, 3))
    clock.resume(ci, D(2021, 2, 19))
    # Paused: 4, 5, 7 (Sunday, worked), 8, 9, 10, 18, 19 February; the festival is no working day.
    assert (ci.used_workdays, ci.paused_workdays) == (2, 8)
    assert ci.due_on == D(2021, 2, 23)  # 20 (Saturday, worked), 22, 23


def test_an_item_past_its_limit_when_resumed_is_due_in_the_past_and_red():
    ci = bare()
    ci.state = "reviewing"
    clock.start(ci, D(2021, 3, 1))
    clock.pause(ci, D(2021, 3, 10))  # 7 working days used of 5
    assert ci.used_workdays == 7
    clock.resume(ci, D(2021, 3, 15))
    assert ci.due_on == D(2021, 3, 11)  # 2 working days before the day it resumed: the pause not counted
    assert clock.remaining(ci, D(2021, 3, 15)) == -2
    light = item_light(ci, Judge(D(2021, 3, 15), DEFAULT_THRESHOLDS))
    assert light.light == Light.RED and light.overdue == 2


def test_a_year_with_no_published_schedule_is_provisional():
    ci = bare()
    clock.start(ci, D(2031, 3, 3))  # Monday; only weekends and the fixed-date holidays are known
    assert ci.provisional and ci.due_on == D(2031, 3, 10)
    crossing = bare(10)
    clock.start(crossing, D(2026, 12, 21))  # runs into 2027, which has no schedule yet
    assert crossing.provisional and crossing.due_on.year == 2027
    known = bare(10)
    clock.start(known, D(2021, 12, 20))
    assert not known.provisional
    committed = bare()
    clock.followup(committed, D(2031, 3, 3), 20)
    assert committed.provisional and committed.followup_due == D(2031, 3, 31)
