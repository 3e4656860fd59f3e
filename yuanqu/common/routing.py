"""Routing an item to the department that owns it, as a state machine of named actions.

Coordination items raised from a project's weekly report use it today; enterprise appeals are meant
to route the same way. Nothing here knows about projects: an item is any object with

    state, zone_id, owner_department_id, raised_by_id

and a `Policy` names the permissions that make a user the zone's leader (may act on every item of
the zone) or the owner department's staff (a department-scoped grant of `handle_perm`). The caller
saves the item and writes its own transition row; this module decides what is allowed.

    新提出 --accept--> 已受理 --resolve--> 已解决 --close--> 已办结
       |                  |                  |
       +----return--------+                  +--reopen--> 已受理 (leader)
       v
     退回 --assign--> 新提出 (to the same or another department)   退回 --close--> 已办结

A return never leaves an item in a void: it goes back to the raiser and the zone's leader, who
route it again or close it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q

from yuanqu.accounts.access import access_for


class RouteState(models.TextChoices):
    NEW = "new", "新提出"
    ACCEPTED = "accepted", "已受理"
    RETURNED = "returned", "退回"
    RESOLVED = "resolved", "已解决"
    CLOSED = "closed", "已办结"


OPEN_STATES = (RouteState.NEW, RouteState.ACCEPTED, RouteState.RETURNED)

# Who may take an action: the owner department's staff, the zone's leader, the user who raised it.
OWNER, LEADER, RAISER = "owner", "leader", "raiser"


@dataclass(frozen=True)
class Step:
    label: str
    sources: frozenset
    target: str
    parties: frozenset
    note: str = ""  # the label of a required note ("退回理由", "答复"); empty: the note is optional
    confirm: str = ""  # asked before a destructive step
    needs_department: bool = False


S = RouteState
STEPS: dict[str, Step] = {
    "accept": Step("受理", frozenset({S.NEW}), S.ACCEPTED, frozenset({OWNER, LEADER})),
    "return": Step("退回", frozenset({S.NEW, S.ACCEPTED}), S.RETURNED, frozenset({OWNER, LEADER}),
                   note="退回理由", confirm="确认退回?事项将回到提出人和园区领导。"),
    "resolve": Step("答复解决", frozenset({S.ACCEPTED}), S.RESOLVED, frozenset({OWNER, LEADER}), note="答复"),
    "assign": Step("指派部门", frozenset({S.NEW, S.RETURNED}), S.NEW, frozenset({LEADER, RAISER}),
                   needs_department=True),
    "close": Step("办结", frozenset({S.RESOLVED, S.RETURNED}), S.CLOSED, frozenset({LEADER, RAISER}),
                  confirm="确认办结?办结后不能再处理。"),
    "reopen": Step("重新办理", frozenset({S.RESOLVED}), S.ACCEPTED, frozenset({LEADER}), note="理由"),
}

MSG_UNKNOWN = "没有“{action}”这个操作。"
MSG_ILLEGAL = "该事项当前为“{state}”,不能执行“{action}”。当前可执行:{allowed}。"
MSG_NO_RIGHT = "您无权对该事项执行“{action}”。"
MSG_NOTE_REQUIRED = "请填写{label}。"
MSG_DEPARTMENT_REQUIRED = "请选择承办部门。"
MSG_DEPARTMENT_ZONE = "承办部门须是本园区的部门。"
MSG_NO_DEPARTMENT = "该事项尚未指派承办部门,请园区领导先指派。"


@dataclass(frozen=True)
class Policy:
    """Which permissions make a user the zone's leader or a department's staff for one kind of item."""

    lead_perm: str
    handle_perm: str


def parties(item, actor, policy: Policy) -> set[str]:
    access = access_for(actor)
    lead = access.scope(policy.lead_perm)
    out = set()
    if lead.everywhere or item.zone_id in lead.zone_ids:
        out.add(LEADER)
    if item.owner_department_id and item.owner_department_id in access.scope(policy.handle_perm).department_ids:
        out.add(OWNER)
    if item.raised_by_id and item.raised_by_id == getattr(actor, "pk", None):
        out.add(RAISER)
    return out


def _allowed_names(state: str, who: set[str] | None = None) -> list[str]:
    return [n for n, s in STEPS.items() if state in s.sources and (who is None or s.parties & who)]


def actions_for(item, actor, policy: Policy) -> list[tuple[str, Step]]:
    """The actions this actor may take on the item now, in the order of STEPS."""
    who = parties(item, actor, policy)
    # An item with no department cannot be accepted yet: it is offered for assignment instead.
    return [(n, STEPS[n]) for n in _allowed_names(item.state, who) if n != "accept" or item.owner_department_id]


def check(item, actor, action: str, policy: Policy, *, note: str = "", department=None) -> Step:
    """The step if the actor may take it now; else a Chinese ValidationError or PermissionDenied."""
    step = STEPS.get(action)
    if step is None:
        raise ValidationError(MSG_UNKNOWN.format(action=action), code="unknown_action")
    if item.state not in step.sources:
        allowed = "、".join(STEPS[n].label for n in _allowed_names(item.state)) or "无(已办结)"
        raise ValidationError(
            MSG_ILLEGAL.format(state=RouteState(item.state).label, action=step.label, allowed=allowed), code="illegal")
    if not step.parties & parties(item, actor, policy):
        raise PermissionDenied(MSG_NO_RIGHT.format(action=step.label))
    if step.note and not note.strip():
        raise ValidationError(MSG_NOTE_REQUIRED.format(label=step.note), code="note_required")
    if step.needs_department:
        if department is None:
            raise ValidationError(MSG_DEPARTMENT_REQUIRED, code="department_required")
        if department.zone_id != item.zone_id:
            raise ValidationError(MSG_DEPARTMENT_ZONE, code="department_zone")
    if action == "accept" and not item.owner_department_id:
        raise ValidationError(MSG_NO_DEPARTMENT, code="no_department")
    return step


def awaiting(user, policy: Policy, *, department_only: bool = False) -> Q:
    """A filter on the items waiting for this user: its departments' items to accept or answer; for
    the zone's leader also those without a department, returned or answered (to route or close);
    for the raiser its own returned or answered items."""
    access = access_for(user)
    q = Q(owner_department_id__in=access.scope(policy.handle_perm).department_ids,
          state__in=[S.NEW, S.ACCEPTED])
    if department_only:
        return q
    for_leader = Q(state__in=[S.RETURNED, S.RESOLVED]) | Q(state=S.NEW, owner_department__isnull=True)
    lead = access.scope(policy.lead_perm)
    if lead.everywhere:
        q |= for_leader
    elif lead.zone_ids:
        q |= Q(zone_id__in=lead.zone_ids) & for_leader
    q |= Q(raised_by_id=user.pk, state__in=[S.RETURNED, S.RESOLVED])
    return q
