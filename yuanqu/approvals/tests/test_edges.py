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


# ---- from the review of the whole change ----------------------------------------------------------

def test_a_project_case_belongs_to_the_project_s_owner_and_follows_it(world):
    from yuanqu.approvals.models import ApprovalCase
    from yuanqu.approvals.tests.fixtures import catalogue, project_a
    from yuanqu.testing.factories import EnterpriseFactory

    other = EnterpriseFactory(zone=world.zone_a, name="湖南另一家科技有限公司")
    with frozen(D(2021, 3, 10)):
        with pytest.raises(ValidationError) as e:
            services.case_open(actor=world["leader_a"], zone=world.zone_a, title="错配企业", project=project_a(world),
                               enterprise=other, items=catalogue("立项备案"))
        assert "申请企业就是项目的业主企业" in str(e.value)
        assert not ApprovalCase.objects.exists()
        case = case_a(world)
    project = case.project
    project.enterprise = other
    project.save()
    case.refresh_from_db()
    assert case.enterprise_id == other.pk
    assert not selectors.case_list(world["enterprise_a"]).filter(pk=case.pk).exists()


def test_an_item_is_not_accepted_before_its_prerequisite_was_granted(world):
    with frozen(D(2021, 3, 10)):
        case = case_a(world)  # 立项备案 granted on 3月3日
        energy = item(case, "节能审查")
        services.item_act(actor=world["agent_a"], case_item=energy, action="prepare", on=D(2021, 3, 1))
        with pytest.raises(ValidationError) as e:
            services.item_act(actor=world["agent_a"], case_item=energy, action="accept", on=D(2021, 3, 2))
    assert "前置事项“立项备案”的办结日期(2021-03-03)" in str(e.value)
    energy.refresh_from_db()
    assert energy.state == "preparing" and energy.accepted_on is None


def test_prerequisites_are_followed_through_items_the_case_does_not_have(world):
    from yuanqu.approvals.tests.fixtures import catalogue

    with frozen(D(2021, 3, 10)):
        case = services.case_open(actor=world["leader_a"], zone=world.zone_a,
                                  title="事件", kind="event", enterprise=world.enterprise_a, agent=world["agent_a"],
                                  opened_on=D(2021, 3, 1), items=catalogue("立项备案", "建设用地规划许可"))
        plot = item(case, "建设用地规划许可")  # its prerequisite 用地预审 is not in the case; 立项备案 is
        services.item_act(actor=world["agent_a"], case_item=plot, action="prepare", on=D(2021, 3, 2))
        with pytest.raises(ValidationError) as e:
            services.item_act(actor=world["agent_a"], case_item=plot, action="accept", on=D(2021, 3, 3))
    assert "立项备案" in str(e.value)
    plan = _plan(case, D(2021, 3, 10))
    assert [ci.item.name for ci in plan.chain] == ["立项备案", "建设用地规划许可"]


def test_an_event_s_dates_are_checked(world):
    with frozen(D(2021, 5, 14)):
        case = case_b(world)  # opened 2021-04-01
        for data, field, text in (({"started_on": D(2021, 3, 1)}, "started_on", "举办日期不能早于启动日期"),
                                  ({"started_on": D(2021, 6, 1)}, "started_on", "不能晚于今天")):
            with pytest.raises(ValidationError) as e:
                services.case_update(actor=world["leader_b"], case=case, data=data, version=case.version)
            assert field in e.value.message_dict and text in str(e.value)
        first = item(case, "大型群众性活动安全许可")
        services.item_act(actor=world["leader_b"], case_item=first, action="prepare", on=D(2021, 4, 7))
        with pytest.raises(ValidationError) as e:
            services.case_update(actor=world["leader_b"], case=case, data={"opened_on": D(2021, 4, 30)},
                                 version=case.version)
        assert "启动日期不能晚于已登记的第一步办理日期(2021-04-07)" in str(e.value)
    case.refresh_from_db()
    assert case.opened_on == D(2021, 4, 1) and case.started_on is None


