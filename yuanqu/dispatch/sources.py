"""Where a project stands now, as the dispatch pack reads it: stage, shown progress, completed
investment, and, where those modules provide them, the forcing light and the open coordination items.

The pack's visibility follows the dispatch scope (a zone's staff read the whole zone's pack), so the
zone's projects are read here by zone rather than through the viewer's project scope; progress is
computed by the projects app's own rollup, so the pack shows the figure the project page shows.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Subquery

from yuanqu.common import clock
from yuanqu.projects.models import ProgressRecord, Project, SubWork
from yuanqu.projects.selectors import rollup


@dataclass
class ProjectState:
    """One project's figures at one moment: a snapshot row, or the live values of a draft's pack."""

    project_id: int | None
    name: str
    stage: str
    progress: Decimal | None
    completed_investment: Decimal | None
    light: str | None = None
    open_coordination: int | None = None


def zone_projects(zone_id: int):
    """The zone's projects with what their progress needs, in three queries however many there are."""
    latest = ProgressRecord.objects.filter(project=OuterRef("pk"), date__lte=clock.today()).order_by("-date")
    return (
        Project.objects.filter(zone_id=zone_id)
        .annotate(latest_percent=Subquery(latest.values("percent")[:1]))
        .prefetch_related(Prefetch("subworks", queryset=SubWork.objects.all()))
        .order_by("id")
    )


def shown_progress(project) -> Decimal | None:
    """The progress the project page shows: the override, else the sub-works' rollup; a project without
    either falls back on its latest progress record."""
    shown = rollup(project, list(project.subworks.all())).shown
    if shown is None and project.latest_percent is not None:
        shown = Decimal(project.latest_percent)
    return None if shown is None else shown.quantize(Decimal("0.01"))


def project_lights(project_ids: list[int]) -> dict[int, str]:
    """The forcing lights of yuanqu.supervision (its stored ProjectLight rows, one query):
    {project id: "red"/"yellow"/"green"}. A project without a stored light is left out, and its
    snapshot's `light` stays empty: the pack shows "—" rather than a change."""
    try:
        from yuanqu.supervision.selectors import light_map
    except ImportError:  # a deployment without the supervision module
        return {}
    return {pid: row.light for pid, row in light_map(project_ids).items()}


def open_coordination_counts(project_ids: list[int]) -> dict[int, int]:
    """Open coordination items (协调事项 of yuanqu.projects) per project, in one grouped query:
    {project id: count}, 0 for a project with none. Empty when the model is not there."""
    try:
        from yuanqu.common.routing import OPEN_STATES
        from yuanqu.projects.models import CoordinationItem
    except ImportError:
        return {}
    counts = dict(
        CoordinationItem.objects.filter(project_id__in=project_ids, state__in=OPEN_STATES)
        .order_by().values_list("project_id").annotate(n=Count("pk")).values_list("project_id", "n")
    )
    return {pid: counts.get(pid, 0) for pid in project_ids}


def zone_states(zone_id: int) -> list[ProjectState]:
    """Every project of the zone as it stands today, in a fixed number of queries."""
    projects = list(zone_projects(zone_id))
    ids = [p.pk for p in projects]
    lights = project_lights(ids)
    coordination = open_coordination_counts(ids)
    return [
        ProjectState(
            project_id=p.pk, name=p.name, stage=p.stage, progress=shown_progress(p),
            completed_investment=p.completed_investment, light=lights.get(p.pk),
            open_coordination=coordination.get(p.pk),
        )
        for p in projects
    ]


def snapshot_state(s) -> ProjectState:
    return ProjectState(s.project_id, s.project_name, s.stage, s.progress, s.completed_investment, s.light,
                        s.open_coordination)
