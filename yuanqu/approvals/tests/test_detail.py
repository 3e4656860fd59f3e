"""A case's page: what the agent, a department, the leader and the enterprise each see, and that it
reads in a fixed number of queries however many items the case has."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuanqu.approvals import services
from yuanqu.approvals.tests.fixtures import case_a, case_b, catalogue, item
from yuanqu.common import workdays
from yuanqu.common.clock import frozen

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2021, 3, 10)


def _url(case):
    return reverse("approvals:case_detail", args=[case.pk])


def _act_url(case, name, action):
    return reverse("approvals:item_action", args=[case.pk, item(case, name).pk, action])


def _page(login, who, case):
    with frozen(TODAY):
        response = login(who).get(_url(case))
    assert response.status_code == 200
    return response.content.decode()


def test_agent_sees_the_header_items_clock_and_its_actions(world, login):
    with frozen(TODAY):
        case = case_a(world)
        services.item_act(actor=world["agent_a"], case_item=item(case, "节能审查"), action="prepare", on=TODAY)
    html = _page(login, "agent_a", case)
    assert case.number in html and "甲液晶显示屏项目审批" in html
    assert reverse("projects:project_detail", args=[case.project_id]) in html
    assert "湖南甲科技有限公司" in html and "2021-03-01" in html  # enterprise, 签约日期
    assert "2021-03-23" in html  # planned start: 立项备案 1 + 环评审批 15 working days after signing
    # Departments: routed ones by name, the others the catalogue's with the agent dealing with them.
    assert "甲建设局" in html and "自然资源和规划部门" in html and "(代办员对接)" in html
    assert "已用2/15个工作日" in html  # 环评审批 accepted 3月8日, two working days by 3月10日
    assert "2021-03-29" in html  # its deadline
    assert "甲发改备〔2021〕1号" in html  # 立项备案's document number
    assert "✓" in html  # 立项备案 granted, shown against the items that need it
    # The agent's steps: 启动申报 on the waiting items; the approving body's steps on 节能审查, routed to no
    # department (the agent records them), none on 环评审批 (department A's to take).
    assert _act_url(case, "用地预审与选址意见", "prepare") in html
    assert _act_url(case, "节能审查", "accept") in html and _act_url(case, "节能审查", "commit") in html
    for action in ("review", "correct", "grant", "commit", "refuse"):
        assert _act_url(case, "环评审批", action) not in html, action
    for name in ("case_edit", "case_items_add", "task_create"):
        assert reverse(f"approvals:{name}", args=[case.pk]) in html
    assert reverse("approvals:case_item_remove", args=[case.pk, item(case, "用地预审与选址意见").pk]) in html  # still 待启动
    task = case.service_tasks.first()
    assert reverse("approvals:task_edit", args=[case.pk, task.pk]) in html
    assert "提前为企业招聘员工并进行培训" in html
    assert reverse("approvals:case_plan", args=[case.pk]) in html
    assert "受理" in html and "agent_a" in html  # the log


def test_department_sees_its_steps_and_no_case_links(world, login):
    with frozen(TODAY):
        case = case_a(world)
    html = _page(login, "dept_a", case)
    assert _act_url(case, "环评审批", "refuse") in html and _act_url(case, "环评审批", "review") in html
    assert _act_url(case, "用地预审与选址意见", "prepare") not in html  # not routed to it; the agent's step
    assert reverse("approvals:case_edit", args=[case.pk]) not in html
    assert reverse("approvals:task_create", args=[case.pk]) not in html


def test_leader_sees_every_step_and_the_case_links(world, login):
    with frozen(TODAY):
        case = case_a(world)
    html = _page(login, "leader_a", case)
    for name, action in (("用地预审与选址意见", "prepare"), ("环评审批", "refuse"), ("节能审查", "prepare")):
        assert _act_url(case, name, action) in html
    assert reverse("approvals:case_edit", args=[case.pk]) in html


def test_enterprise_sees_materials_and_correction_notes_but_no_actions(world, login):
    with frozen(TODAY):
        case = case_a(world)
        services.item_act(actor=world["dept_a"], case_item=item(case, "环评审批"), action="correct",
                          on=D(2021, 3, 9), note="补充公众参与调查表原件")
    html = _page(login, "enterprise_a", case)
    assert "需企业提供的材料" in html
    assert "补充公众参与调查表原件" in html and "ap-correction" in html
    assert "勘测定界图" in html  # 用地预审与选址意见's materials (not yet granted)
    assert "企业营业执照" not in html  # 立项备案 is granted: nothing more asked for it
    assert "退回补正,计时暂停" in html
    assert "/act/" not in html
    assert reverse("approvals:case_edit", args=[case.pk]) not in html


def test_a_pause_is_counted_on_the_page(world, login):
    with frozen(TODAY):
        case = case_a(world)
        eia = item(case, "环评审批")
        services.item_act(actor=world["dept_a"], case_item=eia, action="correct", on=D(2021, 3, 9), note="补材料")
        services.item_act(actor=world["agent_a"], case_item=eia, action="resubmit", on=D(2021, 3, 10))
    html = _page(login, "agent_a", case)
    # 3月8日 accepted, 3月9日 returned (1 day used), back 3月10日 (1 working day paused).
    assert "补正暂停1个工作日、1次" in html


def test_items_running_side_by_side_are_marked(world, login):
    with frozen(TODAY):
        case = case_a(world)
        energy = item(case, "节能审查")
        services.item_act(actor=world["agent_a"], case_item=energy, action="prepare", on=D(2021, 3, 4))
        services.item_act(actor=world["agent_a"], case_item=energy, action="accept", on=D(2021, 3, 9))
    html = _page(login, "agent_a", case)
    assert "与节能审查并联" in html and "与环评审批并联" in html
    assert "与立项备案并联" not in html  # granted before either was accepted


def test_commitment_items_show_their_check(world, login):
    with frozen(TODAY):
        case = case_a(world)
        energy = item(case, "节能审查")
        services.item_act(actor=world["agent_a"], case_item=energy, action="prepare", on=D(2021, 3, 4))
        services.item_act(actor=world["agent_a"], case_item=energy, action="commit", on=D(2021, 3, 5),
                          document_no="甲节能〔2021〕3号")
        energy.refresh_from_db()
    html = _page(login, "agent_a", case)
    assert "承诺制办结" in html and f"核查期限 {energy.followup_due:%Y-%m-%d}" in html
    assert "甲节能〔2021〕3号" in html


def test_signing_to_start_in_working_days(world, login):
    from yuanqu.projects.models import Milestone

    with frozen(TODAY):
        case = case_a(world)
    Milestone.objects.update_or_create(project=case.project, kind="started", defaults={"actual": D(2021, 3, 29)})
    services.case_sync_project(case.project_id)
    html = _page(login, "leader_a", case)
    # 3月1日 → 3月29日: 20 working days (3月2日 is the first).
    assert "签约→开工 20个工作日" in html and "2021-03-29" in html


def test_zone_b_leader_and_department_get_404(world, login):
    with frozen(TODAY):
        case = case_a(world)
        other = case_b(world)
    for who in ("leader_b", "dept_b", "enterprise_b"):
        assert login(who).get(_url(case)).status_code == 404
    assert login("leader_a").get(_url(other)).status_code == 404
    assert login("mentor_a").get(_url(case)).status_code == 403


def test_event_case_speaks_of_holding_not_starting(world, login):
    with frozen(TODAY):
        case = case_b(world)
    html = _page(login, "leader_b", case)
    assert "计划举办日期" in html and "2021-05-01" in html and "签约日期" not in html
    assert "尚未举办" in html
    # Held on 4月30日: opened 4月1日, the working days between count on the card.
    with frozen(D(2021, 5, 6)):
        services.case_update(actor=world["leader_b"], case=case, data={"started_on": D(2021, 4, 30)})
    html = _page(login, "leader_b", case)
    days = workdays.workdays_between(D(2021, 4, 1), D(2021, 4, 30), provisional=True)
    assert "启动 → 举办" in html and f"{days}<small" in html and "4月30日举办" in html


def test_query_count_does_not_grow_with_items(world, login):
    with frozen(TODAY):
        case = case_a(world)
    client = login("agent_a")

    def count():
        with frozen(TODAY), CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(case)).status_code == 200
        return len(ctx)

    client.get(_url(case))  # the session, once
    before = count()
    with frozen(TODAY):
        added = services.case_items_add(actor=world["agent_a"], case=case,
                                        items=catalogue("建设用地规划许可", "安全预评价", "水土保持"))
        services.item_act(actor=world["agent_a"], case_item=added[1], action="prepare", on=D(2021, 3, 9))
        services.item_act(actor=world["agent_a"], case_item=added[1], action="accept", on=D(2021, 3, 9))
    after = count()
    assert after == before, (before, after)
    assert before <= 10, before
