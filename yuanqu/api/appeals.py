"""Enterprise appeals (企业诉求) over the API: list, read, file and rate.

Reads go through yuanqu.appeals.selectors (the pages' scope: out of scope is a 404), writes through
yuanqu.appeals.services (the pages' rules and Chinese messages: a refusal is a 403, bad input a 400).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from yuanqu.accounts.access import access_for
from yuanqu.appeals import selectors, services
from yuanqu.appeals.choices import Channel, State
from yuanqu.appeals.models import AppealCategory, ReceptionDay
from yuanqu.registry.models import Enterprise

router = Router(tags=["企业诉求"])

VIEW = "appeals.view"
MSG_ENTERPRISE_REQUIRED = "请选择企业。"
MSG_ENTERPRISE_INVALID = "企业不存在,或不在您可登记诉求的范围内。"
MSG_CATEGORY_INVALID = "诉求类别不存在。"
MSG_CHANNEL_REQUIRED = "请选择来源渠道(接待日 reception、电话 phone 或走访 visit)。"
MSG_CHANNEL_INVALID = "来源渠道不正确,可选:{choices}。"
MSG_RECEPTION_INVALID = "接待日不存在。"
MSG_STATE_INVALID = "状态不正确,可选:{choices}。"


# ---- schemas ----------------------------------------------------------------------------------------

class Ref(Schema):
    id: int
    name: str


class AppealItem(Schema):
    """An appeal as listed."""

    id: int
    number: str = Field(description="编号,如 SQ0000012")
    title: str
    zone: Ref
    enterprise: Ref
    category: Ref
    channel: str = Field(description="来源渠道:" + "、".join(f"{c.value}={c.label}" for c in Channel))
    channel_label: str
    state: str = Field(description="状态:" + "、".join(f"{s.value}={s.label}" for s in State))
    state_label: str
    lead_department: Ref | None
    deadline: dt.date | None = Field(description="承诺办结期限")
    deadline_note: str = Field(description="期限说明,如“10个工作日”“最迟本月底”“督办期限”")
    deadline_provisional: bool = Field(
        description="期限暂定:用到了尚未公布放假安排的年份;该年度录入后由定时任务重算,日期可能变动")
    rating: int | None = Field(description="评价:5非常满意 4满意 3基本满意 2不满意 1非常不满意")
    rating_auto: bool = Field(description="是否为逾期未评价的默认评价")
    created_at: dt.datetime

    @staticmethod
    def resolve_channel_label(obj) -> str:
        return obj.get_channel_display()

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()


class AppealOut(AppealItem):
    """One appeal with its content and answer."""

    content: str
    spot_answer: str
    answer: str
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    reopen_count: int


class AppealFilter(Schema):
    state: str | None = Field(None, description="状态,如 handling")
    category: int | None = Field(None, description="类别id")
    q: str | None = Field(None, description="按诉求事项或企业名称搜索")


class AppealIn(Schema):
    enterprise: int | None = Field(None, description="企业id;企业用户可省略(即本企业)")
    category: int = Field(description="类别id")
    title: str = Field(max_length=120)
    content: str = Field(max_length=4000)
    channel: str | None = Field(None, description="企业用户省略(即网上提交 portal);工作人员填 reception、phone 或 visit")
    reception: int | None = Field(None, description="接待日id,来源为 reception 时必填")
    spot_answer: str = Field("", max_length=2000, description="现场答复(工作人员登记时)")


class RateIn(Schema):
    level: int = Field(description="5非常满意 4满意 3基本满意 2不满意 1非常不满意")
    comment: str = Field("", max_length=500, description="评价为不满意或非常不满意时必填")


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


def _require_view(request) -> None:
    if not access_for(request.user).has(VIEW):
        raise PermissionDenied(VIEW)


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


# ---- operations -------------------------------------------------------------------------------------

class Pages(PageNumberPagination):
    """?page=2&page_size=50 (at most 100); the answer is {"items": […], "count": N}."""

    def __init__(self, **kwargs):
        super().__init__(page_size=30, max_page_size=100, **kwargs)


@router.get("/", response={200: list[AppealItem], **ERRORS}, url_name="appeal_list", summary="诉求列表",
            description="当前用户可见的诉求(与网页相同的范围),按提交先后倒序;可按状态、类别筛选,按诉求事项或企业名称搜索。")
@paginate(Pages)
def appeal_list(request, filters: Query[AppealFilter]):
    """The appeals the signed-in user sees (the same scope as the pages), newest first."""
    _require_view(request)
    f = filters.dict(exclude_none=True)
    if f.get("state") and f["state"] not in State.values:
        raise ValidationError({"state": MSG_STATE_INVALID.format(choices="、".join(State.values))})
    return selectors.appeal_list(request.user, f)


@router.get("/{int:appeal_id}", response={200: AppealOut, **ERRORS}, url_name="appeal_detail", summary="诉求详情",
            description="一件诉求的全部内容;不存在或不在您的可见范围内时返回404。")
def appeal_detail(request, appeal_id: int):
    """One appeal; 404 when it does not exist or is outside the user's scope."""
    _require_view(request)
    return selectors.appeal_detail(request.user, appeal_id)


