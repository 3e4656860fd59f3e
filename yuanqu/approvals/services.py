"""Writes on approvals: the catalogue, opening and editing a case, the items' named actions, and the
三个提前 checklist.

Every item action locks the item's row, checks the step (workflow.py), moves the clock (clock.py),
saves, writes an ItemTransition, refreshes the case's summary and sends its inbox messages, all in
one transaction. Change-log rows name the actor.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from yuanqu.accounts.access import access_for
from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.accounts.roles import Role
from yuanqu.audit.context import records_actor
from yuanqu.common import clock as today_clock
from yuanqu.inbox.services import inbox_send

from . import clock, planning, selectors, workflow
from .choices import CaseKind, ItemState, ServiceKind, TaskState
from .models import ApprovalCase, ApprovalItem, CaseItem, ItemTransition, ServiceTask

MSG_NO_CATALOGUE_RIGHT = "只有系统管理员可以维护审批事项目录。"
MSG_NO_OPEN_RIGHT = "您无权在该园区新建审批办件。"
MSG_NO_CHANGE_RIGHT = "只有园区领导或该办件的代办员可以修改办件。"
MSG_PROMISED = "承诺时限不能超过法定时限。"
MSG_SELF_PREREQUISITE = "审批事项不能以自己为前置事项。"
MSG_STALE = "该记录已被他人修改,请刷新页面后重试。"
MSG_TITLE = "请填写办件名称。"
MSG_PROJECT_REQUIRED = "建设项目办件须选择项目。"
MSG_PROJECT_ZONE = "所选项目不属于该园区。"
MSG_PROJECT_TAKEN = "该项目已有审批办件,请在原办件中增加事项。"
MSG_PROJECT_ENTERPRISE = "建设项目办件的申请企业就是项目的业主企业({name}),请在项目中修改业主企业。"
MSG_EVENT_START_BEFORE = "举办日期不能早于启动日期。"
MSG_EVENT_START_FUTURE = "举办日期不能晚于今天;计划举办日期请填在“目标开工日期”。"
MSG_OPENED_AFTER_STEPS = "启动日期不能晚于已登记的第一步办理日期({date})。"
MSG_ENTERPRISE_ZONE = "所选企业不属于该园区。"
MSG_EVENT_ENTERPRISE = "活动办件须选择申请企业。"
MSG_NO_ITEMS = "请至少选择一个审批事项。"
MSG_ITEM_INACTIVE = "“{name}”已停用,不能用于新办件。"
MSG_ITEM_TAKEN = "该办件已有“{name}”。"
MSG_AGENT = "代办员须是该园区的代办员或园区领导。"
MSG_DEPARTMENT_ZONE = "承办部门须是本园区的部门。"
MSG_COMMITMENT_NOT_ALLOWED = "“{name}”不在承诺制事项之列。"
MSG_DATE_FUTURE = "办理日期不能晚于今天。"
MSG_DATE_BEFORE = "办理日期不能早于{what}({date})。"
MSG_HANDOVER_BEFORE = "交地日期不能早于签约日期。"
MSG_START_BEFORE = "开工(举办)日期不能早于签约日期。"
MSG_HANDOVER_START = "选择“交地即开工”时请填写交地日期。"
MSG_ITEM_DECIDED = "“{name}”已办结或不予许可,不能再改承办部门。"
MSG_ITEM_ACCEPTED = "“{name}”已受理,按受理时的承诺时限计时,不能再改。"
MSG_ITEM_DECIDED_PLAN = "“{name}”已办结或不予许可,不能再改是否按承诺制办理。"
MSG_PROMISED_RANGE = "承诺时限须在1到法定时限({days}个工作日)之间。"
MSG_REMOVE_STARTED = "“{name}”已开始办理,不能移除。"
MSG_TASK_TITLE = "请填写服务事项。"
MSG_TASK_OWNER = "请填写责任单位或责任人。"
MSG_TASK_DONE_DATE = "状态为已完成时请填写完成日期。"
MSG_DOCUMENT_NO = "批文号不能超过60个字。"

# The 三个提前 checklist a new project case starts with (the page's wording).
DEFAULT_TASKS = [
    (ServiceKind.RECRUITMENT, "提前为企业招聘员工并进行培训"),
    (ServiceKind.OFFICE_HOUSING, "提前为企业中高层管理人员提供办公、住宿等服务"),
    (ServiceKind.THREE_SIMULTANEOUS, "提前为企业环保、安全生产“三同时”开展技术指导和现场服务"),
]


def _url(case) -> str:
    return reverse("approvals:case_detail", args=[case.pk])


def _users(**filters) -> list:
    ids = RoleAssignment.objects.filter(**filters).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def _check_version(obj, version) -> None:
    if version is not None and int(version) != obj.version:
        raise ValidationError(MSG_STALE, code="stale")


# ---- catalogue ------------------------------------------------------------------------------------

@records_actor
@transaction.atomic
def approval_item_save(*, actor, item: ApprovalItem | None = None, data: dict, prerequisites=(),
                       version: int | None = None) -> ApprovalItem:
    """Create or change a catalogue entry; prerequisites that would close a cycle are refused, naming it."""
    if not access_for(actor).has(selectors.CATALOGUE):
        raise PermissionDenied(MSG_NO_CATALOGUE_RIGHT)
    creating = item is None
    if creating:
        item = ApprovalItem()
    else:
        item = ApprovalItem.objects.select_for_update().get(pk=item.pk)
        _check_version(item, version)
    limits = (item.statutory_days, item.promised_days)
    for name, value in data.items():
        setattr(item, name, value)
    if item.promised_days is not None and item.statutory_days is not None and item.promised_days > item.statutory_days:
        raise ValidationError({"promised_days": MSG_PROMISED}, code="promised")
    prerequisites = list(prerequisites)
    if not creating and any(p.pk == item.pk for p in prerequisites):
        raise ValidationError({"prerequisites": MSG_SELF_PREREQUISITE}, code="self_prerequisite")
    if not creating and limits != (item.statutory_days, item.promised_days):
        item.limits_default = False
    if not creating:
        item.version += 1
    item.full_clean(exclude=["prerequisites"])
    item.save()
    if prerequisites or not creating:
        graph = selectors.prerequisite_edges()
        names = dict(ApprovalItem.objects.values_list("pk", "name"))
        try:
            planning.check_prerequisites(item, prerequisites, graph, names)
        except planning.CycleError as e:
            raise ValidationError({"prerequisites": str(e)}, code="cycle") from e
        item.prerequisites.set(prerequisites)
    return item


# ---- cases ----------------------------------------------------------------------------------------

def _may_open(actor, zone_id) -> bool:
    scope = access_for(actor).scope(selectors.OPEN)
    return scope.everywhere or zone_id in scope.zone_ids


def _check_agent(agent, zone_id) -> None:
    if agent is None:
        return
    ok = RoleAssignment.objects.filter(user=agent, role__in=[Role.AGENT, Role.LEADER], zone_id=zone_id).exists()
    if not ok or not agent.is_active:
        raise ValidationError({"agent": MSG_AGENT}, code="agent")


def _check_dates(case) -> None:
    if case.kind == CaseKind.EVENT and case.started_on:
        if case.started_on < case.opened_on:
            raise ValidationError({"started_on": MSG_EVENT_START_BEFORE}, code="start_before")
        if case.started_on > today_clock.today():
            raise ValidationError({"started_on": MSG_EVENT_START_FUTURE}, code="start_future")
    if case.pk:
        first = ItemTransition.objects.filter(case_item__case=case).order_by("date").values_list("date", flat=True).first()
        if first and case.opened_on > first:
            raise ValidationError({"opened_on": MSG_OPENED_AFTER_STEPS.format(date=f"{first:%Y-%m-%d}")},
                                  code="opened_after_steps")
    if case.land_handover_on and case.signed_on and case.land_handover_on < case.signed_on:
        raise ValidationError({"land_handover_on": MSG_HANDOVER_BEFORE}, code="handover_before")
    if case.started_on and case.signed_on and case.started_on < case.signed_on:
        raise ValidationError({"started_on": MSG_START_BEFORE}, code="start_before")
    if case.handover_start and not case.land_handover_on:
        raise ValidationError({"land_handover_on": MSG_HANDOVER_START}, code="handover_start")


def _project_dates(project) -> tuple[dt.date | None, dt.date | None]:
    """The project's actual signing and start dates (its milestones)."""
    from yuanqu.projects.models import Milestone

    dates = dict(Milestone.objects.filter(project=project, kind__in=["signed", "started"], actual__isnull=False)
                 .values_list("kind", "actual"))
    return dates.get("signed"), dates.get("started")


