"""The plan page: the critical path of case A drawn and tabled, planned against forecast and actual
start, the slowest items; a cycle in the catalogue named on the page instead of an error."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuanqu.approvals import services
from yuanqu.approvals.models import ApprovalItem
from yuanqu.approvals.tests.fixtures import case_a, catalogue
from yuanqu.common.clock import frozen

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2021, 3, 10)


def _url(case):
    return reverse("approvals:case_plan", args=[case.pk])


def _page(client, case):
    with frozen(TODAY):
        response = client.get(_url(case))
    assert response.status_code == 200
    return response.content.decode()


def test_the_critical_path_and_the_slack(world, login):
    with frozen(TODAY):
        case = case_a(world)
    html = _page(login("leader_a"), case)
    text = re.sub(r"<[^>]+>", "", html)
    # 立项备案 (1 day) then 环评审批 (15 days): the start on the 16th working day after 3月1日.
    assert "关键路径:立项备案(1天) → 环评审批(15天),共16个工作日" in text
    assert "2021-03-23" in html and "签约后16个工作日" in text
    # 用地预审与选址意见 and 节能审查 (10 days each) have 5 working days to spare.
    assert html.count('<span class="tag red">关键</span>') == 2
    assert "机动5天" in text
    # 环评审批 runs late of nothing yet; 2 of its 15 working days used; slowest so far named.
    assert "环评审批 2个工作日" in text and "立项备案 1个工作日" in text
    # The chart: one bar per item, critical ones in red, a forecast marker for the running item.
    assert html.count('class="pl-bar crit') == 2 and html.count('class="pl-bar') == 4
    assert 'class="pl-fc"' in html and 'class="pl-act"' in html
    assert "按当前进度预测" in text and "尚未开工" in text


def test_actual_start_against_the_plan(world, login):
    from yuanqu.projects.models import Milestone

    with frozen(TODAY):
        case = case_a(world)
    Milestone.objects.update_or_create(project=case.project, kind="started", defaults={"actual": D(2021, 3, 29)})
    services.case_sync_project(case.project_id)
    text = re.sub(r"<[^>]+>", "", _page(login("agent_a"), case))
    assert "签约→开工 20个工作日(计划16个)" in text and "2021-03-29" in text


def test_enterprise_reads_the_plan_and_zone_b_does_not(world, login):
    with frozen(TODAY):
        case = case_a(world)
    assert "关键路径" in _page(login("enterprise_a"), case)
    assert login("leader_b").get(_url(case)).status_code == 404


def test_a_cycle_is_named_instead_of_a_server_error(world, login):
    with frozen(TODAY):
        case = case_a(world)
    first, eia = catalogue("立项备案", "环评审批")
    # Straight into the table: the catalogue's service would refuse it.
    ApprovalItem.prerequisites.through.objects.create(from_approvalitem=first, to_approvalitem=eia)
    client = login("leader_a")
    html = _page(client, case)
    assert "前置事项形成循环" in html and "立项备案" in html and "环评审批" in html
    assert re.search(r"(立项备案 → 环评审批 → 立项备案|环评审批 → 立项备案 → 环评审批)", html)
    with frozen(TODAY):
        detail = client.get(reverse("approvals:case_detail", args=[case.pk]))
    assert detail.status_code == 200 and "前置事项形成循环" in detail.content.decode()


def test_query_count_does_not_grow_with_items(world, login):
    with frozen(TODAY):
        case = case_a(world)
    client = login("agent_a")

    def count():
        with frozen(TODAY), CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(case)).status_code == 200
        return len(ctx)

    client.get(_url(case))
    before = count()
    with frozen(TODAY):
        services.case_items_add(actor=world["agent_a"], case=case,
                                items=catalogue("建设用地规划许可", "建设工程规划许可", "施工许可"))
    assert count() == before
    assert before <= 8, before


def test_items_after_the_start_leave_the_slack_to_the_start_alone(world, login):
    """排污许可 follows 环评审批 but is done after the start: 环评审批 stays critical with no slack,
    and the after-start item is named under the chart rather than stretching it."""
    from yuanqu.approvals import planning, selectors

    with frozen(TODAY):
        case = case_a(world)
        services.case_items_add(actor=world["agent_a"], case=case, items=catalogue("排污许可"))
        items = list(case.items.select_related("item"))
        plan = planning.case_plan(case, items, selectors.prerequisite_edges([i.item_id for i in items]), TODAY)
    slack = {r.case_item.item.name: (r.slack, r.critical) for r in plan.rows}
    assert slack["环评审批"] == (0, True) and slack["用地预审与选址意见"] == (5, False)
    text = re.sub(r"<[^>]+>", "", _page(login("agent_a"), case))
    assert "开工后办理、不影响开工的事项(未画入图中):排污许可(预测" in text
