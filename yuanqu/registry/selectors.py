"""Reads of the registry, each starting from what the user's roles let it see.

An object outside the scope is simply not in the queryset, so a view's get_object_or_404 gives 404.
"""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from yuanqu.accounts.access import ScopeSet, access_for

from .models import Department, Enterprise, Official, Park, Zone


def _zone_q(scope: ScopeSet, field: str = "zone_id") -> Q:
    """Records of the zones the scope reaches whole: zone roles and department roles (a department
    works for its zone)."""
    zone_ids = scope.zone_ids | scope.department_zone_ids
    return Q(**{f"{field}__in": zone_ids}) if zone_ids else Q(pk__in=[])


# Zones a narrower scope touches, as subqueries (not joins, which would repeat rows).
def _zones_of_parks(ids):
    return Park.objects.filter(pk__in=ids).values("zone_id")


def _zones_of_enterprises(ids):
    return Enterprise.objects.filter(pk__in=ids).values("zone_id")


def zone_list(user, perm: str = "registry.view") -> QuerySet[Zone]:
    scope = access_for(user).scope(perm)
    qs = Zone.objects.order_by("sort_order", "id")
    if scope.everywhere:
        return qs
    q = _zone_q(scope, "id")
    if scope.park_ids:
        q |= Q(pk__in=_zones_of_parks(scope.park_ids))
    if scope.enterprise_ids:
        q |= Q(pk__in=_zones_of_enterprises(scope.enterprise_ids))
    return qs.filter(q)


def park_list(user, perm: str = "registry.view") -> QuerySet[Park]:
    """Parks of the user's zones; a park-limited role sees its park and that park's phases; an
    enterprise user sees the parks of its zone."""
    scope = access_for(user).scope(perm)
    qs = Park.objects.select_related("zone", "parent")
    if scope.everywhere:
        return qs
    q = _zone_q(scope)
    if scope.park_ids:
        q |= Q(id__in=scope.park_ids) | Q(parent_id__in=scope.park_ids)
    if scope.enterprise_ids:
        q |= Q(zone_id__in=_zones_of_enterprises(scope.enterprise_ids))
    return qs.filter(q)


def enterprise_list(user, perm: str = "registry.view") -> QuerySet[Enterprise]:
    """Enterprises of the user's zones or park; an enterprise user sees its own only."""
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


def _zone_staff(qs, scope: ScopeSet):
    """Departments and officials belong to a zone as a whole; a park-limited role sees its zone's."""
    if scope.everywhere:
        return qs
    q = _zone_q(scope)
    if scope.park_ids:
        q |= Q(zone_id__in=_zones_of_parks(scope.park_ids))
    return qs.filter(q)


def department_list(user, perm: str = "registry.view_officials") -> QuerySet[Department]:
    return _zone_staff(Department.objects.select_related("zone"), access_for(user).scope(perm))


def official_list(user, perm: str = "registry.view_officials") -> QuerySet[Official]:
    return _zone_staff(Official.objects.select_related("zone", "department"), access_for(user).scope(perm))


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