def _add_items(case, items, departments: dict, commitments: set) -> list[CaseItem]:
    taken = set(case.items.values_list("item_id", flat=True)) if case.pk else set()
    rows = []
    for item in items:
        if not item.is_active:
            raise ValidationError({"items": MSG_ITEM_INACTIVE.format(name=item.name)}, code="inactive")
        if item.pk in taken:
            raise ValidationError({"items": MSG_ITEM_TAKEN.format(name=item.name)}, code="item_taken")
        department = departments.get(item.pk)
        if department is not None and department.zone_id != case.zone_id:
            raise ValidationError({"items": MSG_DEPARTMENT_ZONE}, code="department_zone")
        if item.pk in commitments and not item.commitment_allowed:
            raise ValidationError({"items": MSG_COMMITMENT_NOT_ALLOWED.format(name=item.name)}, code="commitment")
        taken.add(item.pk)  # the same item picked twice is refused like one already in the case
        rows.append(CaseItem(case=case, item=item, department=department, statutory_days=item.statutory_days,
                             promised_days=item.promised_days, before_start=item.before_start,
                             followup_days=item.followup_days,
                             by_commitment=item.pk in commitments, sort_order=item.sort_order))
    return CaseItem.objects.bulk_create(rows)


@records_actor
@transaction.atomic
def case_open(*, actor, zone, title: str, kind: str = CaseKind.PROJECT, project=None, enterprise=None,
              agent=None, opened_on: dt.date | None = None, target_start: dt.date | None = None,
              land_handover_on: dt.date | None = None, handover_start: bool = False, started_on=None,
              items=(), departments: dict | None = None, commitments=(), note: str = "") -> ApprovalCase:
    """Open a project's (or an event's) case with the chosen catalogue items; a project case starts
    with the 三个提前 checklist. The agent defaults to the acting agency officer."""
    if not _may_open(actor, zone.pk):
        raise PermissionDenied(MSG_NO_OPEN_RIGHT)
    if not (title or "").strip():
        raise ValidationError({"title": MSG_TITLE}, code="title")
    items = list(items)
    if not items:
        raise ValidationError({"items": MSG_NO_ITEMS}, code="no_items")
    signed = started = None
    if kind == CaseKind.PROJECT:
        if project is None:
            raise ValidationError({"project": MSG_PROJECT_REQUIRED}, code="project_required")
        if project.zone_id != zone.pk:
            raise ValidationError({"project": MSG_PROJECT_ZONE}, code="project_zone")
        if ApprovalCase.objects.filter(project=project).exists():
            raise ValidationError({"project": MSG_PROJECT_TAKEN}, code="project_taken")
        # The enterprise follows the case (and hears of it) as the project's owner, nothing else.
        if enterprise is not None and enterprise.pk != project.enterprise_id:
            raise ValidationError({"enterprise": MSG_PROJECT_ENTERPRISE.format(
                name=project.enterprise.name if project.enterprise_id else "未填写")}, code="project_enterprise")
        enterprise = project.enterprise
        signed, started = _project_dates(project)
    else:
        project = None
        started = started_on
        if enterprise is None:
            raise ValidationError({"enterprise": MSG_EVENT_ENTERPRISE}, code="event_enterprise")
    if enterprise is not None and enterprise.zone_id != zone.pk:
        raise ValidationError({"enterprise": MSG_ENTERPRISE_ZONE}, code="enterprise_zone")
    if agent is None and access_for(actor).scope(selectors.AGENT).zone_ids & {zone.pk}:
        agent = actor
    _check_agent(agent, zone.pk)
    case = ApprovalCase(zone=zone, kind=kind, project=project, enterprise=enterprise, title=title.strip(),
                        agent=agent, opened_on=opened_on or signed or today_clock.today(), signed_on=signed,
                        started_on=started, target_start=target_start, land_handover_on=land_handover_on,
                        handover_start=handover_start, note=(note or "").strip())
    _check_dates(case)
    case.full_clean()
    case.save()
    _add_items(case, items, departments or {}, set(commitments))
    if kind == CaseKind.PROJECT:
        ServiceTask.objects.bulk_create([ServiceTask(case=case, kind=k, title=t, owner="代办员")
                                         for k, t in DEFAULT_TASKS])
    case_refresh(case)
    if agent is not None and agent != actor:
        inbox_send(recipients=[agent], title=f"新的代办任务:{case.title}"[:200],
                   body=f"您被指定为“{case.title}”的代办员,请启动各审批事项的申报。", url=_url(case))
    return case


