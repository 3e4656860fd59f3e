"""Every item action through its page: the form (GET), a good POST (saved, logged, back to the case)
and a bad one (a clear Chinese error on the form, nothing saved); who may not and when not."""

import datetime as dt

import pytest
from django.urls import reverse

from yuanqu.approvals import services
from yuanqu.approvals.choices import ItemState
from yuanqu.approvals.models import ApprovalCase, CaseItem, ItemTransition
from yuanqu.approvals.tests.fixtures import case_a, catalogue, item
from yuanqu.audit.models import SecurityEvent
from yuanqu.common.clock import frozen

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2021, 3, 10)


def _url(ci, action):
    return reverse("approvals:item_action", args=[ci.case_id, ci.pk, action])


def _snapshot(ci):
    """What a refused POST must leave as it was: the item's row, its log, the case's summary."""
    row = CaseItem.objects.filter(pk=ci.pk).values().get()
    case = ApprovalCase.objects.filter(pk=ci.case_id).values().get()
    return row, case, ItemTransition.objects.filter(case_item_id=ci.pk).count()


def _post(client, ci, action, **data):
    data.setdefault("date", f"{TODAY:%Y-%m-%d}")
    with frozen(TODAY):
        return client.post(_url(ci, action), data)


def _get(client, ci, action):
    with frozen(TODAY):
        return client.get(_url(ci, action))


def _refused(client, ci, action, message, **data):
    """A bad POST: 400, the message on the form, nothing saved."""
    before = _snapshot(ci)
    response = _post(client, ci, action, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _snapshot(ci) == before
    return response


def _done(client, ci, action, state, **data):
    """A good POST: back to the case's page with a message, the step taken and logged."""
    count = ItemTransition.objects.filter(case_item_id=ci.pk).count()
    response = _post(client, ci, action, **data)
    assert response.status_code == 302
    assert response["Location"] == reverse("approvals:case_detail", args=[ci.case_id])
    ci.refresh_from_db()
    assert ci.state == state
    assert ItemTransition.objects.filter(case_item_id=ci.pk).count() == count + 1
    with frozen(TODAY):
        page = client.get(response["Location"]).content.decode()
    assert "已对“" in page and "执行“" in page  # the success message
    return ci


@pytest.fixture
def case(world):
    with frozen(TODAY):
        return case_a(world)


def test_prepare_form_then_saved_and_a_future_date_refused(world, login, case):
    agent = login("agent_a")
    land = item(case, "用地预审与选址意见")
    html = _get(agent, land, "prepare").content.decode()
    assert "办理日期" in html and 'value="2021-03-10"' in html and "批文号" not in html
    _refused(agent, land, "prepare", "办理日期不能晚于今天。", date="2021-03-11")
    _refused(agent, land, "prepare", "请填写正确的日期", date="三月")
    _refused(agent, land, "prepare", "办理日期不能早于办件启动日期(2021-03-01)。", date="2021-02-26")
    _done(agent, land, "prepare", ItemState.PREPARING)


def test_accept_needs_the_prerequisites_granted(world, login, case):
    with frozen(TODAY):
        plan_permit, = services.case_items_add(actor=world["agent_a"], case=case, items=catalogue("建设用地规划许可"))
        services.item_act(actor=world["agent_a"], case_item=plan_permit, action="prepare", on=TODAY)
    agent = login("agent_a")
    # The form is not offered: the page says what is missing.
    html = _get(agent, plan_permit, "accept").content.decode()
    assert "前置事项尚未办结:用地预审与选址意见" in html and 'name="date"' not in html
    _refused(agent, plan_permit, "accept", "前置事项尚未办结:用地预审与选址意见")
    # 用地预审与选址意见 itself needs only 立项备案, granted: it is accepted.
    land = item(case, "用地预审与选址意见")
    _done(agent, land, "prepare", ItemState.PREPARING)
    _done(login("leader_a"), land, "accept", ItemState.ACCEPTED)
    assert land.accepted_on == TODAY and land.due_on is not None


def test_review_refuses_a_date_before_the_previous_step(world, login, case):
    dept = login("dept_a")
    eia = item(case, "环评审批")
    assert "进入审查" in _get(dept, eia, "review").content.decode()
    _refused(dept, eia, "review", "办理日期不能早于该事项上一步的日期(2021-03-08)。", date="2021-03-05")
    _done(dept, eia, "review", ItemState.REVIEWING, date="2021-03-09")


def test_correct_needs_the_materials_then_resubmit_resumes(world, login, case):
    dept, agent = login("dept_a"), login("agent_a")
    eia = item(case, "环评审批")
    html = _get(dept, eia, "correct").content.decode()
    assert "需补正的材料" in html and "补正期间不计审批时限" in html
    _refused(dept, eia, "correct", "请填写需补正的材料。", note="  ")
    eia = _done(dept, eia, "correct", ItemState.CORRECTING, date="2021-03-09", note="补充公众参与调查表")
    assert eia.correction_note == "补充公众参与调查表" and eia.due_on is None and eia.used_workdays == 1
    assert "补正提交" in _get(agent, eia, "resubmit").content.decode()
    eia = _done(agent, eia, "resubmit", ItemState.REVIEWING)
    assert eia.pauses == 1 and eia.due_on is not None


def test_grant_with_its_document_number(world, login, case):
    dept = login("dept_a")
    eia = item(case, "环评审批")
    assert "批文号" in _get(dept, eia, "grant").content.decode()
    _refused(dept, eia, "grant", "批文号不能超过60个字。", document_no="号" * 61)
    eia = _done(dept, eia, "grant", ItemState.DONE, document_no="甲环审〔2021〕7号")
    assert eia.document_no == "甲环审〔2021〕7号" and eia.done_on == TODAY


def _forbidden(client, ci, action, reason, **data):
    """The form and the POST: 403, nothing saved, the reason in the security log."""
    before = _snapshot(ci)
    assert _get(client, ci, action).status_code == 403
    assert _post(client, ci, action, **data).status_code == 403
    assert _snapshot(ci) == before
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.DENIED).latest("id").detail["reason"] == reason


