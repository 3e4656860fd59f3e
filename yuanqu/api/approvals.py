"""Joint approvals (联合审批) over the API: the catalogue, the cases, one case with its items and plan,
and a named action on an item.

Reads go through yuanqu.approvals.selectors (the pages' scope: a case out of scope is a 404), the
action through yuanqu.approvals.services.item_act (the workflow's parties and Chinese messages: not a
party is a 403, an illegal transition, a missing note or a bad date a 400, with nothing saved).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from yuanqu.accounts.access import access_for
from yuanqu.approvals import clock, lights, planning, selectors, services, workflow
from yuanqu.approvals.choices import CaseKind, ItemCategory, ItemState
from yuanqu.approvals.models import ApprovalItem
from yuanqu.common import clock as today_clock
from yuanqu.registry.models import Zone

from .appeals import ERRORS, ErrorOut, Pages

router = Router(tags=["联合审批"])

MSG_KIND = "办件类型不正确,可选:{choices}。"
MSG_CATEGORY = "事项类别不正确,可选:{choices}。"
MSG_DATE = "办理日期格式不正确,请写作2021-05-14。"
MSG_CYCLE = "无法排出该办件的计划:{message}请系统管理员在审批事项目录中调整前置事项。"

LIGHT_DOC = "灯色:red 已逾期、yellow 临近期限、green 正常;未计时(未受理、补正中、已办结且无需核查)为空"


def _require_view(request) -> None:
    if not access_for(request.user).has(selectors.VIEW):
        raise PermissionDenied(selectors.VIEW)


def _judges(request) -> lights.Judges:
    """One set of zone thresholds per request, so a page of cases costs no query per row."""
    judges = getattr(request, "_approval_judges", None)
    if judges is None:
        judges = request._approval_judges = lights.Judges(Zone.objects.values_list("pk", flat=True))
    return judges


# ---- schemas ----------------------------------------------------------------------------------------

class Ref(Schema):
    id: int
    name: str


class CatalogueItemOut(Schema):
    id: int
    name: str
    category: str = Field(description="类别:" + "、".join(f"{c.value}={c.label}" for c in ItemCategory))
    department_name: str = Field(description="审批部门(职能),办件时再指定园区内的承办部门")
    statutory_days: int = Field(description="法定时限(工作日)")
    promised_days: int = Field(description="承诺时限(工作日),办件计时以此为准")
    limits_default: bool = Field(description="时限为系统预置的参考值,尚未按本地规定调整")
    materials: list[str] = Field(description="申报材料")
    prerequisites: list[str] = Field(description="前置事项名称")
    before_start: bool = Field(description="开工前须办结")
    commitment_allowed: bool = Field(description="可按告知承诺制办理")
    followup_days: int = Field(description="承诺核查期限(工作日)")
    is_active: bool

    @staticmethod
    def resolve_materials(obj) -> list[str]:
        return obj.material_list

    @staticmethod
    def resolve_prerequisites(obj) -> list[str]:
        return [p.name for p in obj.prerequisites.all()]


class CatalogueFilter(Schema):
    category: str | None = Field(None, description="engineering 工程建设项目 / event 活动报批")
    include_inactive: bool = Field(False, description="true: 连同已停用的事项")


class CaseBase(Schema):
    id: int
    number: str = Field(description="编号,如 SP0000012")
    title: str
    kind: str = Field(description="类型:" + "、".join(f"{c.value}={c.label}" for c in CaseKind))
    kind_label: str
    zone: Ref
    project: Ref | None
    enterprise: Ref | None
    agent: Ref | None = Field(description="代办员")
    opened_on: dt.date
    signed_on: dt.date | None
    target_start: dt.date | None
    land_handover_on: dt.date | None
    handover_start: bool = Field(description="交地即开工")
    started_on: dt.date | None = Field(description="实际开工(活动举办)日期")
    items_total: int
    items_done: int
    items_running: int = Field(description="计时中(已受理、审查中)")
    items_correcting: int
    items_waiting: int = Field(description="待启动、材料准备")
    items_refused: int
    next_due: dt.date | None = Field(description="计时中事项和承诺核查的最近期限")
    planned_start: dt.date | None = Field(description="计划最早开工日期")
    light: str | None = Field(description=LIGHT_DOC)


class CaseOut(CaseBase):
    """A case as listed (read from the model row; its light from the nearest deadline)."""

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_light(obj, context) -> str | None:
        light = lights.case_light(obj, _judges(context["request"]).judge(obj.zone_id))
        return light.light if light else None


class CaseFilter(Schema):
    zone: int | None = Field(None, description="园区id")
    kind: str | None = Field(None, description="project 建设项目 / event 活动")
    overdue: bool | None = Field(None, description="true: 只看有事项逾期(含承诺核查逾期)的办件")
    q: str | None = Field(None, max_length=60, description="按办件名称、项目或企业名称搜索")


class ActionRef(Schema):
    action: str
    label: str
    note_required: str = Field(description="须填写的说明(如“需补正的材料”);为空表示选填")


class CaseItemOut(Schema):
    id: int = Field(description="办件事项id(操作接口中的 item_id)")
    item: Ref = Field(description="目录中的审批事项")
    department: Ref | None = Field(description="承办部门;为空时由代办员对接")
    department_name: str = Field(description="审批部门(职能)")
    state: str = Field(description="状态:" + "、".join(f"{s.value}={s.label}" for s in ItemState))
    state_label: str
    statutory_days: int
    promised_days: int
    before_start: bool
    by_commitment: bool = Field(description="按告知承诺制办理")
    accepted_on: dt.date | None
    used_workdays: int = Field(description="计时已用工作日(补正期间不计)")
    remaining_workdays: int | None = Field(description="承诺时限剩余工作日(负数为逾期);未受理时为空")
    due_on: dt.date | None = Field(description="办结期限(计时中)")
    paused_on: dt.date | None = Field(description="补正开始日期(补正中)")
    pauses: int = Field(description="补正次数")
    correction_note: str = Field(description="需补正的材料")
    done_on: dt.date | None
    on_commitment: bool = Field(description="已按承诺制办结")
    followup_due: dt.date | None = Field(description="承诺核查期限")
    followup_done_on: dt.date | None
    document_no: str = Field(description="批文号")
    provisional: bool = Field(description="期限用到了尚未公布放假安排的年份,暂定")
    light: str | None = Field(description=LIGHT_DOC)
    materials: list[str] = Field(description="申报材料")
    prerequisites: list[str] = Field(description="本办件中的前置事项")
    prerequisites_open: list[str] = Field(description="其中尚未办结的")
    actions: list[ActionRef] = Field(description="当前用户现在可执行的操作")


class PlanItemOut(Schema):
    id: int
    name: str
    planned_start: dt.date
    planned_finish: dt.date
    forecast_finish: dt.date | None = Field(description="按当前进度预测的办结日期;已办结或不予许可为空")
    actual_finish: dt.date | None
    slack: int = Field(description="机动时间(工作日),0为关键路径上的事项")
    critical: bool


class PlanOut(Schema):
    base: dt.date = Field(description="计划起算日(签约日,无签约日时为办件启动日)")
    planned_start: dt.date | None = Field(description="按承诺时限和前置关系的计划最早开工日期")
    planned_workdays: int | None = Field(description="签约至计划开工的工作日数")
    forecast_start: dt.date | None = Field(description="按当前进度预测的开工日期")
    actual_start: dt.date | None
    actual_workdays: int | None = Field(description="签约至实际开工的工作日数")
    critical_path: list[str] = Field(description="通往开工的关键路径事项,按先后")
    slowest: list[str] = Field(description="计时用时最长的事项")
    items: list[PlanItemOut]


class CaseDetailOut(CaseBase):
    note: str
    items: list[CaseItemOut]
    plan: PlanOut


class ActionIn(Schema):
    action: str = Field(description="操作:" + "、".join(f"{k}={s.label}" for k, s in workflow.STEPS.items()))
    date: str | None = Field(None, description="办理日期 YYYY-MM-DD,默认今天;不能晚于今天")
    note: str = Field("", max_length=2000, description="说明;退回补正、不予许可、核查撤销时必填")
    document_no: str = Field("", description="批文号(办结时)")


# ---- building the answers ---------------------------------------------------------------------------

def _item_row(ci, request, judge, edges, by_catalogue, today) -> dict:
    wanted = [p for p in edges.get(ci.item_id, ()) if p in by_catalogue]
    light = lights.item_light(ci, judge)
    running = ci.accepted_on is not None and ci.state not in (ItemState.PENDING, ItemState.PREPARING)
    return {
        "id": ci.pk, "item": {"id": ci.item_id, "name": ci.item.name},
        "department": {"id": ci.department_id, "name": ci.department.name} if ci.department_id else None,
        "department_name": ci.item.department_name, "state": ci.state, "state_label": ci.get_state_display(),
        "statutory_days": ci.statutory_days, "promised_days": ci.promised_days, "before_start": ci.before_start,
        "by_commitment": ci.by_commitment, "accepted_on": ci.accepted_on, "used_workdays": clock.used(ci, today),
        "remaining_workdays": clock.remaining(ci, today) if running else None, "due_on": ci.due_on,
        "paused_on": ci.paused_on, "pauses": ci.pauses, "correction_note": ci.correction_note, "done_on": ci.done_on,
        "on_commitment": ci.on_commitment, "followup_due": ci.followup_due, "followup_done_on": ci.followup_done_on,
        "document_no": ci.document_no, "provisional": ci.provisional, "light": light.light if light else None,
        "materials": ci.item.material_list,
        "prerequisites": [by_catalogue[p].item.name for p in wanted],
        "prerequisites_open": [by_catalogue[p].item.name for p in wanted if by_catalogue[p].state != ItemState.DONE],
        "actions": [{"action": name, "label": step.label, "note_required": step.note}
                    for name, step in workflow.actions_for(ci, request.user)],
    }


def _plan(case, items, edges, today) -> dict:
    try:
        plan = planning.case_plan(case, items, edges, today)
    except planning.CycleError as exc:
        # A cycle can only come from the catalogue edited outside its service; say so, never a 500.
        raise HttpError(409, MSG_CYCLE.format(message=str(exc))) from None
    return {
        "base": plan.base, "planned_start": plan.planned_start, "planned_workdays": plan.planned_workdays,
        "forecast_start": plan.forecast_start, "actual_start": plan.actual_start,
        "actual_workdays": plan.actual_workdays, "critical_path": [ci.item.name for ci in plan.chain],
        "slowest": [ci.item.name for ci in plan.slowest],
        "items": [{"id": r.case_item.pk, "name": r.case_item.item.name, "planned_start": r.planned_start,
                   "planned_finish": r.planned_finish, "forecast_finish": r.forecast_finish,
                   "actual_finish": r.actual_finish, "slack": r.slack, "critical": r.critical} for r in plan.rows],
    }


def _detail(request, case_id: int, with_plan: bool = True) -> dict:
    case = selectors.case_detail(request.user, case_id)
    today = today_clock.today()
    items = list(case.items.all())
    edges = selectors.prerequisite_edges([ci.item_id for ci in items])
    by_catalogue = {ci.item_id: ci for ci in items}
    judge = _judges(request).judge(case.zone_id)
    plan = _plan(case, items, edges, today) if with_plan else None
    # Model fields are read off the case itself; nested rows (zone, project …) from its relations.
    out = {name: getattr(case, name) for name in CaseBase.model_fields if name not in ("kind_label", "light")}
    light = lights.case_light(case, judge)
    out.update(kind_label=case.get_kind_display(), light=light.light if light else None, note=case.note, plan=plan,
               items=[_item_row(ci, request, judge, edges, by_catalogue, today) for ci in items])
    return out


def _date(text: str | None) -> dt.date | None:
    if text in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError({"date": MSG_DATE}) from None


# ---- operations -------------------------------------------------------------------------------------

@router.get("/items/", response={200: list[CatalogueItemOut], **ERRORS}, url_name="approval_item_list",
            summary="审批事项目录", description="审批事项目录(默认只列启用的):审批部门、法定和承诺时限、前置事项、开工前须办结、可否承诺制。")
def item_list(request, filters: Query[CatalogueFilter]):
    access = access_for(request.user)
    if not (access.has(selectors.VIEW) or access.has(selectors.CATALOGUE)):
        raise PermissionDenied(selectors.VIEW)
    qs = ApprovalItem.objects.prefetch_related("prerequisites").order_by("sort_order", "id")
    if not filters.include_inactive:
        qs = qs.filter(is_active=True)
    if filters.category:
        if filters.category not in ItemCategory.values:
            raise ValidationError({"category": MSG_CATEGORY.format(choices="、".join(ItemCategory.values))})
        qs = qs.filter(category=filters.category)
    return list(qs)


@router.get("/cases/", response={200: list[CaseOut], **ERRORS}, url_name="approval_case_list", summary="审批办件列表",
            description="当前用户可见的办件(与网页相同的范围:园区人员本园区的,部门有事项转到本部门的,企业本企业的),"
                        "最新启动的在前;可按园区、类型、是否逾期筛选,按办件名称、项目或企业名称搜索。")
@paginate(Pages)
def case_list(request, filters: Query[CaseFilter]):
    _require_view(request)
    qs = selectors.case_list(request.user)
    if filters.zone:
        qs = qs.filter(zone_id=filters.zone)
    if filters.kind:
        if filters.kind not in CaseKind.values:
            raise ValidationError({"kind": MSG_KIND.format(choices="、".join(CaseKind.values))})
        qs = qs.filter(kind=filters.kind)
    if filters.overdue is not None:
        late = Q(next_due__lt=today_clock.today())
        qs = qs.filter(late) if filters.overdue else qs.exclude(late)
    q = (filters.q or "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(project__name__icontains=q) | Q(enterprise__name__icontains=q))
    return qs


@router.get("/cases/{int:case_id}", response={200: CaseDetailOut, 409: ErrorOut, **ERRORS},
            url_name="approval_case_detail", summary="审批办件详情",
            description="一件办件及其各事项(状态、承办部门、时限、计时已用和剩余工作日、期限、灯色、前置事项、当前用户可执行的操作)"
                        "和计划(计划最早开工、预测开工、实际开工、签约至开工工作日数、关键路径)。不在可见范围内返回404;"
                        "前置事项形成循环无法排出计划时返回409。")
def case_detail(request, case_id: int):
    _require_view(request)
    return _detail(request, case_id)


@router.post("/cases/{int:case_id}/items/{int:item_id}/actions", response={200: CaseItemOut, **ERRORS},
             url_name="approval_item_act", summary="办理审批事项",
             description="对办件事项执行一步操作(启动申报、受理、退回补正、办结……),item_id 为办件详情 items[].id。"
                         "非办理方返回403;办件不在可见范围内返回404;当前状态不能执行、缺少必填说明、日期晚于今天或格式不对返回400,"
                         "不保存任何内容。")
def item_act(request, case_id: int, item_id: int, payload: ActionIn):
    _require_view(request)
    case_item = selectors.case_item_for(request.user, case_id, item_id)
    on = _date(payload.date)
    services.item_act(actor=request.user, case_item=case_item, action=payload.action.strip(), on=on,
                      note=payload.note, document_no=payload.document_no)
    # The step is saved: answer with the item alone (a plan that cannot be drawn must not turn a
    # done step into an error the client would retry).
    detail = _detail(request, case_id, with_plan=False)
    return next(row for row in detail["items"] if row["id"] == item_id)
