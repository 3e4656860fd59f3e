"""Writes of the supervision app: refreshing the stored lights, climbing the escalation ladder,
a leader's supervision by hand, and a zone's thresholds.

The ladder and its messages are written together, step by step: an Escalation row is unique per
(milestone, planned date, level), so a step taken by one tick is skipped by the next, and by a tick
running at the same time (its insert fails on the constraint and its savepoint rolls back, message
included). Inbox messages are rows of the same database, so they are written in that transaction
rather than on commit: a step and its messages exist together or not at all.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from yuanqu.accounts.models import User
from yuanqu.accounts.roles import Role
from yuanqu.audit.context import records_actor
from yuanqu.common import clock, workdays
from yuanqu.common.services import versioned_save
from yuanqu.inbox.models import InboxMessage
from yuanqu.inbox.services import inbox_send
from yuanqu.projects.models import Milestone, Project

from .choices import Level
from .lights import Judge, worse
from .models import Escalation, LightSettings, ProjectLight, Supervision
from .permissions import can_supervise
from .selectors import thresholds_by_zone, thresholds_for, zones_for_settings

MSG_NOT_LEADER = "只有本园区的领导可以督办该项目。"
MSG_NOTE_REQUIRED = "请填写督办意见。"
MSG_DEADLINE_PAST = "办结期限不能早于今天({today})。"
MSG_NO_SETTINGS_RIGHT = "您无权设置该园区的红黄绿灯规则。"

LIGHT_FIELDS = ["light", "milestone_id", "planned", "provisional"]


# ---- lights ---------------------------------------------------------------------------------------

def lights_refresh(*, project_ids=None, today: dt.date | None = None) -> dict:
    """Recompute the stored light of these projects (all when None) as of today; write only what
    changed. Returns {"lights_changed": n}: 0 when run again the same day."""
    today = today or clock.today()
    known = thresholds_by_zone()
    judges: dict = {}
    rows = Milestone.objects.filter(planned__isnull=False).values_list(
        "pk", "project_id", "project__zone_id", "planned", "actual").order_by()
    if project_ids is not None:
        project_ids = list(project_ids)
        rows = rows.filter(project_id__in=project_ids)
    want: dict[int, tuple] = {}
    worst_of: dict = {}
    for mid, pid, zid, planned, actual in rows.iterator(chunk_size=5000):
        t = thresholds_for(zid, known)
        judge = judges.get(t) or judges.setdefault(t, Judge(today, t))
        ml = judge.milestone(planned, actual, counts=False)
        if worse(worst_of.get(pid), ml):
            worst_of[pid] = ml
            want[pid] = (ml.light, mid, planned, ml.provisional)
    stored = ProjectLight.objects.all() if project_ids is None else ProjectLight.objects.filter(project_id__in=project_ids)
    have = {pl.project_id: pl for pl in stored}
    new, changed = [], []
    for pid, values in want.items():
        pl = have.pop(pid, None)
        if pl is None:
            new.append(ProjectLight(project_id=pid, **dict(zip(LIGHT_FIELDS, values))))
        elif tuple(getattr(pl, f) for f in LIGHT_FIELDS) != values:
            for f, v in zip(LIGHT_FIELDS, values):
                setattr(pl, f, v)
            changed.append(pl)
    with transaction.atomic():
        ProjectLight.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
        ProjectLight.objects.bulk_update(changed, LIGHT_FIELDS, batch_size=2000)
        if have:  # projects that no longer have a planned milestone
            ProjectLight.objects.filter(project_id__in=list(have)).delete()
    return {"lights_changed": len(new) + len(changed) + len(have)}


# ---- the escalation ladder ------------------------------------------------------------------------

class _Recipients:
    """Who hears of each step, looked up once per zone per run."""

    def __init__(self):
        self._leaders: dict[int, list] = {}
        self._city = None

    def leaders(self, zone_id: int) -> list:
        if zone_id not in self._leaders:
            self._leaders[zone_id] = list(User.objects.filter(
                is_active=True, roles__role=Role.LEADER, roles__zone_id=zone_id, roles__park__isnull=True,
            ).distinct().order_by("pk"))
        return self._leaders[zone_id]

    def city(self) -> list:
        if self._city is None:
            self._city = list(User.objects.filter(is_active=True, roles__role=Role.CITY).distinct().order_by("pk"))
        return self._city

    def for_step(self, project: Project, level: str) -> list:
        """提醒: the project's liaison (the zone's leaders when it has none); 督办: the zone's leaders,
        and the liaison so it knows; 通报: the zone's leaders, the city viewers and the liaison."""
        liaison = [project.liaison] if project.liaison_id else []
        if level == Level.REMIND:
            return liaison or self.leaders(project.zone_id)
        if level == Level.SUPERVISE:
            return self.leaders(project.zone_id) + liaison
        return self.leaders(project.zone_id) + self.city() + liaison


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _step_message(milestone: Milestone, level: str, overdue: int, today: dt.date) -> tuple[str, str]:
    project, label = milestone.project, milestone.get_kind_display()
    days = f"{overdue}个工作日" + ("(暂定)" if workdays.is_provisional(milestone.planned, today) else "")
    head = f"“{project.name}”的“{label}”节点计划于{_cn(milestone.planned)}完成,截至{_cn(today)}尚未完成,已逾期{days}。"
    liaison = project.liaison.display_name if project.liaison_id else "未指定"
    if level == Level.REMIND:
        return f"【提醒】{project.name}:{label}已逾期", head + "请尽快推进;完成后在项目页面记录实际日期,提醒即停止。"
    if level == Level.SUPERVISE:
        return f"【督办】{project.name}:{label}逾期{overdue}个工作日", head + f"提醒后仍未完成,转为督办。责任人:{liaison}。"
    return f"【通报】{project.name}:{label}逾期{overdue}个工作日", head + f"督办后仍未完成,予以通报。责任人:{liaison}。"


