"""Writes on projects. Each checks the actor's right over the project, validates, saves and writes
the audit row (django-auditlog) in the same transaction. The lifecycle moves only by named actions."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from yuanqu.audit.context import records_actor
from yuanqu.common import clock
from yuanqu.common.services import versioned_save

from .choices import STAGE_MILESTONE, MilestoneKind, Stage
from .models import Milestone, ProgressRecord, Project, ProjectBatch, StageTransition, SubWork
from .selectors import can_advance, can_change

MSG_NO_RIGHT = "您无权修改该项目。"
MSG_NO_ADVANCE = "只有园区领导或该项目的联点责任人可以推进项目阶段。"
MSG_ILLEGAL = "项目当前处于“{stage}”阶段,不能执行“{action}”。当前可执行:{allowed}。"
MSG_UNKNOWN_ACTION = "没有“{action}”这个操作。"
MSG_FUTURE = "发生日期不能晚于今天({today})。"
MSG_BEFORE_PREVIOUS = "发生日期不能早于上一个节点“{label}”的实际日期({date})。"
MSG_ACTUAL_BY_ADVANCE = "该节点的实际日期由阶段推进记录,请用“推进”按钮。"
MSG_ACTUAL_FUTURE = "实际日期不能晚于今天。"
MSG_PROGRESS_FUTURE = "进度记录的日期不能晚于今天。"


@dataclass(frozen=True)
class Action:
    label: str
    sources: frozenset
    target: Stage


# The lifecycle: each named action, the stages it may start from, and where it leads.
ACTIONS = {
    "start_preliminary": Action("转入前期", frozenset({Stage.PLANNING}), Stage.PRELIMINARY),
    "sign": Action("签约", frozenset({Stage.PLANNING, Stage.PRELIMINARY}), Stage.SIGNED),
    "start_construction": Action("开工", frozenset({Stage.SIGNED}), Stage.STARTED),
    "begin_main_works": Action("进入主体施工", frozenset({Stage.STARTED}), Stage.MAIN_WORKS),
    "complete": Action("竣工", frozenset({Stage.STARTED, Stage.MAIN_WORKS}), Stage.COMPLETED),
    "start_trial": Action("试投产", frozenset({Stage.COMPLETED}), Stage.TRIAL),
    "start_production": Action("投产", frozenset({Stage.COMPLETED, Stage.TRIAL}), Stage.PRODUCING),
    "reach_full": Action("达产", frozenset({Stage.PRODUCING}), Stage.FULL),
}


def actions_available(stage: str) -> list[tuple[str, str]]:
    return [(name, a.label) for name, a in ACTIONS.items() if stage in a.sources]


def _require_change(actor, project):
    if not can_change(actor, project):
        raise PermissionDenied(MSG_NO_RIGHT)


@records_actor
@transaction.atomic
def project_create(*, actor, data: dict) -> Project:
    project = Project(**data)
    _require_change(actor, project)
    project.full_clean()
    project.save()
    return project


@records_actor
@transaction.atomic
def project_update(*, actor, project: Project, version: int | None, data: dict) -> Project:
    # The right is over the project as stored (a bound form may already have changed it in memory),
    # and over the zone it is being moved to.
    stored_zone = Project.objects.filter(pk=project.pk).values_list("zone_id", flat=True).first()
    _require_change(actor, Project(zone_id=stored_zone))
    if "zone" in data:
        _require_change(actor, Project(zone=data["zone"]))
    return versioned_save(project, version=version, data=data)


@records_actor
@transaction.atomic
def project_advance(*, actor, project: Project, action: str, effective: dt.date, note: str = "") -> Project:
    """Move a project one step along its lifecycle by a named action, dated when it happened."""
    if action not in ACTIONS:
        raise ValidationError(MSG_UNKNOWN_ACTION.format(action=action), code="unknown_action")
    if not can_advance(actor, project):
        raise PermissionDenied(MSG_NO_ADVANCE)
    project = Project.objects.select_for_update().get(pk=project.pk)
    step = ACTIONS[action]
    if project.stage not in step.sources:
        allowed = "、".join(label for _, label in actions_available(project.stage)) or "无(已达产)"
        raise ValidationError(
            MSG_ILLEGAL.format(stage=Stage(project.stage).label, action=step.label, allowed=allowed), code="illegal"
        )
    today = clock.today()
    if effective > today:
        raise ValidationError(MSG_FUTURE.format(today=today), code="future")
    previous = (
        Milestone.objects.filter(project=project, actual__isnull=False).order_by("-actual").first()
    )
    if previous is not None and effective < previous.actual:
        raise ValidationError(
            MSG_BEFORE_PREVIOUS.format(label=previous.get_kind_display(), date=previous.actual), code="order"
        )
    StageTransition.objects.create(
        project=project, action=action, from_stage=project.stage, to_stage=step.target,
        effective=effective, actor=actor, note=note.strip(),
    )
    project.stage = step.target
    project.version += 1
    project.save(update_fields=["stage", "version", "updated_at"])
    kind = STAGE_MILESTONE.get(step.target)
    if kind is not None:
        milestone, _ = Milestone.objects.get_or_create(project=project, kind=kind)
        milestone.actual = effective
        milestone.save()
    return project


@records_actor
@transaction.atomic
def milestone_plan(*, actor, project: Project, kind: str, planned: dt.date | None, actual: dt.date | None = None, note: str = "") -> Milestone:
    """Set a milestone's planned date (and, for 前期's own steps, its actual date: the others are dated
    by the lifecycle's actions)."""
    _require_change(actor, project)
    if actual is not None:
        if kind not in (MilestoneKind.DESIGN, MilestoneKind.LAND):
            raise ValidationError(MSG_ACTUAL_BY_ADVANCE, code="actual_by_advance")
        if actual > clock.today():
            raise ValidationError(MSG_ACTUAL_FUTURE, code="future")
    milestone, _ = Milestone.objects.get_or_create(project=project, kind=kind)
    milestone.planned, milestone.note = planned, note.strip()
    if actual is not None:
        milestone.actual = actual
    milestone.full_clean()
    milestone.save()
    return milestone


