"""Reads of appeals, each starting from the acting user's scope: an appeal out of scope is a 404.

Who sees an appeal: the city everywhere; the zone's staff their zone's; a department the appeals it
leads, co-handles or was ever assigned; an enterprise its own and nothing else.
"""

from django.db.models import Q, QuerySet
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
        # A department works in one zone: bounding by it lets the (zone, state) index narrow the
        # scan, and the two IN subqueries run once, where correlated EXISTS ran once per row
        # (3.5 s for a department's first page at a million appeals on SQLite, 10 ms this way).
        q |= Q(zone_id__in=scope.department_zone_ids) & (
            Q(lead_department_id__in=ids)
            | Q(pk__in=through.objects.filter(department_id__in=ids).values("appeal_id"))
            | Q(pk__in=AppealAssignment.objects.filter(department_id__in=ids).values("appeal_id")))
    if scope.park_ids:  # a zone role limited to one park: the appeals of that park's enterprises
        q |= Q(enterprise__park_id__in=scope.park_ids) | Q(enterprise__park__parent_id__in=scope.park_ids)
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


def _enterprise_zones(enterprise_ids) -> set[int]:
    from yuanqu.registry.models import Enterprise

    if not enterprise_ids:
        return set()
    return set(Enterprise.objects.filter(pk__in=enterprise_ids).values_list("zone_id", flat=True))


def appeal_list(user, filters: dict | None = None) -> QuerySet[Appeal]:
    """The appeals the user sees, filtered; newest first."""
    qs = appeal_scope(user).select_related("zone", "enterprise", "category", "lead_department")
    f = filters or {}
    if f.get("q"):
        scope = access_for(user).scope(VIEW)
        zone_ids = None if scope.everywhere else (scope.zone_ids | scope.department_zone_ids
                                                  | _enterprise_zones(scope.enterprise_ids))
        qs = qs.filter(search_filter(f["q"].strip(), zone_ids))
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


def search_filter(text: str, zone_ids=None) -> Q:
    """The list's search: appeals holding every word typed (read from the similarity index), or of
    an enterprise whose name contains the text. LIKE '%…%' over a million appeals' titles scans
    every row (2.5 s for the city); the index answers in tens of milliseconds. When a typed word is
    not a whole word of any appeal (a fragment such as 公交 of 公交线路), the title is matched as
    text instead: exact, and within a zone still quick."""
    from yuanqu.registry.models import Enterprise

    from .models import AppealTerm, SimilarTerm
    from .similarity import QUERY_TERMS, segment

    words = list(dict.fromkeys(segment(text)))[:QUERY_TERMS]
    ids = dict(SimilarTerm.objects.filter(word__in=words).values_list("word", "id")) if words else {}
    if words and len(ids) == len(words):
        by_text = Q()
        for word in words:
            by_text &= Q(pk__in=AppealTerm.objects.filter(term_id=ids[word]).values("appeal_id"))
    else:
        by_text = Q(title__icontains=text)
    # Enterprise names are looked up first (a bounded list) so the OR stays an index lookup.
    enterprises = Enterprise.objects.filter(name__icontains=text)
    if zone_ids is not None:
        enterprises = enterprises.filter(zone_id__in=zone_ids)
    enterprise_ids = list(enterprises.values_list("pk", flat=True)[:200])
    return by_text | Q(enterprise_id__in=enterprise_ids) if enterprise_ids else by_text


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
