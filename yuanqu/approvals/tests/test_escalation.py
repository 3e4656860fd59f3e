"""The ladder of overdue approval items climbed by `yuanqu tick`: 提醒 at once, 督办 after the zone's
supervise_after working days, 通报 after notify_after more; each step once per deadline; a paused
item (补正) never climbs; a commitment grant climbs when its follow-up check is overdue."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yuanqu.approvals import escalation, services
from yuanqu.approvals.escalation import approvals_escalate
from yuanqu.approvals.models import ApprovalEscalation
from yuanqu.approvals.tests.fixtures import case_a, item
from yuanqu.common import workdays
from yuanqu.common.clock import frozen
from yuanqu.inbox.models import InboxMessage
from yuanqu.supervision.choices import Level
from yuanqu.supervision.models import LightSettings
from yuanqu.supervision.tick_registry import run_ticks, steps

pytestmark = pytest.mark.django_db
D = dt.date
DEADLINE = D(2021, 3, 29)  # 环评审批 accepted on Monday 8 March with 15 working days
REMIND_DAY = D(2021, 3, 30)  # 1 working day overdue
SUPERVISE_DAY = D(2021, 4, 1)  # 3 working days overdue (the default supervise_after)
NOTIFY_DAY = D(2021, 4, 16)  # 13 working days overdue (3 + 10; 清明 4月5日 is no working day)
ZEROS = {"remind": 0, "supervise": 0, "notify": 0, "messages": 0}


@pytest.fixture(autouse=True)
def _today():
    with frozen(D(2021, 6, 1)):  # plans and clocks are counted up to today: keep it near the cases
        yield


def kinds(user) -> list[str]:
    return list(InboxMessage.objects.filter(recipient=user, kind__in=Level.values).order_by("id")
                .values_list("kind", flat=True))


def ladder(case_item) -> list[tuple]:
    return list(ApprovalEscalation.objects.filter(case_item=case_item).order_by("id")
                .values_list("deadline", "followup", "level", "date", "overdue_workdays", "recipients"))


def tick(day) -> dict:
    return dict((s.name, c) for s, c in run_ticks(today=day, only=["approvals_overdue"]))["approvals_overdue"]


def test_the_ladder_climbs_over_working_days_to_the_right_people(world):
    case = case_a(world)
    eia = item(case, "环评审批")
    assert eia.due_on == DEADLINE
    agent, dept, leader, city = world["agent_a"], world["dept_a"], world["leader_a"], world["city"]
    assert tick(DEADLINE) == ZEROS  # due today: not yet overdue
    assert tick(REMIND_DAY) == {"remind": 1, "supervise": 0, "notify": 0, "messages": 2}
    assert kinds(agent) == ["remind"] and kinds(dept) == ["remind"] and kinds(leader) == []
    assert tick(D(2021, 3, 31)) == ZEROS  # 2 working days: still only the reminder
    assert tick(SUPERVISE_DAY) == {"remind": 0, "supervise": 1, "notify": 0, "messages": 3}
    assert kinds(leader) == ["supervise"] and kinds(dept) == ["remind", "supervise"] and kinds(city) == []
    assert tick(D(2021, 4, 15)) == ZEROS  # 12 working days
    assert tick(NOTIFY_DAY) == {"remind": 0, "supervise": 0, "notify": 1, "messages": 4}
    assert kinds(agent) == ["remind", "supervise", "notify"] and kinds(leader) == ["supervise", "notify"]
    assert kinds(city) == ["notify"]
    for other in ("leader_b", "dept_b", "enterprise_a", "investor_a", "liaison_a"):
        assert kinds(world[other]) == [], other
    assert ladder(eia) == [
        (DEADLINE, False, Level.REMIND, REMIND_DAY, 1, 2),
        (DEADLINE, False, Level.SUPERVISE, SUPERVISE_DAY, 3, 3),
        (DEADLINE, False, Level.NOTIFY, NOTIFY_DAY, 13, 4),
    ]
    assert tick(D(2021, 5, 31)) == ZEROS  # the top of the ladder: nothing more


def test_the_messages_name_the_enterprise_case_item_deadline_and_days(world):
    case = case_a(world)
    approvals_escalate(SUPERVISE_DAY)
    message = InboxMessage.objects.get(recipient=world["leader_a"], kind=Level.SUPERVISE)
    assert message.title == "【督办】审批事项逾期3个工作日:环评审批(甲液晶显示屏项目审批)"
    assert message.body.startswith("湖南甲科技有限公司的办件“甲液晶显示屏项目审批”中的“环评审批”应于2021年3月29日前办结")
    assert "已逾期3个工作日" in message.body and "承办部门:甲建设局" in message.body and "代办员:agent_a" in message.body
    assert message.url == f"/approvals/{case.pk}/"
    remind = InboxMessage.objects.get(recipient=world["dept_a"], kind=Level.REMIND)
    assert remind.title == "【提醒】审批事项逾期:环评审批(甲液晶显示屏项目审批)"


def test_a_late_first_tick_takes_every_step_reached_at_once_and_a_second_tick_nothing(world):
    case = case_a(world)
    eia = item(case, "环评审批")
    assert approvals_escalate(NOTIFY_DAY) == {"remind": 1, "supervise": 1, "notify": 1, "messages": 9}
    rows, messages = ApprovalEscalation.objects.count(), InboxMessage.objects.count()
    assert approvals_escalate(NOTIFY_DAY) == ZEROS
    assert approvals_escalate(D(2021, 4, 20)) == ZEROS
    # A concurrent run that read the ladder before this one wrote it loses on the unique row, sends nothing.
    eia = escalation.overdue_items(NOTIFY_DAY).get(pk=eia.pk)
    assert escalation._take_step(eia, Level.SUPERVISE, DEADLINE, False, 13, NOTIFY_DAY,
                                 escalation._Recipients()) is None
    assert (ApprovalEscalation.objects.count(), InboxMessage.objects.count()) == (rows, messages)


def test_the_zones_thresholds_apply(world):
    case_a(world)
    LightSettings.objects.create(zone=world.zone_a, supervise_after=1, notify_after=1)
    assert approvals_escalate(REMIND_DAY) == {"remind": 1, "supervise": 1, "notify": 0, "messages": 5}
    assert approvals_escalate(D(2021, 3, 31)) == {"remind": 0, "supervise": 0, "notify": 1, "messages": 4}


def test_a_paused_item_never_escalates_and_a_resumed_one_climbs_a_new_ladder(world):
    case = case_a(world)
    eia = item(case, "环评审批")
    services.item_act(actor=world["dept_a"], case_item=eia, action="correct", on=D(2021, 3, 10), note="补充监测数据")
    assert approvals_escalate(D(2021, 4, 30)) == ZEROS  # weeks past the old deadline, but the clock is stopped
    eia = services.item_act(actor=world["agent_a"], case_item=item(case, "环评审批"), action="resubmit",
                            on=D(2021, 4, 30))
    new_due = eia.due_on
    assert new_due == workdays.add_workdays(D(2021, 4, 30), 13)  # 2 of 15 used before the pause
    assert approvals_escalate(new_due) == ZEROS
    after = workdays.add_workdays(new_due, 1)
    assert approvals_escalate(after) == {"remind": 1, "supervise": 0, "notify": 0, "messages": 2}
    assert ladder(eia) == [(new_due, False, Level.REMIND, after, 1, 2)]


def test_a_commitment_grant_escalates_when_its_followup_check_is_overdue(world):
    case = case_a(world)
    energy = item(case, "节能审查")  # no department: the agent handles it
    services.item_act(actor=world["agent_a"], case_item=energy, action="prepare", on=D(2021, 3, 9))
    energy = services.item_act(actor=world["agent_a"], case_item=item(case, "节能审查"), action="commit",
                               on=D(2021, 3, 10))
    due = energy.followup_due
    assert due == workdays.add_workdays(D(2021, 3, 10), 20)
    day = workdays.add_workdays(due, 3)
    counts = approvals_escalate(day)
    assert counts["remind"] == 2 and counts["supervise"] == 2  # 环评审批 is overdue too
    assert ladder(energy) == [(due, True, Level.REMIND, day, 3, 1), (due, True, Level.SUPERVISE, day, 3, 2)]
    message = InboxMessage.objects.filter(recipient=world["leader_a"], title__contains="节能审查").get()
    assert "按告知承诺制先行办结,承诺核查应于" in message.body and "尚未核查" in message.body
    # Checked: its ladder stops.
    services.item_act(actor=world["agent_a"], case_item=item(case, "节能审查"), action="verify", on=day)
    assert not escalation.overdue_items(workdays.add_workdays(day, 20)).filter(pk=energy.pk).exists()


def test_with_neither_agent_nor_department_the_leaders_are_reminded(world):
    case = case_a(world)
    services.case_update(actor=world["leader_a"], case=case, data={"agent": None})
    energy = item(case, "节能审查")
    services.item_act(actor=world["leader_a"], case_item=energy, action="prepare", on=D(2021, 3, 9))
    energy = services.item_act(actor=world["leader_a"], case_item=item(case, "节能审查"), action="accept",
                               on=D(2021, 3, 9))
    assert energy.due_on == D(2021, 3, 23)
    InboxMessage.objects.all().delete()
    assert approvals_escalate(D(2021, 3, 24)) == {"remind": 1, "supervise": 0, "notify": 0, "messages": 1}
    assert kinds(world["leader_a"]) == ["remind"] and kinds(world["agent_a"]) == []


def test_recipients_are_looked_up_once_per_department_and_zone(world):
    case = case_a(world)
    for name in ("用地预审与选址意见", "节能审查"):
        services.case_item_update(actor=world["leader_a"], case_item=item(case, name), department=world.dept_a)
        services.item_act(actor=world["agent_a"], case_item=item(case, name), action="prepare", on=D(2021, 3, 8))
        services.item_act(actor=world["dept_a"], case_item=item(case, name), action="accept", on=D(2021, 3, 8))
    with CaptureQueriesContext(connection) as queries:
        counts = approvals_escalate(D(2021, 5, 31))
    assert counts == {"remind": 3, "supervise": 3, "notify": 3, "messages": 27}
    lookups = [q for q in queries.captured_queries if "accounts_roleassignment" in q["sql"]]
    # The department's staff, the zone's leaders, the city, and whether the case's agent still holds
    # the role: once each.
    assert len(lookups) == 4


def test_yuanqu_tick_runs_the_step(world):
    case_a(world)
    step = next(s for s in steps() if s.name == "approvals_overdue")
    assert step.order == 60 and step.label == "审批事项逾期升级(提醒 → 督办 → 通报)"
    out = io.StringIO()
    with frozen(REMIND_DAY):
        call_command("tick", "--only", "approvals_overdue", stdout=out)
        assert "审批事项逾期升级(提醒 → 督办 → 通报):提醒1、发送消息2" in out.getvalue()
        out = io.StringIO()
        call_command("tick", stdout=out)
    assert "审批事项逾期升级(提醒 → 督办 → 通报):无变化" in out.getvalue()