@records_actor
@transaction.atomic
def case_update(*, actor, case: ApprovalCase, data: dict, version: int | None = None) -> ApprovalCase:
    """Change a case's agent, dates and note (the leader, or its own agent)."""
    case = ApprovalCase.objects.select_for_update().get(pk=case.pk)
    if not selectors.may_change_case(actor, case):
        raise PermissionDenied(MSG_NO_CHANGE_RIGHT)
    _check_version(case, version)
    old_agent = case.agent_id
    allowed = {"title", "agent", "target_start", "land_handover_on", "handover_start", "note"}
    if case.kind == CaseKind.EVENT:
        allowed |= {"started_on", "opened_on"}
    for name, value in data.items():
        if name in allowed:
            setattr(case, name, value.strip() if isinstance(value, str) else value)
    if not case.title:
        raise ValidationError({"title": MSG_TITLE}, code="title")
    if case.agent_id != old_agent:
        _check_agent(case.agent, case.zone_id)
    _check_dates(case)
    case.version += 1
    case.full_clean()
    case.save()
    case_refresh(case)
    if case.agent_id and case.agent_id != old_agent and case.agent_id != actor.pk:
        inbox_send(recipients=[case.agent], title=f"新的代办任务:{case.title}"[:200],
                   body=f"您被指定为“{case.title}”的代办员。", url=_url(case))
    return case


