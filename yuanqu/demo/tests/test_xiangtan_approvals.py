"""The demo's approval cases: 创普开业 from signing to start in 20 working days with items side by side,
a 补正 pause and 交地即开工 on commitment; 三期 signed in August and started in September; 盘龙's festival
approved by 岳塘经开区 across several departments before 五一; 五期 in 土地报批 with an overdue item. The
demo is loaded once for the module."""

import datetime as dt

import pytest

from yuanqu.approvals import planning, selectors
from yuanqu.approvals.choices import ItemState
from yuanqu.approvals.models import ApprovalCase, CaseItem, ItemTransition, ServiceTask
from yuanqu.approvals.services import case_refresh
from yuanqu.common import clock, workdays
from yuanqu.demo import xiangtan_approvals as demo_approvals
from yuanqu.demo.loader import load_xiangtan

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2021, 5, 14)


@pytest.fixture
def demo(xiangtan_demo):
    return xiangtan_demo


def case_of(project_name: str) -> ApprovalCase:
    return ApprovalCase.objects.select_related("zone", "agent", "enterprise").get(project__name=project_name)


def festival() -> ApprovalCase:
    return ApprovalCase.objects.select_related("zone", "agent", "enterprise").get(title=demo_approvals.FESTIVAL)


def items(case) -> dict[str, CaseItem]:
    return {ci.item.name: ci for ci in CaseItem.objects.filter(case=case).select_related("item", "department")}


def plan(case):
    rows = list(CaseItem.objects.filter(case=case).select_related("item"))
    return planning.case_plan(case, rows, selectors.prerequisite_edges([ci.item_id for ci in rows]), TODAY)


def test_the_four_cases_and_who_runs_them(demo):
    chuangpu, three, five, fest = (case_of(demo_approvals.CHUANGPU), case_of(demo_approvals.PHASE_THREE),
                                   case_of(demo_approvals.PHASE_FIVE), festival())
    assert {c.zone.short_name for c in (chuangpu, three, five)} == {"湘乡经开区"}
    assert {c.agent.username for c in (chuangpu, three, five)} == {"agent"}
    assert chuangpu.enterprise.name == "湖南创普开业科技有限公司"
    assert (fest.zone.short_name, fest.kind, fest.agent.username, fest.enterprise.name) == (
        "岳塘经开区", "event", "ytagent", "湘潭盘龙生态农业示范园有限公司")
    for case in (chuangpu, three, five, fest):
        assert demo_approvals.ILLUSTRATIVE in case.note


def test_chuangpu_takes_twenty_working_days_from_signing_to_start(demo):
    case = case_of(demo_approvals.CHUANGPU)
    assert (case.signed_on, case.started_on, case.land_handover_on, case.handover_start) == (
        D(2020, 6, 1), D(2020, 6, 30), D(2020, 6, 30), True)
    p = plan(case)
    assert p.actual_workdays == 20 == workdays.workdays_between(case.signed_on, case.started_on)
    # The critical path plans it in at most 20: the land-and-planning chain to 施工许可.
    assert p.planned_workdays <= 20 and case.planned_start == p.planned_start <= case.started_on
    assert [ci.item.name for ci in p.chain] == ["立项备案", "用地预审与选址意见", "建设用地规划许可", "建设工程规划许可",
                                                 "消防设计审查", "施工许可"]
    all_items = items(case)
    assert len(all_items) == 13 and case.items_done == case.items_total == 13
    before = [ci for ci in all_items.values() if ci.before_start]
    assert max(ci.done_on for ci in before) <= case.started_on
    # 排污许可 and 竣工联合验收 came later, before production in December 2020.
    assert all_items["排污许可"].done_on > case.started_on and all_items["竣工联合验收"].done_on <= D(2020, 12, 28)
    # Every item took no more than its promise on the clock.
    assert all(ci.used_workdays <= ci.promised_days for ci in all_items.values())


def test_chuangpu_runs_items_side_by_side_pauses_one_and_grants_two_on_commitment(demo):
    case = case_of(demo_approvals.CHUANGPU)
    all_items = items(case)
    # 并联: after 立项备案, four items were on the go at once.
    filed = all_items["立项备案"].done_on
    parallel = [ci for ci in all_items.values()
                if ci.item.name in ("用地预审与选址意见", "环评审批", "节能审查", "安全预评价")]
    starts = {ci.item.name: ItemTransition.objects.filter(case_item=ci, action="prepare").get().date for ci in parallel}
    ends = {ci.item.name: ci.done_on for ci in parallel}
    assert all(day >= filed for day in starts.values())
    assert max(starts.values()) < min(ends.values())
    # 补正: 环评审批 returned for its public participation note, resubmitted two working days later.
    eia = all_items["环评审批"]
    assert (eia.pauses, eia.paused_workdays, eia.paused_on, eia.correction_note) == (1, 2, None, "公众参与说明")
    assert [t.action for t in eia.transitions.all()] == ["prepare", "accept", "review", "correct", "resubmit", "grant"]
    # 承诺制: 施工图审查 and 节能审查, each checked within its follow-up limit.
    for name in ("施工图审查", "节能审查"):
        ci = all_items[name]
        assert ci.by_commitment and ci.on_commitment and ci.state == ItemState.DONE
        assert ci.followup_done_on and ci.followup_done_on <= ci.followup_due
    # Each step was taken by its party: the agent prepares, the department decides.
    grant = ItemTransition.objects.get(case_item=all_items["施工许可"], action="grant")
    assert (grant.date, grant.actor.username) == (D(2020, 6, 30), "approvals-record-xx-zjj")
    assert ItemTransition.objects.get(case_item=all_items["施工许可"], action="prepare").actor.username == "agent"
    assert grant.created_at.date() == D(2020, 6, 30)  # the log reads as of the step's day