def _take_step(milestone: Milestone, level: str, overdue: int, today: dt.date, recipients: _Recipients) -> int | None:
    """Take one step of the ladder and send its messages; None when it was taken already."""
    people = recipients.for_step(milestone.project, level)
    title, body = _step_message(milestone, level, overdue, today)
    url = reverse("projects:project_detail", args=[milestone.project_id])
    try:
        with transaction.atomic():
            Escalation.objects.create(
                project_id=milestone.project_id, milestone=milestone, planned=milestone.planned, level=level,
                overdue_workdays=overdue, date=today, recipients=len({p.pk for p in people}),
            )
            sent = inbox_send(recipients=people, title=title, body=body, url=url, kind=level,
                              dedupe_key=f"escalation:{milestone.pk}:{milestone.planned}:{level}")
    except IntegrityError:
        return None  # another tick took this step
    return len(sent)


def escalations_run(*, today: dt.date | None = None) -> dict:
    """Climb the ladder of every open overdue milestone as far as it has reached, each step once.
    A milestone reached (actual date set) is no longer overdue, so its ladder stops."""
    today = today or clock.today()
    overdue = list(Milestone.objects.filter(actual__isnull=True, planned__lt=today).select_related(
        "project__liaison").order_by("pk"))
    if not overdue:
        return {level.value: 0 for level in Level} | {"messages": 0}
    taken = set(Escalation.objects.filter(milestone__actual__isnull=True, milestone__planned__lt=today)
                .values_list("milestone_id", "planned", "level"))
    known = thresholds_by_zone({m.project.zone_id for m in overdue})
    judges: dict = {}
    recipients = _Recipients()
    counts = {level.value: 0 for level in Level} | {"messages": 0}
    days_since: dict[dt.date, int] = {}  # many milestones share a planned date: count its days once
    for m in overdue:
        if (m.pk, m.planned, Level.NOTIFY) in taken:
            continue  # the top of the ladder: nothing left to take
        t = thresholds_for(m.project.zone_id, known)
        judge = judges.get(t) or judges.setdefault(t, Judge(today, t))
        if m.planned not in days_since:
            days_since[m.planned] = workdays.workdays_between(m.planned, today, provisional=True)
        days = days_since[m.planned]
        for level in judge.levels_due(days):
            if (m.pk, m.planned, level) in taken:
                continue
            sent = _take_step(m, level, days, today, recipients)
            if sent is not None:
                counts[level] += 1
                counts["messages"] += sent
    return counts


# ---- by hand ----------------------------------------------------------------------------------------

@records_actor
@transaction.atomic
def project_supervise(*, actor, project: Project, note: str, deadline: dt.date | None = None) -> Supervision:
    """A zone leader supervises (督办) a project by hand: the note is recorded and audited, and the
    project's liaison is told in its inbox."""
    if not can_supervise(actor, project):
        raise PermissionDenied(MSG_NOT_LEADER)
    note = (note or "").strip()
    if not note:
        raise ValidationError(MSG_NOTE_REQUIRED, code="note_required")
    today = clock.today()
    if deadline is not None and deadline < today:
        raise ValidationError(MSG_DEADLINE_PAST.format(today=today), code="deadline_past")
    supervision = Supervision(project=project, actor=actor, note=note, deadline=deadline, date=today)
    supervision.full_clean()
    supervision.save()
    body = f"{actor.display_name}于{_cn(today)}督办“{project.name}”:{note}"
    if deadline:
        body += f"\n请于{_cn(deadline)}前办结并反馈。"
    inbox_send(recipients=[project.liaison], title=f"【领导督办】{project.name}", body=body,
               url=reverse("projects:project_detail", args=[project.pk]), kind=InboxMessage.Kind.MANUAL,
               dedupe_key=f"supervision:{supervision.pk}")
    return supervision


@records_actor
@transaction.atomic
def light_settings_save(*, actor, zone, data: dict, version: int | None = None) -> LightSettings:
    """Set a zone's thresholds; its projects' stored lights follow at once."""
    if not zones_for_settings(actor).filter(pk=zone.pk).exists():
        raise PermissionDenied(MSG_NO_SETTINGS_RIGHT)
    current = LightSettings.objects.filter(zone=zone).first()
    if current is None:
        current = LightSettings(zone=zone, **data)
        current.full_clean()
        current.save()
    else:
        current = versioned_save(current, version=version, data=data)
    lights_refresh(project_ids=Project.objects.filter(zone=zone).values_list("pk", flat=True))
    return current
