"""Reads of appeals, each starting from the acting user's scope: an appeal out of scope is a 404.

Who sees an appeal: the city everywhere; the zone's staff their zone's; a department the appeals it
leads, co-handles or was ever assigned; an enterprise its own and nothing else.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from yuanqu.accounts.access import access_for
from yuanqu.common import clock

from .choices import OPEN_STATES, RUNNING_STATES, State
from .models import Appeal, AppealAssignment, AppealSettings, ReceptionDay

VIEW = "appeals.view"


def scope_q(user, perm: str = VIEW) -> Q | None:
    """A filter on Appeal for what the user sees under `perm`; None when it sees everything."""
    scope = access_for(user).scope(perm)
    if scope.everywhere:
        return None
    q = Q(pk__in=[])
    if scope.zone_ids:
        q |= Q(zone_id__in=scope.zone_ids)
    if scope.department_ids:
        ids = scope.department_ids
        through = Appeal.co_departments.through
        q |= Q(lead_department_id__in=ids)
        q |= Exists(through.objects.filter(appeal_id=OuterRef("pk"), department_id__in=ids))
        q |= Exists(AppealAssignment.objects.filter(appeal_id=OuterRef("pk"), department_id__in=ids))
    if scope.enterprise_ids:
        q |= Q(enterprise_id__in=scope.enterprise_ids)
    return q


def appeal_scope(user, perm: str = VIEW) -> QuerySet[Appeal]:
    q = scope_q(user, perm)
    qs = Appeal.objects.all()
    return qs if q is None else qs.filter(q)


def awaiting_q(user) -> Q:
    """The appeals waiting for this user: its departments' to accept or answer; the leader's to
    dispatch (new or returned); the enterprise's answers to rate."""
    access = access_for(user)
    q = Q(pk__in=[])
    departments = access.scope("appeals.handle").department_ids
    if departments:
        q |= Q(lead_department_id__in=departments, state__in=RUNNING_STATES)
    dispatch = access.scope("appeals.dispatch")
    to_route = Q(state__in=[State.SUBMITTED, State.RETURNED])
    if dispatch.everywhere:
        q |= to_route
    elif dispatch.zone_ids:
        q |= to_route & Q(zone_id__in=dispatch.zone_ids)
    enterprises = access.scope("appeals.rate").enterprise_ids
    if enterprises:
        q |= Q(enterprise_id__in=enterprises, state=State.ANSWERED)
    return q


def appeal_list(user, filters: dict | None = None) -> QuerySet[Appeal]:
    """The appeals the user sees, filtered; newest first."""
    qs = appeal_scope(user).select_related("zone", "enterprise", "category", "lead_department")
    f = filters or {}
    if f.get("q"):
        term = f["q"].strip()
        qs = qs.filter(Q(title__icontains=term) | Q(enterprise__name__icontains=term))
    for field in ("zone", "state", "category", "channel", "lead_department", "enterprise", "reception"):
        if f.get(field):
            qs = qs.filter(**{field: f[field]})
    if f.get("rating"):
        qs = qs.filter(rating=f["rating"])
    if f.get("overdue"):
        qs = qs.filter(state__in=RUNNING_STATES, deadline__lt=clock.today())
    if f.get("open"):
        qs = qs.filter(state__in=OPEN_STATES)
    if f.get("awaiting"):
        qs = qs.filter(awaiting_q(user))
    if f.get("group"):
        qs = qs.filter(group=f["group"])
    return qs.order_by("-id")


def appeal_detail(user, pk: int) -> Appeal:
    qs = appeal_scope(user).select_related("zone", "enterprise", "category", "lead_department", "taken_by",
                                           "reception", "group", "coordination_item")
    return get_object_or_404(qs.prefetch_related("co_departments"), pk=pk)


def appeal_settings_for(zone) -> AppealSettings:
    """The zone's settings, or unsaved defaults."""
    return AppealSettings.objects.filter(zone=zone).first() or AppealSettings.defaults(zone)


def reception_scope(user) -> QuerySet[ReceptionDay]:
    """Reception days the user sees: the zone's staff and the city theirs; an enterprise the days it was received."""
    scope = access_for(user).scope(VIEW)
    qs = ReceptionDay.objects.select_related("zone", "host")
    if scope.everywhere:
        return qs
    q = Q(pk__in=[])
    if scope.zone_ids:
        q |= Q(zone_id__in=scope.zone_ids)
    if scope.department_zone_ids:
        q |= Q(zone_id__in=scope.department_zone_ids)
    if scope.enterprise_ids:
        q |= Q(enterprises__in=scope.enterprise_ids)
    return qs.filter(q).distinct()


def escalation_list(user, limit: int = 20):
    """The latest steps of the overdue appeals' ladder that the user sees (the 督办台账 shows them)."""
    from .models import AppealEscalation

    q = scope_q(user)
    qs = AppealEscalation.objects.select_related("appeal__enterprise", "appeal__lead_department", "appeal__zone")
    if q is not None:
        qs = qs.filter(appeal__in=Appeal.objects.filter(q).values("pk"))
    return list(qs.order_by("-date", "-id")[:limit])
