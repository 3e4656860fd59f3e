"""Weekly reports and coordination items through their services: who may submit and act, what a report
records, every routing action and every illegal one refused with a message naming the state."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yuanqu.audit.models import AuditEntry
from yuanqu.common import routing
from yuanqu.common.clock import frozen
from yuanqu.projects import reporting
from yuanqu.projects.models import CoordinationItem, ProgressRecord, WeeklyReport
from yuanqu.testing.factories import DepartmentFactory, UserFactory, grant

from .conftest import D, add_progress

TODAY = D(2021, 5, 14)  # a Friday; its week begins on Monday 5月10日
WEEK = D(2021, 5, 10)


def report(world, project, actor="liaison_a", **over):
    data = {"week": WEEK, "done_this_week": "吊架搭设完成30跨", "planned_next_week": "顶升更换支座",
            "investment_in_period": Decimal("120.5"), "progress_percent": Decimal("63")}
    data.update(over)
    with frozen(TODAY):
        return reporting.report_submit(actor=world[actor] if isinstance(actor, str) else actor, project=project, **data)


def raise_item(world, project, actor="liaison_a", department="dept", **over):
    data = {"title": "施工期间夜间作业噪声协调", "deadline": D(2021, 5, 28),
            "owner_department": world.dept_a if department == "dept" else department}
    data.update(over)
    with frozen(TODAY):
        return reporting.coordination_raise(actor=world[actor], project=project, **data)


def act(world, item, action, actor, **kw):
    with frozen(TODAY):
        return reporting.coordination_act(actor=world[actor] if isinstance(actor, str) else actor, item=item,
                                          action=action, **kw)


# -- weeks ----------------------------------------------------------------------------------------

def test_a_week_is_named_by_its_iso_number_and_days():
    assert reporting.week_of(D(2021, 5, 16)) == WEEK
    assert reporting.week_label(WEEK) == "2021年第19周(5月10日—5月16日)"


def test_a_deadline_in_working_days_skips_the_labour_day_holiday(db):
    # 2021-04-30 + 3 working days: 5月1—5日 are holidays, 5月8日 (Saturday) is a make-up working day.
    assert reporting.deadline_in_workdays(3, D(2021, 4, 30)) == (D(2021, 5, 8), False)


# -- reports --------------------------------------------------------------------------------------

@pytest.mark.parametrize("actor", ["liaison_a", "leader_a"])
def test_a_report_records_progress_and_adds_the_investment_in_one_audited_transaction(world, project_a, actor):
    project_a.completed_investment = None
    project_a.save()
    r = report(world, project_a, actor)
    project_a.refresh_from_db()
    assert (r.week, r.author, r.submitted_on) == (WEEK, world[actor], TODAY)
    assert project_a.completed_investment == Decimal("120.5")  # None counted as 0
    record = ProgressRecord.objects.get(project=project_a)
    assert (record.date, record.percent) == (TODAY, 63)
    assert "第19周" in record.source
    assert AuditEntry.objects.get_for_object(r).get().actor == world[actor]
    assert AuditEntry.objects.get_for_object(project_a).latest("pk").actor == world[actor]


def test_investment_adds_to_what_was_completed_and_no_progress_means_no_record(world, project_a):
    project_a.completed_investment = Decimal("1000")
    project_a.save()
    report(world, project_a, progress_percent=None)
    project_a.refresh_from_db()
    assert project_a.completed_investment == Decimal("1120.5")
    assert not ProgressRecord.objects.exists()


def test_a_report_replaces_a_progress_record_of_the_same_day_rather_than_duplicating_it(world, project_a):
    add_progress(project_a, TODAY, 60)
    report(world, project_a)
    assert list(ProgressRecord.objects.values_list("date", "percent")) == [(TODAY, 63)]


@pytest.mark.parametrize("actor", ["leader_b", "dept_a", "agent_a", "investor_a", "city", "enterprise_a"])
def test_only_the_liaison_or_the_leader_may_report(world, project_a, actor):
    with pytest.raises(PermissionDenied, match=reporting.MSG_NO_REPORT_RIGHT):
        report(world, project_a, actor)
    assert not WeeklyReport.objects.exists()


def test_a_liaison_not_assigned_to_the_project_may_not_report(world, project_a):
    other = UserFactory(username="liaison_a2")
    grant(other, "liaison", zone=world.zone_a)
    with pytest.raises(PermissionDenied):
        report(world, project_a, other)


def test_a_second_report_for_the_week_is_refused_and_changes_nothing(world, project_a):
    report(world, project_a)
    project_a.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        report(world, project_a, week=D(2021, 5, 13), investment_in_period=Decimal("999"))
    assert exc.value.message_dict["week"] == [reporting.MSG_WEEK_DUPLICATE.format(
        week="2021年第19周(5月10日—5月16日)", day=TODAY)]
    assert WeeklyReport.objects.count() == 1
    assert project_a.completed_investment == Decimal("120.5")


def test_the_database_holds_one_report_per_project_and_week(world, project_a):
    from django.db import IntegrityError, transaction

    report(world, project_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        WeeklyReport.objects.create(project=project_a, week=WEEK, done_this_week="x", planned_next_week="y",
                                    submitted_on=TODAY)


def test_a_future_week_is_refused(world, project_a):
    with pytest.raises(ValidationError) as exc:
        report(world, project_a, week=D(2021, 5, 17))
    assert exc.value.message_dict["week"] == [reporting.MSG_WEEK_FUTURE.format(week="2021年第20周(5月17日—5月23日)")]
    assert not WeeklyReport.objects.exists() and not ProgressRecord.objects.exists()


def test_a_bad_percent_rolls_back_the_report_and_the_investment(world, project_a):
    with pytest.raises(ValidationError):
        report(world, project_a, progress_percent=Decimal("130"))
    project_a.refresh_from_db()
    assert not WeeklyReport.objects.exists() and project_a.completed_investment is None


def test_the_liaisons_projects_without_this_weeks_report(world, project_a):
    with frozen(TODAY):
        assert reporting.reports_missing_this_week(world["liaison_a"]) == [project_a]
    report(world, project_a)
    with frozen(TODAY):
        assert reporting.reports_missing_this_week(world["liaison_a"]) == []
    with frozen(TODAY + dt.timedelta(days=3)):  # a new week
        assert reporting.reports_missing_this_week(world["liaison_a"]) == [project_a]


# -- raising coordination items ---------------------------------------------------------------------

def test_raising_an_item_routes_it_to_the_department_with_a_transition_row(world, project_a):
    item = raise_item(world, project_a)
    assert (item.state, item.zone, item.owner_department, item.raised_by) == (
        "new", world.zone_a, world.dept_a, world["liaison_a"])
    t = item.transitions.get()
    assert (t.action, t.action_label, t.from_state, t.to_state, t.actor) == ("raise", "提出", "", "new", world["liaison_a"])


@pytest.mark.parametrize("over, field, message", [
    ({"deadline": D(2021, 5, 13)}, "deadline", reporting.MSG_DEADLINE_PAST.format(today=TODAY)),
    ({"department": "b"}, "owner_department", routing.MSG_DEPARTMENT_ZONE),
])
def test_a_bad_item_is_refused_by_name(world, project_a, over, field, message):
    if over.pop("department", None):
        over["department"] = world.dept_b
    with pytest.raises(ValidationError) as exc:
        raise_item(world, project_a, **over)
    assert exc.value.message_dict[field] == [message]
    assert not CoordinationItem.objects.exists()


def test_only_the_liaison_or_leader_may_raise(world, project_a):
    with pytest.raises(PermissionDenied, match=reporting.MSG_NO_RAISE_RIGHT):
        raise_item(world, project_a, actor="dept_a")


# -- the routing actions ----------------------------------------------------------------------------

def states(item):
    return list(item.transitions.values_list("action", "from_state", "to_state"))


def test_the_whole_way_accept_resolve_close(world, project_a):
    item = raise_item(world, project_a)
    item = act(world, item, "accept", "dept_a", note="已安排专人")
    item = act(world, item, "resolve", "dept_a", note="夜间22时后停止破碎作业")
    assert item.answer == "夜间22时后停止破碎作业"
    item = act(world, item, "close", "liaison_a")
    assert item.state == "closed"
    assert states(item) == [("raise", "", "new"), ("accept", "new", "accepted"), ("resolve", "accepted", "resolved"),
                            ("close", "resolved", "closed")]
    assert [t.actor.username for t in item.transitions.all()] == ["liaison_a", "dept_a", "dept_a", "liaison_a"]


def test_return_goes_back_to_the_raiser_who_routes_it_again(world, project_a):
    item = raise_item(world, project_a)
    item = act(world, item, "return", "dept_a", note="不属本部门职责")
    assert item.state == "returned"
    with frozen(TODAY):
        assert CoordinationItem.objects.filter(routing.awaiting(world["liaison_a"], reporting.POLICY)).get() == item
        assert CoordinationItem.objects.filter(routing.awaiting(world["leader_a"], reporting.POLICY)).get() == item
    other = DepartmentFactory(zone=world.zone_a, name="甲交警大队")
    item = act(world, item, "assign", "liaison_a", department=other)
    assert (item.state, item.owner_department) == ("new", other)
    assert item.transitions.last().note == ""


def test_a_returned_item_may_be_closed_by_the_raiser(world, project_a):
    item = act(world, raise_item(world, project_a), "return", "leader_a", note="已当面解决")
    assert act(world, item, "close", "liaison_a").state == "closed"


def test_the_leader_reopens_a_resolved_item_with_a_reason(world, project_a):
    item = raise_item(world, project_a)
    for action, note in [("accept", ""), ("resolve", "已协调")]:
        item = act(world, item, action, "leader_a", note=note)
    with pytest.raises(PermissionDenied):
        act(world, item, "reopen", "liaison_a", note="未解决")
    item = act(world, item, "reopen", "leader_a", note="现场仍未落实")
    assert item.state == "accepted"


def test_an_unassigned_item_waits_for_the_leader_to_assign_it(world, project_a):
    item = raise_item(world, project_a, department=None)
    assert [n for n, _ in reporting.coordination_actions(world["leader_a"], item)] == ["return", "assign"]
    with pytest.raises(ValidationError, match=routing.MSG_NO_DEPARTMENT):
        act(world, item, "accept", "leader_a")
    with frozen(TODAY):
        assert CoordinationItem.objects.filter(routing.awaiting(world["leader_a"], reporting.POLICY)).get() == item
    item = act(world, item, "assign", "leader_a", department=world.dept_a)
    assert act(world, item, "accept", "dept_a").state == "accepted"


ILLEGAL = [
    ("new", "resolve", "答复解决", "受理、退回、指派部门"),
    ("new", "close", "办结", "受理、退回、指派部门"),
    ("new", "reopen", "重新办理", "受理、退回、指派部门"),
    ("accepted", "accept", "受理", "退回、答复解决"),
    ("accepted", "assign", "指派部门", "退回、答复解决"),
    ("accepted", "close", "办结", "退回、答复解决"),
    ("returned", "accept", "受理", "指派部门、办结"),
    ("returned", "resolve", "答复解决", "指派部门、办结"),
    ("resolved", "accept", "受理", "办结、重新办理"),
    ("resolved", "return", "退回", "办结、重新办理"),
    ("closed", "reopen", "重新办理", "无(已办结)"),
    ("closed", "accept", "受理", "无(已办结)"),
]

PATH = {"new": [], "accepted": [("accept", "")], "returned": [("return", "x")],
        "resolved": [("accept", ""), ("resolve", "x")], "closed": [("accept", ""), ("resolve", "x"), ("close", "")]}


@pytest.mark.parametrize("state, action, label, allowed", ILLEGAL, ids=[f"{s}-{a}" for s, a, *_ in ILLEGAL])
def test_an_illegal_action_is_refused_naming_the_state_and_what_is_allowed(world, project_a, state, action, label, allowed):
    item = raise_item(world, project_a)
    for a, note in PATH[state]:
        item = act(world, item, a, "leader_a", note=note)
    before = item.transitions.count()
    with pytest.raises(ValidationError) as exc:
        act(world, item, action, "leader_a", note="x", department=world.dept_a)
    assert exc.value.messages == [routing.MSG_ILLEGAL.format(
        state=routing.RouteState(state).label, action=label, allowed=allowed)]
    item.refresh_from_db()
    assert item.state == state and item.transitions.count() == before


@pytest.mark.parametrize("action, label", [("return", "退回理由"), ("resolve", "答复")])
def test_a_return_needs_its_reason_and_an_answer_its_text(world, project_a, action, label):
    item = raise_item(world, project_a)
    if action == "resolve":
        item = act(world, item, "accept", "dept_a")
    with pytest.raises(ValidationError, match=routing.MSG_NOTE_REQUIRED.format(label=label)):
        act(world, item, action, "dept_a", note="  ")


def test_unknown_action_and_assign_without_or_with_a_foreign_department(world, project_a):
    item = raise_item(world, project_a)
    with pytest.raises(ValidationError, match="没有“fly”这个操作"):
        act(world, item, "fly", "leader_a")
    with pytest.raises(ValidationError, match=routing.MSG_DEPARTMENT_REQUIRED):
        act(world, item, "assign", "leader_a")
    with pytest.raises(ValidationError, match=routing.MSG_DEPARTMENT_ZONE):
        act(world, item, "assign", "leader_a", department=world.dept_b)


@pytest.mark.parametrize("actor, action", [
    ("dept_b", "accept"), ("leader_b", "accept"), ("liaison_a", "accept"), ("city", "accept"), ("agent_a", "return"),
    ("dept_a", "assign"), ("enterprise_a", "accept"),
])
def test_who_may_not_act(world, project_a, actor, action):
    item = raise_item(world, project_a)
    with pytest.raises(PermissionDenied):
        act(world, item, action, actor, note="x", department=world.dept_a)
    assert CoordinationItem.objects.get().state == "new"


def test_the_department_may_not_close_what_it_answered(world, project_a):
    item = raise_item(world, project_a)
    item = act(world, act(world, item, "accept", "dept_a"), "resolve", "dept_a", note="已办")
    with pytest.raises(PermissionDenied):
        act(world, item, "close", "dept_a")


def test_the_actions_offered_are_those_the_actor_may_take(world, project_a):
    item = raise_item(world, project_a)
    names = lambda who: [n for n, _ in reporting.coordination_actions(world[who], item)]  # noqa: E731
    assert names("dept_a") == ["accept", "return"]
    assert names("leader_a") == ["accept", "return", "assign"]
    assert names("liaison_a") == ["assign"]
    assert names("city") == [] and names("dept_b") == []


def test_each_party_sees_the_items_it_should(world, project_a):
    mine = raise_item(world, project_a)
    elsewhere = raise_item(world, project_a, department=DepartmentFactory(zone=world.zone_a, name="甲交警大队"))
    seen = lambda who: set(reporting.coordination_list(world[who]))  # noqa: E731
    assert seen("leader_a") == seen("liaison_a") == seen("city") == {mine, elsewhere}
    assert seen("dept_a") == {mine, elsewhere}  # dept A is responsible for the project itself
    assert seen("agent_a") == {mine, elsewhere}  # the zone's staff read
    assert seen("leader_b") == seen("dept_b") == seen("enterprise_a") == set()
    with frozen(TODAY):
        queue = set(reporting.coordination_list(world["dept_a"], {"awaiting": True}))
    assert queue == {mine}


def test_a_department_sees_items_routed_to_it_on_projects_it_is_not_responsible_for(world, project_a):
    project_a.department = None
    project_a.save()
    item = raise_item(world, project_a)
    assert list(reporting.coordination_list(world["dept_a"])) == [item]