def test_commit_verify_and_revoke(world, login, case):
    agent, dept = login("agent_a"), login("dept_a")
    with frozen(TODAY):
        energy = item(case, "节能审查")
        services.case_item_update(actor=world["agent_a"], case_item=energy, department=world.dept_a)
    energy = item(case, "节能审查")
    _done(agent, energy, "prepare", ItemState.PREPARING, date="2021-03-04")
    # Routed to department A: committing and checking the commitment are the department's, not the agent's.
    _forbidden(agent, energy, "commit", f"“节能审查”已交由{world.dept_a.name}承办,“承诺制办结”由该部门办理。",
               date="2021-03-05")
    html = _get(dept, energy, "commit").content.decode()
    assert "确认按告知承诺制先行办结" in html and "批文号" in html
    _refused(dept, energy, "commit", "办理日期不能早于该事项上一步的日期", date="2021-03-03")
    energy = _done(dept, energy, "commit", ItemState.DONE, date="2021-03-05")
    assert energy.on_commitment and energy.followup_due is not None
    _forbidden(agent, energy, "verify", f"“节能审查”已交由{world.dept_a.name}承办,“承诺核查通过”由该部门办理。")
    # 核查: passing it, or (another time) revoking it with the problem found.
    assert "承诺核查通过" in _get(dept, energy, "verify").content.decode()
    _refused(dept, energy, "revoke", "请填写核查发现的问题。")
    _done(dept, energy, "verify", ItemState.DONE)
    assert energy.followup_done_on == TODAY
    # Once checked there is nothing more to check.
    assert "已于2021-03-10核查" in _get(dept, energy, "verify").content.decode()


