"""Edge cases found while reviewing the approvals change, each a test that failed before its fix."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from yuanqu.approvals import planning, selectors, services
from yuanqu.approvals.models import CaseItem
from yuanqu.approvals.tests.fixtures import case_a, case_b, item
from yuanqu.common.clock import frozen

pytestmark = pytest.mark.django_db
D = dt.date


def _plan(case, today):
    items = list(CaseItem.objects.filter(case=case).select_related("item"))
    return planning.case_plan(case, items, selectors.prerequisite_edges([i.item_id for i in items]), today)


def test_the_green_channel_shortens_a_promise_before_acceptance_and_moves_the_plan(world):
    with frozen(D(2021, 3, 10)):
        case = case_a(world)
        land = item(case, "用地预审与选址意见")
        before = _plan(case, D(2021, 3, 10)).planned_start
        services.case_item_update(actor=world["agent_a"], case_item=land, promised_days=4)
        land.refresh_from_db()
        case.refresh_from_db()
    assert land.promised_days == 4
    assert case.planned_start == _plan(case, D(2021, 3, 10)).planned_start
    assert before is not None


@pytest.mark.parametrize("days", [0, 21])
def test_a_promise_outside_one_to_the_statutory_limit_is_refused(world, days):
    with frozen(D(2021, 3, 10)):
        case = case_a(world)
        land = item(case, "用地预审与选址意见")
        with pytest.raises(ValidationError) as e:
            services.case_item_update(actor=world["agent_a"], case_item=land, promised_days=days)
    assert "承诺时限须在1到法定时限(20个工作日)之间" in str(e.value)
    land.refresh_from_db()
    assert land.promised_days == 10


def test_an_accepted_item_keeps_its_promise(world):
    with frozen(D(2021, 3, 10)):
        case = case_a(world)
        eia = item(case, "环评审批")  # accepted on 3月8日: its clock runs on the promise it was accepted with
        with pytest.raises(ValidationError) as e:
            services.case_item_update(actor=world["agent_a"], case_item=eia, department=eia.department, promised_days=5)
    assert "按受理时的承诺时限计时" in str(e.value)
    eia.refresh_from_db()
    assert eia.promised_days == 15 and eia.due_on == D(2021, 3, 29)


def test_a_decided_item_keeps_its_department(world):
    with frozen(D(2021, 3, 10)):
        case = case_a(world)
        first = item(case, "立项备案")  # granted
        with pytest.raises(ValidationError) as e:
            services.case_item_update(actor=world["agent_a"], case_item=first, department=None)
        assert "不能再改承办部门" in str(e.value)
        eia = item(case, "环评审批")  # may be granted on commitment, but was granted the ordinary way
        services.item_act(actor=world["dept_a"], case_item=eia, action="grant", on=D(2021, 3, 10))
        eia.refresh_from_db()
        with pytest.raises(ValidationError) as e:
            services.case_item_update(actor=world["agent_a"], case_item=eia, department=eia.department,
                                      by_commitment=True)
        assert "不能再改是否按承诺制办理" in str(e.value)
    eia.refresh_from_db()
    assert not eia.by_commitment
    first.refresh_from_db()
    assert first.department_id == world.dept_a.pk


def test_a_commitment_grant_s_open_check_may_go_to_another_department(world):
    with frozen(D(2021, 3, 10)):
        case = case_a(world)
        energy = item(case, "节能审查")
        services.item_act(actor=world["agent_a"], case_item=energy, action="prepare", on=D(2021, 3, 9))
        services.item_act(actor=world["agent_a"], case_item=energy, action="commit", on=D(2021, 3, 10))
        energy.refresh_from_db()
        services.case_item_update(actor=world["agent_a"], case_item=energy, department=world.dept_a)
    energy.refresh_from_db()
    assert energy.department_id == world.dept_a.pk and energy.followup_open


def test_an_event_counts_working_days_from_opening_to_the_day_held(world):
    with frozen(D(2021, 5, 14)):
        case = case_b(world)
        services.case_update(actor=world["leader_b"], case=case, data={"started_on": D(2021, 5, 1)},
                             version=case.version)
        case.refresh_from_db()
    plan = _plan(case, D(2021, 5, 14))
    # 2021-04-01 → 05-01: 21 weekdays after the 1st, less 清明 (4月5日), plus Sunday 4月25日 (made up
    # for 五一); May 1st is a holiday.
    assert plan.actual_start == D(2021, 5, 1) and plan.actual_workdays == 21 - 1 + 1