def test_a_correction_on_an_overdue_item_does_not_restart_its_ladder(world):
    from yuanqu.approvals.escalation import approvals_escalate
    from yuanqu.approvals.models import ApprovalEscalation

    with frozen(D(2021, 6, 1)):
        case = case_a(world)
        eia = item(case, "环评审批")  # due 3月29日
        assert approvals_escalate(D(2021, 4, 16))["notify"] == 1
        services.item_act(actor=world["dept_a"], case_item=eia, action="correct", on=D(2021, 4, 16), note="补充监测报告")
        services.item_act(actor=world["agent_a"], case_item=eia, action="resubmit", on=D(2021, 4, 20))
        eia.refresh_from_db()
        # As late as when it was returned (13 working days), the days with the enterprise not counted:
        # the deadline moves to 13 working days before the resubmission — the same lateness.
        assert eia.due_on == D(2021, 3, 31)
        again = approvals_escalate(D(2021, 4, 21))
    assert again == {"remind": 0, "supervise": 0, "notify": 0, "messages": 0}
    assert ApprovalEscalation.objects.filter(case_item=eia).count() == 3
    # Accepted anew after a refusal, a late item climbs a new ladder.
    with frozen(D(2021, 6, 1)):
        services.item_act(actor=world["dept_a"], case_item=eia, action="refuse", on=D(2021, 4, 21), note="不符合要求")
        services.item_act(actor=world["agent_a"], case_item=eia, action="reapply", on=D(2021, 4, 22))
        services.item_act(actor=world["dept_a"], case_item=eia, action="accept", on=D(2021, 4, 23))
        assert approvals_escalate(D(2021, 5, 31))["remind"] == 1


def test_a_return_on_the_deadline_day_resumes_with_no_time_left_but_not_late(world):
    from yuanqu.approvals.escalation import approvals_escalate

    with frozen(D(2021, 6, 1)):
        case = case_a(world)
        eia = item(case, "环评审批")  # due 3月29日
        services.item_act(actor=world["dept_a"], case_item=eia, action="correct", on=D(2021, 3, 29), note="补充材料")
        services.item_act(actor=world["agent_a"], case_item=eia, action="resubmit", on=D(2021, 4, 20))
        eia.refresh_from_db()
        assert eia.due_on == D(2021, 4, 20)
        assert approvals_escalate(D(2021, 4, 20))["remind"] == 0
        assert approvals_escalate(D(2021, 4, 21))["remind"] == 1


def test_provisional_deadlines_are_redone_when_the_year_s_schedule_is_known(world):
    from yuanqu.approvals.models import ApprovalCase
    from yuanqu.common import workdays
    from yuanqu.holidays.models import CalendarDay, CalendarYear

    with frozen(D(2031, 3, 10)):
        case = case_b(world)
        ApprovalCase.objects.filter(pk=case.pk).update(opened_on=D(2031, 3, 1))
        first = item(case, "大型群众性活动安全许可")  # 5 working days
        services.item_act(actor=world["leader_b"], case_item=first, action="prepare", on=D(2031, 3, 3))
        services.item_act(actor=world["leader_b"], case_item=first, action="accept", on=D(2031, 3, 3))
        first.refresh_from_db()
        assert first.provisional and first.due_on == D(2031, 3, 10)
        assert services.approvals_recompute_provisional() == {"recomputed": 0}  # nothing new is known
        # The schedule for 2031 is entered: 3月5日 (Wednesday) a holiday in this made-up notice.
        CalendarYear.objects.create(year=2031)
        CalendarDay.objects.create(date=D(2031, 3, 5), is_workday=False)
        workdays.clear_cache()
        try:
            assert services.approvals_recompute_provisional() == {"recomputed": 1}
            first.refresh_from_db()
            case.refresh_from_db()
            assert not first.provisional and first.due_on == D(2031, 3, 11) and case.next_due == D(2031, 3, 11)
            assert services.approvals_recompute_provisional() == {"recomputed": 0}
        finally:
            workdays.clear_cache()


