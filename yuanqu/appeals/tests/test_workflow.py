"""The appeal's state machine through the services: every action from every state, allowed or refused
with a message naming the state; who may take each step; the transition row and the inbox messages
each step leaves behind."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yuanqu.appeals import services, workflow
from yuanqu.appeals.choices import Rating, State
from yuanqu.appeals.models import Appeal, AppealAssignment, AppealTransition
from yuanqu.inbox.models import InboxMessage
from yuanqu.testing.factories import DepartmentFactory, UserFactory, grant

ALL_STATES = [s.value for s in State]

# What each state says may be done, as the refusal of an illegal action lists it.
ALLOWED_TEXT = {
    State.SUBMITTED: "分派、答复、不予办理",
    State.ASSIGNED: "分派、受理、退回",
    State.RETURNED: "分派、不予办理",
    State.HANDLING: "办理进展、答复",
    State.ANSWERED: "评价",
    State.CLOSED: "无(已办结)",
}

# action → the state it leads to when taken by its party (progress leaves the state; rate here is 非常满意).
TARGET = {
    "assign": State.ASSIGNED, "accept": State.HANDLING, "return": State.RETURNED, "progress": State.HANDLING,
    "answer": State.ANSWERED, "rate": State.CLOSED, "close": State.CLOSED,
}

LEGAL = [(a, s) for a in workflow.STEPS for s in ALL_STATES if s in workflow.STEPS[a].sources]
ILLEGAL = [(a, s) for a in workflow.STEPS for s in ALL_STATES if s not in workflow.STEPS[a].sources]


def party_for(action: str, state: str) -> str:
    """The persona who takes this action on an appeal of enterprise A in this state."""
    if action in ("assign", "close") or (action == "answer" and state == State.SUBMITTED):
        return "leader_a"
    if action == "rate":
        return "enterprise_a"
    return "dept_a"


def take(world, appeal, action: str, actor, note: str = "说明") -> Appeal:
    """Take any action through its service, as the UI would."""
    actor = world[actor] if isinstance(actor, str) else actor
    if action == "assign":
        return services.appeal_assign(actor=actor, appeal=appeal, lead_department=world.dept_a, note=note)
    if action == "rate":
        return services.appeal_rate(actor=actor, appeal=appeal, level=Rating.VERY_SATISFIED, comment=note)
    return services.appeal_act(actor=actor, appeal=appeal, action=action, note=note)


def inbox_titles(user) -> list[str]:
    return list(InboxMessage.objects.filter(recipient=user).order_by("id").values_list("title", flat=True))


@pytest.fixture
def co_dept(world):
    """A second department of zone A (甲自然资源局) with its own user, to co-handle."""
    department = DepartmentFactory(zone=world.zone_a, name="甲自然资源局")
    user = UserFactory(username="co_a", name="co_a")
    grant(user, "dept", department=department)
    return department, user


# -- the table: every action from every state --------------------------------------------------------

@pytest.mark.parametrize("action, state", LEGAL, ids=[f"{s}-{a}" for a, s in LEGAL])
def test_a_legal_action_by_its_party_moves_the_appeal_to_its_target_state(world, make_appeal, action, state):
    appeal = make_appeal(state)
    appeal = take(world, appeal, action, party_for(action, state))
    appeal.refresh_from_db()
    assert appeal.state == TARGET[action]
    transition = AppealTransition.objects.filter(appeal=appeal).latest("id")
    assert (transition.action, transition.from_state, transition.to_state) == (action, state, TARGET[action])
    assert transition.actor == world[party_for(action, state)]


@pytest.mark.parametrize("action, state", ILLEGAL, ids=[f"{s}-{a}" for a, s in ILLEGAL])
def test_an_illegal_action_is_refused_naming_the_state_and_what_is_allowed(world, make_appeal, action, state):
    appeal = make_appeal(state)
    transitions = AppealTransition.objects.filter(appeal=appeal).count()
    with pytest.raises(ValidationError) as exc:
        take(world, appeal, action, party_for(action, state))
    assert exc.value.code == "illegal"
    assert exc.value.messages == [workflow.MSG_ILLEGAL.format(
        state=State(state).label, action=workflow.STEPS[action].label, allowed=ALLOWED_TEXT[state])]
    appeal.refresh_from_db()
    assert appeal.state == state
    assert AppealTransition.objects.filter(appeal=appeal).count() == transitions


# Personas who are no party to an appeal of enterprise A, whatever its state.
OUTSIDERS = ["leader_b", "dept_b", "enterprise_b", "city", "liaison_a", "clerk_a", "nobody"]


@pytest.mark.parametrize("action, state", LEGAL, ids=[f"{s}-{a}" for a, s in LEGAL])
def test_a_legal_action_by_someone_who_is_no_party_is_permission_denied(world, make_appeal, action, state):
    # One appeal for all the outsiders (a refused step writes nothing): a world per outsider cost
    # a minute of the PostgreSQL run for no more certainty.
    appeal = make_appeal(state)
    transitions = AppealTransition.objects.filter(appeal=appeal).count()
    for outsider in OUTSIDERS:
        with pytest.raises(PermissionDenied, match=workflow.MSG_NO_RIGHT.format(action=workflow.STEPS[action].label)):
            take(world, appeal, action, outsider)
        appeal.refresh_from_db()
        assert appeal.state == state, outsider
    assert AppealTransition.objects.filter(appeal=appeal).count() == transitions


# The parties of the same appeal who are the wrong party for the step.
WRONG_PARTY = [
    ("assign", State.SUBMITTED, "dept_a"), ("assign", State.SUBMITTED, "enterprise_a"),
    ("assign", State.ASSIGNED, "dept_a"), ("assign", State.RETURNED, "enterprise_a"),
    ("accept", State.ASSIGNED, "leader_a"), ("accept", State.ASSIGNED, "enterprise_a"),
    ("return", State.ASSIGNED, "leader_a"), ("return", State.ASSIGNED, "enterprise_a"),
    ("progress", State.HANDLING, "enterprise_a"),
    ("answer", State.HANDLING, "enterprise_a"), ("answer", State.SUBMITTED, "enterprise_a"),
    ("rate", State.ANSWERED, "dept_a"), ("rate", State.ANSWERED, "leader_a"),
    ("close", State.SUBMITTED, "dept_a"), ("close", State.RETURNED, "enterprise_a"),
]


@pytest.mark.parametrize("action, state, actor", WRONG_PARTY, ids=[f"{s}-{a}-{p}" for a, s, p in WRONG_PARTY])
def test_a_party_to_the_appeal_cannot_take_another_partys_step(world, make_appeal, action, state, actor):
    appeal = make_appeal(state)
    with pytest.raises(PermissionDenied, match=workflow.MSG_NO_RIGHT.format(action=workflow.STEPS[action].label)):
        take(world, appeal, action, actor)


def test_an_unknown_action_is_refused(world, make_appeal):
    appeal = make_appeal("handling")
    with pytest.raises(ValidationError) as exc:
        services.appeal_act(actor=world["dept_a"], appeal=appeal, action="delete", note="x")
    assert exc.value.code == "unknown_action"
    assert exc.value.messages == [workflow.MSG_UNKNOWN.format(action="delete")]


@pytest.mark.parametrize("action", ["assign", "rate"])
def test_assign_and_rate_cannot_be_taken_through_the_generic_action(world, make_appeal, action):
    appeal = make_appeal("answered" if action == "rate" else "submitted")
    with pytest.raises(ValidationError) as exc:
        services.appeal_act(actor=world["leader_a"], appeal=appeal, action=action, note="x")
    assert exc.value.messages == [workflow.MSG_UNKNOWN.format(action=action)]


@pytest.mark.parametrize("action, state, label", [
    ("return", State.ASSIGNED, "退回理由"), ("progress", State.HANDLING, "进展情况"),
    ("answer", State.HANDLING, "答复"), ("answer", State.SUBMITTED, "答复"), ("close", State.SUBMITTED, "理由"),
    ("close", State.RETURNED, "理由"),
])
def test_a_step_that_needs_a_note_is_refused_without_one(world, make_appeal, action, state, label):
    appeal = make_appeal(state)
    with pytest.raises(ValidationError) as exc:
        take(world, appeal, action, party_for(action, state), note="  ")
    assert exc.value.code == "note_required"
    assert exc.value.messages == [workflow.MSG_NOTE_REQUIRED.format(label=label)]
    appeal.refresh_from_db()
    assert appeal.state == state


# -- who may do what --------------------------------------------------------------------------------

def test_a_zone_leader_dispatches_only_its_own_zones_appeals(world, make_appeal):
    appeal_b = make_appeal(enterprise=world.enterprise_b)
    with pytest.raises(PermissionDenied, match=workflow.MSG_NO_RIGHT.format(action="分派")):
        services.appeal_assign(actor=world["leader_a"], appeal=appeal_b, lead_department=world.dept_b)
    appeal_b = services.appeal_assign(actor=world["leader_b"], appeal=appeal_b, lead_department=world.dept_b)
    assert appeal_b.state == State.ASSIGNED


def test_a_department_handles_only_the_appeals_it_leads(world, make_appeal):
    appeal_b = make_appeal("assigned", enterprise=world.enterprise_b)
    with pytest.raises(PermissionDenied, match=workflow.MSG_NO_RIGHT.format(action="受理")):
        services.appeal_act(actor=world["dept_a"], appeal=appeal_b, action="accept")
    appeal_b = services.appeal_act(actor=world["dept_b"], appeal=appeal_b, action="accept")
    assert appeal_b.state == State.HANDLING


def test_a_co_department_may_add_progress_but_not_answer(world, make_appeal, co_dept):
    department, co_user = co_dept
    appeal = make_appeal("handling", co=[department])
    assert workflow.parties(appeal, co_user) == {workflow.CO}
    assert [name for name, _ in workflow.actions_for(appeal, co_user)] == ["progress"]
    services.appeal_act(actor=co_user, appeal=appeal, action="progress", note="已现场查看道路情况")
    with pytest.raises(PermissionDenied, match=workflow.MSG_NO_RIGHT.format(action="答复")):
        services.appeal_act(actor=co_user, appeal=appeal, action="answer", note="已处理")
    with pytest.raises(PermissionDenied, match=workflow.MSG_NO_RIGHT.format(action="受理")):
        services.appeal_act(actor=co_user, appeal=make_appeal("assigned", co=[department]), action="accept")
    appeal.refresh_from_db()
    assert appeal.state == State.HANDLING


def test_the_zone_leader_may_add_progress_and_answer_an_appeal_being_handled(world, make_appeal):
    appeal = make_appeal("handling")
    assert [name for name, _ in workflow.actions_for(appeal, world["leader_a"])] == ["progress", "answer"]
    services.appeal_act(actor=world["leader_a"], appeal=appeal, action="progress", note="已召集相关部门")
    appeal = services.appeal_act(actor=world["leader_a"], appeal=appeal, action="answer", note="已协调")
    assert appeal.state == State.ANSWERED


def test_an_enterprise_rates_only_its_own_appeal(world, make_appeal):
    appeal_b = make_appeal("answered", enterprise=world.enterprise_b)
    with pytest.raises(PermissionDenied, match=workflow.MSG_NO_RIGHT.format(action="评价")):
        services.appeal_rate(actor=world["enterprise_a"], appeal=appeal_b, level=Rating.SATISFIED)
    appeal_b = services.appeal_rate(actor=world["enterprise_b"], appeal=appeal_b, level=Rating.SATISFIED)
    assert appeal_b.state == State.CLOSED


def test_the_leader_answers_an_unassigned_appeal_on_the_spot(world, make_appeal):
    appeal = make_appeal("submitted")
    assert "answer" in dict(workflow.actions_for(appeal, world["leader_a"]))
    appeal = services.appeal_act(actor=world["leader_a"], appeal=appeal, action="answer", note="现场答复:下周调整路线")
    appeal.refresh_from_db()
    assert (appeal.state, appeal.answer, appeal.lead_department) == (State.ANSWERED, "现场答复:下周调整路线", None)
    assert appeal.answered_at is not None
    assert not AppealAssignment.objects.filter(appeal=appeal).exists()
    assert inbox_titles(world["enterprise_a"])[-1] == f"诉求已答复,请评价:{appeal.title}"


def test_a_department_cannot_answer_an_unassigned_appeal_on_the_spot(world, make_appeal):
    # Only reachable through a lead department on an unassigned appeal; the rule is the workflow's own.
    appeal = make_appeal("submitted")
    appeal.lead_department = world.dept_a
    with pytest.raises(PermissionDenied, match=workflow.MSG_SPOT_ONLY_DISPATCHER):
        workflow.check(appeal, world["dept_a"], "answer", note="答复")


def test_the_actions_offered_are_those_of_the_users_parties(world, make_appeal):
    assigned = make_appeal("assigned")
    assert [n for n, _ in workflow.actions_for(assigned, world["leader_a"])] == ["assign"]
    assert [n for n, _ in workflow.actions_for(assigned, world["dept_a"])] == ["accept", "return"]
    assert workflow.actions_for(assigned, world["enterprise_a"]) == []
    assert workflow.actions_for(assigned, world["leader_b"]) == []
    answered = make_appeal("answered")
    assert [n for n, _ in workflow.actions_for(answered, world["enterprise_a"])] == ["rate"]
    assert workflow.actions_for(answered, world["enterprise_b"]) == []


# -- the transition rows ----------------------------------------------------------------------------

def test_every_step_of_an_appeals_life_leaves_a_transition_row(world, make_appeal):
    appeal = make_appeal("returned")
    appeal = services.appeal_assign(actor=world["leader_a"], appeal=appeal, lead_department=world.dept_a)
    appeal = services.appeal_act(actor=world["dept_a"], appeal=appeal, action="accept")
    appeal = services.appeal_act(actor=world["dept_a"], appeal=appeal, action="progress", note="已联系驾校")
    appeal = services.appeal_act(actor=world["dept_a"], appeal=appeal, action="answer", note="已调整")
    services.appeal_rate(actor=world["enterprise_a"], appeal=appeal, level=Rating.SATISFIED)
    rows = list(AppealTransition.objects.filter(appeal=appeal).order_by("id")
                .values_list("action", "from_state", "to_state", "actor__username"))
    assert rows == [
        ("create", "", State.SUBMITTED, "enterprise_a"),
        ("assign", State.SUBMITTED, State.ASSIGNED, "leader_a"),
        ("return", State.ASSIGNED, State.RETURNED, "dept_a"),
        ("assign", State.RETURNED, State.ASSIGNED, "leader_a"),
        ("accept", State.ASSIGNED, State.HANDLING, "dept_a"),
        ("progress", State.HANDLING, State.HANDLING, "dept_a"),
        ("answer", State.HANDLING, State.ANSWERED, "dept_a"),
        ("rate", State.ANSWERED, State.CLOSED, "enterprise_a"),
    ]
    notes = dict(AppealTransition.objects.filter(appeal=appeal, action__in=["return", "progress", "answer", "rate"])
                 .values_list("action", "note"))
    assert notes == {"return": "不属本部门职责", "progress": "已联系驾校", "answer": "已调整", "rate": "满意"}


def test_a_close_records_its_reason(world, make_appeal):
    appeal = make_appeal("submitted")
    appeal = services.appeal_act(actor=world["leader_a"], appeal=appeal, action="close", note="属司法程序事项")
    appeal.refresh_from_db()
    assert appeal.state == State.CLOSED and appeal.closed_at is not None
    transition = AppealTransition.objects.filter(appeal=appeal).latest("id")
    assert (transition.action, transition.note) == ("close", "属司法程序事项")


# -- inbox messages ---------------------------------------------------------------------------------

def test_a_new_appeal_is_announced_to_its_zones_leaders_only(world, make_appeal):
    appeal = make_appeal("submitted")
    assert inbox_titles(world["leader_a"]) == [f"新诉求待分派:{appeal.title}"]
    assert inbox_titles(world["leader_b"]) == [] and inbox_titles(world["dept_a"]) == []


def test_an_assignment_tells_the_lead_and_co_departments_each_their_part(world, make_appeal, co_dept):
    department, co_user = co_dept
    appeal = make_appeal("assigned", co=[department])
    assert inbox_titles(world["dept_a"]) == [f"新分派诉求(主办):{appeal.title}"]
    assert inbox_titles(co_user) == [f"新分派诉求(协办):{appeal.title}"]
    assert inbox_titles(world["dept_b"]) == [] and inbox_titles(world["enterprise_a"]) == []


@pytest.mark.parametrize("action, state, title", [
    ("accept", State.ASSIGNED, "诉求已受理"),
    ("progress", State.HANDLING, "诉求办理进展"),
    ("answer", State.HANDLING, "诉求已答复,请评价"),
    ("close", State.SUBMITTED, "诉求不予办理"),
])
def test_the_enterprise_hears_of_each_step_that_concerns_it(world, make_appeal, action, state, title):
    appeal = make_appeal(state)
    take(world, appeal, action, party_for(action, state), note="已处理")
    assert inbox_titles(world["enterprise_a"])[-1] == f"{title}:{appeal.title}"
    assert inbox_titles(world["enterprise_b"]) == []


def test_a_return_tells_the_zones_leaders_with_the_reason(world, make_appeal):
    appeal = make_appeal("returned")
    [message] = InboxMessage.objects.filter(recipient=world["leader_a"], title__startswith="诉求被退回")
    assert message.title == f"诉求被退回,请重新分派:{appeal.title}"
    assert message.body == "甲建设局退回:不属本部门职责"
    assert inbox_titles(world["leader_b"]) == []


def test_a_dissatisfied_rating_tells_the_lead_department(world, make_appeal):
    appeal = make_appeal("answered")
    services.appeal_rate(actor=world["enterprise_a"], appeal=appeal, level=Rating.DISSATISFIED, comment="路线仍未调整")
    assert inbox_titles(world["dept_a"])[-1] == f"企业评价不满意,诉求重新办理:{appeal.title}"
