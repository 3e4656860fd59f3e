"""Deadlines committed while their year's schedule was unpublished (暂定) are worked out again by
`yuanqu tick` once the year is entered: a count of working days moves (logged, the assignment with
it), a date only loses its 暂定, a deadline whose ladder has begun keeps the date it missed, and a
second run changes nothing."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from yuanqu.appeals import services
from yuanqu.appeals.escalation import appeals_escalate
from yuanqu.appeals import escalation
from yuanqu.appeals.models import Appeal, AppealEscalation, AppealSupervision
from yuanqu.common import workdays
from yuanqu.common.clock import frozen
from yuanqu.holidays.models import CalendarDay, CalendarYear
from yuanqu.inbox.models import InboxMessage
from yuanqu.supervision.tick_registry import run_ticks, steps

D = dt.date
ASSIGNED = D(2031, 3, 3)  # a Monday in a year whose schedule nobody has entered
PROVISIONAL_DUE = D(2031, 3, 10)  # 5 working days, weekends only
HOLIDAY = D(2031, 3, 5)  # the made-up notice below makes this Wednesday a holiday
NOTHING = {"appeals_moved": 0, "appeals_confirmed": 0, "appeal_responses_moved": 0}


def counts(moved=0, confirmed=0, responses=0):
    return {"appeals_moved": moved, "appeals_confirmed": confirmed, "appeal_responses_moved": responses}


@pytest.fixture(autouse=True)
def _fresh_workday_cache():
    workdays.clear_cache()
    yield
    workdays.clear_cache()


def enter_2031():
    CalendarYear.objects.create(year=2031)
    CalendarDay.objects.create(date=HOLIDAY, is_workday=False)
    workdays.clear_cache()


@pytest.fixture
def running(make_appeal):
    with frozen(ASSIGNED):
        appeal = make_appeal("handling")
    assert (appeal.deadline, appeal.deadline_provisional) == (PROVISIONAL_DUE, True)
    assert (appeal.deadline_from, appeal.deadline_workdays) == (ASSIGNED, 5)
    return appeal


def test_a_count_of_working_days_moves_once_the_year_is_entered(world, running):
    assert services.appeals_recompute_provisional() == NOTHING  # nothing new is known yet
    version = Appeal.objects.get(pk=running.pk).version
    enter_2031()
    assert services.appeals_recompute_provisional() == counts(moved=1)
    appeal = Appeal.objects.get(pk=running.pk)
    assert (appeal.deadline, appeal.deadline_provisional, appeal.version) == (D(2031, 3, 11), False, version + 1)
    assert appeal.assignments.get(current=True).deadline == D(2031, 3, 11)
    log = appeal.transitions.order_by("-pk").first()
    assert (log.action, log.action_label, log.actor) == ("recalendar", "期限按放假安排重算", None)
    assert log.note == "2031-03-10 → 2031-03-11(5个工作日)"
    assert services.appeals_recompute_provisional() == NOTHING
    # The handlers and the enterprise are told the new date.
    told = InboxMessage.objects.filter(title__startswith="诉求办结期限调整").values_list("recipient__username", flat=True)
    assert {world["dept_a"].username, world["enterprise_a"].username} <= set(told)
    assert "调整为2031年03月11日" in InboxMessage.objects.filter(title__startswith="诉求办结期限调整").first().body


def test_a_date_stays_and_only_loses_its_provisional_mark(world, make_appeal):
    with frozen(ASSIGNED):
        appeal = make_appeal("handling", deadline_kind="date", deadline_date=D(2031, 3, 20))
    assert appeal.deadline_provisional and appeal.deadline_workdays is None
    enter_2031()
    assert services.appeals_recompute_provisional() == counts(confirmed=1)
    appeal.refresh_from_db()
    assert (appeal.deadline, appeal.deadline_provisional) == (D(2031, 3, 20), False)
    assert not appeal.transitions.filter(action="recalendar").exists()


def test_a_deadline_whose_ladder_has_begun_keeps_the_date_it_missed(world, running):
    with frozen(D(2031, 3, 11)):
        assert appeals_escalate()["remind"] == 1
    enter_2031()
    assert services.appeals_recompute_provisional() == counts(confirmed=1)
    running.refresh_from_db()
    assert (running.deadline, running.deadline_provisional) == (PROVISIONAL_DUE, False)
    with frozen(D(2031, 3, 12)):
        assert appeals_escalate()["remind"] == 0  # announced once, not again under a moved date


def test_an_answered_appeal_keeps_its_date(world, make_appeal):
    with frozen(ASSIGNED):
        appeal = make_appeal("answered")
    enter_2031()
    assert services.appeals_recompute_provisional() == counts(confirmed=1)
    appeal.refresh_from_db()
    assert (appeal.deadline, appeal.deadline_provisional) == (PROVISIONAL_DUE, False)


def test_a_reopened_appeal_counts_from_the_day_it_was_reopened(world, make_appeal):
    with frozen(ASSIGNED):
        appeal = make_appeal("answered")
    with frozen(D(2031, 3, 4)):
        appeal = services.appeal_rate(actor=world["enterprise_a"], appeal=appeal, level=1, comment="路线仍未调整")
    assert appeal.deadline_from == D(2031, 3, 4) and appeal.deadline_provisional
    n = appeal.deadline_workdays
    enter_2031()
    services.appeals_recompute_provisional()
    appeal.refresh_from_db()
    assert appeal.deadline == workdays.add_workdays(D(2031, 3, 4), n) and not appeal.deadline_provisional


def test_a_return_clears_what_the_deadline_was_worked_out_from(world, make_appeal):
    with frozen(ASSIGNED):
        appeal = make_appeal("returned")
    assert (appeal.deadline, appeal.deadline_from, appeal.deadline_workdays, appeal.deadline_provisional) == (
        None, None, None, False)


def test_the_tick_redoes_deadlines_before_it_climbs_the_ladder(world, running):
    names = [s.name for s in steps()]
    assert names.index("appeals_calendar") < names.index("appeals_overdue")
    enter_2031()
    with frozen(D(2031, 3, 11)):  # overdue under the provisional date, due today under the real one
        results = {step.name: counts for step, counts in run_ticks(today=D(2031, 3, 11))}
    assert results["appeals_calendar"] == counts(moved=1)
    assert results["appeals_overdue"]["remind"] == 0


def test_the_migration_fills_in_existing_provisional_deadlines(world, running, make_appeal):
    with frozen(ASSIGNED):
        dated = make_appeal("handling", deadline_kind="date", deadline_date=D(2031, 3, 20))
    Appeal.objects.filter(pk__in=[running.pk, dated.pk]).update(deadline_from=None, deadline_workdays=None)
    migration = importlib.import_module("yuanqu.appeals.migrations.0005_appeal_deadline_from")
    migration.fill_in(apps, None)
    assert Appeal.objects.values_list("deadline_from", "deadline_workdays").get(pk=running.pk) == (ASSIGNED, 5)
    assert Appeal.objects.values_list("deadline_from", "deadline_workdays").get(pk=dated.pk) == (ASSIGNED, None)


def test_a_response_window_is_redone_and_the_scores_read_it(world, make_appeal):
    with frozen(D(2031, 3, 4)):  # routed on Tuesday: one working day to respond, Wednesday 5 March
        appeal = make_appeal("assigned")
    assignment = appeal.assignments.get()
    assert (assignment.respond_by, assignment.respond_workdays, assignment.respond_provisional) == (HOLIDAY, 1, True)
    enter_2031()
    assert services.appeals_recompute_provisional() == counts(moved=1, responses=1)
    assignment.refresh_from_db()
    assert (assignment.respond_by, assignment.respond_provisional) == (D(2031, 3, 6), False)
    assert services.appeals_recompute_provisional() == NOTHING


def test_a_ladder_step_is_not_taken_on_a_deadline_moved_since_the_list_was_read(world, running, monkeypatch):
    people = escalation._people

    def moved_meanwhile(appeal, level, cache):
        # A concurrent recompute moves the deadline between the tick's read and its lock.
        Appeal.objects.filter(pk=appeal.pk).update(deadline=D(2031, 3, 11))
        return people(appeal, level, cache)

    monkeypatch.setattr(escalation, "_people", moved_meanwhile)
    with frozen(D(2031, 3, 11)):
        assert appeals_escalate()["remind"] == 0
    assert not AppealEscalation.objects.filter(appeal=running).exists()


def test_the_migration_takes_a_reopened_deadline_from_the_reopening_and_a_supervised_one_from_the_supervision(
        world, make_appeal):
    with frozen(ASSIGNED):
        reopened = make_appeal("answered")
        supervised = make_appeal("handling", title="园区道路照明不足")
    with frozen(D(2031, 3, 4)):
        services.appeal_rate(actor=world["enterprise_a"], appeal=reopened, level=2, comment="路线仍未调整")
        services.appeal_supervise(actor=world["leader_a"], appeal=supervised, note="抓紧办理", deadline=D(2031, 3, 24))
    with frozen(D(2031, 3, 7)):  # answered again and rated 满意: the latest rating is not the reopening one
        services.appeal_act(actor=world["dept_a"], appeal=reopened, action="answer", note="已调整驾考路线。")
        services.appeal_rate(actor=world["enterprise_a"], appeal=reopened, level=5, comment="感谢")
    supervision = AppealSupervision.objects.get(appeal=supervised)
    AppealSupervision.objects.filter(pk=supervision.pk).update(date=D(2031, 3, 5))  # tell the two starts apart
    Appeal.objects.update(deadline_from=None, deadline_workdays=None)
    migration = importlib.import_module("yuanqu.appeals.migrations.0005_appeal_deadline_from")
    migration.fill_in(apps, None)
    reopened.refresh_from_db()
    supervised.refresh_from_db()
    assert reopened.deadline_note.startswith("重新办理") and reopened.deadline_from == D(2031, 3, 4)
    assert reopened.deadline_workdays is not None
    assert (supervised.deadline_note, supervised.deadline_from, supervised.deadline_workdays) == (
        "督办期限", D(2031, 3, 5), None)