@records_actor
@transaction.atomic
def case_items_add(*, actor, case: ApprovalCase, items, departments: dict | None = None,
                   commitments=()) -> list[CaseItem]:
    case = ApprovalCase.objects.select_for_update().get(pk=case.pk)
    if not selectors.may_change_case(actor, case):
        raise PermissionDenied(MSG_NO_CHANGE_RIGHT)
    items = list(items)
    if not items:
        raise ValidationError({"items": MSG_NO_ITEMS}, code="no_items")
    rows = _add_items(case, items, departments or {}, set(commitments))
    case_refresh(case)
    return rows


@records_actor
@transaction.atomic
def case_item_update(*, actor, case_item: CaseItem, department=None, by_commitment: bool = False,
                     promised_days: int | None = None) -> CaseItem:
    """Route an item to a department of the zone, plan it on commitment (until it is decided), and
    before it is accepted set this case's promised limit (the green channel's shorter promise, never
    above the statutory one).

    A decided item (granted or refused) keeps its department, except a commitment grant whose
    follow-up check is still open: the check may go to another department."""
    case_item = CaseItem.objects.select_for_update(of=("self",)).select_related("case", "item").get(pk=case_item.pk)
    if not selectors.may_change_case(actor, case_item.case):
        raise PermissionDenied(MSG_NO_CHANGE_RIGHT)
    if department is not None and department.zone_id != case_item.case.zone_id:
        raise ValidationError({"department": MSG_DEPARTMENT_ZONE}, code="department_zone")
    if by_commitment and not case_item.item.commitment_allowed:
        raise ValidationError({"by_commitment": MSG_COMMITMENT_NOT_ALLOWED.format(name=case_item.item.name)},
                              code="commitment")
    promised_days = case_item.promised_days if promised_days is None else promised_days
    decided = case_item.state in (ItemState.DONE, ItemState.REFUSED)
    if department != case_item.department and decided and not case_item.followup_open:
        raise ValidationError({"department": MSG_ITEM_DECIDED.format(name=case_item.item.name)}, code="decided")
    if by_commitment != case_item.by_commitment and decided:
        raise ValidationError({"by_commitment": MSG_ITEM_DECIDED_PLAN.format(name=case_item.item.name)},
                              code="decided")
    # The clock runs on the promise the item was accepted with.
    if promised_days != case_item.promised_days and case_item.accepted_on is not None:
        raise ValidationError({"promised_days": MSG_ITEM_ACCEPTED.format(name=case_item.item.name)}, code="accepted")
    if not 1 <= promised_days <= case_item.statutory_days:
        raise ValidationError({"promised_days": MSG_PROMISED_RANGE.format(days=case_item.statutory_days)},
                              code="promised")
    old_department = case_item.department_id
    case_item.department = department
    case_item.by_commitment = by_commitment
    case_item.promised_days = promised_days
    case_item.save(update_fields=["department", "by_commitment", "promised_days"])
    case_refresh(case_item.case)
    if department is not None and department.pk != old_department and (case_item.state in (
            ItemState.PREPARING, ItemState.ACCEPTED, ItemState.REVIEWING) or case_item.followup_open):
        inbox_send(recipients=_users(role=Role.DEPT, department_id=department.pk),
                   title=f"审批事项转至本部门:{case_item.item.name}"[:200],
                   body=f"“{case_item.case.title}”的“{case_item.item.name}”由本部门承办。", url=_url(case_item.case))
    return case_item


