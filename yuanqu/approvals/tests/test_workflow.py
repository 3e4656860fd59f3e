"""Every named action of a case item, taken through services.item_act from each state it is legal in,
and refused from every other state with a message naming the state and what is allowed; who may take
which step; prerequisites, commitment, follow-up checks, reapplying; the log of each step.

The pairs are generated from workflow.STEPS and ItemState, so an action added later is covered."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yuanqu.approvals import services, workflow
from yuanqu.approvals.choices import ItemState
from yuanqu.approvals.models import CaseItem, ItemTransition
from yuanqu.approvals.tests.fixtures import case_a, catalogue, item
from yuanqu.audit.models import AuditEntry
from yuanqu.common.clock import frozen
from yuanqu.testing.factories import DepartmentFactory, UserFactory, grant

pytestmark = pytest.mark.django_db
D = dt.date
S = ItemState
WALK_ON = D(2021, 3, 2)
ACT_ON = D(2021, 3, 3)
COMMITMENT_ITEM = "临时食品经营备案"  # no prerequisites, may be granted on commitment
PLAIN_ITEM = "大型群众性活动安全许可"  # no prerequisites, no commitment

# How to reach each state from 待启动 (done on commitment is its own path, for verify and revoke).
PATHS = {
    S.PENDING: [],
    S.PREPARING: ["prepare"],
    S.ACCEPTED: ["prepare", "accept"],
    S.REVIEWING: ["prepare", "accept", "review"],
    S.CORRECTING: ["prepare", "accept", "correct"],
    S.DONE: ["prepare", "accept", "grant"],
    S.REFUSED: ["prepare", "accept", "refuse"],
}
ON_COMMITMENT = ["prepare", "commit"]
# What the message lists as allowed in each state, for an item that may be granted on commitment.
ALLOWED = {
    S.PENDING: "启动申报",
    S.PREPARING: "受理、承诺制办结",
    S.ACCEPTED: "进入审查、退回补正、办结、承诺制办结、不予许可",
    S.REVIEWING: "退回补正、办结、承诺制办结、不予许可",
    S.CORRECTING: "补正提交",
    S.DONE: "无",
    S.REFUSED: "重新申报",
}


@pytest.fixture(autouse=True)
def _today():
    with frozen(D(2021, 3, 15)):  # plans and clocks are counted up to today: keep it near the cases
        yield


def fresh(w, name=COMMITMENT_ITEM, routed=True) -> CaseItem:
    """A new event case of zone A (agent A) with one item, 待启动: at department A, or (routed=False) at
    no department of the platform, where the agent records the approving body's steps."""
    departments = {catalogue(name)[0].pk: w.dept_a} if routed else {}
    case = services.case_open(actor=w["leader_a"], zone=w.zone_a, title=f"活动报批{CaseItem.objects.count()}",
                              kind="event", enterprise=w.enterprise_a, agent=w["agent_a"], opened_on=D(2021, 3, 1),
                              items=catalogue(name), departments=departments)
    return item(case, name)


def actor_for(w, action, ci):
    """The agent for the enterprise's steps, and for the approving side's on an item routed to no
    department; else the item's department (the leader where there is none)."""
    step = workflow.STEPS[action]
    if workflow.AGENT in step.parties and not (step.department_side and ci.department_id):
        return w["agent_a"]
    return w["dept_a"] if ci.department_id else w["leader_a"]


def act(w, ci, action, on=WALK_ON, actor=None, **kw) -> CaseItem:
    kw.setdefault("note", "材料说明" if workflow.STEPS[action].note else "")
    return services.item_act(actor=actor or actor_for(w, action, ci), case_item=ci, action=action, on=on, **kw)


def walk(w, ci, path) -> CaseItem:
    for action in path:
        ci = act(w, ci, action)
    return CaseItem.objects.select_related("item", "case").get(pk=ci.pk)


def log_rows(ci) -> int:
    return AuditEntry.objects.get_for_object(ci).count()


def test_the_paths_reach_every_state():
    assert set(PATHS) == set(ItemState.values) == set(ALLOWED)


