"""Weekly reports and coordination items: the writes (services) and the reads (selectors).

A report is the liaison's week on one project; submitting it also records the project's progress
(a ProgressRecord dated the day it is submitted) and adds the period's investment to the project's
completed investment, in the same transaction. A coordination item is routed by
yuanqu.common.routing, which the appeals module is meant to share: this file only says who counts
as the zone's leader and as a department's staff for projects, saves and writes the transition row.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from yuanqu.accounts.access import access_for
from yuanqu.audit.context import records_actor
from yuanqu.common import clock, routing, workdays
from yuanqu.common.services import versioned_save

from .models import CoordinationItem, CoordinationTransition, Project, WeeklyReport
from .selectors import can_advance, project_list
from .services import progress_record

# The zone's leader runs the zone's projects; a department's staff hold "coordination.handle" there.
POLICY = routing.Policy(lead_perm="projects.advance", handle_perm="coordination.handle")

MSG_NO_REPORT_RIGHT = "只有该项目的联点责任人或园区领导可以填报周报。"
MSG_NO_RAISE_RIGHT = "只有该项目的联点责任人或园区领导可以提出协调事项。"
MSG_WEEK_FUTURE = "不能填报未来的周次({week})。"
MSG_WEEK_DUPLICATE = "该项目{week}的周报已于{day}提交,不能重复填报。请查看已有周报。"
MSG_DEADLINE_PAST = "办理时限不能早于今天({today})。"
MSG_DEADLINE_REQUIRED = "请填写办理时限,或填写几个工作日内办结。"


# -- weeks ----------------------------------------------------------------------------------------

def week_of(day: dt.date) -> dt.date:
    """The Monday of the ISO week the day falls in."""
    return day - dt.timedelta(days=day.weekday())


def week_label(monday: dt.date) -> str:
    year, number, _ = monday.isocalendar()
    sunday = monday + dt.timedelta(days=6)
    return f"{year}年第{number}周({monday.month}月{monday.day}日—{sunday.month}月{sunday.day}日)"


def recent_weeks(n: int = 8) -> list[dt.date]:
    """This week and the n-1 before it, latest first: the weeks a report may be filed for."""
    this = week_of(clock.today())
    return [this - dt.timedelta(weeks=i) for i in range(n)]


def deadline_in_workdays(n: int, start: dt.date | None = None) -> tuple[dt.date, bool]:
    """The day n working days after today, and whether the calendar had to guess (provisional)."""
    start = start or clock.today()
    day = workdays.add_workdays(start, n, provisional=True)
    return day, workdays.is_provisional(start, day)


# -- reports --------------------------------------------------------------------------------------

def internal_projects(user) -> QuerySet[Project]:
    """Projects whose reports and coordination the user may read: those its zone, park or department
    roles see. An enterprise sees its own projects but not the committee's internal reporting."""
    scope = access_for(user).scope("projects.view")
    qs = Project.objects.all()
    if scope.everywhere:
        return qs
    q = Q(pk__in=[])
    if scope.zone_ids:
        q |= Q(zone_id__in=scope.zone_ids)
    if scope.park_ids:
        q |= Q(park_id__in=scope.park_ids) | Q(park__parent_id__in=scope.park_ids)
    if scope.department_ids:
        q |= Q(department_id__in=scope.department_ids)
    return qs.filter(q)


def can_read_reports(user, project: Project) -> bool:
    scope = access_for(user).scope("projects.view")
    return (scope.everywhere or project.zone_id in scope.zone_ids or project.department_id in scope.department_ids
            or (project.park_id is not None and project.park_id in scope.park_ids))


def can_report(user, project: Project) -> bool:
    return can_advance(user, project)


@records_actor
@transaction.atomic
def report_submit(*, actor, project: Project, week: dt.date, done_this_week: str, planned_next_week: str,
                  problems: str = "", coordination_needed: str = "", investment_in_period=Decimal(0),
                  progress_percent=None) -> WeeklyReport:
    if not can_report(actor, project):
        raise PermissionDenied(MSG_NO_REPORT_RIGHT)
    today = clock.today()
    week = week_of(week)
    if week > week_of(today):
        raise ValidationError({"week": MSG_WEEK_FUTURE.format(week=week_label(week))}, code="future")
    existing = WeeklyReport.objects.filter(project=project, week=week).first()
    if existing is not None:
        raise ValidationError({"week": MSG_WEEK_DUPLICATE.format(week=week_label(week), day=existing.submitted_on)},
                              code="duplicate")
    report = WeeklyReport(
        project=project, week=week, author=actor, done_this_week=done_this_week.strip(),
        planned_next_week=planned_next_week.strip(), problems=problems.strip(),
        coordination_needed=coordination_needed.strip(), investment_in_period=investment_in_period or Decimal(0),
        progress_percent=progress_percent, submitted_on=today,
    )
    report.full_clean()
    report.save()
    if progress_percent is not None:
        progress_record(actor=actor, project=project, date=today, percent=progress_percent,
                        source=f"周报({week_label(week)})")
    if report.investment_in_period:
        # Locked and versioned: a concurrent edit of the project is not lost, nor is this addition.
        current = Project.objects.select_for_update().get(pk=project.pk)
        total = (current.completed_investment or Decimal(0)) + report.investment_in_period
        versioned_save(current, version=None, data={"completed_investment": total})
    return report