def test_chuangpu_three_in_advance_all_done_with_owners_and_dates(demo):
    tasks = ServiceTask.objects.filter(case=case_of(demo_approvals.CHUANGPU))
    assert {t.kind for t in tasks} == {"recruitment", "office_housing", "three_simultaneous"}
    for t in tasks:
        assert t.state == "done" and t.done_on and t.owner and t.owner != "代办员"


def test_phase_three_signed_in_august_started_in_september_everything_before_start_granted(demo):
    case = case_of(demo_approvals.PHASE_THREE)
    assert (case.signed_on, case.started_on) == (D(2020, 8, 18), D(2020, 9, 15))
    for ci in items(case).values():
        if ci.before_start:
            assert ci.state == ItemState.DONE and ci.done_on <= case.started_on
        else:
            assert ci.state == ItemState.PENDING  # 竣工联合验收: the works go on
    p = plan(case)
    assert p.actual_workdays == 20 and p.planned_workdays <= 20
    assert all(ci.used_workdays <= ci.promised_days for ci in items(case).values())


def test_the_festival_approved_across_departments_before_may_day(demo):
    case = festival()
    all_items = items(case)
    assert set(all_items) == {"大型群众性活动安全许可", "焰火燃放许可", "活动场所消防安全检查", "交通组织方案审批", "临时食品经营备案"}
    assert len({ci.department_id for ci in all_items.values()}) >= 4
    assert {ci.department.zone_id for ci in all_items.values()} == {case.zone_id}
    assert all(ci.state == ItemState.DONE and ci.done_on <= D(2021, 4, 30) for ci in all_items.values())
    assert (case.started_on, case.target_start) == (D(2021, 5, 1), D(2021, 5, 1))
    assert "5月7日" in case.note and "真情暖企 贴心服务 优化营商 保驾护航" in case.note
    # The agent did the enterprise's part of every item.
    prepared = ItemTransition.objects.filter(case_item__case=case, action="prepare")
    assert set(prepared.values_list("actor__username", flat=True)) == {"ytagent"}


def test_phase_five_in_land_approval_with_a_pause_items_waiting_and_an_overdue_one(demo):
    case = case_of(demo_approvals.PHASE_FIVE)
    all_items = items(case)
    assert all_items["立项备案"].state == ItemState.DONE
    land = all_items["用地预审与选址意见"]
    assert land.state == ItemState.REVIEWING and land.pauses == 1 and land.paused_workdays > 0
    assert "勘测定界图" in land.correction_note and land.due_on >= TODAY
    # The items behind it cannot be accepted yet.
    assert selectors.open_prerequisites(all_items["建设用地规划许可"]) == ["用地预审与选址意见"]
    assert all_items["施工许可"].state == ItemState.PENDING
    # 环评审批 is past its promised limit: the case's nearest deadline is before today.
    eia = all_items["环评审批"]
    assert eia.state == ItemState.REVIEWING and eia.due_on < TODAY
    assert case.next_due == eia.due_on
    tasks = {t.kind: t.state for t in ServiceTask.objects.filter(case=case)}
    assert "doing" in tasks.values() and "done" not in tasks.values()
    p = plan(case)
    assert p.chain and p.forecast_start > p.planned_start  # the pause and the overdue review push the start back


def test_every_stored_summary_agrees_with_a_fresh_refresh(demo):
    cases = list(ApprovalCase.objects.order_by("id"))
    fields = ["items_total", "items_done", "items_running", "items_correcting", "items_waiting", "items_refused",
              "next_due", "planned_start"]
    stored = {c.pk: [getattr(c, f) for f in fields] for c in cases}
    with clock.frozen(TODAY):
        for c in cases:
            case_refresh(c)
    assert {c.pk: [getattr(c, f) for f in fields] for c in ApprovalCase.objects.order_by("id")} == stored


def test_loading_again_adds_no_case_and_no_step(demo):
    cases, steps = ApprovalCase.objects.count(), ItemTransition.objects.count()
    load_xiangtan()
    assert (ApprovalCase.objects.count(), ItemTransition.objects.count()) == (cases, steps)


def test_the_tick_reminds_about_phase_five_overdue_review_only(demo):
    from yuanqu.approvals.models import ApprovalEscalation
    from yuanqu.supervision.tick_registry import run_ticks

    with clock.frozen(TODAY):
        run_ticks(TODAY, only=["approvals_overdue"])
    steps = list(ApprovalEscalation.objects.values_list("case_item__case__project__name", "case_item__item__name", "level"))
    assert steps == [(demo_approvals.PHASE_FIVE, "环评审批", "remind")]


def test_the_departments_users_cannot_sign_in(demo):
    from yuanqu.accounts.models import User

    users = User.objects.filter(username__in=[u for u, _, _ in demo_approvals.DEPARTMENT_USERS])
    assert users.count() == len(demo_approvals.DEPARTMENT_USERS)
    assert not any(u.has_usable_password() for u in users)
    assert set(users.values_list("roles__role", flat=True)) == {"dept"}
