"""Reads behind the case board (审批看板), the queue (审批待办) and the signing → start report
(审批时效): their filters, the rows a page shows, and the counts the home page shows.

The board reads case rows only: each case keeps a summary of its items (counts, the nearest
deadline, the planned start), so 50 rows cost one query and a light per row judged from one date.
Working days from signing to start come from workdays.SpanCounter, which counts each calendar year
once, so a report over thousands of projects walks a few years of the calendar, not one span per project.
"""

import datetime as dt
import statistics

from django import forms
from django.utils.functional import cached_property
from django.db.models import Count, F, Max, Min, Q, QuerySet, Value, When
from django.db.models import Case as CaseWhen
from django.db.models.functions import Coalesce

from yuanqu.accounts.access import access_for
from yuanqu.accounts.models import User
from yuanqu.accounts.roles import Role
from yuanqu.common import workdays
from yuanqu.common.views import CappedPaginator
from yuanqu.registry.selectors import zone_list

from . import clock as item_clock
from . import planning, selectors, workflow
from .choices import AGENT_STATES, DEPARTMENT_STATES, CaseKind, ItemState
from .lights import Judges, case_light, item_deadline, item_light
from .models import ApprovalCase

PER_PAGE = 50
SEARCH_LOOKUP_CAP = 200  # enterprises / projects whose names match a search, looked up first
SEARCH_SORT_CAP = 2000  # a search matching at most this many cases sorts just those

STATUS_CHOICES = [
    ("open", "办理中"),
    ("correcting", "有补正中"),
    ("overdue", "有逾期"),
    ("done", "已全部办结"),
    ("unstarted", "待开工"),
]


# ---- the board ---------------------------------------------------------------------------------------

def _zones(user):
    return zone_list(user, selectors.VIEW)


def staff_reader(user) -> bool:
    """Whether the user sees approvals as staff of a zone or a department (not only its own enterprise's)."""
    scope = access_for(user).scope(selectors.VIEW)
    return bool(scope.everywhere or scope.zone_ids or scope.park_ids or scope.department_ids)


class BoardFilter(forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=60,
                        widget=forms.TextInput(attrs={"placeholder": "办件、项目或企业名称", "type": "search"}))
    zone = forms.ModelChoiceField(label="园区", queryset=None, required=False, empty_label="全部园区")
    kind = forms.ChoiceField(label="类型", required=False, choices=[("", "全部类型"), *CaseKind.choices])
    agent = forms.ModelChoiceField(label="代办员", queryset=None, required=False, empty_label="全部代办员")
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *STATUS_CHOICES])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        zones = list(_zones(user))
        self.many_zones = len(zones) > 1
        if self.many_zones:
            self.fields["zone"].queryset = _zones(user)
        else:
            del self.fields["zone"]
        if not staff_reader(user):  # an enterprise follows its own cases: no one else's agents to pick
            del self.fields["agent"]
            return
        # Agents follow the chosen zone when the user sees several (a city-wide list would be long).
        chosen = self.data.get("zone") if self.is_bound and self.many_zones else None
        if chosen and str(chosen).isdigit():
            zone_ids = [int(chosen)] if any(z.pk == int(chosen) for z in zones) else []
        elif not self.many_zones:
            zone_ids = [z.pk for z in zones]
        else:
            zone_ids = []
            self.fields["agent"].empty_label = "先选择园区"
        self.fields["agent"].queryset = (User.objects.filter(
            roles__role__in=[Role.AGENT, Role.LEADER], roles__zone_id__in=zone_ids, is_active=True)
            .distinct().order_by("name", "username"))
        self.fields["agent"].label_from_instance = lambda u: u.display_name


def status_q(status: str, today: dt.date) -> Q:
    if status == "open":
        return Q(items_total__gt=F("items_done") + F("items_refused"))
    if status == "correcting":
        return Q(items_correcting__gt=0)
    if status == "overdue":
        return Q(next_due__lt=today)
    if status == "done":
        return Q(items_total__gt=0, items_done=F("items_total"))
    if status == "unstarted":
        return Q(kind=CaseKind.PROJECT, started_on__isnull=True)
    return Q()


def search_q(text: str) -> Q:
    """Title, or a project or enterprise whose name holds the text (those looked up first, a bounded
    list, so the case query stays a scan of case rows with no join in its condition)."""
    from yuanqu.projects.models import Project
    from yuanqu.registry.models import Enterprise

    q = Q(title__icontains=text)
    enterprises = list(Enterprise.objects.filter(name__icontains=text).order_by().values_list("pk", flat=True)[:SEARCH_LOOKUP_CAP])
    if enterprises:
        q |= Q(enterprise_id__in=enterprises)
    projects = list(Project.objects.filter(name__icontains=text).order_by().values_list("pk", flat=True)[:SEARCH_LOOKUP_CAP])
    if projects:
        q |= Q(project_id__in=projects)
    return q


