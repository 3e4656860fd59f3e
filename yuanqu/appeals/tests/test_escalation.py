"""Lights of appeals from the committed deadline, and the ladder 提醒 → 督办 → 通报 climbed by
`yuanqu tick`: each step once per deadline however often the tick runs; a new deadline climbs a new
ladder; an answered appeal stops climbing."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from yuanqu.appeals import escalation, services
from yuanqu.appeals.escalation import Judges, appeal_light, appeals_escalate
from yuanqu.appeals.models import AppealEscalation
from yuanqu.common.clock import frozen
from yuanqu.inbox.models import InboxMessage
from yuanqu.supervision.choices import Level, Light
from yuanqu.supervision.models import LightSettings
from yuanqu.supervision.tick_registry import run_ticks
from yuanqu.testing.factories import DepartmentFactory

D = dt.date
DEADLINE = D(2021, 5, 20)  # make_appeal: 5 working days from Thursday 13 May
REMIND_DAY = D(2021, 5, 21)  # 1 working day overdue
SUPERVISE_DAY = D(2021, 5, 25)  # 3 working days overdue
NOTIFY_DAY = D(2021, 6, 8)  # 13 working days overdue (3 + 10)
ZEROS = {"remind": 0, "supervise": 0, "notify": 0, "messages": 0}


def kinds(user) -> list[str]:
    return list(InboxMessage.objects.filter(recipient=user).exclude(kind=InboxMessage.Kind.OTHER)
                .order_by("id").values_list("kind", flat=True))


def ladder(appeal) -> list[tuple]:
    return list(AppealEscalation.objects.filter(appeal=appeal).order_by("id")
                .values_list("deadline", "level", "date", "overdue_workdays", "recipients"))


def overdue_counts(today) -> dict:
    """The counts of the appeals' overdue step of a whole `yuanqu tick` run as of today."""
    return {step.name: counts for step, counts in run_ticks(today=today)}["appeals_overdue"]


@pytest.fixture
def handling(make_appeal):
    return make_appeal("handling")


# -- lights -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("day, light", [
    (D(2021, 5, 12), Light.GREEN),  # the deadline is 6 working days away
    (D(2021, 5, 13), Light.YELLOW),  # within 5 working days
    (DEADLINE, Light.YELLOW),  # the day itself
    (REMIND_DAY, Light.RED),
])
def test_a_running_appeals_light_comes_from_its_committed_deadline(handling, day, light):
    assert appeal_light(handling, day).light == light
    assert Judges([handling.zone_id], day).light(handling).light == light


def test_a_red_light_counts_the_working_days_overdue(handling):
    assert appeal_light(handling, SUPERVISE_DAY).overdue == 3


def test_an_assigned_appeal_not_yet_accepted_has_a_light_too(make_appeal):
    assert appeal_light(make_appeal("assigned"), REMIND_DAY).light == Light.RED


@pytest.mark.parametrize("state", ["submitted", "returned", "answered", "closed"])
def test_an_appeal_whose_deadline_does_not_run_has_no_light(make_appeal, state):
    assert appeal_light(make_appeal(state), REMIND_DAY) is None


def test_the_zones_yellow_window_applies(world, handling):
    LightSettings.objects.create(zone=world.zone_a, yellow_within=2)
    assert appeal_light(handling, D(2021, 5, 13)).light == Light.GREEN
    assert appeal_light(handling, D(2021, 5, 18)).light == Light.YELLOW


# -- the ladder -------------------------------------------------------------------------------------

def test_an_appeal_not_yet_past_its_deadline_does_not_escalate(handling):
    assert appeals_escalate(DEADLINE) == ZEROS
    assert not AppealEscalation.objects.exists()


