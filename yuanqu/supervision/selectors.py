"""Reads of lights and supervision, scoped as the projects they belong to."""

from django.db.models import QuerySet

from yuanqu.common import clock
from yuanqu.projects.selectors import project_list
from yuanqu.registry.models import Zone

from .lights import Judge, Thresholds, worst
from .models import Escalation, LightSettings, ProjectLight, Supervision
from .permissions import can_set_any_zone, leader_zone_ids


def thresholds_by_zone(zone_ids=None) -> dict[int, Thresholds]:
    """Each zone's thresholds that it set; zones missing here use the defaults (see thresholds_for)."""
    qs = LightSettings.objects.all()
    if zone_ids is not None:
        qs = qs.filter(zone_id__in=zone_ids)
    return {s.zone_id: Thresholds.of(s) for s in qs}


DEFAULT_THRESHOLDS = Thresholds.of(LightSettings.defaults())


class ZoneJudges:
    """One Judge per zone's thresholds for a list across zones (appeals, approval items): the
    thresholds read in one query, each set's calendar work done once, no query per row."""

    def __init__(self, zone_ids, today=None):
        self.today = today or clock.today()
        self.known = thresholds_by_zone(set(zone_ids))
        self._judges: dict = {}

    def judge(self, zone_id: int) -> Judge:
        t = thresholds_for(zone_id, self.known)
        return self._judges.get(t) or self._judges.setdefault(t, Judge(self.today, t))


def thresholds_for(zone_id: int, known: dict | None = None) -> Thresholds:
    if known is None:
        known = thresholds_by_zone([zone_id])
    return known.get(zone_id, DEFAULT_THRESHOLDS)


def light_map(project_ids) -> dict[int, ProjectLight]:
    """The stored lights of these projects in one query (the ledger, the kanban, the dispatch pack)."""
    ids = list(project_ids)
    if not ids:
        return {}
    return {pl.project_id: pl for pl in ProjectLight.objects.filter(project_id__in=ids)}


def project_milestone_lights(project, today=None) -> dict:
    """A project's milestones judged live, from the milestones its page already loaded."""
    today = today or clock.today()
    judge = Judge(today, thresholds_for(project.zone_id))
    rows = []
    for m in project.milestones.all():
        ml = judge.milestone(m.planned, m.actual)
        if ml.light is not None:
            rows.append({"milestone": m, "label": m.get_kind_display(), "light": ml})
    rows.sort(key=lambda r: r["light"].planned)
    return {"rows": rows, "worst": worst(r["light"] for r in rows), "thresholds": judge.thresholds,
            "today": today, "yellow_until": judge.yellow_until}


def escalations_of(project) -> QuerySet[Escalation]:
    return project.escalations.select_related("milestone").order_by("-date", "-id")


def supervisions_of(project) -> QuerySet[Supervision]:
    return project.supervisions.select_related("actor")


def escalation_list(user, level: str = "") -> QuerySet[Escalation]:
    """The ladder's steps on the projects the user can see, newest first."""
    qs = Escalation.objects.filter(project__in=project_list(user).values("pk")).select_related(
        "project__zone", "project__liaison", "milestone")
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("-date", "-id")


def supervision_list(user) -> QuerySet[Supervision]:
    return Supervision.objects.filter(project__in=project_list(user).values("pk")).select_related(
        "project__zone", "project__liaison", "actor")


def zones_for_settings(user) -> QuerySet[Zone]:
    """The zones whose thresholds the user may set: its own as a zone leader; all for the system admin."""
    if can_set_any_zone(user):
        return Zone.objects.all()
    return Zone.objects.filter(pk__in=leader_zone_ids(user))