def _enterprise(request, payload: AppealIn):
    access = access_for(request.user)
    own = access.scope("appeals.file").enterprise_ids
    intake = access.scope("appeals.intake")
    if payload.enterprise is None:
        if len(own) == 1 and intake.empty:
            return Enterprise.objects.get(pk=next(iter(own)))
        raise ValidationError({"enterprise": MSG_ENTERPRISE_REQUIRED})
    qs = Enterprise.objects.filter(pk=payload.enterprise)
    enterprise = qs.first()
    if enterprise is None or not (enterprise.pk in own or intake.everywhere or enterprise.zone_id in intake.zone_ids):
        raise ValidationError({"enterprise": MSG_ENTERPRISE_INVALID})
    return enterprise


@router.post("/", response={201: AppealOut, **ERRORS}, url_name="appeal_list", summary="提交诉求",
             description="企业用户为本企业网上提交(可省略企业和来源渠道);园区工作人员为本园区企业登记接待日、电话或走访收到的诉求。"
                         "成功返回201和新诉求;内容有误返回400,不保存任何内容。")
def appeal_create(request, payload: AppealIn):
    """An enterprise user files for its own enterprise (channel portal, the default); the zone's staff
    take one for an enterprise of their zone from a reception day, a phone call or a visit."""
    access = access_for(request.user)
    if not (access.has("appeals.file") or access.has("appeals.intake")):
        raise PermissionDenied("appeals.file")
    enterprise = _enterprise(request, payload)
    category = AppealCategory.objects.filter(pk=payload.category).first()
    if category is None:
        raise ValidationError({"category": MSG_CATEGORY_INVALID})
    channel = payload.channel
    if not channel:
        if enterprise.pk not in access.scope("appeals.file").enterprise_ids:
            raise ValidationError({"channel": MSG_CHANNEL_REQUIRED})
        channel = Channel.PORTAL
    if channel not in Channel.values:
        raise ValidationError({"channel": MSG_CHANNEL_INVALID.format(choices="、".join(Channel.values))})
    reception = None
    if payload.reception is not None:
        reception = ReceptionDay.objects.filter(pk=payload.reception).first()
        if reception is None:
            raise ValidationError({"reception": MSG_RECEPTION_INVALID})
    appeal = services.appeal_create(actor=request.user, enterprise=enterprise, category=category,
                                    title=payload.title, content=payload.content, channel=channel,
                                    spot_answer=payload.spot_answer, reception=reception)
    return Status(201, selectors.appeal_detail(request.user, appeal.pk))


@router.post("/{int:appeal_id}/rate", response={200: AppealOut, **ERRORS}, url_name="appeal_rate",
             summary="评价答复", description="企业对答复评价(好差评):基本满意及以上即办结;不满意或非常不满意须写明原因,诉求退回主办部门重新办理。")
def appeal_rate(request, appeal_id: int, payload: RateIn):
    """The enterprise rates the answer (好差评): 基本满意 or better closes the appeal; 不满意 or worse
    (a comment required) sends it back to the lead department."""
    _require_view(request)
    appeal = selectors.appeal_detail(request.user, appeal_id)
    services.appeal_rate(actor=request.user, appeal=appeal, level=payload.level, comment=payload.comment)
    return selectors.appeal_detail(request.user, appeal_id)
