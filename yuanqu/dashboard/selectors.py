"""What the home page shows each role: the figures and lists that need its attention."""

import datetime as dt

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from yuanqu.accounts.access import access_for
from yuanqu.accounts.models import User
from yuanqu.audit.models import SecurityEvent
from yuanqu.common import clock, workdays
from yuanqu.registry import selectors as registry


def zone_cards(user):
    """Each visible zone with its counts, in one query."""
    return list(registry.zone_list_with_counts(user))


def ledger_gaps(user) -> list[dict]:
    """Enterprises in the user's scope whose ledger entry lacks something, counted in one query."""
    from yuanqu.registry.filters import MISSING_CHOICES

    counts = registry.enterprise_list(user).aggregate(
        credit_code=Count("pk", filter=Q(credit_code="")),
        contact_phone=Count("pk", filter=Q(contact_phone="")),
        park=Count("pk", filter=Q(park__isnull=True)),
    )
    return [{"key": key, "label": label, "count": counts[key]} for key, label in MISSING_CHOICES if counts[key]]


def project_stages(user) -> list[dict]:
    """Projects the user can see, counted by stage in one query, in lifecycle order."""
    from yuanqu.projects.choices import STAGE_ORDER
    from yuanqu.projects.selectors import project_list

    counts = dict(project_list(user).order_by().values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    return [{"key": s.value, "label": s.label, "count": counts.get(s.value, 0)} for s in STAGE_ORDER]


def my_projects(user) -> list:
    from yuanqu.projects.selectors import project_list

    return list(project_list(user).filter(liaison=user).order_by("stage", "id")[:20])


def my_appeals(user) -> dict:
    """An enterprise's own appeals at a glance: how many are open, how many answers wait for its
    rating, and the latest few (two queries)."""
    from django.db.models import Count, Q

    from yuanqu.appeals.choices import OPEN_STATES, State
    from yuanqu.appeals.selectors import appeal_list

    qs = appeal_list(user)
    counts = qs.aggregate(open=Count("pk", filter=Q(state__in=OPEN_STATES)),
                          to_rate=Count("pk", filter=Q(state=State.ANSWERED)))
    return {**counts, "latest": list(qs[:5])}


def attention(user) -> list[dict]:
    """What waits on the user now, each with its count and the list that shows it (one query each)."""
    from django.urls import reverse

    from yuanqu.inbox.selectors import unread_count
    from yuanqu.projects.reporting import coordination_list
    from yuanqu.projects.selectors import project_list
    from yuanqu.supervision.choices import Light

    access = access_for(user)
    items = []
    unread = unread_count(user)
    if unread:
        items.append({"label": "未读消息", "count": unread, "url": reverse("inbox:message_list"), "tone": "amber"})
    if access.has("projects.view") and not access.has_role("enterprise"):
        red = project_list(user).filter(light__light=Light.RED).count()
        if red:
            items.append({"label": "亮红灯的项目", "count": red,
                          "url": reverse("projects:project_list") + "?light=red", "tone": "red"})
        waiting = coordination_list(user, {"awaiting": True}).count()
        if waiting:
            items.append({"label": "待我处理的协调事项", "count": waiting,
                          "url": reverse("projects:coordination_queue"), "tone": "amber"})
    if access.has("appeals.view"):
        from yuanqu.appeals.selectors import appeal_list

        waiting = appeal_list(user, {"awaiting": True}).count()
        if waiting:
            label = "待评价的诉求答复" if access.role_names == {"enterprise"} else "待我处理的企业诉求"
            items.append({"label": label, "count": waiting, "url": reverse("appeals:appeal_queue"), "tone": "amber"})
        if not access.has_role("enterprise"):
            overdue = appeal_list(user, {"overdue": True}).count()
            if overdue:
                items.append({"label": "逾期的企业诉求", "count": overdue,
                              "url": reverse("appeals:appeal_list") + "?overdue=on", "tone": "red"})
    from yuanqu.approvals.board import attention_items as approval_attention

    items += approval_attention(user)  # approval items waiting on an agent, a department; the zone's overdue
    if access.has("indicators.review"):
        from yuanqu.indicators.selectors import review_queue

        pending = review_queue(user).count()
        if pending:
            items.append({"label": "待审核的企业指标", "count": pending,
                          "url": reverse("indicators:review_list"), "tone": "amber"})
    if access.has("indicators.report"):
        from yuanqu.indicators.choices import ValueState
        from yuanqu.indicators.selectors import value_scope

        returned = value_scope(user).filter(state=ValueState.RETURNED).count()
        if returned:
            items.append({"label": "被退回待修改的指标数据", "count": returned,
                          "url": reverse("indicators:report_list") + "?state=returned", "tone": "red"})
    return items


def home_panels(user) -> dict:
    access = access_for(user)
    panels: dict = {}
    waiting = attention(user)
    if waiting:
        panels["attention"] = waiting
    if access.has("registry.view") and not access.has_role("enterprise") or access.has("registry.view_all"):
        panels["zones"] = zone_cards(user)
        if access.has("registry.change"):
            panels["gaps"] = ledger_gaps(user)
    if access.has_role("enterprise"):
        panels["my_enterprises"] = list(registry.enterprise_list(user).filter(pk__in=access.scope("registry.view").enterprise_ids))
        if access.has("appeals.file"):
            panels["my_appeals"] = my_appeals(user)
    if access.has("projects.view"):
        panels["project_stages"] = project_stages(user)
        if access.has("projects.advance_assigned"):
            panels["my_projects"] = my_projects(user)
            from yuanqu.projects.reporting import reports_missing_this_week

            panels["reports_missing"] = reports_missing_this_week(user)
    if access.has("accounts.manage"):
        cutoff = timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
        panels["locked"] = list(
            AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=cutoff)
            .values_list("username", flat=True)
        )
        panels["no_role_users"] = list(User.objects.filter(is_active=True, roles__isnull=True).values_list("username", flat=True)[:20])
        panels["user_count"] = User.objects.filter(is_active=True).count()
    if access.has("audit.view"):
        since = timezone.now() - dt.timedelta(days=7)
        panels["security_counts"] = dict(
            SecurityEvent.objects.filter(timestamp__gte=since)
            .values_list("kind")
            .annotate(n=Count("id"))
            .values_list("kind", "n")
        )
        panels["security_recent"] = list(
            SecurityEvent.objects.filter(
                Q(kind__in=[SecurityEvent.Kind.LOGIN_FAILED, SecurityEvent.Kind.LOCKOUT, SecurityEvent.Kind.DENIED])
            ).order_by("-timestamp")[:10]
        )
    if access.has("calendar.change"):
        year = clock.today().year
        panels["calendar"] = [{"year": y, "source": workdays.year_source(y)} for y in (year, year + 1)]
    return panels
