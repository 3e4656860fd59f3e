"""A case's page (its items, their clocks and lights, what is asked of the enterprise, the
三个提前 checklist, the log), the form of each named item action, and the plan (critical path).

The page reads in a fixed number of queries whatever the number of items: the case with its items
and checklist (selectors.case_detail), the prerequisites once, the zone's thresholds once (one Judge
for every light), the log once. Everything per item is computed from those rows.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from yuanqu.accounts.access import access_for
from yuanqu.common import clock as today_clock
from yuanqu.common.forms import add_service_errors
from yuanqu.common.views import require_perm
from yuanqu.supervision.lights import Judge
from yuanqu.supervision.selectors import thresholds_for

from . import clock, lights, planning, selectors, services, workflow
from .action_forms import ItemActionForm
from .choices import RUNNING_STATES, CaseKind, ItemState

MSG_ACTED = "已对“{item}”执行“{action}”,当前状态:{state}。"
MSG_NOT_NOW = "现在不能办理:{reason}"


# ---- the case's page ------------------------------------------------------------------------------

@dataclass
class ItemRow:
    """One item of the case as its page shows it."""

    ci: object
    department: str
    via_agent: bool  # no department of the zone routed: the agent deals with the catalogue's one
    used: int | None  # working days on the clock (None: never accepted)
    deadline: dt.date | None
    followup: bool  # the deadline is a commitment follow-up check's
    light: object
    prerequisites: list  # (name, granted)
    parallel: list  # names of the items it ran side by side with
    actions: list  # (name, Step, why not yet) the user may take now ('' when it can be taken now)
    refusal: str = ""
    waiting: str = ""  # why accepting must wait (prerequisites not granted)


def _project_visible(user, project) -> bool:
    """Whether the project's page would open for the user (so the case links to it), without a query."""
    scope = access_for(user).scope("projects.view")
    return scope.everywhere or project.zone_id in scope.zone_ids or project.park_id in scope.park_ids or (
        project.department_id in scope.department_ids) or project.enterprise_id in scope.enterprise_ids


def _spans(items, log, today) -> dict:
    """Each item's time at a department, from acceptance (or its grant on commitment) to its decision
    (or today while open): the days on which it ran side by side with others."""
    last_day = {}
    for t in log:  # newest first
        last_day.setdefault(t.case_item_id, t.date)
    out = {}
    for ci in items:
        start = ci.accepted_on or (ci.done_on if ci.on_commitment else None)
        if start is None:
            continue
        if ci.state == ItemState.DONE:
            end = ci.done_on or start
        elif ci.state in RUNNING_STATES or ci.state == ItemState.CORRECTING:
            end = today
        else:  # refused, or back to preparing after a refusal: until its last step
            end = last_day.get(ci.pk, start)
        out[ci.pk] = (start, max(start, end))
    return out


def _parallel(items, spans, edges) -> dict:
    """Item pk → names of the items whose time at a department overlapped its own (并联), leaving out
    an item and its own prerequisite (one follows the other)."""
    out = {ci.pk: [] for ci in items}
    rows = [ci for ci in items if ci.pk in spans]
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            if b.item_id in edges.get(a.item_id, ()) or a.item_id in edges.get(b.item_id, ()):
                continue
            (s1, e1), (s2, e2) = spans[a.pk], spans[b.pk]
            if (s1 < e2 and s2 < e1) or s1 == s2:
                out[a.pk].append(b.item.name)
                out[b.pk].append(a.item.name)
    return out


def _plan(case, items, edges, today):
    """(the plan, None) or (None, the cycle's message): a cycle in the catalogue must not break the page."""
    try:
        return planning.case_plan(case, items, edges, today), None
    except planning.CycleError as e:
        return None, str(e)


def _to_start(case, plan) -> int | None:
    """Working days from signing to the start (a project), or from opening to the day held (an
    event); from the case's dates when a cycle leaves no plan."""
    return plan.actual_workdays if plan is not None else planning.workdays_to_start(case)


def _refusal_reasons(log) -> dict:
    """Item pk → the note of its latest refusal or revocation (shown with what the enterprise must do)."""
    out = {}
    for t in log:  # newest first
        if t.action in ("refuse", "revoke"):
            out.setdefault(t.case_item_id, t.note)
    return out