def test_every_action_from_every_legal_state(world):
    taken = []
    for routed in (True, False):
        for name, step in workflow.STEPS.items():
            for source in sorted(step.sources):
                path = ON_COMMITMENT if name in ("verify", "revoke") else PATHS[source]
                ci = walk(world, fresh(world, routed=routed), path)
                assert ci.state == source, (name, source, routed)
                logs, actor = log_rows(ci), actor_for(world, name, ci)
                ci = act(world, ci, name, on=ACT_ON, actor=actor, note=f"{step.label}说明")
                ci.refresh_from_db()
                assert ci.state == (step.target or source), (name, source, routed)
                last = ItemTransition.objects.filter(case_item=ci).latest("id")
                assert (last.action, last.from_state, last.to_state, last.date, last.actor, last.note) == (
                    name, source, ci.state, ACT_ON, actor, f"{step.label}说明"), (name, source, routed)
                entry = AuditEntry.objects.get_for_object(ci).order_by("-id").first()
                assert log_rows(ci) == logs + 1 and entry.actor == actor, (name, source, routed)
                taken.append((name, source, routed))
    assert len(taken) == 2 * sum(len(s.sources) for s in workflow.STEPS.values())
    # On the unrouted items the agent took every approving-side step but refusing and revoking.
    agent_took = {a for a, in ItemTransition.objects.filter(actor=world["agent_a"], case_item__department=None)
                  .values_list("action")}
    assert agent_took == set(workflow.STEPS) - {"refuse", "revoke"}


def test_every_illegal_action_is_refused_naming_the_state_and_what_is_allowed(world):
    leader, enterprise, city = world["leader_a"], world["enterprise_a"], world["city"]
    refused = 0
    for state in ItemState.values:
        ci = walk(world, fresh(world), PATHS[state])
        label = ItemState(state).label
        assert [workflow.STEPS[n].label for n, _ in workflow.actions_for(ci, leader)] == (
            ALLOWED[state].split("、") if ALLOWED[state] != "无" else [])
        assert workflow.actions_for(ci, enterprise) == [] and workflow.actions_for(ci, city) == []
        transitions = ci.transitions.count()
        for name, step in workflow.STEPS.items():
            if state in step.sources:
                continue
            with pytest.raises(ValidationError) as e:
                act(world, ci, name, actor=leader, note="说明")
            assert e.value.messages == [
                f"该事项当前为“{label}”,不能执行“{step.label}”。当前可执行:{ALLOWED[state]}。"], (name, state)
            refused += 1
        ci.refresh_from_db()
        assert ci.state == state and ci.transitions.count() == transitions
    n_states, n_legal = len(ItemState.values), sum(len(s.sources) for s in workflow.STEPS.values())
    assert refused == len(workflow.STEPS) * n_states - n_legal
    with pytest.raises(ValidationError, match="没有“fly”这个操作"):
        services.item_act(actor=leader, case_item=ci, action="fly", on=ACT_ON)


