"""Reads of projects, each starting from what the user's roles let it see: a zone's staff see the
zone's projects, a department those it is responsible for, an enterprise its own."""

from django.db.models import Prefetch, Q, QuerySet

from yuanqu.accounts.access import access_for
from yuanqu.common import clock, workdays

from .choices import MILESTONE_ORDER, MilestoneKind
from .models import Milestone, Project, SubWork
from .progress import forecast, rollup, subwork_rate  # noqa: F401  (subwork_rate: used by views)


def project_list(user, perm: str = "projects.view") -> QuerySet[Project]:
    scope = access_for(user).scope(perm)
    qs = Project.objects.select_related("zone", "park", "enterprise", "leader", "department", "liaison")
    if scope.everywhere:
        return qs
    q = Q(pk__in=[])
    if scope.zone_ids:
        q |= Q(zone_id__in=scope.zone_ids)
    if scope.park_ids:
        q |= Q(park_id__in=scope.park_ids) | Q(park__parent_id__in=scope.park_ids)
    if scope.department_ids:
        q |= Q(department_id__in=scope.department_ids)
    if scope.enterprise_ids:
        q |= Q(enterprise_id__in=scope.enterprise_ids)
    return qs.filter(q)


def zones_for_change(user):
    from yuanqu.registry.selectors import zones_writable

    return zones_writable(user, "projects.change")


def can_change(user, project: Project) -> bool:
    scope = access_for(user).scope("projects.change")
    return scope.everywhere or project.zone_id in scope.zone_ids


def can_advance(user, project: Project) -> bool:
    """The zone's leader, or the liaison the project is assigned to (within its zone)."""
    access = access_for(user)
    scope = access.scope("projects.advance")
    if scope.everywhere or project.zone_id in scope.zone_ids:
        return True
    assigned = access.scope("projects.advance_assigned")
    return project.liaison_id == user.pk and (assigned.everywhere or project.zone_id in assigned.zone_ids)


def project_detail(user, pk: int) -> Project:
    """One project with what its page shows, in a fixed number of queries."""
    from django.shortcuts import get_object_or_404

    qs = project_list(user).prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.all()),
        Prefetch("subworks", queryset=SubWork.objects.all()),
        "batches",
        "progress_records",
    )
    return get_object_or_404(qs, pk=pk)


def milestone_rows(project: Project) -> list[dict]:
    """Every milestone kind in lifecycle order, with its planned and actual dates (from prefetch)."""
    by_kind = {m.kind: m for m in project.milestones.all()}
    rows = []
    for kind in MILESTONE_ORDER:
        m = by_kind.get(kind)
        rows.append({"kind": kind, "label": MilestoneKind(kind).label, "planned": m.planned if m else None,
                     "actual": m.actual if m else None, "note": m.note if m else ""})
    return rows


def durations(project: Project) -> list[dict]:
    """Working days between consecutive reached milestones (签约 → 开工: 20 个工作日 …)."""
    reached = [r for r in milestone_rows(project) if r["actual"]]
    out = []
    for a, b in zip(reached, reached[1:]):
        days = workdays.workdays_between(a["actual"], b["actual"], provisional=True)
        out.append({
            "from": a["label"], "to": b["label"], "from_date": a["actual"], "to_date": b["actual"],
            "workdays": days, "provisional": workdays.is_provisional(a["actual"], b["actual"]),
        })
    return out


def progress_summary(project: Project) -> dict:
    r = rollup(project, list(project.subworks.all()))
    f = forecast(list(project.progress_records.all()), deadline=project.window_end)
    return {"rollup": r, "forecast": f, "today": clock.today()}
