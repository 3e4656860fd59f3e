"""`yuanqu tick`: lights refreshed, the ladder 提醒 → 督办 → 通报 climbed once per step, and a
second run in a row changes nothing."""

import datetime as dt

import pytest
from django.db import connection

from yuanqu.audit.models import AuditEntry
from yuanqu.common.clock import frozen
from yuanqu.inbox.models import InboxMessage
from yuanqu.projects.services import milestone_plan, project_advance
from yuanqu.projects.tests.conftest import ProjectFactory, add_milestone, at_stage
from yuanqu.supervision.choices import Level, Light
from yuanqu.supervision.models import Escalation, LightSettings, ProjectLight
from yuanqu.supervision.services import _Recipients, _take_step, escalations_run
from yuanqu.supervision.tick_registry import _steps, tick_step

D = dt.date
PLANNED = D(2021, 5, 13)  # a Thursday
REMIND_DAY = D(2021, 5, 14)  # 1 working day overdue
SUPERVISE_DAY = D(2021, 5, 18)  # 3 working days overdue
NOTIFY_DAY = D(2021, 6, 1)  # 13 working days overdue (3 + 10)


def snapshot():
    return {
        "lights": sorted(ProjectLight.objects.values_list("project_id", "light", "milestone_id", "planned", "provisional")),
        "escalations": Escalation.objects.count(),
        "messages": sorted(InboxMessage.objects.values_list("recipient_id", "dedupe_key", "read_at")),
        "audit": AuditEntry.objects.count(),
    }


def inbox(user):
    return list(InboxMessage.objects.filter(recipient=user).order_by("id"))


@pytest.fixture
def overdue(world, project_a):
    """Project A started, its completion planned for 13 May 2021 and not reached."""
    at_stage(project_a, "main_works")
    return add_milestone(project_a, "completed", planned=PLANNED)


def test_tick_twice_in_a_row_changes_nothing_the_second_time(world, project_a, overdue, tick):
    other = ProjectFactory(zone=world.zone_b)
    add_milestone(other, "started", planned=D(2021, 5, 18))
    with frozen(NOTIFY_DAY):
        first = tick()
        before = snapshot()
        second = tick()
    # Project A reaches 通报 (13 working days); zone B's project 督办 (9 working days).
    assert "提醒2、督办2、通报1" in first
    assert snapshot() == before
    assert "没有任何变化" in second
    assert before["escalations"] == 5


def test_a_project_past_a_planned_date_turns_red_and_its_liaison_is_reminded_once(world, project_a, overdue, tick):
    with frozen(D(2021, 5, 13)):
        tick()
    assert ProjectLight.objects.get(project=project_a).light == Light.YELLOW
    assert inbox(world["liaison_a"]) == []
    with frozen(REMIND_DAY):
        tick()
        tick()
    assert ProjectLight.objects.get(project=project_a).light == Light.RED
    [message] = inbox(world["liaison_a"])
    assert message.kind == Level.REMIND
    assert message.title == "【提醒】创普开业液晶显示屏生产线项目:竣工已逾期"
    assert "计划于2021年5月13日完成" in message.body and "已逾期1个工作日" in message.body
    assert message.url == f"/projects/{project_a.pk}/"
    # 提醒 goes to the liaison only: leaders hear at 督办.
    assert inbox(world["leader_a"]) == []


def test_the_ladder_climbs_once_per_step_to_the_right_people(world, project_a, overdue, tick):
    liaison, leader_a, leader_b, city = (world[n] for n in ["liaison_a", "leader_a", "leader_b", "city"])
    with frozen(REMIND_DAY):
        tick()
    with frozen(D(2021, 5, 17)):  # 2 working days: still only the reminder
        tick()
    assert [m.kind for m in inbox(liaison)] == ["remind"]
    with frozen(SUPERVISE_DAY):
        tick()
    assert [m.kind for m in inbox(liaison)] == ["remind", "supervise"]
    assert [m.kind for m in inbox(leader_a)] == ["supervise"]
    assert inbox(city) == [] and inbox(leader_b) == []
    with frozen(D(2021, 5, 31)):  # 12 working days
        tick()
    assert [m.kind for m in inbox(leader_a)] == ["supervise"]
    with frozen(NOTIFY_DAY):
        tick()
        tick()
    assert [m.kind for m in inbox(liaison)] == ["remind", "supervise", "notify"]
    assert [m.kind for m in inbox(leader_a)] == ["supervise", "notify"]
    assert [m.kind for m in inbox(city)] == ["notify"]
    assert inbox(leader_b) == [] and inbox(world["dept_a"]) == [] and inbox(world["enterprise_a"]) == []
    steps = list(Escalation.objects.order_by("id").values_list("level", "date", "overdue_workdays", "recipients"))
    assert steps == [("remind", REMIND_DAY, 1, 1), ("supervise", SUPERVISE_DAY, 3, 2), ("notify", NOTIFY_DAY, 13, 3)]


