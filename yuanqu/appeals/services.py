"""Writes on appeals: intake, the workflow's named actions, rating, and a leader's supervision.

Every action locks the appeal's row, checks the step (workflow.py), saves, writes an
AppealTransition and sends its inbox messages in the same transaction (messages are rows of the same
database: an action and its messages exist together or not at all). Change-log rows name the actor.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from yuanqu.accounts.access import access_for
from yuanqu.audit.context import records_actor
from yuanqu.common import clock, workdays
from yuanqu.inbox.models import InboxMessage
from yuanqu.inbox.services import inbox_send

from . import deadlines, recipients, workflow
from .choices import REOPENING_RATINGS, RUNNING_STATES, Channel, DeadlineKind, Rating, ReceptionStatus, State
from .models import Appeal, AppealAssignment, AppealRating, AppealSupervision, AppealTransition
from .selectors import appeal_settings_for

MSG_NO_INTAKE_RIGHT = "您无权为该企业登记诉求。"
MSG_PORTAL_ONLY = "企业用户只能通过网上提交诉求。"
MSG_PORTAL_STAFF = "“企业网上提交”由企业用户自己提交;工作人员登记请选择接待日、电话或走访。"
MSG_CATEGORY_INACTIVE = "该类别已停用,请选择其他类别。"
MSG_RECEPTION_REQUIRED = "来源为企业接待日时,请选择是哪一期接待日。"
MSG_RECEPTION_ZONE = "所选接待日不属于该企业所在园区。"
MSG_RECEPTION_CANCELLED = "该期接待日已取消,不能登记诉求。"
MSG_RECEPTION_CHANNEL = "只有来源为企业接待日的诉求才能关联接待日。"
MSG_COORDINATION_REQUIRED = "来源为项目周报协调事项时,须从协调事项转入。"
MSG_COORDINATION_TAKEN = "该协调事项已转为企业诉求。"
MSG_COORDINATION_ZONE = "所选协调事项不属于该企业所在园区。"
MSG_LEAD_REQUIRED = "请选择主办部门。"
MSG_DEPARTMENT_ZONE = "承办部门须是本园区的部门。"
MSG_LEAD_NOT_CO = "主办部门不能同时是协办部门。"
MSG_COMMENT_REQUIRED = "评价为不满意时,请写明不满意的原因,诉求将退回主办部门重新办理。"
MSG_RATING = "请选择评价等级。"
MSG_NOT_DISPATCHER = "只有本园区的领导可以督办该诉求。"
MSG_NOT_RUNNING = "只有待受理或办理中的诉求可以督办。"
MSG_SUPERVISE_NOTE = "请填写督办意见。"
MSG_TITLE_REQUIRED = "请填写诉求事项。"
MSG_CONTENT_REQUIRED = "请填写具体内容。"


def _url(appeal) -> str:
    return reverse("appeals:appeal_detail", args=[appeal.pk])


def _send(people, appeal, title: str, body: str = "", key: str = "", kind: str = InboxMessage.Kind.OTHER) -> None:
    inbox_send(recipients=people, title=f"{title}:{appeal.title}"[:200], body=body, url=_url(appeal),
               kind=kind, dedupe_key=key[:100])


def _log(appeal, action: str, before: str, actor, note: str = "", department=None) -> AppealTransition:
    return AppealTransition.objects.create(appeal=appeal, action=action, from_state=before, to_state=appeal.state,
                                           actor=actor, note=note.strip(), department=department)


def _locked(appeal) -> Appeal:
    return Appeal.objects.select_for_update().get(pk=appeal.pk)


def _set_deadline(appeal: Appeal, deadline: deadlines.Deadline | None, note: str = "") -> None:
    """The appeal's committed deadline (None clears it), with what it takes to work it out again."""
    if deadline is None:
        appeal.deadline, appeal.deadline_kind, appeal.deadline_note, appeal.deadline_provisional = None, "", "", False
        appeal.deadline_from = appeal.deadline_workdays = None
        return
    appeal.deadline, appeal.deadline_kind, appeal.deadline_provisional = deadline.date, deadline.kind, deadline.provisional
    appeal.deadline_note = note or deadline.note
    appeal.deadline_from, appeal.deadline_workdays = deadline.start, deadline.workdays