def test_the_agent_commits_and_verifies_an_item_routed_to_no_department(world, login, case):
    agent = login("agent_a")
    energy = item(case, "节能审查")
    assert energy.department_id is None
    _done(agent, energy, "prepare", ItemState.PREPARING, date="2021-03-04")
    energy = _done(agent, energy, "commit", ItemState.DONE, date="2021-03-05")
    assert energy.on_commitment and energy.transitions.latest("id").actor == world["agent_a"]
    # Revoking stays a department's (here the leader's) decision.
    _forbidden(agent, energy, "revoke", "您无权对该事项执行“核查不合格撤销”。", note="未按承诺整改")
    _done(agent, energy, "verify", ItemState.DONE)
    assert energy.followup_done_on == TODAY


def test_revoke_a_commitment_grant(world, login, case):
    agent, dept = login("agent_a"), login("dept_a")
    eia = item(case, "环评审批")
    _forbidden(agent, eia, "commit", f"“环评审批”已交由{world.dept_a.name}承办,“承诺制办结”由该部门办理。")
    _done(dept, eia, "commit", ItemState.DONE)
    assert "确认撤销该承诺制许可" in _get(dept, eia, "revoke").content.decode()
    eia = _done(dept, eia, "revoke", ItemState.REFUSED, note="未按承诺建设污染防治设施")
    assert eia.done_on is None and eia.followup_done_on == TODAY


def test_refuse_needs_a_reason_and_the_agent_reapplies(world, login, case):
    agent, dept = login("agent_a"), login("dept_a")
    eia = item(case, "环评审批")
    html = _get(dept, eia, "refuse").content.decode()
    assert "不予许可理由" in html and "确认不予许可" in html
    _refused(dept, eia, "refuse", "请填写不予许可理由。")
    _done(dept, eia, "refuse", ItemState.REFUSED, note="选址位于饮用水源保护区")
    with frozen(TODAY):
        page = agent.get(reverse("approvals:case_detail", args=[case.pk])).content.decode()
    assert "选址位于饮用水源保护区" in page  # the reason, with what the enterprise must do
    assert "重新申报" in _get(agent, eia, "reapply").content.decode()
    eia = _done(agent, eia, "reapply", ItemState.PREPARING)
    assert eia.accepted_on is None and eia.used_workdays == 0


def test_a_step_the_state_forbids_is_explained_and_not_taken(world, login, case):
    agent = login("agent_a")
    land = item(case, "用地预审与选址意见")
    response = _get(agent, land, "grant")
    assert response.status_code == 200
    assert "该事项当前为“待启动”,不能执行“办结”。当前可执行:启动申报。" in response.content.decode()
    _refused(agent, land, "grant", "不能执行“办结”")
    # 用地预审与选址意见 is not a commitment item: not even once prepared.
    _done(agent, land, "prepare", ItemState.PREPARING)
    assert "不在承诺制事项之列" in _get(agent, land, "commit").content.decode()


def test_who_may_not(world, login, case):
    land, eia = item(case, "用地预审与选址意见"), item(case, "环评审批")
    # Viewers of the case who are no party of the item: 403 on the form and on the POST.
    for who in ("enterprise_a", "liaison_a", "city", "investor_a"):
        assert _get(login(who), eia, "review").status_code == 403
    before = _snapshot(eia)
    assert _post(login("enterprise_a"), eia, "review").status_code == 403
    assert _snapshot(eia) == before
    # A department on an item not routed to it; a department on the agent's step of its own item.
    assert _get(login("dept_a"), land, "prepare").status_code == 403
    assert _get(login("agent_a"), eia, "refuse").status_code == 403
    # Out of scope: 404; an unknown action: 404.
    assert _get(login("leader_b"), eia, "review").status_code == 404
    assert _get(login("dept_a"), eia, "approve").status_code == 404
    assert _post(login("dept_a"), eia, "approve").status_code == 404