def test_the_forecast_start_waits_for_the_land(world):
    from yuanqu.approvals.models import ApprovalCase

    with frozen(D(2021, 3, 10)):
        case = case_a(world)
    ApprovalCase.objects.filter(pk=case.pk).update(land_handover_on=D(2021, 6, 30))
    case.refresh_from_db()
    plan = _plan(case, D(2021, 3, 10))
    assert plan.forecast_start == D(2021, 6, 30) and plan.planned_start == D(2021, 6, 30)


def test_an_agent_who_lost_the_role_hears_no_more_of_the_case(world):
    from yuanqu.accounts.models import RoleAssignment
    from yuanqu.inbox.models import InboxMessage

    with frozen(D(2021, 3, 10)):
        case = case_a(world)
        RoleAssignment.objects.filter(user=world["agent_a"]).delete()
        before = InboxMessage.objects.filter(recipient=world["agent_a"]).count()
        eia = item(case, "环评审批")
        services.item_act(actor=world["dept_a"], case_item=eia, action="grant", on=D(2021, 3, 10))
    assert InboxMessage.objects.filter(recipient=world["agent_a"]).count() == before


def test_the_api_answers_a_saved_step_even_when_the_plan_cannot_be_drawn(world, login):
    from django.urls import reverse

    from yuanqu.approvals.models import ApprovalItem

    with frozen(D(2021, 3, 10)):
        case = case_a(world)
        eia = item(case, "环评审批")
        first = ApprovalItem.objects.get(name="立项备案")
        first.prerequisites.add(eia.item)  # a cycle made outside the service (立项备案 ⇄ 环评审批)
        url = reverse("api:approval_item_act", kwargs={"case_id": case.pk, "item_id": eia.pk})
        response = login("dept_a").post(url, {"action": "review", "date": "2021-03-09"}, content_type="application/json")
    assert response.status_code == 200, response.content
    eia.refresh_from_db()
    assert eia.state == "reviewing"


def test_the_agent_is_told_why_a_routed_item_s_step_is_not_its_own(world, login):
    from django.urls import reverse

    with frozen(D(2021, 3, 10)):
        case = case_a(world)
        eia = item(case, "环评审批")
        response = login("agent_a").get(reverse("approvals:item_action", args=[case.pk, eia.pk, "grant"]))
    assert response.status_code == 403
    assert "“环评审批”已交由甲建设局承办,“办结”由该部门办理。" in response.content.decode()


def test_a_bare_permission_name_is_not_shown_on_the_403_page(world, login):
    from django.urls import reverse

    response = login("mentor_a").get(reverse("approvals:case_list"))
    assert response.status_code == 403 and "approvals.view" not in response.content.decode()


def test_a_changed_catalogue_does_not_move_a_granted_item_s_check(world):
    from yuanqu.approvals.models import ApprovalItem

    with frozen(D(2021, 3, 10)):
        case = case_a(world)
        energy = item(case, "节能审查")
        services.item_act(actor=world["agent_a"], case_item=energy, action="prepare", on=D(2021, 3, 9))
        services.item_act(actor=world["agent_a"], case_item=energy, action="commit", on=D(2021, 3, 10))
    energy.refresh_from_db()
    due = energy.followup_due
    ApprovalItem.objects.filter(name="节能审查").update(followup_days=60)
    CaseItem.objects.filter(pk=energy.pk).update(provisional=True)  # as if computed on an unknown year
    assert services.approvals_recompute_provisional() == {"recomputed": 1}  # only the flag: 2021 is known
    energy.refresh_from_db()
    assert energy.followup_due == due and not energy.provisional


def test_an_item_never_waits_for_itself_through_a_cycle_outside_the_case():
    graph = {1: [2], 2: [1]}
    assert planning.effective_prerequisites(1, graph, {1}) == []