def _current_assignment(appeal) -> AppealAssignment | None:
    return AppealAssignment.objects.select_for_update().filter(appeal=appeal, current=True).first()


# ---- intake -----------------------------------------------------------------------------------------

def can_intake(user, enterprise) -> bool:
    """Whether the user may take an appeal for this enterprise (its own user, or the zone's staff)."""
    access = access_for(user)
    if enterprise.pk in access.scope("appeals.file").enterprise_ids:
        return True
    intake = access.scope("appeals.intake")
    return intake.everywhere or enterprise.zone_id in intake.zone_ids


@records_actor
@transaction.atomic
def appeal_create(*, actor, enterprise, category, title: str, content: str, channel: str, spot_answer: str = "",
                  reception=None, coordination_item=None, attachments=()) -> Appeal:
    """Take an appeal: from the enterprise's own portal, or by the zone's staff from a reception day,
    a phone call, a visit, or a project's coordination item. It waits for the zone's leader to route it."""
    access = access_for(actor)
    own = enterprise.pk in access.scope("appeals.file").enterprise_ids
    intake = access.scope("appeals.intake")
    staff = intake.everywhere or enterprise.zone_id in intake.zone_ids
    if not (own or staff):
        raise PermissionDenied(MSG_NO_INTAKE_RIGHT)
    if own and not staff and channel != Channel.PORTAL:
        raise ValidationError({"channel": MSG_PORTAL_ONLY}, code="portal_only")
    if staff and not own and channel == Channel.PORTAL:
        raise ValidationError({"channel": MSG_PORTAL_STAFF}, code="portal_staff")
    if not category.is_active:
        raise ValidationError({"category": MSG_CATEGORY_INACTIVE}, code="category_inactive")
    if channel == Channel.RECEPTION and reception is None:
        raise ValidationError({"reception": MSG_RECEPTION_REQUIRED}, code="reception_required")
    if reception is not None and channel != Channel.RECEPTION:
        raise ValidationError({"reception": MSG_RECEPTION_CHANNEL}, code="reception_channel")
    if reception is not None and reception.status == ReceptionStatus.CANCELLED:
        raise ValidationError({"reception": MSG_RECEPTION_CANCELLED}, code="reception_cancelled")
    if reception is not None and reception.zone_id != enterprise.zone_id:
        raise ValidationError({"reception": MSG_RECEPTION_ZONE}, code="reception_zone")
    if (channel == Channel.PROJECT) != (coordination_item is not None):
        raise ValidationError({"channel": MSG_COORDINATION_REQUIRED}, code="coordination_required")
    if coordination_item is not None and coordination_item.zone_id != enterprise.zone_id:
        raise ValidationError({"channel": MSG_COORDINATION_ZONE}, code="coordination_zone")
    if coordination_item is not None and Appeal.objects.filter(coordination_item=coordination_item).exists():
        raise ValidationError(MSG_COORDINATION_TAKEN, code="coordination_taken")
    if not (title or "").strip():
        raise ValidationError({"title": MSG_TITLE_REQUIRED}, code="title_required")
    if not (content or "").strip():
        raise ValidationError({"content": MSG_CONTENT_REQUIRED}, code="content_required")
    appeal = Appeal(zone_id=enterprise.zone_id, enterprise=enterprise, category=category, title=title.strip(),
                    content=content.strip(), channel=channel, spot_answer=(spot_answer or "").strip(),
                    reception=reception, coordination_item=coordination_item, taken_by=actor)
    appeal.full_clean()
    appeal.save()
    _log(appeal, "create", "", actor, appeal.get_channel_display())
    from .attachments import MAX_FILES, MSG_TOO_MANY, attachment_add, check_upload
    from .similarity import appeal_index

    attachments = list(attachments)
    if len(attachments) > MAX_FILES:
        raise ValidationError({"attachments": MSG_TOO_MANY.format(n=MAX_FILES)}, code="too_many")
    for upload in attachments:  # every file checked before anything is written
        check_upload(upload)
    _send(recipients.zone_leaders(appeal.zone_id), appeal, "新诉求待分派",
          f"{enterprise.name}提出诉求(来源:{appeal.get_channel_display()}),请分派主办部门。", f"appeal:{appeal.pk}:new")
    appeal_index(appeal)
    for upload in attachments:  # last: nothing after a stored file can fail the intake
        attachment_add(actor=actor, appeal=appeal, upload=upload)
    return appeal