def board_cases(user, filters: dict | None, today: dt.date) -> QuerySet[ApprovalCase]:
    """The cases the user sees, filtered, newest first."""
    f = filters or {}
    qs = selectors.case_list(user)
    if f.get("q"):
        qs = qs.filter(search_q(f["q"].strip()))
    if f.get("zone"):
        qs = qs.filter(zone=f["zone"])
    if f.get("kind"):
        qs = qs.filter(kind=f["kind"])
    if f.get("agent"):
        qs = qs.filter(agent=f["agent"])
    if f.get("status"):
        qs = qs.filter(status_q(f["status"], today))
    qs = qs.order_by("-opened_on", "-id")
    return _few_sorted(qs) if f.get("q") else qs


def _few_sorted(qs: QuerySet[ApprovalCase]) -> QuerySet[ApprovalCase]:
    """A search matching few cases: their ids first (a plain scan of the case rows), then only those
    sorted. Read in the board's order instead, a few hundred matches among 50,000 cases walk a
    quarter of the board index and read each row out of order (40 ms on SQLite); a search matching
    more than SEARCH_SORT_CAP finds its first page early on that walk, so it keeps it."""
    ids = list(qs.order_by().values_list("pk", flat=True)[: SEARCH_SORT_CAP + 1])
    if len(ids) > SEARCH_SORT_CAP:
        return qs
    return (ApprovalCase.objects.filter(pk__in=ids).select_related("zone", "project", "enterprise", "agent")
            .order_by("-opened_on", "-id"))


class SearchPaginator(CappedPaginator):
    """Counts a search's matches up to the cap without the board's order: a capped count keeps the
    ORDER BY of its slice, which walks the board index and reads each row out of order (63 ms at
    50,000 cases on SQLite, against 8 ms for a plain scan of the rows)."""

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.CAP + 1].count()


def board_rows(cases, today: dt.date, counter: workdays.SpanCounter | None = None) -> list[dict]:
    """A page's cases with their lights and signing → start working days (no query per row)."""
    cases = list(cases)
    judges = Judges({c.zone_id for c in cases}, today)
    counter = counter or workdays.SpanCounter()
    rows = []
    for c in cases:
        days, provisional = counter.span(c.signed_on, c.started_on)
        rows.append({
            "obj": c,
            "light": case_light(c, judges.judge(c.zone_id)),
            "percent": round(100 * c.items_done / c.items_total) if c.items_total else 0,
            "workdays": days, "provisional": provisional,
        })
    return rows


EXPORT_HEADERS = ["编号", "办件名称", "类型", "园区", "项目", "企业", "代办员", "事项数", "已办结", "并联办理中", "补正中",
                  "待申报", "不予许可", "最近期限", "期限状态", "计划最早开工", "签约日期", "实际开工", "签约→开工(工作日)",
                  "工作日暂定"]
LIGHT_TEXT = {"red": "逾期", "yellow": "临近期限", "green": "正常"}


def export_rows(qs, today: dt.date):
    counter = workdays.SpanCounter()
    judges = Judges(set(qs.order_by().values_list("zone_id", flat=True).distinct()), today)
    for c in qs.iterator(chunk_size=2000):
        light = case_light(c, judges.judge(c.zone_id))
        days, provisional = counter.span(c.signed_on, c.started_on)
        yield [c.number, c.title, c.get_kind_display(), c.zone.short_name, c.project.name if c.project_id else "",
               c.enterprise.name if c.enterprise_id else "", c.agent.display_name if c.agent_id else "",
               c.items_total, c.items_done, c.items_running, c.items_correcting, c.items_waiting, c.items_refused,
               c.next_due, LIGHT_TEXT.get(light.light, "") if light else "", c.planned_start, c.signed_on,
               c.started_on, days, "是" if provisional else ""]


# ---- the queue ---------------------------------------------------------------------------------------

MINE, DEPARTMENT, OVERDUE = 1, 2, 3
GROUPS = {
    MINE: ("需我申报/补正", "您代办的事项:启动申报、补正材料、重新申报,以及承诺制事项的核查"),
    DEPARTMENT: ("需本部门受理/审批", "分派给本部门的事项:受理、审查、办结或退回补正,以及承诺制事项的核查"),
    OVERDUE: ("已逾期", "本园区超过承诺时限或核查期限的事项"),
}
GROUP_SLUGS = {MINE: "mine", DEPARTMENT: "department", OVERDUE: "overdue"}
_FOLLOWUP_OPEN = Q(on_commitment=True, followup_done_on__isnull=True, state=ItemState.DONE)