def report_list(user, project: Project) -> QuerySet[WeeklyReport]:
    """The project's reports, latest week first (the project is already scoped to the user)."""
    return project.weekly_reports.select_related("author").order_by("-week")


def report_detail(user, project: Project, pk: int) -> WeeklyReport:
    return get_object_or_404(report_list(user, project), pk=pk)


def report_latest(project: Project) -> WeeklyReport | None:
    return project.weekly_reports.select_related("author").order_by("-week").first()


def reports_missing_this_week(user) -> list[Project]:
    """The liaison's own projects with no report for this week yet (the home page's reminder)."""
    this = week_of(clock.today())
    return list(project_list(user).filter(liaison=user).exclude(weekly_reports__week=this).order_by("id")[:20])


# -- coordination items ---------------------------------------------------------------------------

@records_actor
@transaction.atomic
def coordination_raise(*, actor, project: Project, title: str, deadline: dt.date, description: str = "",
                       owner_department=None, report: WeeklyReport | None = None) -> CoordinationItem:
    if not can_advance(actor, project):
        raise PermissionDenied(MSG_NO_RAISE_RIGHT)
    if deadline < clock.today():
        raise ValidationError({"deadline": MSG_DEADLINE_PAST.format(today=clock.today())}, code="deadline_past")
    if owner_department is not None and owner_department.zone_id != project.zone_id:
        raise ValidationError({"owner_department": routing.MSG_DEPARTMENT_ZONE}, code="department_zone")
    item = CoordinationItem(project=project, zone_id=project.zone_id, report=report, title=title.strip(),
                            description=description.strip(), owner_department=owner_department, deadline=deadline,
                            raised_by=actor)
    item.full_clean()
    item.save()
    CoordinationTransition.objects.create(item=item, action="raise", from_state="", to_state=item.state, actor=actor,
                                          note=item.title)
    return item


@records_actor
@transaction.atomic
def coordination_act(*, actor, item: CoordinationItem, action: str, note: str = "", department=None) -> CoordinationItem:
    """Take a named routing action (accept, return, resolve, assign, close, reopen) on an item."""
    item = CoordinationItem.objects.select_for_update().get(pk=item.pk)
    step = routing.check(item, actor, action, POLICY, note=note, department=department)
    before = item.state
    item.state = step.target
    if step.needs_department:
        item.owner_department = department
    if action == "resolve":
        item.answer = note.strip()
    item.version += 1
    item.save()
    CoordinationTransition.objects.create(item=item, action=action, from_state=before, to_state=item.state,
                                          actor=actor, note=note.strip())
    return item


def coordination_actions(user, item: CoordinationItem) -> list[tuple[str, routing.Step]]:
    return routing.actions_for(item, user, POLICY)


def coordination_list(user, filters: dict | None = None) -> QuerySet[CoordinationItem]:
    """Items of the projects the user sees, and those routed to the user's departments."""
    access = access_for(user)
    qs = CoordinationItem.objects.select_related("project", "zone", "owner_department", "raised_by")
    if not access.scope("projects.view").everywhere:
        departments = access.scope(POLICY.handle_perm).department_ids
        qs = qs.filter(Q(project__in=internal_projects(user).values("pk")) | Q(owner_department_id__in=departments))
    f = filters or {}
    if f.get("zone"):
        qs = qs.filter(zone=f["zone"])
    if f.get("state"):
        qs = qs.filter(state=f["state"])
    if f.get("owner_department"):
        qs = qs.filter(owner_department=f["owner_department"])
    if f.get("overdue"):
        qs = qs.filter(state__in=routing.OPEN_STATES, deadline__lt=clock.today())
    if f.get("project"):
        qs = qs.filter(project=f["project"])
    if f.get("awaiting"):
        qs = qs.filter(routing.awaiting(user, POLICY))
    return qs.order_by("-id")


def coordination_detail(user, pk: int) -> CoordinationItem:
    return get_object_or_404(coordination_list(user), pk=pk)


def coordination_open_for(project: Project, limit: int = 20) -> list[CoordinationItem]:
    return list(project.coordination_items.filter(state__in=routing.OPEN_STATES)
                .select_related("owner_department").order_by("deadline", "id")[:limit])


def is_overdue(item: CoordinationItem) -> bool:
    return item.is_open and item.deadline < clock.today()