# ---- routing ----------------------------------------------------------------------------------------

@records_actor
@transaction.atomic
def appeal_assign(*, actor, appeal: Appeal, lead_department, co_departments=(), deadline_kind: str = "",
                  deadline_workdays: int | None = None, deadline_date: dt.date | None = None,
                  note: str = "") -> Appeal:
    """Route the appeal to a lead department (主办) and co-departments (协办) with a committed deadline."""
    appeal = _locked(appeal)
    workflow.check(appeal, actor, "assign", note=note)
    if lead_department is None:
        raise ValidationError({"lead_department": MSG_LEAD_REQUIRED}, code="lead_required")
    co_departments = list(co_departments)
    if any(d.zone_id != appeal.zone_id for d in [lead_department, *co_departments]):
        raise ValidationError({"lead_department": MSG_DEPARTMENT_ZONE}, code="department_zone")
    if lead_department in co_departments:
        raise ValidationError({"co_departments": MSG_LEAD_NOT_CO}, code="lead_not_co")
    today = clock.today()
    zone_settings = appeal_settings_for(appeal.zone)
    if not deadline_kind:
        deadline = deadlines.in_workdays(today, zone_settings.default_workdays)
    else:
        deadline = deadlines.commit(deadline_kind, today=today, workdays_n=deadline_workdays, date=deadline_date)
    before = appeal.state
    AppealAssignment.objects.filter(appeal=appeal, current=True).update(current=False)
    respond_by = workdays.add_workdays(today, zone_settings.response_workdays, provisional=True)
    AppealAssignment.objects.create(appeal=appeal, department=lead_department, assigned_by=actor, assigned_on=today,
                                    deadline=deadline.date, respond_by=respond_by,
                                    respond_workdays=zone_settings.response_workdays,
                                    respond_provisional=workdays.is_provisional(today, respond_by))
    appeal.state = State.ASSIGNED
    appeal.lead_department = lead_department
    _set_deadline(appeal, deadline)
    appeal.version += 1
    appeal.save()
    appeal.co_departments.set(co_departments)
    co_names = "、".join(d.name for d in co_departments)
    _log(appeal, "assign", before, actor,
         f"主办:{lead_department.name}" + (f";协办:{co_names}" if co_names else "")
         + f";期限:{deadline.date:%Y-%m-%d}{'(' + deadline.note + ')' if deadline.note else ''}"
         + (f";{note.strip()}" if note.strip() else ""), department=lead_department)
    n = appeal.assignments.count()
    _send(recipients.lead_users(appeal), appeal, "新分派诉求(主办)",
          f"请于{deadline.date:%Y年%m月%d日}前办结;请先受理或退回。", f"appeal:{appeal.pk}:assign:{n}:lead")
    _send(recipients.department_users(*[d.pk for d in co_departments]), appeal, "新分派诉求(协办)",
          f"主办部门:{lead_department.name};请配合办理。", f"appeal:{appeal.pk}:assign:{n}:co")
    return appeal


