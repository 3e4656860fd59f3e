"""A case item's state machine: named actions, who may take each, and from which states.

    待启动 --prepare--> 材料准备 --accept--> 已受理 --review--> 审查中 --grant--> 已办结
                         |                    |  \\            |  ^    \\--refuse--> 不予许可 --reapply--> 材料准备
                         |                    |   \\--correct--+--|--> 补正中 --resubmit--> 审查中
                         +--commit (承诺制)----+--------------------> 已办结 (on commitment) --verify--> (核查通过)
                                                                                      \\--revoke--> 不予许可

accept and commit need the item's prerequisites granted (已办结): items whose prerequisites are done
run side by side (并联). commit is open only to items the catalogue allows on commitment (承诺制);
verify and revoke only to items granted so, until checked.

Parties: the case's agency officer (代办员) prepares, resubmits and reapplies for the enterprise, and
records what a department did at its window (受理, 补正通知, 办结) only for an item routed to no
department of the platform (the agent deals with the approving body directly); once an item is
routed to a department, its steps are that department's staff's (or the leader's), so the officer
acting for the enterprise cannot stop a department's clock or check the enterprise's own commitment.
The zone's leader (approvals.manage) may take any step. Refusing or revoking is a department's
decision (or the leader's), never the agent's.

Pure: no database writes here; services.py takes the step, saves, logs and notifies.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from yuanqu.accounts.access import access_for

from .choices import ItemState

AGENT = "agent"
DEPARTMENT = "department"
MANAGER = "manager"


@dataclass(frozen=True)
class Step:
    label: str
    sources: frozenset
    target: str | None  # None: the state does not change (verify)
    parties: frozenset
    note: str = ""  # the label of a required note; empty: optional
    confirm: str = ""
    department_side: bool = False  # the approving side's step: the agent records it only for unrouted items


S = ItemState
ALL = frozenset({AGENT, DEPARTMENT, MANAGER})
STEPS: dict[str, Step] = {
    "prepare": Step("启动申报", frozenset({S.PENDING}), S.PREPARING, frozenset({AGENT, MANAGER})),
    "accept": Step("受理", frozenset({S.PREPARING}), S.ACCEPTED, ALL, department_side=True),
    "review": Step("进入审查", frozenset({S.ACCEPTED}), S.REVIEWING, ALL, department_side=True),
    "correct": Step("退回补正", frozenset({S.ACCEPTED, S.REVIEWING}), S.CORRECTING, ALL, note="需补正的材料",
                    department_side=True),
    "resubmit": Step("补正提交", frozenset({S.CORRECTING}), S.REVIEWING, frozenset({AGENT, MANAGER})),
    "grant": Step("办结", frozenset({S.ACCEPTED, S.REVIEWING}), S.DONE, ALL, department_side=True),
    "commit": Step("承诺制办结", frozenset({S.PREPARING, S.ACCEPTED, S.REVIEWING}), S.DONE, ALL,
                   confirm="确认按告知承诺制先行办结?须在核查期限内完成核查。", department_side=True),
    "refuse": Step("不予许可", frozenset({S.ACCEPTED, S.REVIEWING}), S.REFUSED, frozenset({DEPARTMENT, MANAGER}),
                   note="不予许可理由", confirm="确认不予许可?代办员和企业会收到理由。"),
    "verify": Step("承诺核查通过", frozenset({S.DONE}), None, ALL, department_side=True),
    "revoke": Step("核查不合格撤销", frozenset({S.DONE}), S.REFUSED, frozenset({DEPARTMENT, MANAGER}),
                   note="核查发现的问题", confirm="确认撤销该承诺制许可?事项将转为不予许可。"),
    "reapply": Step("重新申报", frozenset({S.REFUSED}), S.PREPARING, frozenset({AGENT, MANAGER})),
}

MSG_UNKNOWN = "没有“{action}”这个操作。"
MSG_ILLEGAL = "该事项当前为“{state}”,不能执行“{action}”。当前可执行:{allowed}。"
MSG_NO_RIGHT = "您无权对该事项执行“{action}”。"
MSG_DEPARTMENT_STEP = "“{item}”已交由{department}承办,“{action}”由该部门办理。"
MSG_NOTE_REQUIRED = "请填写{label}。"
MSG_PREREQUISITES = "前置事项尚未办结:{names}。前置事项办结后才能受理“{item}”。"
MSG_NO_COMMITMENT = "“{item}”不在承诺制事项之列,不能先行办结。"
MSG_NOT_ON_COMMITMENT = "“{item}”不是按承诺制办结的,无需核查。"
MSG_ALREADY_VERIFIED = "“{item}”已于{date}核查。"


def parties(case_item, actor) -> set[str]:
    access = access_for(actor)
    case = case_item.case
    out = set()
    manage = access.scope("approvals.manage")
    if manage.everywhere or case.zone_id in manage.zone_ids:
        out.add(MANAGER)
    agent = access.scope("approvals.agent")
    if case.agent_id == actor.pk and (agent.everywhere or case.zone_id in agent.zone_ids):
        out.add(AGENT)
    if case_item.department_id and case_item.department_id in access.scope("approvals.handle").department_ids:
        out.add(DEPARTMENT)
    return out


def _applies(name: str, case_item) -> bool:
    """Conditions beyond the state: which steps make sense for this item at all."""
    if name == "commit":
        return case_item.item.commitment_allowed
    if name in ("verify", "revoke"):
        return case_item.on_commitment and case_item.followup_done_on is None
    return True


def _step_parties(step: Step, case_item) -> frozenset:
    if step.department_side and case_item.department_id:
        return step.parties - {AGENT}
    return step.parties


def _allowed(case_item, who: set[str] | None = None) -> list[str]:
    return [name for name, step in STEPS.items()
            if case_item.state in step.sources and _applies(name, case_item)
            and (who is None or _step_parties(step, case_item) & who)]


def actions_for(case_item, actor, who: set[str] | None = None) -> list[tuple[str, Step]]:
    """The steps this actor may take on the item now, in the order of STEPS."""
    who = parties(case_item, actor) if who is None else who
    return [(n, STEPS[n]) for n in _allowed(case_item, who)]


def check(case_item, actor, action: str, *, note: str = "", prerequisites_open=()) -> Step:
    """The step if the actor may take it now; else a Chinese ValidationError or PermissionDenied.

    `prerequisites_open`: names of the item's prerequisites in the case not yet granted."""
    step = STEPS.get(action)
    if step is None:
        raise ValidationError(MSG_UNKNOWN.format(action=action), code="unknown_action")
    name = case_item.item.name
    if case_item.state not in step.sources:
        allowed = "、".join(STEPS[n].label for n in _allowed(case_item)) or "无"
        raise ValidationError(MSG_ILLEGAL.format(state=ItemState(case_item.state).label, action=step.label,
                                                 allowed=allowed), code="illegal")
    if action == "commit" and not case_item.item.commitment_allowed:
        raise ValidationError(MSG_NO_COMMITMENT.format(item=name), code="no_commitment")
    if action in ("verify", "revoke"):
        if not case_item.on_commitment:
            raise ValidationError(MSG_NOT_ON_COMMITMENT.format(item=name), code="not_on_commitment")
        if case_item.followup_done_on is not None:
            raise ValidationError(MSG_ALREADY_VERIFIED.format(item=name, date=f"{case_item.followup_done_on:%Y-%m-%d}"),
                                  code="verified")
    who = parties(case_item, actor)
    if not _step_parties(step, case_item) & who:
        if AGENT in who and step.parties & who:
            raise PermissionDenied(MSG_DEPARTMENT_STEP.format(item=name, department=case_item.department,
                                                              action=step.label))
        raise PermissionDenied(MSG_NO_RIGHT.format(action=step.label))
    if action in ("accept", "commit") and prerequisites_open:
        raise ValidationError(MSG_PREREQUISITES.format(names="、".join(prerequisites_open), item=name),
                              code="prerequisites")
    if step.note and not (note or "").strip():
        raise ValidationError(MSG_NOTE_REQUIRED.format(label=step.note), code="note_required")
    return step
