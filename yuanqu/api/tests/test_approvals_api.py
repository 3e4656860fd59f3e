"""The approvals API: the pages' scope (out of scope is a 404), the case with its clocks, lights and
plan, and the items' named actions with the workflow's Chinese refusals, nothing half-saved."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yuanqu.api.api import MSG_NOT_FOUND, MSG_UNAUTHENTICATED
from yuanqu.api.approvals import MSG_DATE
from yuanqu.approvals import services, workflow
from yuanqu.approvals.models import ApprovalCase, ApprovalItem, ItemTransition
from yuanqu.approvals.tests.fixtures import case_a, case_b, catalogue, item
from yuanqu.common.clock import frozen

D = dt.date
CASES = "/api/approvals/cases/"


@pytest.fixture
def today():
    with frozen(D(2021, 3, 10)):
        yield D(2021, 3, 10)


@pytest.fixture
def cases(world, today):
    return case_a(world), case_b(world)


def act_url(case, case_item):
    return f"{CASES}{case.pk}/items/{case_item.pk}/actions"


def act(client, case, case_item, **body):
    return client.post(act_url(case, case_item), data=json.dumps(body), content_type="application/json")


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(c["id"] for c in response.json()["items"])


def test_each_persona_lists_only_the_cases_in_its_scope(login, world, cases):
    a, b = cases
    expected = {"city": [a.pk, b.pk], "leader_a": [a.pk], "leader_b": [b.pk], "agent_a": [a.pk],
                "liaison_a": [a.pk], "enterprise_a": [a.pk], "enterprise_b": [b.pk],
                "dept_a": [a.pk],  # case A has items routed to department A
                "dept_b": []}
    for persona, want in expected.items():
        assert ids(login(persona).get(CASES)) == sorted(want), persona
    for persona in ("sysadmin", "clerk_a", "nobody"):
        assert login(persona).get(CASES).status_code == 403, persona


def test_a_case_out_of_scope_is_a_404_as_on_the_pages(login, world, cases, client):
    a, b = cases
    for persona in ("leader_b", "enterprise_b", "dept_b"):
        response = login(persona).get(f"{CASES}{a.pk}")
        assert response.status_code == 404 and response.json() == {"detail": MSG_NOT_FOUND}, persona
    assert login("enterprise_a").get(f"{CASES}{a.pk}").json()["title"] == a.title
    assert login("enterprise_a").get(f"{CASES}{b.pk}").status_code == 404
    assert login("leader_a").get(f"{CASES}999999").status_code == 404
    signed_out = client.get(CASES)
    assert signed_out.status_code == 401 and signed_out.json()["detail"] == MSG_UNAUTHENTICATED


def test_the_list_filters_and_pages(login, world, cases, today):
    a, b = cases
    client = login("city")
    assert ids(client.get(CASES, {"zone": world.zone_b.pk})) == [b.pk]
    assert ids(client.get(CASES, {"kind": "event"})) == [b.pk]
    assert ids(client.get(CASES, {"q": "液晶"})) == [a.pk]
    assert ids(client.get(CASES, {"q": world.enterprise_b.name[:4]})) == [b.pk]
    assert ids(client.get(CASES, {"overdue": "true"})) == []
    with frozen(D(2021, 4, 1)):  # 环评审批 was due on 3月29日
        late = client.get(CASES, {"overdue": "true"}).json()["items"]
        assert [c["id"] for c in late] == [a.pk] and late[0]["light"] == "red"
        assert ids(client.get(CASES, {"overdue": "false"})) == [b.pk]
    body = client.get(CASES, {"page_size": 1, "page": 2}).json()
    assert body["count"] == 2 and len(body["items"]) == 1
    bad = client.get(CASES, {"kind": "festival"})
    assert bad.status_code == 400 and "kind" in bad.json()["errors"] and "可选" in bad.json()["detail"]


def test_the_list_costs_the_same_queries_with_more_cases(login, world, cases):
    client = login("city")
    client.get(CASES)  # the first request of a session writes the session

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(CASES).status_code == 200
        return len(ctx)

    few = count()
    for n in range(4):
        services.case_open(actor=world["leader_b"], zone=world.zone_b, title=f"乙园区活动{n}", kind="event",
                           enterprise=world.enterprise_b, agent=world["leader_b"], opened_on=D(2021, 3, 1),
                           items=catalogue("焰火燃放许可"))
    assert count() == few


def test_the_case_shows_its_items_clocks_lights_and_plan(login, world, cases, today):
    a, _ = cases
    body = login("agent_a").get(f"{CASES}{a.pk}").json()
    assert body["number"] == a.number and body["agent"]["id"] == world["agent_a"].pk
    items = {i["item"]["name"]: i for i in body["items"]}
    assert list(items) == ["立项备案", "用地预审与选址意见", "环评审批", "节能审查"]
    eia = items["环评审批"]
    assert (eia["state"], eia["state_label"], eia["department"]["name"]) == ("accepted", "已受理", world.dept_a.name)
    assert (eia["accepted_on"], eia["due_on"], eia["used_workdays"], eia["remaining_workdays"]) == (
        "2021-03-08", "2021-03-29", 2, 13)
    assert eia["light"] == "green" and eia["prerequisites"] == ["立项备案"] and eia["prerequisites_open"] == []
    assert "环境影响报告表(书)" in eia["materials"]
    # Routed to department A: its steps are the department's, not the agent's (who never refuses).
    assert eia["actions"] == []
    by_dept = {i["item"]["name"]: i for i in login("dept_a").get(f"{CASES}{a.pk}").json()["items"]}
    assert [x["action"] for x in by_dept["环评审批"]["actions"]] == ["review", "correct", "grant", "commit", "refuse"]
    filing = items["立项备案"]
    assert (filing["state"], filing["done_on"], filing["document_no"], filing["light"]) == (
        "done", "2021-03-03", "甲发改备〔2021〕1号", None)
    waiting = items["用地预审与选址意见"]
    assert waiting["remaining_workdays"] is None and waiting["department"] is None
    assert [x["action"] for x in waiting["actions"]] == ["prepare"]
    plan = body["plan"]
    assert plan["base"] == "2021-03-01" and plan["planned_start"] == "2021-03-23" and plan["planned_workdays"] == 16
    assert plan["critical_path"] == ["立项备案", "环评审批"]
    assert plan["forecast_start"] == "2021-03-29"  # 环评审批's clock: 13 working days left from today
    assert plan["actual_start"] is None and plan["actual_workdays"] is None
    rows = {r["name"]: r for r in plan["items"]}
    assert rows["环评审批"]["critical"] and rows["环评审批"]["slack"] == 0
    assert not rows["节能审查"]["critical"] and rows["节能审查"]["slack"] == 5
    # Someone who only reads sees the same case, with no action offered.
    read_only = login("city").get(f"{CASES}{a.pk}").json()
    assert all(i["actions"] == [] for i in read_only["items"])
    # 节能审查 is routed to no department: once prepared, the agent records the approving body's steps.
    services.item_act(actor=world["agent_a"], case_item=item(a, "节能审查"), action="prepare", on=today)
    energy = next(i for i in login("agent_a").get(f"{CASES}{a.pk}").json()["items"] if i["item"]["name"] == "节能审查")
    assert energy["department"] is None and [x["action"] for x in energy["actions"]] == ["accept", "commit"]


def test_the_plan_reports_the_actual_start_in_working_days(login, world, cases, today):
    from yuanqu.projects.models import Milestone

    a, _ = cases
    Milestone.objects.create(project=a.project, kind="started", actual=D(2021, 3, 29))
    services.case_sync_project(a.project_id)
    plan = login("leader_a").get(f"{CASES}{a.pk}").json()["plan"]
    assert (plan["actual_start"], plan["actual_workdays"]) == ("2021-03-29", 20)


def test_a_prerequisite_cycle_in_the_catalogue_is_a_409_not_a_500(login, world, cases):
    a, _ = cases
    filing, eia = catalogue("立项备案", "环评审批")
    filing.prerequisites.add(eia)  # past the service, which would have refused it
    response = login("leader_a").get(f"{CASES}{a.pk}")
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert "前置事项形成循环" in detail and "立项备案" in detail and "环评审批" in detail
    assert "审批事项目录" in detail


def test_an_item_runs_through_review_correction_and_grant(login, world, cases):
    a, _ = cases
    eia = item(a, "环评审批")
    dept, agent = login("dept_a"), login("agent_a")
    with frozen(D(2021, 3, 22)):
        assert act(dept, a, eia, action="review", date="2021-03-09").json()["state"] == "reviewing"
        paused = act(dept, a, eia, action="correct", date="2021-03-10", note="补充公众参与调查表").json()
        assert (paused["state"], paused["correction_note"], paused["due_on"], paused["used_workdays"]) == (
            "correcting", "补充公众参与调查表", None, 2)
        assert paused["light"] is None and paused["paused_on"] == "2021-03-10"
        resumed = act(agent, a, eia, action="resubmit", date="2021-03-15").json()
        # 2 working days used before the pause; 13 left from 3月15日 → 4月1日.
        assert (resumed["state"], resumed["due_on"], resumed["pauses"]) == ("reviewing", "2021-04-01", 1)
        granted = act(dept, a, eia, action="grant", date="2021-03-17", document_no="甲环评〔2021〕8号")
        assert granted.status_code == 200, granted.content
        body = granted.json()
        assert (body["state"], body["done_on"], body["document_no"], body["used_workdays"]) == (
            "done", "2021-03-17", "甲环评〔2021〕8号", 4)
        assert body["actions"] == [] and body["remaining_workdays"] == 11
    log = list(ItemTransition.objects.filter(case_item=eia).order_by("id").values_list("action", "actor__username"))
    assert log[-4:] == [("review", "dept_a"), ("correct", "dept_a"), ("resubmit", "agent_a"), ("grant", "dept_a")]
    a.refresh_from_db()
    assert a.items_done == 2 and a.items_running == 0


def _unchanged(case_item, state, transitions):
    case_item.refresh_from_db()
    assert case_item.state == state
    assert ItemTransition.objects.filter(case_item=case_item).count() == transitions


def test_bad_actions_are_refused_in_chinese_and_nothing_is_saved(login, world, cases, today):
    a, _ = cases
    eia, land = item(a, "环评审批"), item(a, "用地预审与选址意见")
    dept = login("dept_a")
    before = ItemTransition.objects.filter(case_item=eia).count()

    unknown = act(dept, a, eia, action="fly")
    assert unknown.status_code == 400 and unknown.json()["detail"] == workflow.MSG_UNKNOWN.format(action="fly")
    illegal = act(login("leader_a"), a, land, action="grant")
    assert illegal.status_code == 400
    assert illegal.json()["detail"] == "该事项当前为“待启动”,不能执行“办结”。当前可执行:启动申报。"
    no_note = act(dept, a, eia, action="correct", note="  ")
    assert no_note.status_code == 400 and no_note.json()["detail"] == "请填写需补正的材料。"
    future = act(dept, a, eia, action="review", date="2021-03-11")
    assert future.status_code == 400 and future.json()["errors"] == {"date": [services.MSG_DATE_FUTURE]}
    malformed = act(dept, a, eia, action="review", date="2021/3/9")
    assert malformed.status_code == 400 and malformed.json()["errors"] == {"date": [MSG_DATE]}
    too_early = act(dept, a, eia, action="review", date="2021-03-05")
    assert too_early.status_code == 400 and "不能早于该事项上一步的日期(2021-03-08)" in too_early.json()["detail"]
    no_action = dept.post(act_url(a, eia), data=json.dumps({}), content_type="application/json")
    assert no_action.status_code == 400 and no_action.json()["errors"] == {"action": ["此项必填。"]}
    _unchanged(eia, "accepted", before)
    _unchanged(land, "pending", 0)


def test_only_the_items_parties_act_and_out_of_scope_is_a_404(login, world, cases, today):
    a, b = cases
    eia = item(a, "环评审批")
    for persona in ("city", "liaison_a", "enterprise_a"):  # they see the case but are no party to it
        refused = act(login(persona), a, eia, action="review")
        assert refused.status_code == 403 and refused.json()["detail"] == "您无权对该事项执行“进入审查”。", persona
    for persona in ("leader_b", "dept_b", "enterprise_b"):
        assert act(login(persona), a, eia, action="review").status_code == 404, persona
    # An item addressed through another case is not found either.
    assert act(login("leader_a"), b, eia, action="review").status_code == 404
    assert act(login("sysadmin"), a, eia, action="review").status_code == 403
    _unchanged(eia, "accepted", ItemTransition.objects.filter(case_item=eia).count())
    assert ItemTransition.objects.filter(case_item=eia, action="review").count() == 0


def test_the_catalogue_lists_active_items_by_default(login, world):
    ApprovalItem.objects.filter(name="焰火燃放许可").update(is_active=False)
    client = login("agent_a")
    names = [i["name"] for i in client.get("/api/approvals/items/").json()]
    assert "焰火燃放许可" not in names and names[0] == "立项备案"
    every = client.get("/api/approvals/items/", {"include_inactive": "true"}).json()
    assert len(every) == ApprovalItem.objects.count()
    events = client.get("/api/approvals/items/", {"category": "event"}).json()
    assert {i["category"] for i in events} == {"event"} and len(events) == 4
    permit = next(i for i in every if i["name"] == "施工许可")
    assert sorted(permit["prerequisites"]) == ["施工图审查", "消防设计审查"]
    assert (permit["statutory_days"], permit["promised_days"], permit["limits_default"]) == (7, 3, True)
    bad = client.get("/api/approvals/items/", {"category": "other"})
    assert bad.status_code == 400 and "category" in bad.json()["errors"]
    assert login("sysadmin").get("/api/approvals/items/").status_code == 200
    assert login("clerk_a").get("/api/approvals/items/").status_code == 403
    assert ApprovalCase.objects.count() == 0
