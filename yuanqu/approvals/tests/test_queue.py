"""The queue (审批待办): what waits on each role, grouped, with the actions it may take; and the home
page's approval cards."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuanqu.approvals import services
from yuanqu.approvals.board import DEPARTMENT, MINE, OVERDUE, attention_items
from yuanqu.approvals.models import ApprovalCase, CaseItem
from yuanqu.approvals.tests.fixtures import case_a, case_b, catalogue, item
from yuanqu.common.clock import frozen

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/approvals/queue/"


def sections(response) -> dict[int, list[tuple[str, str, list[str]]]]:
    """group → [(case title, item name, [action names])]."""
    return {s["key"]: [(r["obj"].case.title, r["obj"].item.name, [n for n, _ in r["actions"]]) for r in s["rows"]]
            for s in response.context["sections"]}


def test_url_is_the_fixed_path():
    assert reverse("approvals:queue") == URL


def test_agent_sees_what_to_prepare_with_its_actions(world, login):
    with frozen(D(2021, 3, 10)):
        a = case_a(world)
        response = login("agent_a").get(URL)
    got = sections(response)
    assert set(got) == {MINE}
    assert got[MINE] == [(a.title, "用地预审与选址意见", ["prepare"]), (a.title, "节能审查", ["prepare"])]
    html = response.content.decode()
    assert "需我申报/补正" in html
    link = reverse("approvals:item_action", kwargs={"pk": a.pk, "item_pk": item(a, "节能审查").pk, "action": "prepare"})
    assert link in html and "启动申报" in html


def test_department_sees_what_to_accept_or_decide(world, login):
    with frozen(D(2021, 3, 10)):
        a = case_a(world)
        response = login("dept_a").get(URL)
    got = sections(response)
    assert set(got) == {DEPARTMENT}
    [(title, name, actions)] = got[DEPARTMENT]
    assert (title, name) == (a.title, "环评审批")
    assert actions == ["review", "correct", "grant", "commit", "refuse"]  # 环评审批 may be granted on commitment
    assert "2021-03-29" in response.content.decode()  # its deadline, 15 working days after 3月8日


def test_leader_sees_its_zones_overdue_items_only(world, login):
    with frozen(D(2021, 3, 10)):
        a, b = case_a(world), case_b(world)
    with frozen(D(2021, 3, 29)):
        assert sections(login("leader_a").get(URL)) == {}  # due today: not yet overdue
    with frozen(D(2021, 3, 30)):
        response = login("leader_a").get(URL)
        got = sections(response)
        assert got == {OVERDUE: [(a.title, "环评审批", ["review", "correct", "grant", "commit", "refuse"])]}
        html = response.content.decode()
        assert "已逾期" in html and "逾期1个工作日</span>" in html
        # Zone B's leader does not see zone A's overdue item; its own case waits on no one yet.
        response = login("leader_b").get(URL)
    assert sections(response) == {}
    assert "目前没有等您办理的审批事项" in response.content.decode()
    assert b.items_waiting == 2  # both of case B's items wait for their agent (leader B, no agent role)


def test_an_item_returned_for_correction_goes_back_to_the_agent(world, login):
    with frozen(D(2021, 3, 12)):
        a = case_a(world)
        services.item_act(actor=world["dept_a"], case_item=item(a, "环评审批"), action="correct", on=D(2021, 3, 12),
                          note="补充大气环境影响预测")
        agent = sections(login("agent_a").get(URL))
        dept = login("dept_a").get(URL)
    assert (a.title, "环评审批", ["resubmit"]) in agent[MINE]
    assert sections(dept) == {}
    assert "补正期间停止计时" not in dept.content.decode()


def test_roles_that_act_on_no_item_are_refused(world, login):
    for persona in ("city", "enterprise_a", "liaison_a", "investor_a", "mentor_a", "nobody"):
        assert login(persona).get(URL).status_code == 403, persona


def test_query_count_does_not_grow_with_rows(world, login):
    with frozen(D(2021, 3, 10)):
        case_a(world)
    agent = login("agent_a")

    def measure():
        with frozen(D(2021, 3, 10)), CaptureQueriesContext(connection) as ctx:
            response = agent.get(URL)
        return len(ctx), sum(len(s["rows"]) for s in response.context["sections"])

    measure()
    few = measure()
    items = catalogue("立项备案", "环评审批", "节能审查")
    from yuanqu.projects.models import Project

    for i in range(8):
        project = Project.objects.create(zone=world.zone_a, park=world.park_a, enterprise=world.enterprise_a,
                                         name=f"排队项目{i}", stage="signed")
        with frozen(D(2021, 3, 10)):
            services.case_open(actor=world["agent_a"], zone=world.zone_a, title=f"排队项目{i}审批", project=project,
                               items=items, departments={items[1].pk: world.dept_a}, opened_on=D(2021, 3, 1))
    many = measure()
    assert many[1] == few[1] + 24
    assert many[0] == few[0]


def test_home_page_cards_per_role(world, login):
    with frozen(D(2021, 3, 10)):
        case_a(world)
        assert attention_items(world["agent_a"]) == [
            {"label": "待我申报或补正的审批事项", "count": 2, "url": URL + "#mine", "tone": "amber"}]
        assert [(i["label"], i["count"]) for i in attention_items(world["dept_a"])] == [("待本部门受理或审批的审批事项", 1)]
        assert attention_items(world["leader_a"]) == []
        assert attention_items(world["city"]) == [] and attention_items(world["enterprise_a"]) == []
        html = login("dept_a").get("/").content.decode()
    assert "待本部门受理或审批的审批事项" in html and URL + "#department" in html
    with frozen(D(2021, 3, 30)):
        assert attention_items(world["leader_a"]) == [
            {"label": "逾期的审批事项", "count": 1, "url": URL + "#overdue", "tone": "red"}]
        assert attention_items(world["leader_b"]) == []
        html = login("leader_a").get("/").content.decode()
    assert "逾期的审批事项" in html


def test_home_page_without_anything_waiting_no_longer_promises_approvals(world, login):
    with frozen(D(2021, 3, 10)):
        html = login("liaison_a").get("/").content.decode()
    assert "联合审批上线后" not in html
    assert "企业诉求或审批事项" in html


def test_done_and_checked_items_leave_the_queue(world, login):
    with frozen(D(2021, 3, 10)):
        a = case_a(world)
        services.item_act(actor=world["dept_a"], case_item=item(a, "环评审批"), action="grant", on=D(2021, 3, 10))
        assert sections(login("dept_a").get(URL)) == {}
    assert CaseItem.objects.filter(case=a, state="done").count() == 2
    assert ApprovalCase.objects.get(pk=a.pk).items_done == 2


def test_an_item_waiting_for_its_prerequisites_says_so_and_offers_no_acceptance(world, login):
    from yuanqu.projects.models import Project

    project = Project.objects.create(zone=world.zone_a, park=world.park_a, enterprise=world.enterprise_a,
                                     name="前置项目", stage="signed")
    with frozen(D(2021, 3, 10)):
        case = services.case_open(actor=world["agent_a"], zone=world.zone_a, title="前置项目审批", project=project,
                                  items=catalogue("立项备案", "环评审批"), opened_on=D(2021, 3, 1))
        services.item_act(actor=world["agent_a"], case_item=item(case, "环评审批"), action="prepare", on=D(2021, 3, 2))
        response = login("agent_a").get(URL)
    rows = {r["obj"].item.name: r for s in response.context["sections"] for r in s["rows"] if r["obj"].case_id == case.pk}
    assert rows["环评审批"]["waits"] == ["立项备案"]
    assert [n for n, _ in rows["环评审批"]["actions"]] == []  # 受理 and 承诺制办结 wait for 立项备案
    assert rows["立项备案"]["waits"] == [] and [n for n, _ in rows["立项备案"]["actions"]] == ["prepare"]
    assert "待前置事项办结:立项备案" in response.content.decode()


def test_an_item_due_today_says_so(world, login):
    with frozen(D(2021, 3, 10)):
        case_a(world)
    with frozen(D(2021, 3, 29)):  # 环评审批's deadline
        html = login("dept_a").get(URL).content.decode()
    assert "今天到期" in html and "剩0个工作日" not in html
    with frozen(D(2021, 3, 26)):  # the Friday before: one working day left
        assert "剩1个工作日" in login("dept_a").get(URL).content.decode()