@records_actor
@transaction.atomic
def subwork_save(*, actor, project: Project, data: dict, subwork: SubWork | None = None, version: int | None = None) -> SubWork:
    if not (can_change(actor, project) or can_advance(actor, project)):
        raise PermissionDenied(MSG_NO_RIGHT)
    if subwork is None:
        subwork = SubWork(project=project, **data)
        subwork.full_clean()
        subwork.save()
        return subwork
    return versioned_save(subwork, version=version, data=data)


@records_actor
@transaction.atomic
def progress_record(*, actor, project: Project, date: dt.date, percent, source: str = "") -> ProgressRecord:
    if not (can_change(actor, project) or can_advance(actor, project)):
        raise PermissionDenied(MSG_NO_RIGHT)
    if date > clock.today():
        raise ValidationError(MSG_PROGRESS_FUTURE, code="future")
    record = ProgressRecord.objects.filter(project=project, date=date).first() or ProgressRecord(project=project, date=date)
    record.percent, record.source = percent, source
    record.full_clean()
    record.save()
    return record


@records_actor
@transaction.atomic
def project_batches_set(*, actor, project: Project, batches: list[tuple[int, str]]) -> None:
    """Put the project in exactly these "四个一批" batches, as (year, kind) pairs."""
    _require_change(actor, project)
    wanted = set(batches)
    current = {(b.year, b.kind): b for b in project.batches.all()}
    for key, batch in current.items():
        if key not in wanted:
            batch.delete()
    for year, kind in wanted - set(current):
        ProjectBatch.objects.create(project=project, year=year, kind=kind)
