"""Reads of the registry, each starting from what the user's roles let it see.

An object outside the scope is simply not in the queryset, so a view's get_object_or_404 gives 404.
"""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from yuanqu.accounts.access import ScopeSet, access_for

from .models import Department, Enterprise, Official, Park, Zone


def _zone_q(scope: ScopeSet, field: str = "zone_id") -> Q:
    if scope.everywhere:
        return Q()
    zone_ids = scope.zone_ids | scope.department_zone_ids
    return Q(**{f"{field}__in": zone_ids}) if zone_ids else Q(pk__in=[])


def zone_q(user, perm: str = "registry.view") -> Q:
    scope = access_for(user).scope(perm)
    if scope.everywhere:
        return Q()
    q = _zone_q(scope, "id")
    if scope.park_ids:
        q |= Q(parks__id__in=scope.park_ids)
    if scope.enterprise_ids:
        q |= Q(enterprises__id__in=scope.enterprise_ids)
    return q


def zone_list(user, perm: str = "registry.view") -> QuerySet[Zone]:
    return Zone.objects.filter(pk__in=Zone.objects.filter(zone_q(user, perm)).values("pk")).order_by("sort_order", "id")


def park_list(user, perm: str = "registry.view") -> QuerySet[Park]:
    scope = access_for(user).scope(perm)
    qs = Park.objects.select_related("zone", "parent")
    if scope.everywhere:
        return qs
    q = _zone_q(scope)
    if scope.park_ids:
        q |= Q(id__in=scope.park_ids) | Q(parent_id__in=scope.park_ids)
    if scope.enterprise_ids:
        q |= Q(zone__enterprises__id__in=scope.enterprise_ids)
    return qs.filter(pk__in=Park.objects.filter(q).values("pk"))


def enterprise_list(user, perm: str = "registry.view") -> QuerySet[Enterprise]:
    scope = access_for(user).scope(perm)
    qs = Enterprise.objects.select_related("zone", "park")
    if scope.everywhere:
        return qs
    q = _zone_q(scope)
    if scope.park_ids:
        q |= Q(park_id__in=scope.park_ids) | Q(park__parent_id__in=scope.park_ids)
    if scope.enterprise_ids:
        q |= Q(id__in=scope.enterprise_ids)
    return qs.filter(q)


def department_list(user, perm: str = "registry.view_officials") -> QuerySet[Department]:
    scope = access_for(user).scope(perm)
    qs = Department.objects.select_related("zone")
    if scope.everywhere:
        return qs
    q = _zone_q(scope)
    if scope.park_ids:
        q |= Q(zone__parks__id__in=scope.park_ids)
    return qs.filter(pk__in=Department.objects.filter(q).values("pk"))


def official_list(user, perm: str = "registry.view_officials") -> QuerySet[Official]:
    scope = access_for(user).scope(perm)
    qs = Official.objects.select_related("zone", "department")
    if scope.everywhere:
        return qs
    q = _zone_q(scope)
    if scope.park_ids:
        q |= Q(zone__parks__id__in=scope.park_ids)
    return qs.filter(pk__in=Official.objects.filter(q).values("pk"))


def _count(model, **filters):
    # A correlated COUNT per zone walks the zone's index entries, where a JOIN + GROUP BY would
    # touch every enterprise of the province.
    return Coalesce(
        Subquery(
            model.objects.filter(zone=OuterRef("pk"), **filters)
            .order_by()
            .values("zone")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def zone_list_with_counts(user) -> QuerySet[Zone]:
    return zone_list(user).annotate(
        park_count=_count(Park),
        enterprise_count=_count(Enterprise),
        above_count=_count(Enterprise, scale="above"),
    )


def zones_writable(user, perm: str = "registry.change") -> QuerySet[Zone]:
    """Zones where the user may create and edit records: a role over the whole zone is needed (a role
    limited to one park reads that park but does not write the zone's registry)."""
    scope = access_for(user).scope(perm)
    if scope.everywhere:
        return Zone.objects.order_by("sort_order", "id")
    return Zone.objects.filter(pk__in=scope.zone_ids).order_by("sort_order", "id")


def can_change(user, zone_id: int, perm: str = "registry.change") -> bool:
    scope = access_for(user).scope(perm)
    return scope.everywhere or zone_id in scope.zone_ids