@records_actor
@transaction.atomic
def appeal_act(*, actor, appeal: Appeal, action: str, note: str = "", together: bool = False) -> Appeal:
    """Take a named action: accept, return, progress, answer or close (assign and rate have their own
    services). With together=True an answer also answers the linked appeals (举一反三) this actor may answer."""
    if action in ("assign", "rate"):
        raise ValidationError(workflow.MSG_UNKNOWN.format(action=action), code="unknown_action")
    appeal = _locked(appeal)
    step = workflow.check(appeal, actor, action, note=note)
    today, before, note = clock.today(), appeal.state, (note or "").strip()
    assignment = _current_assignment(appeal)
    department = appeal.lead_department
    if action == "accept":
        if assignment and not assignment.response:
            assignment.responded_on, assignment.response = today, "accepted"
            assignment.save()
        _send(recipients.enterprise_users(appeal), appeal, "诉求已受理",
              f"主办部门:{department.name};承诺{appeal.deadline:%Y年%m月%d日}前办结。",
              f"appeal:{appeal.pk}:accept:{appeal.assignments.count()}")
    elif action == "return":
        if assignment:
            assignment.responded_on, assignment.response, assignment.current = today, "returned", False
            assignment.save()
        appeal.lead_department = None
        _set_deadline(appeal, None)
        appeal.co_departments.clear()  # the dispatcher routes it afresh, co-departments included
        _send(recipients.zone_leaders(appeal.zone_id), appeal, "诉求被退回,请重新分派",
              f"{department.name}退回:{note}", f"appeal:{appeal.pk}:return:{appeal.assignments.count()}")
    elif action == "progress":
        _send(recipients.enterprise_users(appeal), appeal, "诉求办理进展", note,
              f"appeal:{appeal.pk}:progress:{appeal.transitions.count()}")
    elif action == "answer":
        # The one clock: the default rating counts working days from this moment.
        appeal.answer, appeal.answered_at = note, clock.now()
        if assignment:
            assignment.answered_on, assignment.on_time = today, today <= assignment.deadline
            assignment.save()
        _send(recipients.enterprise_users(appeal), appeal, "诉求已答复,请评价", note,
              f"appeal:{appeal.pk}:answer:{appeal.reopen_count}")
    elif action == "close":
        appeal.closed_at = clock.now()
        _send(recipients.enterprise_users(appeal), appeal, "诉求不予办理", note, f"appeal:{appeal.pk}:close")
    if step.target:
        appeal.state = step.target
    appeal.version += 1
    appeal.save()
    _log(appeal, action, before, actor, note, department=department)
    if action == "answer" and together and appeal.group_id:
        for other in Appeal.objects.filter(group_id=appeal.group_id, state=State.HANDLING).exclude(pk=appeal.pk):
            if "answer" in dict(workflow.actions_for(other, actor)):
                appeal_act(actor=actor, appeal=other, action="answer", note=f"{note}\n(与关联诉求{appeal.number}一并答复)")
    return appeal


# ---- rating -----------------------------------------------------------------------------------------

def _reopen(appeal: Appeal, assignment: AppealAssignment | None, today: dt.date) -> None:
    """不满意: back to the same lead department with a new deadline; an answer given on the spot (no
    department yet) goes back to the dispatcher."""
    appeal.reopen_count += 1
    appeal.answer, appeal.answered_at = "", None
    if assignment is None:
        appeal.state = State.SUBMITTED
        return
    deadline = deadlines.in_workdays(today, appeal_settings_for(appeal.zone).reopen_workdays)
    assignment.deadline, assignment.answered_on, assignment.on_time = deadline.date, None, None
    assignment.save()
    appeal.state = State.HANDLING
    _set_deadline(appeal, deadline, "重新办理 " + deadline.note)


@records_actor
@transaction.atomic
def appeal_rate(*, actor, appeal: Appeal, level: int, comment: str = "") -> Appeal:
    """The enterprise rates the answer (好差评). 基本满意 or better closes the appeal; 不满意 or worse
    reopens it to the same lead department, history kept."""
    appeal = _locked(appeal)
    workflow.check(appeal, actor, "rate")
    try:
        level = Rating(int(level))
    except (TypeError, ValueError):
        raise ValidationError({"level": MSG_RATING}, code="rating") from None
    comment = (comment or "").strip()
    if level in REOPENING_RATINGS and not comment:
        raise ValidationError({"comment": MSG_COMMENT_REQUIRED}, code="comment_required")
    today, before = clock.today(), appeal.state
    assignment = _current_assignment(appeal)
    AppealRating.objects.create(appeal=appeal, assignment=assignment, level=level, comment=comment, rated_by=actor,
                                rated_on=today)
    appeal.rating, appeal.rating_auto = level, False
    if level in REOPENING_RATINGS:
        _reopen(appeal, assignment, today)
        action = "reopen"
        people = recipients.lead_users(appeal) if assignment else recipients.zone_leaders(appeal.zone_id)
        _send(people, appeal, f"企业评价{level.label},诉求重新办理", comment,
              f"appeal:{appeal.pk}:reopen:{appeal.reopen_count}")
    else:
        appeal.state, appeal.closed_at = State.CLOSED, clock.now()
        action = "rate"
    appeal.version += 1
    appeal.save()
    _log(appeal, action, before, actor, f"{level.label}" + (f":{comment}" if comment else ""),
         department=appeal.lead_department)
    return appeal