def _group(user):
    """Which group each of selectors.queue's items falls in, as an SQL expression (the same
    conditions as the selector; an item waiting on the user as agent or department is listed there,
    not again among the zone's overdue items)."""
    access = access_for(user)
    whens = []
    agent = access.scope(selectors.AGENT)
    if agent.everywhere or agent.zone_ids:
        mine = Q(case__agent_id=user.pk) & (Q(state__in=AGENT_STATES + (ItemState.REFUSED,))
                                            | _FOLLOWUP_OPEN & Q(department__isnull=True))
        if not agent.everywhere:
            mine &= Q(case__zone_id__in=agent.zone_ids)
        whens.append(When(mine, then=Value(MINE)))
    departments = access.scope(selectors.HANDLE).department_ids
    if departments:
        whens.append(When(Q(department_id__in=departments) & (Q(state__in=DEPARTMENT_STATES) | _FOLLOWUP_OPEN),
                          then=Value(DEPARTMENT)))
    return CaseWhen(*whens, default=Value(OVERDUE)) if whens else Value(OVERDUE)


def queue_items(user):
    """selectors.queue grouped (mine, the department's, the zone's overdue), nearest deadline first."""
    return (selectors.queue(user).annotate(group=_group(user), deadline=Coalesce("due_on", "followup_due"))
            .order_by("group", F("deadline").asc(nulls_last=True), "case_id", "sort_order", "id"))


def queue_counts(user) -> dict[int, int]:
    """How many items wait in each group (one query)."""
    rows = (selectors.queue(user).annotate(group=_group(user)).order_by()
            .values("group").annotate(n=Count("pk")).values_list("group", "n"))
    return {g: n for g, n in rows}


def _open_prerequisites(items) -> dict[int, list[str]]:
    """Per case item of a page, its prerequisites in its case not yet granted (two queries a page)."""
    from .models import CaseItem

    graph = selectors.prerequisite_edges()
    if not graph or not items:
        return {}
    siblings: dict[int, dict[int, tuple[str, str]]] = {}
    for case_id, item_id, state, name in (CaseItem.objects.filter(case_id__in={ci.case_id for ci in items})
                                          .values_list("case_id", "item_id", "state", "item__name")):
        siblings.setdefault(case_id, {})[item_id] = (state, name)
    out = {}
    for ci in items:
        mine = siblings.get(ci.case_id, {})
        out[ci.pk] = [mine[p][1] for p in planning.effective_prerequisites(ci.item_id, graph, mine)
                      if mine[p][0] != ItemState.DONE]
    return out


def queue_rows(items, user, today: dt.date) -> list[dict]:
    """A page's items with their deadline and light, the prerequisites they wait for, and the actions
    the user may take now (accepting or granting on commitment waits for the prerequisites)."""
    items = list(items)
    judges = Judges({ci.case.zone_id for ci in items}, today)
    blocked = _open_prerequisites(items)
    rows = []
    for ci in items:
        deadline, followup = item_deadline(ci)
        waits = blocked.get(ci.pk, [])
        actions = [(n, step) for n, step in workflow.actions_for(ci, user) if not (waits and n in ("accept", "commit"))]
        rows.append({
            "obj": ci, "group": ci.group, "deadline": deadline, "followup": followup,
            "light": item_light(ci, judges.judge(ci.case.zone_id)), "waits": waits, "actions": actions,
        })
    return rows


def queue_sections(rows: list[dict]) -> list[dict]:
    """A page's rows under their groups' headings, in the groups' order."""
    sections: dict[int, dict] = {}
    for r in rows:
        if r["group"] not in sections:
            label, help_ = GROUPS[r["group"]]
            sections[r["group"]] = {"key": r["group"], "slug": GROUP_SLUGS[r["group"]], "label": label, "help": help_,
                                    "rows": []}
        sections[r["group"]]["rows"].append(r)
    return [sections[g] for g in sorted(sections)]


def attention_items(user) -> list[dict]:
    """The home page's approval cards: what waits on the user as agent or department, and the zone's
    overdue items for its leader (one query)."""
    from django.urls import reverse

    access = access_for(user)
    if not any(access.has(p) for p in (selectors.AGENT, selectors.HANDLE, selectors.MANAGE)):
        return []
    counts = queue_counts(user)
    url = reverse("approvals:queue")
    labels = {MINE: ("待我申报或补正的审批事项", "amber"), DEPARTMENT: ("待本部门受理或审批的审批事项", "amber"),
              OVERDUE: ("逾期的审批事项", "red")}
    return [{"label": label, "count": counts[g], "url": f"{url}#{GROUP_SLUGS[g]}", "tone": tone}
            for g, (label, tone) in labels.items() if counts.get(g)]