def test_the_ladder_climbs_once_per_step_to_the_right_people(world, handling):
    dept, leader, city = world["dept_a"], world["leader_a"], world["city"]
    assert overdue_counts(REMIND_DAY) == {"remind": 1, "supervise": 0, "notify": 0, "messages": 1}
    assert kinds(dept) == ["remind"] and kinds(leader) == []
    assert overdue_counts(D(2021, 5, 24)) == ZEROS  # 2 working days: still only the reminder
    assert overdue_counts(SUPERVISE_DAY) == {"remind": 0, "supervise": 1, "notify": 0, "messages": 2}
    assert kinds(dept) == ["remind", "supervise"] and kinds(leader) == ["supervise"] and kinds(city) == []
    assert overdue_counts(D(2021, 6, 7)) == ZEROS  # 12 working days
    assert overdue_counts(NOTIFY_DAY) == {"remind": 0, "supervise": 0, "notify": 1, "messages": 3}
    assert kinds(dept) == ["remind", "supervise", "notify"]
    assert kinds(leader) == ["supervise", "notify"] and kinds(city) == ["notify"]
    assert kinds(world["leader_b"]) == [] and kinds(world["dept_b"]) == [] and kinds(world["enterprise_a"]) == []
    assert ladder(handling) == [
        (DEADLINE, Level.REMIND, REMIND_DAY, 1, 1),
        (DEADLINE, Level.SUPERVISE, SUPERVISE_DAY, 3, 2),
        (DEADLINE, Level.NOTIFY, NOTIFY_DAY, 13, 3),
    ]


def test_the_messages_name_the_deadline_and_the_days_overdue(world, handling):
    appeals_escalate(SUPERVISE_DAY)
    message = InboxMessage.objects.get(recipient=world["leader_a"], kind=Level.SUPERVISE)
    assert message.title == f"【督办】诉求逾期3个工作日:{handling.title}"
    assert "承诺2021年05月20日前办结,已逾期3个工作日" in message.body and "甲建设局" in message.body
    assert message.url == f"/appeals/{handling.pk}/"


@pytest.mark.parametrize("day", [REMIND_DAY, SUPERVISE_DAY, NOTIFY_DAY])
def test_a_second_tick_on_the_same_day_changes_nothing(world, handling, day):
    first = overdue_counts(day)
    assert first["messages"] > 0
    rows, messages = AppealEscalation.objects.count(), InboxMessage.objects.count()
    assert overdue_counts(day) == ZEROS
    assert (AppealEscalation.objects.count(), InboxMessage.objects.count()) == (rows, messages)


def test_a_tick_after_a_long_pause_takes_every_step_reached_once(world, handling):
    assert overdue_counts(NOTIFY_DAY) == {"remind": 1, "supervise": 1, "notify": 1, "messages": 6}
    assert overdue_counts(D(2021, 7, 1)) == ZEROS
    assert [level for _, level, *_ in ladder(handling)] == [Level.REMIND, Level.SUPERVISE, Level.NOTIFY]


def test_a_step_taken_by_a_concurrent_tick_is_not_taken_again(world, handling, monkeypatch):
    appeals_escalate(REMIND_DAY)

    class Blind:
        """The other tick read the ladder before our row was there."""

        class objects:
            filter = staticmethod(lambda **kw: AppealEscalation.objects.none())
            create = staticmethod(AppealEscalation.objects.create)

    monkeypatch.setattr(escalation, "AppealEscalation", Blind)
    assert appeals_escalate(REMIND_DAY) == ZEROS
    assert AppealEscalation.objects.count() == 1
    assert kinds(world["dept_a"]) == ["remind"]


def test_an_answered_appeal_stops_escalating(world, handling):
    appeals_escalate(REMIND_DAY)
    with frozen(D(2021, 5, 24)):
        services.appeal_act(actor=world["dept_a"], appeal=handling, action="answer", note="已调整")
    assert overdue_counts(NOTIFY_DAY) == ZEROS
    assert [level for _, level, *_ in ladder(handling)] == [Level.REMIND]
    assert kinds(world["leader_a"]) == []