@records_actor
@transaction.atomic
def case_item_remove(*, actor, case_item: CaseItem) -> None:
    """Drop an item picked by mistake: only while nothing has been done on it."""
    case_item = CaseItem.objects.select_for_update(of=("self",)).select_related("case", "item").get(pk=case_item.pk)
    if not selectors.may_change_case(actor, case_item.case):
        raise PermissionDenied(MSG_NO_CHANGE_RIGHT)
    if case_item.state != ItemState.PENDING or case_item.transitions.exists():
        raise ValidationError(MSG_REMOVE_STARTED.format(name=case_item.item.name), code="started")
    case = case_item.case
    case_item.delete()
    case_refresh(case)


def case_refresh(case: ApprovalCase) -> None:
    """Recompute the case's summary of its items (counts, nearest deadline, planned start)."""
    items = list(CaseItem.objects.filter(case=case).select_related("item"))
    counts = {s: 0 for s in ItemState.values}
    for ci in items:
        counts[ci.state] += 1
    dues = [ci.due_on for ci in items if ci.due_on and ci.state in (ItemState.ACCEPTED, ItemState.REVIEWING)]
    dues += [ci.followup_due for ci in items if ci.followup_open and ci.followup_due]
    try:
        plan = planning.case_plan(case, items, selectors.prerequisite_edges([ci.item_id for ci in items]),
                                  today_clock.today())
        planned_start = plan.planned_start
    except planning.CycleError:
        planned_start = None
    summary = dict(
        items_total=len(items), items_done=counts[ItemState.DONE],
        items_running=counts[ItemState.ACCEPTED] + counts[ItemState.REVIEWING],
        items_correcting=counts[ItemState.CORRECTING],
        items_waiting=counts[ItemState.PENDING] + counts[ItemState.PREPARING],
        items_refused=counts[ItemState.REFUSED], next_due=min(dues) if dues else None, planned_start=planned_start)
    ApprovalCase.objects.filter(pk=case.pk).update(**summary)
    for name, value in summary.items():  # the caller's copy (what the services return) reads it too
        setattr(case, name, value)


