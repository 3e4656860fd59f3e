"""The appeal's state machine: named actions, who may take each, and from which states.

    待分派 --assign--> 待受理 --accept--> 办理中 --answer--> 已答复待评价 --rate(基本满意 or better)--> 已办结
      |                 |  ^                 ^ progress (no state change)    |
      |                 |  +--assign (re-route before acceptance)            +--rate(不满意 or worse)--> 办理中 (重办)
      |                 +--return--> 已退回 --assign--> 待受理                +--(tick, unrated N working days)--> 已办结
      +--answer (the leader, on the spot)--> 已答复待评价
      +--close / 已退回 --close--> 已办结 (不予办理, with the reason)

A return goes back to the dispatcher (the zone's leader), never into a void. Pure: no database
writes here; services.py takes the step, saves, logs the transition and sends the messages.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from yuanqu.accounts.access import access_for

from .choices import State

# The parties to an appeal.
DISPATCHER = "dispatcher"  # the zone's leader (appeals.dispatch in the appeal's zone)
LEAD = "lead"  # staff of the lead department (主办)
CO = "co"  # staff of a co-department (协办)
ENTERPRISE = "enterprise"  # the appeal's own enterprise's user (appeals.rate)


@dataclass(frozen=True)
class Step:
    label: str
    sources: frozenset
    target: str | None  # None: the state does not change (progress notes); rate decides by the level
    parties: frozenset
    note: str = ""  # the label of a required note; empty: optional
    confirm: str = ""


S = State
STEPS: dict[str, Step] = {
    "assign": Step("分派", frozenset({S.SUBMITTED, S.RETURNED, S.ASSIGNED}), S.ASSIGNED, frozenset({DISPATCHER})),
    "accept": Step("受理", frozenset({S.ASSIGNED}), S.HANDLING, frozenset({LEAD})),
    "return": Step("退回", frozenset({S.ASSIGNED}), S.RETURNED, frozenset({LEAD}), note="退回理由",
                   confirm="确认退回?诉求将回到园区领导重新分派。"),
    "progress": Step("办理进展", frozenset({S.HANDLING}), None, frozenset({LEAD, CO, DISPATCHER}), note="进展情况"),
    "answer": Step("答复", frozenset({S.HANDLING, S.SUBMITTED}), S.ANSWERED, frozenset({LEAD, DISPATCHER}), note="答复"),
    "rate": Step("评价", frozenset({S.ANSWERED}), None, frozenset({ENTERPRISE})),
    "close": Step("不予办理", frozenset({S.SUBMITTED, S.RETURNED}), S.CLOSED, frozenset({DISPATCHER}), note="理由",
                  confirm="确认不予办理并办结?企业会收到理由。"),
}
# Actions a user takes on the appeal's page (rate has its own form; the tick rates automatically).
PAGE_ACTIONS = ("assign", "accept", "return", "progress", "answer", "close")

MSG_UNKNOWN = "没有“{action}”这个操作。"
MSG_ILLEGAL = "该诉求当前为“{state}”,不能执行“{action}”。当前可执行:{allowed}。"
MSG_NO_RIGHT = "您无权对该诉求执行“{action}”。"
MSG_NOTE_REQUIRED = "请填写{label}。"
MSG_SPOT_ONLY_DISPATCHER = "未分派的诉求只能由园区领导当场答复。"


def parties(appeal, actor) -> set[str]:
    access = access_for(actor)
    out = set()
    dispatch = access.scope("appeals.dispatch")
    if dispatch.everywhere or appeal.zone_id in dispatch.zone_ids:
        out.add(DISPATCHER)
    departments = access.scope("appeals.handle").department_ids
    if appeal.lead_department_id and appeal.lead_department_id in departments:
        out.add(LEAD)
    if departments and appeal.pk and departments & co_department_ids(appeal):
        out.add(CO)
    if appeal.enterprise_id in access.scope("appeals.rate").enterprise_ids:
        out.add(ENTERPRISE)
    return out


def co_department_ids(appeal) -> set[int]:
    cache = getattr(appeal, "_prefetched_objects_cache", {}).get("co_departments")
    if cache is not None:
        return {d.pk for d in cache}
    return set(appeal.co_departments.values_list("pk", flat=True))


def _allowed(state: str, who: set[str] | None = None) -> list[str]:
    names = []
    for name, step in STEPS.items():
        if state not in step.sources or (who is not None and not step.parties & who):
            continue
        # Answering an unassigned appeal is the leader's answer on the spot, not a department's.
        if name == "answer" and state == S.SUBMITTED and who is not None and DISPATCHER not in who:
            continue
        names.append(name)
    return names


def actions_for(appeal, actor) -> list[tuple[str, Step]]:
    """The actions this actor may take on the appeal now, in the order of STEPS."""
    return [(n, STEPS[n]) for n in _allowed(appeal.state, parties(appeal, actor))]


def check(appeal, actor, action: str, *, note: str = "") -> Step:
    """The step if the actor may take it now; else a Chinese ValidationError or PermissionDenied."""
    step = STEPS.get(action)
    if step is None:
        raise ValidationError(MSG_UNKNOWN.format(action=action), code="unknown_action")
    if appeal.state not in step.sources:
        allowed = "、".join(STEPS[n].label for n in _allowed(appeal.state)) or "无(已办结)"
        raise ValidationError(MSG_ILLEGAL.format(state=State(appeal.state).label, action=step.label, allowed=allowed),
                              code="illegal")
    who = parties(appeal, actor)
    if not step.parties & who:
        raise PermissionDenied(MSG_NO_RIGHT.format(action=step.label))
    if action == "answer" and appeal.state == S.SUBMITTED and DISPATCHER not in who:
        raise PermissionDenied(MSG_SPOT_ONLY_DISPATCHER)
    if step.note and not (note or "").strip():
        raise ValidationError(MSG_NOTE_REQUIRED.format(label=step.note), code="note_required")
    return step
