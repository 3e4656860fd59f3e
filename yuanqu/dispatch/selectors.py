"""Reads of dispatch meetings and tasks, scoped to the user: the city viewer reads every zone's, a
zone's staff (departments included) read their zone's; out of scope is 404."""

from django.db.models import Count, Q, QuerySet

from yuanqu.accounts.access import access_for
from yuanqu.common import clock

from .choices import TaskState
from .models import DispatchMeeting, DispatchTask


def visible_zone_ids(user) -> set[int] | None:
    """The zones whose dispatch the user reads; None means every zone."""
    scope = access_for(user).scope("dispatch.view")
    if scope.everywhere:
        return None
    # A role limited to one park reads that park, not the whole zone's pack.
    return scope.zone_ids | scope.department_zone_ids


def meeting_list(user) -> QuerySet[DispatchMeeting]:
    qs = DispatchMeeting.objects.select_related("zone", "host").annotate(
        task_count=Count("tasks", distinct=True),
    ).order_by("-month", "zone__sort_order", "id")
    zones = visible_zone_ids(user)
    return qs if zones is None else qs.filter(zone_id__in=zones)


def meeting_get(user, pk: int) -> DispatchMeeting:
    from django.shortcuts import get_object_or_404

    qs = DispatchMeeting.objects.select_related("zone", "host")
    zones = visible_zone_ids(user)
    if zones is not None:
        qs = qs.filter(zone_id__in=zones)
    return get_object_or_404(qs, pk=pk)


def task_list(user) -> QuerySet[DispatchTask]:
    qs = DispatchTask.objects.select_related(
        "meeting__zone", "project", "owner_department", "owner_official", "closed_by",
    ).order_by("deadline", "id")
    zones = visible_zone_ids(user)
    return qs if zones is None else qs.filter(meeting__zone_id__in=zones)


def task_get(user, pk: int) -> DispatchTask:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(task_list(user), pk=pk)


def can_run(user, zone_id: int) -> bool:
    """The zone's leader runs its dispatch: meetings, decisions, cancelling tasks."""
    scope = access_for(user).scope("dispatch.run")
    return scope.everywhere or zone_id in scope.zone_ids


def can_close(user, task: DispatchTask) -> bool:
    """Marking a task done: the zone's leader, or staff of the department that owns it."""
    if can_run(user, task.meeting.zone_id):
        return True
    scope = access_for(user).scope("dispatch.view")
    return task.owner_department_id is not None and task.owner_department_id in scope.department_ids


def run_zones(user):
    from yuanqu.registry.selectors import zones_writable

    return zones_writable(user, "dispatch.run")


def is_overdue(task: DispatchTask, on=None) -> bool:
    """Open past its deadline on `on` (today by default); a task closed late counts as overdue then."""
    on = on or clock.today()
    if task.state == TaskState.OPEN or (task.closed_on and task.closed_on > on):
        return task.deadline < on
    return False


def open_filter() -> Q:
    return Q(state=TaskState.OPEN)