def _detail_context(request, case) -> dict:
    user, today = request.user, today_clock.today()
    items = list(case.items.all())
    for ci in items:
        ci.case = case  # the rows' case is this one (no query per item for the parties)
    edges = selectors.prerequisite_edges([ci.item_id for ci in items])
    log = list(selectors.transitions(case))
    judge = Judge(today, thresholds_for(case.zone_id))
    plan, cycle = _plan(case, items, edges, today)
    by_item = {ci.item_id: ci for ci in items}
    parallel = _parallel(items, _spans(items, log, today), edges)
    reasons = _refusal_reasons(log)
    rows = []
    for ci in items:
        deadline, followup = lights.item_deadline(ci)
        prereqs = [(by_item[p].item.name, by_item[p].state == ItemState.DONE) for p in edges.get(ci.item_id, ())
                   if p in by_item]
        waiting = "、".join(name for name, granted in prereqs if not granted)
        # Accepting (or granting on commitment) waits for the prerequisites: the button says so.
        actions = [(name, step, f"前置事项尚未办结:{waiting}" if waiting and name in ("accept", "commit") else "")
                   for name, step in workflow.actions_for(ci, user)]
        rows.append(ItemRow(
            ci=ci, department=ci.department.name if ci.department_id else ci.item.department_name,
            via_agent=not ci.department_id, used=clock.used(ci, today) if ci.accepted_on else None,
            deadline=deadline, followup=followup, light=judge.milestone(deadline, None) if deadline else None,
            prerequisites=prereqs, parallel=parallel[ci.pk], actions=actions,
            refusal=reasons.get(ci.pk, "") if ci.state == ItemState.REFUSED else "",
            waiting=next((wait for _, _, wait in actions if wait), "")))
    asked = [r for r in rows if r.ci.state != ItemState.DONE and (r.ci.item.material_list or r.ci.correction_note
                                                                   or r.refusal)]
    actual_workdays = _to_start(case, plan)
    return {
        "case": case, "event": case.kind == CaseKind.EVENT, "rows": rows, "asked": asked, "plan": plan, "cycle": cycle, "today": today,
        "actual_workdays": actual_workdays, "log": log, "tasks": list(case.service_tasks.all()),
        "may_change": selectors.may_change_case(user, case),
        "project_link": bool(case.project_id) and _project_visible(user, case.project),
        "thresholds": judge.thresholds,
        "any_actions": any(r.actions for r in rows),
    }


@require_GET
@require_perm(selectors.VIEW)
def case_detail(request, pk):
    case = selectors.case_detail(request.user, pk)
    return render(request, "approvals/case_detail.html", _detail_context(request, case))


# ---- one item action ------------------------------------------------------------------------------

def _not_now(case_item, user, action: str) -> str:
    """Why the step cannot be taken now ('' if it can, the note aside); PermissionDenied if the user
    is not a party of the step at all."""
    prerequisites = selectors.open_prerequisites(case_item) if action in ("accept", "commit") else ()
    try:
        workflow.check(case_item, user, action, note="", prerequisites_open=prerequisites)
    except ValidationError as e:
        if getattr(e, "code", None) == "note_required":  # the form asks for the note
            return ""
        return MSG_NOT_NOW.format(reason="".join(e.messages))
    return ""


@require_http_methods(["GET", "POST"])
@require_perm(selectors.VIEW)
def item_action(request, pk, item_pk, action):
    step = workflow.STEPS.get(action)
    if step is None:
        raise Http404
    case_item = selectors.case_item_for(request.user, pk, item_pk)
    if not workflow.parties(case_item, request.user):
        raise PermissionDenied(workflow.MSG_NO_RIGHT.format(action=step.label))
    blocked = _not_now(case_item, request.user, action)
    status = 200
    if request.method == "POST":
        form = ItemActionForm(request.POST, action=action, step=step)
        if form.is_valid():
            try:
                done = services.item_act(actor=request.user, case_item=case_item, action=action,
                                         **form.service_kwargs())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, MSG_ACTED.format(item=done.item.name, action=step.label,
                                                           state=ItemState(done.state).label))
                return redirect("approvals:case_detail", pk=case_item.case_id)
        status = 400
        blocked = ""  # the form's errors say why
    else:
        form = ItemActionForm(action=action, step=step)
    today = today_clock.today()
    context = {
        "case": case_item.case, "ci": case_item, "action": action, "step": step, "form": form,
        "blocked": blocked, "today": today,
        "used": clock.used(case_item, today) if case_item.accepted_on else None,
        "last": case_item.transitions.order_by("-date", "-id").first(),
    }
    return render(request, "approvals/item_action.html", context, status=status)


# ---- the plan -------------------------------------------------------------------------------------

@dataclass
class Chart:
    """Positions (percent of the width) of a plan's bars and markers along working days."""

    lo: int
    hi: int
    ticks: list = field(default_factory=list)  # (left %, label)
    lines: list = field(default_factory=list)  # (left %, css class, title)
    bars: dict = field(default_factory=dict)  # item pk → dict of positions

    def at(self, offset: int) -> float:
        return round((offset - self.lo) * 100 / (self.hi - self.lo), 2)

    def width(self, a: int, b: int) -> float:
        return round(max(b - a, 0) * 100 / (self.hi - self.lo), 2)


def _tick_step(span: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200):
        if span / step <= 10:
            return step
    return 500


