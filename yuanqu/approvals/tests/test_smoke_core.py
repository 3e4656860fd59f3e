"""The core end to end on the test world: open, act, clock, plan (the detailed tests are in test_workflow,
test_clock and test_planning)."""

import datetime as dt

import pytest

from yuanqu.approvals import planning, selectors
from yuanqu.approvals.choices import ItemState
from yuanqu.approvals.tests.fixtures import case_a, item
from yuanqu.common.clock import frozen

pytestmark = pytest.mark.django_db
D = dt.date


def test_case_a_runs_items_in_parallel_and_plans(world):
    with frozen(D(2021, 3, 10)):
        case = case_a(world)
    assert case.items_total == 4 and case.items_done == 1 and case.items_running == 1 and case.items_waiting == 2
    eia = item(case, "环评审批")
    assert eia.state == ItemState.ACCEPTED and eia.due_on == D(2021, 3, 29)  # 15 working days after 3月8日
    assert case.next_due == eia.due_on
    items = list(case.items.select_related("item"))
    plan = planning.case_plan(case, items, selectors.prerequisite_edges([i.item_id for i in items]), D(2021, 3, 10))
    assert [ci.item.name for ci in plan.chain] == ["立项备案", "环评审批"]
    assert plan.planned_start == D(2021, 3, 23)  # 1 + 15 working days after 3月1日