def appeals_auto_rate(today: dt.date) -> dict:
    """Answers left unrated for the zone's number of working days count as 满意, flagged 默认评价.
    Idempotent: an appeal so rated is closed, so a second run finds nothing."""
    from .choices import AUTO_RATING

    rated = 0
    settings_by_zone: dict = {}
    waiting = Appeal.objects.filter(state=State.ANSWERED, answered_at__isnull=False).order_by("pk")
    for appeal in waiting.iterator(chunk_size=500):
        s = settings_by_zone.get(appeal.zone_id) or settings_by_zone.setdefault(
            appeal.zone_id, appeal_settings_for(appeal.zone))
        answered = timezone.localdate(appeal.answered_at)
        if workdays.workdays_between(answered, today, provisional=True) < s.auto_rate_workdays:
            continue
        with transaction.atomic():
            locked = Appeal.objects.select_for_update().filter(pk=appeal.pk, state=State.ANSWERED).first()
            if locked is None:
                continue  # rated meanwhile
            AppealRating.objects.create(appeal=locked, assignment=_current_assignment(locked), level=AUTO_RATING,
                                        comment=f"答复后{s.auto_rate_workdays}个工作日未评价,默认{AUTO_RATING.label}",
                                        auto=True, rated_on=today)
            locked.rating, locked.rating_auto = AUTO_RATING, True
            locked.state, locked.closed_at = State.CLOSED, clock.now()
            locked.version += 1
            locked.save()
            _log(locked, "auto_rate", State.ANSWERED, None, f"默认评价:{AUTO_RATING.label}")
            rated += 1
    return {"auto_rated": rated}


def _redo(appeal: Appeal) -> tuple[dt.date, bool]:
    return deadlines.redo(date=appeal.deadline, kind=appeal.deadline_kind, start=appeal.deadline_from,
                          workdays_n=appeal.deadline_workdays)