def case_sync_project(project_id: int) -> None:
    """A project's signing or start date changed: its case's copies follow (and its plan)."""
    case = ApprovalCase.objects.filter(project_id=project_id).first()
    if case is None:
        return
    signed, started = _project_dates(case.project)
    ApprovalCase.objects.filter(pk=case.pk).update(signed_on=signed, started_on=started)
    case.signed_on, case.started_on = signed, started
    case_refresh(case)


# ---- item actions ---------------------------------------------------------------------------------

def _check_date(case_item, on: dt.date) -> None:
    if on > today_clock.today():
        raise ValidationError({"date": MSG_DATE_FUTURE}, code="date_future")
    case = case_item.case
    if on < case.opened_on:
        raise ValidationError({"date": MSG_DATE_BEFORE.format(what="办件启动日期", date=f"{case.opened_on:%Y-%m-%d}")},
                              code="date_before")
    last = case_item.transitions.order_by("-date", "-id").values_list("date", flat=True).first()
    if last and on < last:
        raise ValidationError({"date": MSG_DATE_BEFORE.format(what="该事项上一步的日期", date=f"{last:%Y-%m-%d}")},
                              code="date_before")


def _notify(case_item, action: str, actor, note: str) -> None:
    case = case_item.case
    name = case_item.item.name
    agent = [case.agent] if case.agent_id and case.agent_id != actor.pk and selectors.agent_holds(case) else []
    department = _users(role=Role.DEPT, department_id=case_item.department_id) if case_item.department_id else []
    enterprise = _users(role=Role.ENTERPRISE, enterprise_id=case.enterprise_id) if case.enterprise_id else []
    head = f"“{case.title}”的“{name}”"
    if action == "prepare":
        people, title, body = department, f"待受理审批事项:{name}", head + "已启动申报,请做好受理准备。"
    elif action == "correct":
        people, title, body = agent + enterprise, f"请补正材料:{name}", head + f"需补正:{note}。补正期间不计审批时限。"
    elif action == "resubmit":
        people, title, body = department, f"补正材料已提交:{name}", head + "补正材料已提交,审批时限恢复计算。"
    elif action in ("grant", "commit"):
        people, title, body = agent + enterprise, f"审批事项已办结:{name}", head + (
            "已按告知承诺制先行办结,请按承诺在核查期限内完成整改核查。" if action == "commit" else "已办结。")
    elif action in ("refuse", "revoke"):
        people, title, body = agent + enterprise, f"审批事项不予许可:{name}", head + f"不予许可。理由:{note}"
    elif action == "accept":
        people, title, body = agent, f"审批事项已受理:{name}", head + f"已受理,承诺{case_item.promised_days}个工作日内办结。"
    else:
        return
    inbox_send(recipients=[p for p in people if p.pk != actor.pk], title=title[:200], body=body, url=_url(case))