def test_who_may_take_which_step(world):
    other_agent = UserFactory(username="agent_a2")
    grant(other_agent, "agent", zone=world.zone_a)
    other_dept = UserFactory(username="dept_a2")
    grant(other_dept, "dept", department=DepartmentFactory(zone=world.zone_a, name="甲税务局"))
    agent, dept, leader = world["agent_a"], world["dept_a"], world["leader_a"]
    approving = ["review", "correct", "grant", "commit"]  # the department-side steps open at 已受理
    pending = fresh(world)
    names = lambda ci, user: [n for n, _ in workflow.actions_for(ci, user)]  # noqa: E731
    assert names(pending, agent) == ["prepare"] and names(pending, leader) == ["prepare"]
    assert names(pending, dept) == []
    with pytest.raises(PermissionDenied):
        act(world, pending, "prepare", actor=dept)
    accepted = walk(world, pending, PATHS[S.ACCEPTED])
    assert accepted.transitions.filter(action="accept").get().actor == dept
    # Routed to department A: its steps are the department's (or the leader's), not the agent's.
    assert names(accepted, agent) == []
    for user in (dept, leader):
        assert names(accepted, user) == approving + ["refuse"], user.username
    for name in approving:
        with pytest.raises(PermissionDenied) as e:
            act(world, accepted, name, actor=agent)
        assert str(e.value) == (f"“{COMMITMENT_ITEM}”已交由{world.dept_a.name}承办,"
                                f"“{workflow.STEPS[name].label}”由该部门办理。"), name
    with pytest.raises(PermissionDenied) as e:
        act(world, accepted, "refuse", actor=agent, note="不符合条件")
    assert str(e.value) == "您无权对该事项执行“不予许可”。"
    outsiders = [other_agent, other_dept, world["dept_b"], world["leader_b"], world["enterprise_a"],
                 world["enterprise_b"], world["city"], world["investor_a"], world["liaison_a"], world["sysadmin"]]
    for user in outsiders:
        assert names(accepted, user) == [], user.username
        for name in approving + ["refuse"]:
            with pytest.raises(PermissionDenied) as e:
                act(world, accepted, name, actor=user)
            assert str(e.value) == f"您无权对该事项执行“{workflow.STEPS[name].label}”。"
    committed = walk(world, fresh(world), ON_COMMITMENT)
    assert committed.transitions.filter(action="commit").get().actor == dept
    with pytest.raises(PermissionDenied) as e:
        act(world, committed, "verify", actor=agent)
    assert str(e.value) == f"“{COMMITMENT_ITEM}”已交由{world.dept_a.name}承办,“承诺核查通过”由该部门办理。"
    with pytest.raises(PermissionDenied, match="核查不合格撤销"):
        act(world, committed, "revoke", actor=agent, note="未按承诺整改")
    accepted.refresh_from_db()
    committed.refresh_from_db()
    assert accepted.state == S.ACCEPTED and accepted.transitions.count() == 2
    assert committed.state == S.DONE and committed.followup_done_on is None
    # The enterprise's own steps on a routed item stay the agent's.
    correcting = act(world, accepted, "correct", actor=dept, note="补充消防预案")
    assert names(correcting, agent) == ["resubmit"] and names(correcting, dept) == []
    # The department and the leader take the steps on a routed item.
    assert act(world, act(world, correcting, "resubmit", actor=agent), "grant", actor=dept).state == S.DONE
    assert act(world, committed, "verify", actor=leader).followup_done_on == WALK_ON
    led = walk(world, fresh(world), PATHS[S.PREPARING])
    assert act(world, act(world, led, "accept", actor=leader), "review", actor=leader).state == S.REVIEWING

    # Routed to no department: the agent records the approving body's steps; no department may.
    unrouted = walk(world, fresh(world, routed=False), PATHS[S.PREPARING])
    assert unrouted.department_id is None
    assert names(unrouted, agent) == ["accept", "commit"] and names(unrouted, dept) == []
    with pytest.raises(PermissionDenied) as e:
        act(world, unrouted, "accept", actor=dept)
    assert str(e.value) == "您无权对该事项执行“受理”。"
    unrouted = act(world, unrouted, "accept", actor=agent)
    assert names(unrouted, agent) == approving and names(unrouted, leader) == approving + ["refuse"]
    with pytest.raises(PermissionDenied) as e:
        act(world, unrouted, "refuse", actor=agent, note="不符合条件")
    assert str(e.value) == "您无权对该事项执行“不予许可”。"
    assert act(world, unrouted, "review", actor=agent).state == S.REVIEWING
    assert act(world, unrouted, "grant", actor=agent).state == S.DONE
    own = act(world, walk(world, fresh(world, routed=False), PATHS[S.PREPARING]), "commit", actor=agent)
    assert names(own, agent) == ["verify"] and names(own, leader) == ["verify", "revoke"]
    assert act(world, own, "verify", actor=agent, on=ACT_ON).followup_done_on == ACT_ON


def test_accept_and_commit_wait_for_open_prerequisites_naming_them(world):
    case = case_a(world)
    services.case_items_add(actor=world["agent_a"], case=case, items=catalogue("建设用地规划许可", "水土保持"))
    for name, action in (("建设用地规划许可", "accept"), ("水土保持", "commit")):
        ci = act(world, item(case, name), "prepare", on=D(2021, 3, 9))
        with pytest.raises(ValidationError) as e:
            act(world, ci, action, on=D(2021, 3, 10), actor=world["leader_a"])
        assert e.value.messages == [f"前置事项尚未办结:用地预审与选址意见。前置事项办结后才能受理“{name}”。"]
        assert item(case, name).state == S.PREPARING
    land = item(case, "用地预审与选址意见")
    act(world, land, "prepare", on=D(2021, 3, 9))
    act(world, land, "accept", on=D(2021, 3, 10), actor=world["leader_a"])
    act(world, item(case, "用地预审与选址意见"), "grant", on=D(2021, 3, 11), actor=world["leader_a"])
    assert act(world, item(case, "建设用地规划许可"), "accept", on=D(2021, 3, 12), actor=world["leader_a"]).state == S.ACCEPTED
    assert act(world, item(case, "水土保持"), "commit", on=D(2021, 3, 12), actor=world["leader_a"]).state == S.DONE


