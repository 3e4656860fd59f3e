"""The timeline (进度图): each project's milestones, planned against actual, on one time axis.

A Gantt-like page drawn in server-rendered HTML/CSS (each marker placed by a percentage of the
axis), filtered like the ledger and paginated; the page's milestones come in one prefetch, so it
costs the same number of queries however many projects it shows.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from yuanqu.common import clock
from yuanqu.common.views import paginate, require_perm

from .choices import MILESTONE_ORDER, MilestoneKind
from .filters import ProjectFilter
from .models import Milestone
from .selectors import project_list

PER_PAGE = 20
# Short names for the markers' labels (the full names are in each marker's tooltip).
SHORT = {
    MilestoneKind.DESIGN: "设计", MilestoneKind.LAND: "土地", MilestoneKind.SIGNED: "签约", MilestoneKind.STARTED: "开工",
    MilestoneKind.MAIN_WORKS: "主体", MilestoneKind.COMPLETED: "竣工", MilestoneKind.TRIAL: "试产",
    MilestoneKind.PRODUCING: "投产", MilestoneKind.FULL: "达产",
}


@dataclass
class Axis:
    start: dt.date
    end: dt.date
    ticks: list = field(default_factory=list)  # (left %, label)
    today: float | None = None

    def at(self, day: dt.date) -> float:
        span = (self.end - self.start).days or 1
        return round((day - self.start).days / span * 100, 2)


def _month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def _next_month(d: dt.date) -> dt.date:
    return dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def axis_for(dates: list[dt.date], today: dt.date) -> Axis:
    """From the first month to the month after the last of the dates (today included), ticks by
    month for spans up to 18 months, else by quarter."""
    dates = [d for d in dates if d] + [today]
    # A month of room after the last date, so its marker and label are not cut at the edge.
    start, end = _month_start(min(dates)), _next_month(_next_month(max(dates)))
    months = (end.year - start.year) * 12 + end.month - start.month
    step = 1 if months <= 18 else 3
    if step == 3:  # ticks on quarters: begin the axis on one
        start = start.replace(month=start.month - (start.month - 1) % 3)
    axis = Axis(start=start, end=end)
    d = start
    while d < end:
        if (d.month - 1) % step == 0 or d == start:
            label = f"{d.year}年{d.month}月" if d == start or d.month == 1 else f"{d.month}月"
            axis.ticks.append((axis.at(d), label))
        d = _next_month(d)
    axis.today = axis.at(today)
    return axis


def timeline_rows(projects, today: dt.date) -> tuple[list[dict], Axis | None]:
    """Each project with its milestones' markers, and the axis they share."""
    projects = list(projects)
    dates = [d for p in projects for m in p.milestones.all() for d in (m.planned, m.actual) if d]
    if not dates:
        return [{"project": p, "marks": [], "span": None} for p in projects], None
    axis = axis_for(dates, today)
    order = {k: i for i, k in enumerate(MILESTONE_ORDER)}
    rows = []
    for p in projects:
        marks = []
        for m in sorted(p.milestones.all(), key=lambda m: order.get(m.kind, 99)):
            label, short = MilestoneKind(m.kind).label, SHORT[MilestoneKind(m.kind)]
            late = bool(m.planned and ((m.actual and m.actual > m.planned) or (not m.actual and m.planned < today)))
            mark = {"label": label, "short": short, "planned": m.planned, "actual": m.actual, "late": late,
                    "planned_at": axis.at(m.planned) if m.planned else None,
                    "actual_at": axis.at(m.actual) if m.actual else None}
            if m.planned and m.actual:
                a, b = sorted((mark["planned_at"], mark["actual_at"]))
                mark["slip"] = (a, round(b - a, 2))
            marks.append(mark)
        _stagger(marks)
        reached = [m.actual for m in p.milestones.all() if m.actual]
        span = None
        if reached:
            first = min(reached)
            last = max([today] if p.stage not in ("producing", "full") else reached)
            span = (axis.at(first), round(axis.at(last) - axis.at(first), 2))
        rows.append({"project": p, "url": reverse("projects:project_detail", args=[p.pk]), "marks": marks, "span": span})
    return rows, axis


LABEL_ROOM = 3.0  # % of the axis a two-character label needs at the narrowest width


def _stagger(marks: list[dict]) -> None:
    """Drop a label to a second line when it would overlap the previous one on its side of the bar."""
    for side in ("planned_at", "actual_at"):
        last = None
        for m in sorted((m for m in marks if m[side] is not None and (side == "actual_at" or not m["actual"])),
                        key=lambda m: m[side]):
            bumped = last is not None and m[side] - last[0] < LABEL_ROOM and not last[1]
            m["bump_" + side[:-3]] = bumped
            last = (m[side], bumped)


@require_GET
@require_perm("projects.view")
def project_timeline(request):
    fs = ProjectFilter(request.GET or None, queryset=project_list(request.user), user=request.user)
    qs = fs.queryset.none() if fs.is_bound and not fs.is_valid() else fs.qs
    qs = qs.prefetch_related(Prefetch("milestones", queryset=Milestone.objects.all()))
    page = paginate(request, qs, per_page=PER_PAGE)
    today = clock.today()
    rows, axis = timeline_rows(page.object_list, today)
    return render(request, "projects/timeline.html", {
        "filter": fs, "page": page, "rows": rows, "axis": axis, "today": today,
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
    })