@records_actor
@transaction.atomic
def item_act(*, actor, case_item: CaseItem, action: str, on: dt.date | None = None, note: str = "",
             document_no: str = "") -> CaseItem:
    """Take a named step on a case item, on the day it happened (today by default)."""
    case_item = (CaseItem.objects.select_for_update(of=("self",))
                 .select_related("case", "case__agent", "item").get(pk=case_item.pk))
    on = on or today_clock.today()
    note = (note or "").strip()
    document_no = (document_no or "").strip()
    if len(document_no) > 60:
        raise ValidationError({"document_no": MSG_DOCUMENT_NO}, code="document_no")
    waits_for = selectors.prerequisite_items(case_item) if action in ("accept", "commit") else []
    prerequisites = [ci.item.name for ci in waits_for if ci.state != ItemState.DONE]
    step = workflow.check(case_item, actor, action, note=note, prerequisites_open=prerequisites)
    _check_date(case_item, on)
    for ci in waits_for:  # accepted no earlier than the day its prerequisites were granted
        if ci.done_on and on < ci.done_on:
            raise ValidationError({"date": MSG_DATE_BEFORE.format(what=f"前置事项“{ci.item.name}”的办结日期",
                                                                  date=f"{ci.done_on:%Y-%m-%d}")},
                                  code="date_before")
    before = case_item.state
    if action == "accept":
        clock.start(case_item, on)
    elif action == "correct":
        clock.pause(case_item, on)
        case_item.correction_note = note
    elif action == "resubmit":
        clock.resume(case_item, on)
    elif action in ("grant", "refuse"):
        clock.stop(case_item, on)
        case_item.done_on = on if action == "grant" else None
        if document_no:
            case_item.document_no = document_no
    elif action == "commit":
        if case_item.running_since is not None:
            clock.stop(case_item, on)
        case_item.done_on = on
        case_item.on_commitment = True
        clock.followup(case_item, on, case_item.followup_days)
        if document_no:
            case_item.document_no = document_no
    elif action == "verify":
        case_item.followup_done_on = on
    elif action == "revoke":
        case_item.followup_done_on = on
        case_item.done_on = None
    elif action == "reapply":
        case_item.accepted_on = None
        case_item.used_workdays = 0
        case_item.running_since = case_item.due_on = case_item.paused_on = None
        case_item.on_commitment = False
        case_item.followup_due = case_item.followup_done_on = None
        case_item.correction_note = ""
        # A new application: the refusal's document number and the old run's 补正 count are not its own.
        case_item.document_no = ""
        case_item.paused_workdays = case_item.pauses = 0
    if step.target is not None:
        case_item.state = step.target
    case_item.save()
    ItemTransition.objects.create(case_item=case_item, action=action, from_state=before, to_state=case_item.state,
                                  date=on, actor=actor, note=note)
    case_refresh(case_item.case)
    _notify(case_item, action, actor, note)
    return case_item


# ---- 三个提前 ----------------------------------------------------------------------------------------

@records_actor
@transaction.atomic
def service_task_save(*, actor, case: ApprovalCase, task: ServiceTask | None = None, data: dict,
                      version: int | None = None) -> ServiceTask:
    if not selectors.may_change_case(actor, case):
        raise PermissionDenied(MSG_NO_CHANGE_RIGHT)
    if task is None:
        task = ServiceTask(case=case)
    else:
        task = ServiceTask.objects.select_for_update().get(pk=task.pk, case=case)
        _check_version(task, version)
        task.version += 1
    for name, value in data.items():
        setattr(task, name, value.strip() if isinstance(value, str) else value)
    if not task.title:
        raise ValidationError({"title": MSG_TASK_TITLE}, code="task_title")
    if not task.owner:
        raise ValidationError({"owner": MSG_TASK_OWNER}, code="task_owner")
    if task.state == TaskState.DONE and task.done_on is None:
        raise ValidationError({"done_on": MSG_TASK_DONE_DATE}, code="task_done_date")
    if task.done_on and task.done_on > today_clock.today():
        raise ValidationError({"done_on": MSG_DATE_FUTURE}, code="date_future")
    task.full_clean()
    task.save()
    return task


@records_actor
@transaction.atomic
def service_task_delete(*, actor, task: ServiceTask) -> None:
    if not selectors.may_change_case(actor, task.case):
        raise PermissionDenied(MSG_NO_CHANGE_RIGHT)
    task.delete()



def approvals_recompute_provisional() -> dict:
    """Items whose deadlines were computed provisionally (a year with no official schedule yet): redo
    those whose years are now entered, so an entered schedule moves the deadlines it affects
    (DESIGN: one calendar). Idempotent: a second run changes nothing."""
    changed, cases = 0, set()
    for pk in CaseItem.objects.filter(provisional=True).exclude(state=ItemState.REFUSED).values_list("pk", flat=True):
        with transaction.atomic():  # each item under its lock: an action at the same moment wins or waits
            ci = CaseItem.objects.select_for_update(of=("self",)).select_related("item").get(pk=pk)
            if ci.provisional and clock.recompute(ci):
                ci.save(update_fields=["due_on", "followup_due", "provisional"])
                changed += 1
                cases.add(ci.case_id)
    for case in ApprovalCase.objects.filter(pk__in=cases):
        case_refresh(case)
    return {"recomputed": changed}