def test_commit_only_for_items_allowed_on_commitment(world):
    ci = walk(world, fresh(world, PLAIN_ITEM), PATHS[S.PREPARING])
    assert "commit" not in [n for n, _ in workflow.actions_for(ci, world["leader_a"])]
    with pytest.raises(ValidationError) as e:
        act(world, ci, "commit", actor=world["leader_a"])
    assert e.value.messages == [f"“{PLAIN_ITEM}”不在承诺制事项之列,不能先行办结。"]
    ci.refresh_from_db()
    assert ci.state == S.PREPARING and not ci.on_commitment


def test_verify_and_revoke_only_for_commitment_grants_and_once(world):
    granted = walk(world, fresh(world), PATHS[S.DONE])
    for name in ("verify", "revoke"):
        with pytest.raises(ValidationError) as e:
            act(world, granted, name, actor=world["leader_a"], note="核查")
        assert e.value.messages == [f"“{COMMITMENT_ITEM}”不是按承诺制办结的,无需核查。"]
    committed = walk(world, fresh(world), ON_COMMITMENT)
    assert committed.on_commitment and committed.followup_due and committed.done_on == WALK_ON
    verified = act(world, committed, "verify", on=ACT_ON)
    assert verified.state == S.DONE and verified.followup_done_on == ACT_ON
    for name in ("verify", "revoke"):
        with pytest.raises(ValidationError) as e:
            act(world, verified, name, actor=world["leader_a"], note="再核查")
        assert e.value.messages == [f"“{COMMITMENT_ITEM}”已于2021-03-03核查。"]
    revoked = act(world, walk(world, fresh(world), ON_COMMITMENT), "revoke", on=ACT_ON, note="未按承诺整改")
    assert revoked.state == S.REFUSED and revoked.done_on is None and revoked.followup_done_on == ACT_ON


def test_reapply_resets_the_clock(world):
    ci = fresh(world)
    act(world, ci, "prepare", on=D(2021, 3, 1))
    ci = act(world, ci, "accept", on=D(2021, 3, 2))
    assert ci.due_on == D(2021, 3, 5)  # 3 working days
    act(world, ci, "correct", on=D(2021, 3, 3))
    act(world, ci, "resubmit", on=D(2021, 3, 8))
    ci = act(world, ci, "refuse", on=D(2021, 3, 9), note="材料不实", document_no="甲不许〔2021〕1号")
    assert ci.used_workdays == 2 and ci.pauses == 1 and ci.document_no == "甲不许〔2021〕1号"  # 3月3日 and 3月9日
    ci = act(world, ci, "reapply", on=D(2021, 3, 10))
    assert (ci.state, ci.accepted_on, ci.used_workdays, ci.running_since, ci.due_on, ci.paused_on) == (
        S.PREPARING, None, 0, None, None, None)
    assert ci.correction_note == "" and not ci.on_commitment
    assert (ci.document_no, ci.pauses, ci.paused_workdays) == ("", 0, 0)  # the refusal's number is not the grant's
    ci = act(world, ci, "accept", on=D(2021, 3, 11))
    assert (ci.accepted_on, ci.used_workdays, ci.pauses, ci.paused_workdays, ci.due_on) == (
        D(2021, 3, 11), 0, 0, 0, D(2021, 3, 16))


def test_a_correction_requires_a_note_and_keeps_it(world):
    ci = walk(world, fresh(world), PATHS[S.ACCEPTED])
    with pytest.raises(ValidationError) as e:
        act(world, ci, "correct", note="  ")
    assert e.value.messages == ["请填写需补正的材料。"]
    ci = act(world, ci, "correct", note="补充消防预案")
    assert ci.correction_note == "补充消防预案" and ci.state == S.CORRECTING