def appeals_recompute_provisional() -> dict:
    """Deadlines committed while their year's schedule was unpublished (暂定), worked out again once
    it is entered, so an entered schedule moves the deadlines it affects (DESIGN: one calendar). A
    running appeal's count of working days moves with the current assignment, is logged and told to
    the handlers and the enterprise; a deadline whose ladder has begun keeps the date it missed
    (announced once, not again); a date or a month end, or an answered or closed appeal's deadline,
    only loses its 暂定. Assignments' response windows are redone the same way (the scores read
    them). Idempotent: a second run changes nothing."""
    from .models import AppealEscalation

    counts = {"appeals_moved": 0, "appeals_confirmed": 0, "appeal_responses_moved": 0}
    waiting = Appeal.objects.filter(deadline_provisional=True, deadline__isnull=False).order_by("pk").only(
        "deadline", "deadline_kind", "deadline_from", "deadline_workdays")
    for candidate in list(waiting):  # few: only deadlines that reach into an unpublished year
        if _redo(candidate) == (candidate.deadline, True):
            continue  # nothing new is known of its years: no lock taken
        with transaction.atomic():  # each appeal under its lock: an action at the same moment wins or waits
            appeal = Appeal.objects.select_for_update().filter(pk=candidate.pk, deadline_provisional=True).first()
            if appeal is None or appeal.deadline is None:
                continue
            date, provisional = _redo(appeal)
            if (appeal.state not in RUNNING_STATES
                    or AppealEscalation.objects.filter(appeal=appeal, deadline=appeal.deadline).exists()):
                date = appeal.deadline
                provisional = workdays.is_provisional(*[d for d in (appeal.deadline_from, date) if d])
            if (date, provisional) == (appeal.deadline, True):
                continue  # nothing new is known yet
            before = appeal.deadline
            appeal.deadline, appeal.deadline_provisional = date, provisional
            if date != before:
                appeal.version += 1  # a form opened on the old deadline must not save over the new one
            appeal.save(update_fields=["deadline", "deadline_provisional", "version", "updated_at"])
            if date == before:
                counts["appeals_confirmed"] += 1
                continue
            AppealAssignment.objects.filter(appeal=appeal, current=True).update(deadline=date)
            _log(appeal, "recalendar", appeal.state, None,
                 f"{before:%Y-%m-%d} → {date:%Y-%m-%d}({appeal.deadline_note})" + ("(仍暂定)" if provisional else ""),
                 department=appeal.lead_department)
            body = (f"承诺办结期限按新公布的放假安排由{before:%Y年%m月%d日}调整为{date:%Y年%m月%d日}"
                    f"({appeal.deadline_note})。")
            _send(recipients.handler_users(appeal) + recipients.enterprise_users(appeal), appeal,
                  "诉求办结期限调整", body, f"appeal:{appeal.pk}:recalendar:{date:%Y%m%d}")
            counts["appeals_moved"] += 1
    for assignment in list(AppealAssignment.objects.filter(respond_provisional=True).order_by("pk")):
        respond_by = workdays.add_workdays(assignment.assigned_on, assignment.respond_workdays or 0, provisional=True)
        provisional = workdays.is_provisional(assignment.assigned_on, respond_by)
        if not assignment.respond_workdays or (respond_by, provisional) == (assignment.respond_by, True):
            continue
        # A plain column update: nothing else of the assignment is read or written here.
        AppealAssignment.objects.filter(pk=assignment.pk).update(respond_by=respond_by, respond_provisional=provisional)
        counts["appeal_responses_moved"] += respond_by != assignment.respond_by
    return counts


# ---- supervision by hand ----------------------------------------------------------------------------

@records_actor
@transaction.atomic
def appeal_supervise(*, actor, appeal: Appeal, note: str, deadline: dt.date | None = None) -> AppealSupervision:
    """A zone leader supervises (督办) an appeal: the note is recorded, a new deadline replaces the
    committed one (a new commitment climbs a new ladder), and the handlers are told."""
    appeal = _locked(appeal)
    if workflow.DISPATCHER not in workflow.parties(appeal, actor):
        raise PermissionDenied(MSG_NOT_DISPATCHER)
    if appeal.state not in (State.ASSIGNED, State.HANDLING):
        raise ValidationError(MSG_NOT_RUNNING, code="not_running")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": MSG_SUPERVISE_NOTE}, code="note_required")
    today = clock.today()
    if deadline is not None:
        try:
            committed = deadlines.commit(DeadlineKind.DATE, today=today, date=deadline)
        except ValidationError as exc:  # the supervision's own field is "deadline"
            raise ValidationError({"deadline": exc.message_dict["deadline_date"]}, code="date_past") from None
        _set_deadline(appeal, committed, "督办期限")
        AppealAssignment.objects.filter(appeal=appeal, current=True).update(deadline=committed.date)
        appeal.version += 1
        appeal.save()
    supervision = AppealSupervision(appeal=appeal, actor=actor, note=note, deadline=deadline, date=today)
    supervision.full_clean()
    supervision.save()
    _log(appeal, "supervise", appeal.state, actor, note + (f";新期限:{deadline:%Y-%m-%d}" if deadline else ""),
         department=appeal.lead_department)
    body = f"{actor.display_name}于{today:%Y年%m月%d日}督办:{note}"
    if deadline:
        body += f"\n请于{deadline:%Y年%m月%d日}前办结。"
    _send(recipients.handler_users(appeal), appeal, "【领导督办】", body, f"appeal:{appeal.pk}:supervise:{supervision.pk}",
          kind=InboxMessage.Kind.MANUAL)
    return supervision
