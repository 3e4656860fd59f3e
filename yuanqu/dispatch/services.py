"""Writes of the monthly dispatch. Each checks the actor's right, validates, saves and writes the
audit row (django-auditlog) in the same transaction. Meetings and tasks move only by named actions."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from yuanqu.audit.context import records_actor
from yuanqu.common import clock

from .choices import MeetingStatus, TaskState
from .models import DispatchMeeting, DispatchSnapshot, DispatchTask
from .selectors import can_close, can_run
from .sources import zone_states

MSG_NO_RUN = "只有该园区的领导可以组织月调度。"
MSG_NO_CLOSE = "只有园区领导或责任部门的工作人员可以办结该任务。"
MSG_NO_CANCEL = "只有园区领导可以撤销调度任务。"
MSG_HELD_ALREADY = "该调度会已召开,快照已固定,不能再执行“召开”。"
MSG_NOT_YET = "调度会召开日期为{day},尚未到来,不能标记为已召开。"
MSG_TASK_STATE = "该任务{state},不能再执行“{action}”。"
MSG_NOTE_REQUIRED = "请填写{what}。"
MSG_DEPARTMENT_ZONE = "责任部门不属于该园区。"
MSG_OFFICIAL_ZONE = "责任人不属于该园区。"
MSG_HOST_ZONE = "主持人不属于该园区。"
MSG_PROJECT_ZONE = "相关项目不属于该园区。"
MSG_DEADLINE_BEFORE = "完成时限不能早于调度会召开日期({day})。"
MSG_CLOSED_FUTURE = "办结日期不能晚于今天。"


def _zone_check(obj, zone_id: int, field: str, msg: str, errors: dict):
    if obj is not None and obj.zone_id != zone_id:
        errors[field] = msg


@records_actor
@transaction.atomic
def meeting_create(*, actor, zone, month: dt.date, held_on: dt.date, host=None, attendees: str = "",
                   notes: str = "") -> DispatchMeeting:
    """Call a zone's dispatch meeting for a month (a draft: its pack shows live figures until held)."""
    if not can_run(actor, zone.pk):
        raise PermissionDenied(MSG_NO_RUN)
    errors = {}
    _zone_check(host, zone.pk, "host", MSG_HOST_ZONE, errors)
    if errors:
        raise ValidationError(errors)
    meeting = DispatchMeeting(zone=zone, month=month.replace(day=1), held_on=held_on, host=host,
                              attendees=attendees.strip(), notes=notes.strip(), created_by=actor)
    meeting.full_clean()
    meeting.save()
    return meeting


def snapshot_take(meeting: DispatchMeeting) -> int:
    """Write where each of the zone's projects stands now as the meeting's snapshot (replacing any)."""
    states = zone_states(meeting.zone_id)
    DispatchSnapshot.objects.filter(meeting=meeting).delete()
    DispatchSnapshot.objects.bulk_create([
        DispatchSnapshot(meeting=meeting, project_id=s.project_id, project_name=s.name, stage=s.stage,
                         progress=s.progress, completed_investment=s.completed_investment, light=s.light,
                         open_coordination=s.open_coordination)
        for s in states
    ])
    meeting.snapshot_at = timezone.now()
    return len(states)


@records_actor
@transaction.atomic
def meeting_hold(*, actor, meeting: DispatchMeeting) -> DispatchMeeting:
    """The meeting took place: fix its snapshot, which the next month's pack compares against."""
    if not can_run(actor, meeting.zone_id):
        raise PermissionDenied(MSG_NO_RUN)
    meeting = DispatchMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.DRAFT:
        raise ValidationError(MSG_HELD_ALREADY, code="illegal")
    if meeting.held_on > clock.today():
        raise ValidationError(MSG_NOT_YET.format(day=meeting.held_on), code="future")
    snapshot_take(meeting)
    meeting.status = MeetingStatus.HELD
    meeting.version += 1
    meeting.save(update_fields=["status", "snapshot_at", "version", "updated_at"])
    return meeting


@records_actor
@transaction.atomic
def task_create(*, actor, meeting: DispatchMeeting, content: str, deadline: dt.date, owner_department=None,
                owner_official=None, owner_other: str = "", project=None, illustrative: bool = False) -> DispatchTask:
    """Record a decision of the meeting as a task with an owner and a deadline."""
    if not can_run(actor, meeting.zone_id):
        raise PermissionDenied(MSG_NO_RUN)
    errors = {}
    _zone_check(owner_department, meeting.zone_id, "owner_department", MSG_DEPARTMENT_ZONE, errors)
    _zone_check(owner_official, meeting.zone_id, "owner_official", MSG_OFFICIAL_ZONE, errors)
    _zone_check(project, meeting.zone_id, "project", MSG_PROJECT_ZONE, errors)
    if deadline is not None and deadline < meeting.held_on:
        errors["deadline"] = MSG_DEADLINE_BEFORE.format(day=meeting.held_on)
    if errors:
        raise ValidationError(errors)
    task = DispatchTask(meeting=meeting, content=(content or "").strip(), deadline=deadline,
                        owner_department=owner_department, owner_official=owner_official,
                        owner_other=(owner_other or "").strip(), project=project, illustrative=illustrative)
    task.full_clean()
    task.save()
    return task


def _close(task: DispatchTask, *, actor, state: str, action: str, note: str, what: str,
           on: dt.date | None = None) -> DispatchTask:
    task = DispatchTask.objects.select_for_update().select_related("meeting").get(pk=task.pk)
    if task.state != TaskState.OPEN:
        raise ValidationError(MSG_TASK_STATE.format(state=TaskState(task.state).label, action=action), code="illegal")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": MSG_NOTE_REQUIRED.format(what=what)}, code="required")
    on = on or clock.today()
    if on > clock.today():
        raise ValidationError(MSG_CLOSED_FUTURE, code="future")
    task.state, task.closed_on, task.closed_by, task.result = state, on, actor, note
    task.version += 1
    task.full_clean()
    task.save()
    return task


@records_actor
@transaction.atomic
def task_done(*, actor, task: DispatchTask, note: str, on: dt.date | None = None) -> DispatchTask:
    """The owner reports the task done, saying what was done."""
    if not can_close(actor, task):
        raise PermissionDenied(MSG_NO_CLOSE)
    return _close(task, actor=actor, state=TaskState.DONE, action="办结", note=note, what="办理结果", on=on)


@records_actor
@transaction.atomic
def task_cancel(*, actor, task: DispatchTask, note: str) -> DispatchTask:
    """The leader withdraws a decision that no longer applies, saying why."""
    if not can_run(actor, task.meeting.zone_id):
        raise PermissionDenied(MSG_NO_CANCEL)
    return _close(task, actor=actor, state=TaskState.CANCELLED, action="撤销", note=note, what="撤销理由")