def test_a_new_deadline_from_a_supervision_climbs_a_new_ladder(world, handling):
    appeals_escalate(SUPERVISE_DAY)
    with frozen(SUPERVISE_DAY):
        services.appeal_supervise(actor=world["leader_a"], appeal=handling, note="限期办结", deadline=D(2021, 5, 27))
    handling.refresh_from_db()
    assert appeal_light(handling, SUPERVISE_DAY).light == Light.YELLOW
    assert overdue_counts(D(2021, 5, 27)) == ZEROS
    assert overdue_counts(D(2021, 5, 28)) == {"remind": 1, "supervise": 0, "notify": 0, "messages": 1}
    assert [(deadline, level) for deadline, level, *_ in ladder(handling)] == [
        (DEADLINE, Level.REMIND), (DEADLINE, Level.SUPERVISE), (D(2021, 5, 27), Level.REMIND)]
    assert kinds(world["dept_a"]) == ["remind", "supervise", "manual", "remind"]


def test_a_reopened_appeal_climbs_a_new_ladder_from_its_new_deadline(world, handling):
    appeals_escalate(REMIND_DAY)
    with frozen(REMIND_DAY):
        appeal = services.appeal_act(actor=world["dept_a"], appeal=handling, action="answer", note="已调整")
        services.appeal_rate(actor=world["enterprise_a"], appeal=appeal, level=1, comment="没有调整")
    handling.refresh_from_db()
    assert handling.deadline == D(2021, 5, 28)  # 5 working days from 21 May
    assert overdue_counts(D(2021, 5, 28)) == ZEROS
    assert overdue_counts(D(2021, 5, 31))["remind"] == 1
    assert [(deadline, level) for deadline, level, *_ in ladder(handling)] == [
        (DEADLINE, Level.REMIND), (D(2021, 5, 28), Level.REMIND)]


def test_without_users_in_the_lead_department_the_reminder_goes_to_the_zones_leaders(world, make_appeal):
    empty = DepartmentFactory(zone=world.zone_a, name="甲商务局")
    make_appeal("assigned", lead=empty)
    appeals_escalate(REMIND_DAY)
    assert kinds(world["leader_a"]) == ["remind"]


def test_a_zones_thresholds_change_its_ladder(world, handling):
    LightSettings.objects.create(zone=world.zone_a, supervise_after=1, notify_after=1)
    counts = appeals_escalate(D(2021, 5, 24))  # 2 working days overdue: past 1, and past 1 + 1
    assert (counts["remind"], counts["supervise"], counts["notify"]) == (1, 1, 1)


def test_the_ladder_counts_working_days_across_a_holiday(world, make_appeal):
    # Assigned Tuesday 27 April with 2 working days: due Thursday 29 April; 1–5 May are the holiday.
    with frozen(D(2021, 4, 27)):
        appeal = make_appeal("handling", deadline_workdays=2)
    assert appeal.deadline == D(2021, 4, 29)
    appeals_escalate(D(2021, 5, 5))  # only 30 April worked: 1 working day
    appeals_escalate(D(2021, 5, 6))  # 2
    assert [level for _, level, *_ in ladder(appeal)] == [Level.REMIND]
    appeals_escalate(D(2021, 5, 7))  # 3
    assert [(level, days) for _, level, _, days, _ in ladder(appeal)] == [(Level.REMIND, 1), (Level.SUPERVISE, 3)]


# -- the management command -------------------------------------------------------------------------

def tick(*args) -> str:
    out = io.StringIO()
    call_command("tick", *args, stdout=out)
    return out.getvalue()


def test_yuanqu_tick_runs_the_appeals_steps_once_per_step(world, handling, answered_elsewhere):
    with frozen(SUPERVISE_DAY):
        first = tick("--only", "appeals_overdue", "--only", "appeals_auto_rate")
        second = tick("--only", "appeals_overdue", "--only", "appeals_auto_rate")
    assert "诉求逾期升级(提醒 → 督办 → 通报):提醒1、督办1、发送消息3" in first
    assert "诉求默认评价:" in first and "诉求默认评价:无变化" not in first
    assert "没有任何变化" in second
    assert [level for _, level, *_ in ladder(handling)] == [Level.REMIND, Level.SUPERVISE]
    answered_elsewhere.refresh_from_db()
    assert answered_elsewhere.rating_auto is True


@pytest.fixture
def answered_elsewhere(world, make_appeal):
    """Another appeal of enterprise A answered on 13 May: unrated for 5 working days by 20 May."""
    return make_appeal("answered", title="员工子女入学咨询")
