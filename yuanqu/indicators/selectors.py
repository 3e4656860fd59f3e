"""Reads of indicators and their values, each starting from the acting user's scope: a value out of
scope is a 404.

Who sees a value: the city every zone's; the zone's leader and statistics clerk their zone's (a role
limited to one park, that park's and its enterprises'); an enterprise its own figures and nothing else.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from yuanqu.accounts.access import access_for
from yuanqu.registry.models import Enterprise, Park, Zone

from .choices import ValueState
from .models import Indicator, IndicatorValue

VIEW = "indicators.view"
ENTER = "indicators.enter"
REVIEW = "indicators.review"
REPORT = "indicators.report"
CATALOGUE = "indicators.catalogue"
COCKPIT = "indicators.cockpit"


def scope_q(user, perm: str = VIEW) -> Q | None:
    """A filter on IndicatorValue for what the user reaches under `perm`; None when it is everywhere."""
    scope = access_for(user).scope(perm)
    if scope.everywhere:
        return None
    q = Q(pk__in=[])
    if scope.zone_ids:
        q |= Q(zone_id__in=scope.zone_ids)
    if scope.park_ids:
        q |= (Q(park_id__in=scope.park_ids) | Q(park__parent_id__in=scope.park_ids)
              | Q(enterprise__park_id__in=scope.park_ids) | Q(enterprise__park__parent_id__in=scope.park_ids))
    if scope.enterprise_ids:
        q |= Q(enterprise_id__in=scope.enterprise_ids)
    return q


def value_scope(user) -> QuerySet[IndicatorValue]:
    """Every value the user may read: its view scope and, for an enterprise, its own reports."""
    qs = IndicatorValue.objects.all()
    view, report = scope_q(user, VIEW), scope_q(user, REPORT)
    if view is None:
        return qs
    return qs.filter(view | report if report is not None else view)


def value_list(user) -> QuerySet[IndicatorValue]:
    return value_scope(user).select_related("indicator", "zone", "park", "enterprise")


def value_detail(user, pk: int) -> IndicatorValue:
    return get_object_or_404(value_list(user), pk=pk)


def value_history(value: IndicatorValue):
    return value.revisions.select_related("changed_by")


def review_queue(user) -> QuerySet[IndicatorValue]:
    """Enterprises' figures waiting for this user's check (the zones where it reviews)."""
    q = scope_q(user, REVIEW)
    qs = value_list(user).filter(state=ValueState.PENDING)
    return qs if q is None else qs.filter(q)


def indicator_list(active_only: bool = False) -> QuerySet[Indicator]:
    qs = Indicator.objects.select_related("parent")
    return qs.filter(is_active=True) if active_only else qs


def zones_for(user, perm: str = VIEW) -> QuerySet[Zone]:
    scope = access_for(user).scope(perm)
    if scope.everywhere:
        return Zone.objects.all()
    return Zone.objects.filter(
        Q(pk__in=scope.zone_ids) | Q(parks__in=scope.park_ids) | Q(enterprises__in=scope.enterprise_ids)
    ).distinct()


def parks_for(user, perm: str = ENTER) -> QuerySet[Park]:
    scope = access_for(user).scope(perm)
    qs = Park.objects.select_related("zone")
    if scope.everywhere:
        return qs
    return qs.filter(Q(zone_id__in=scope.zone_ids) | Q(pk__in=scope.park_ids) | Q(parent_id__in=scope.park_ids))


def enterprises_for(user, perm: str = ENTER) -> QuerySet[Enterprise]:
    scope = access_for(user).scope(perm)
    qs = Enterprise.objects.select_related("zone")
    if scope.everywhere:
        return qs
    return qs.filter(Q(zone_id__in=scope.zone_ids) | Q(park_id__in=scope.park_ids)
                     | Q(park__parent_id__in=scope.park_ids) | Q(pk__in=scope.enterprise_ids))


def may(user, perm: str, value_or_subject) -> bool:
    """Whether `perm` reaches this value (or unsaved value: zone, park and enterprise set)."""
    scope = access_for(user).scope(perm)
    v = value_or_subject
    if scope.everywhere or v.zone_id in scope.zone_ids:
        return True
    if v.enterprise_id and v.enterprise_id in scope.enterprise_ids:
        return True
    if scope.park_ids:
        parks = set()
        if v.park_id:
            parks |= {v.park_id, v.park.parent_id}
        if v.enterprise_id and v.enterprise.park_id:
            parks |= {v.enterprise.park_id, v.enterprise.park.parent_id}
        return bool(parks & scope.park_ids)
    return False