# ---- signing → start ---------------------------------------------------------------------------------

def may_read_timeliness(user) -> bool:
    """The city and the zones' staff; an enterprise follows its own case on the case's page."""
    return staff_reader(user)


class TimelinessFilter(forms.Form):
    zone = forms.ModelChoiceField(label="园区", queryset=None, required=False, empty_label="全部园区")
    year = forms.TypedChoiceField(label="开工年份", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, user, years, **kwargs):
        super().__init__(*args, **kwargs)
        zones = _zones(user)
        if len(zones) > 1:
            self.fields["zone"].queryset = zones
        else:
            del self.fields["zone"]
        self.fields["year"].choices = [("", "全部年份"), *[(y, f"{y}年") for y in years]]


def timeliness_cases(user, filters: dict | None = None) -> QuerySet[ApprovalCase]:
    f = filters or {}
    zone = f.get("zone")
    return selectors.timeliness(user, zone_id=zone.pk if zone else None, year=f.get("year")).filter(
        kind=CaseKind.PROJECT)


def timeliness_years(user) -> list[int]:
    """The years projects started in, from the first to the last (one MIN/MAX scan: truncating every
    date to its year is a Python function per row on SQLite)."""
    span = (selectors.timeliness(user).filter(kind=CaseKind.PROJECT).order_by()
            .aggregate(first=Min("started_on"), last=Max("started_on")))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def _name(case) -> str:
    return case.project.name if case.project_id else case.title


def timeliness_summary(qs, counter: workdays.SpanCounter) -> dict:
    """Count, average, median, fastest and slowest signing → start across every filtered project:
    the dates of all of them (no join), then the names of the two named."""
    spans, years = [], set()
    for pk, signed, started in qs.order_by().values_list("pk", "signed_on", "started_on").iterator(chunk_size=5000):
        spans.append((counter.between(signed, started), started, pk))
        years.add(signed.year)
        years.add(started.year)
    if not spans:
        return {"count": 0}
    values = [s[0] for s in spans]
    fastest, slowest = min(spans), max(spans)
    names = {pk: project_name or title for pk, title, project_name in ApprovalCase.objects.filter(
        pk__in=[fastest[2], slowest[2]]).values_list("pk", "title", "project__name")}
    return {
        "count": len(spans),
        "average": round(sum(values) / len(values), 1),
        "median": statistics.median(values),
        "fastest": {"pk": fastest[2], "name": names.get(fastest[2], ""), "days": fastest[0]},
        "slowest": {"pk": slowest[2], "name": names.get(slowest[2], ""), "days": slowest[0]},
        "provisional": any(counter.provisional(dt.date(y, 1, 1)) for y in years),
    }


def timeliness_rows(cases, today: dt.date, counter: workdays.SpanCounter) -> list[dict]:
    """A page's projects with their working days, the planned ones, and their slowest items (one query)."""
    cases = list(cases)
    slow = selectors.slowest_items([c.pk for c in cases], before_start_only=True)
    rows = []
    for c in cases:
        days, provisional = counter.span(c.signed_on, c.started_on)
        planned, planned_provisional = counter.span(c.signed_on, c.planned_start)
        rows.append({
            "obj": c, "name": _name(c), "workdays": days, "provisional": provisional,
            "planned": planned, "planned_provisional": planned_provisional,
            "gap": days - planned if planned is not None else None,
            "gap_abs": abs(days - planned) if planned is not None else None,
            "slowest": [{"name": ci.item.name, "days": item_clock.used(ci, today), "state": ci.get_state_display(),
                         "done": ci.state == ItemState.DONE} for ci in slow.get(c.pk, [])],
        })
    return rows


TIMELINESS_HEADERS = ["编号", "项目", "园区", "企业", "签约日期", "开工日期", "签约→开工(工作日)", "计划最早开工",
                      "计划工作日", "较计划(工作日)", "用时最长的事项", "工作日暂定"]


def timeliness_export_rows(qs, today: dt.date):
    counter = workdays.SpanCounter()
    chunk: list = []

    def flush(batch):
        for r in timeliness_rows(batch, today, counter):
            c = r["obj"]
            slow = "、".join(f"{s['name']}{s['days']}个工作日" for s in r["slowest"])
            yield [c.number, r["name"], c.zone.short_name, c.enterprise.name if c.enterprise_id else "",
                   c.signed_on, c.started_on, r["workdays"], c.planned_start, r["planned"], r["gap"], slow,
                   "是" if r["provisional"] or r["planned_provisional"] else ""]

    for c in qs.iterator(chunk_size=2000):
        chunk.append(c)
        if len(chunk) == 2000:
            yield from flush(chunk)
            chunk = []
    if chunk:
        yield from flush(chunk)