def test_a_tick_after_a_long_pause_takes_every_step_reached_once(world, project_a, overdue, tick):
    with frozen(NOTIFY_DAY):
        tick()
    assert sorted(Escalation.objects.values_list("level", flat=True)) == ["notify", "remind", "supervise"]
    assert len(inbox(world["liaison_a"])) == 3


def test_a_reached_milestone_stops_its_ladder(world, project_a, overdue, tick):
    with frozen(REMIND_DAY):
        tick()
    with frozen(D(2021, 5, 17)):
        project_advance(actor=world["leader_a"], project=project_a, action="complete", effective=D(2021, 5, 17))
    assert ProjectLight.objects.get(project=project_a).light == Light.GREEN  # at once, before any tick
    with frozen(NOTIFY_DAY):
        assert "没有任何变化" in tick()
    assert list(Escalation.objects.values_list("level", flat=True)) == ["remind"]
    assert inbox(world["leader_a"]) == []


def test_a_replanned_milestone_climbs_a_new_ladder_when_missed_again(world, project_a, overdue, tick):
    with frozen(REMIND_DAY):
        tick()
        milestone_plan(actor=world["leader_a"], project=project_a, kind="completed", planned=D(2021, 5, 20))
    assert ProjectLight.objects.get(project=project_a).light == Light.YELLOW
    with frozen(D(2021, 5, 21)):
        tick()
    assert [m.kind for m in inbox(world["liaison_a"])] == ["remind", "remind"]


def test_without_a_liaison_the_reminder_goes_to_the_zones_leaders(world, overdue, project_a, tick):
    project_a.liaison = None
    project_a.save()
    with frozen(REMIND_DAY):
        tick()
    assert [m.kind for m in inbox(world["leader_a"])] == ["remind"]


def test_a_step_taken_by_a_concurrent_tick_is_not_taken_again(world, project_a, overdue):
    recipients = _Recipients()
    overdue.refresh_from_db()
    with frozen(REMIND_DAY):
        assert _take_step(overdue, Level.REMIND, 1, REMIND_DAY, recipients) == 1
        # The other tick read the table before our row was there, and tries the same step.
        assert _take_step(overdue, Level.REMIND, 1, REMIND_DAY, recipients) is None
    assert Escalation.objects.count() == 1
    assert len(inbox(world["liaison_a"])) == 1
    assert connection.in_atomic_block  # the test's own transaction survived the refused insert


def test_a_zones_thresholds_change_its_ladder(world, project_a, overdue):
    LightSettings.objects.create(zone=world.zone_a, supervise_after=1, notify_after=1)
    with frozen(D(2021, 5, 17)):  # 2 working days overdue: past 1, and past 1 + 1
        counts = escalations_run()
    assert (counts["remind"], counts["supervise"], counts["notify"]) == (1, 1, 1)


def test_the_light_is_stored_when_a_milestone_is_saved(world, project_a):
    with frozen(REMIND_DAY):
        milestone_plan(actor=world["leader_a"], project=project_a, kind="signed", planned=D(2021, 5, 17))
    light = ProjectLight.objects.get(project=project_a)
    assert (light.light, light.planned) == (Light.YELLOW, D(2021, 5, 17))


def test_a_project_whose_planned_milestones_are_gone_loses_its_light(world, project_a, overdue, tick):
    with frozen(REMIND_DAY):
        tick()
        overdue.delete()
    assert not ProjectLight.objects.filter(project=project_a).exists()


def test_other_apps_add_their_own_steps(world, tick):
    calls = []

    @tick_step("test_step", label="测试步骤", order=99)
    def step(today):
        calls.append(today)
        return {"done": 0}

    try:
        with frozen(REMIND_DAY):
            out = tick()
            tick("--only", "test_step")
        assert calls == [REMIND_DAY, REMIND_DAY]
        assert "测试步骤:无变化" in out
    finally:
        _steps.pop("test_step")


def test_an_unknown_step_is_refused(world, tick):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="没有这一步"):
        tick("--only", "nope")