def _chart(plan, today, case=None) -> Chart:
    """The items that must precede the start, on one scale from signing to the start (or to today
    while it has not come): items done after the start would squeeze the part that matters."""
    axis = planning.Axis(plan.base)
    today_off = axis.offset(today)
    marks = {}
    offsets = [0] if plan.actual_start else [0, today_off]
    for r in plan.rows:
        ci = r.case_item
        if not ci.before_start:
            continue
        m = {"es": r.es, "ef": r.ef, "slack": r.slack}
        if r.actual_finish:
            m["actual"] = axis.offset(r.actual_finish)
        elif r.forecast_finish:
            m["forecast"] = axis.offset(r.forecast_finish)
        # The time at the department so far: acceptance to the grant, or to today while it runs.
        if ci.accepted_on and (r.actual_finish or ci.state in RUNNING_STATES or ci.state == ItemState.CORRECTING):
            m["run"] = axis.offset(ci.accepted_on)
            m["run_end"] = m.get("actual", today_off)
        marks[ci.pk] = m
        offsets += [m[k] for k in ("es", "ef", "actual", "forecast", "run", "run_end") if k in m] + [r.ef + r.slack]
    starts = {}
    for key, day in (("planned", plan.planned_start), ("forecast", plan.forecast_start), ("actual", plan.actual_start)):
        if day:
            starts[key] = axis.offset(day)
            offsets.append(starts[key])
    chart = Chart(lo=min(offsets), hi=max(max(offsets), min(offsets) + 1))
    step = _tick_step(chart.hi - chart.lo)
    first = -(-chart.lo // step) * step
    for off in range(first, chart.hi + 1, step):
        day = axis.date(off)
        # A label at the right edge would be cut off: its line alone.
        chart.ticks.append((chart.at(off), f"{day.month}/{day.day}" if chart.at(off) <= 94 else ""))
    event = case is not None and case.kind == CaseKind.EVENT
    since = "签约" if case is None or case.signed_on else "启动"
    chart.lines.append((chart.at(0), "sign", f"{since}(起算) {plan.base:%Y-%m-%d}"))
    if plan.actual_start is None:
        chart.lines.append((chart.at(today_off), "today", f"今天 {today:%Y-%m-%d}"))
    labels = ({"planned": "计划最早举办", "forecast": "预测举办", "actual": "实际举办"} if event else
              {"planned": "计划最早开工", "forecast": "预测开工", "actual": "实际开工"})
    days = {"planned": plan.planned_start, "forecast": plan.forecast_start, "actual": plan.actual_start}
    for key, off in starts.items():
        if key == "forecast" and plan.actual_start:
            continue
        chart.lines.append((chart.at(off), f"start-{key}", f"{labels[key]} {days[key]:%Y-%m-%d}"))
    for pk, m in marks.items():
        bar = {"left": chart.at(m["es"]), "width": chart.width(m["es"], m["ef"]),
               "slack_left": chart.at(m["ef"]), "slack_width": chart.width(m["ef"], m["ef"] + m["slack"])}
        if "run" in m:
            bar["run_left"], bar["run_width"] = chart.at(m["run"]), chart.width(m["run"], m["run_end"])
        if "actual" in m:
            bar["actual"] = chart.at(m["actual"])
        if "forecast" in m:
            bar["forecast"] = chart.at(m["forecast"])
        chart.bars[pk] = bar
    return chart


@require_GET
@require_perm(selectors.VIEW)
def case_plan(request, pk):
    case = selectors.case_detail(request.user, pk)
    today = today_clock.today()
    items = list(case.items.all())
    edges = selectors.prerequisite_edges([ci.item_id for ci in items])
    plan, cycle = _plan(case, items, edges, today)
    context = {"case": case, "event": case.kind == CaseKind.EVENT, "plan": plan, "cycle": cycle, "today": today,
               "items": items, "actual_workdays": _to_start(case, plan)}
    if plan is not None:
        chart = _chart(plan, today, case)
        used = {r.case_item.pk: r.used for r in plan.rows}
        # Items beside the chain with no slack either (a tie): a day late on them is a day late too.
        tied = [r.case_item for r in plan.rows if r.case_item.before_start and r.slack == 0 and not r.critical]
        context.update(
            chart=chart, tied=tied,
            rows=[(r, chart.bars.get(r.case_item.pk), r.critical or r.case_item in tied) for r in plan.rows],
            after=[r for r in plan.rows if not r.case_item.before_start],
            slowest=[(ci, used[ci.pk]) for ci in plan.slowest],
            forecast_late=bool(plan.planned_start and plan.forecast_start and plan.forecast_start > plan.planned_start),
            chain_days=sum(0 if ci.by_commitment else ci.promised_days for ci in plan.chain))
    return render(request, "approvals/case_plan.html", context)


urlpatterns = [
    path("<int:pk>/", case_detail, name="case_detail"),
    path("<int:pk>/plan/", case_plan, name="case_plan"),
    path("<int:pk>/items/<int:item_pk>/act/<slug:action>/", item_action, name="item_action"),
]
