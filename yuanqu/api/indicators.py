"""Economic indicators (经济运行) over the API: the catalogue, the figures, one figure with its
year-on-year growth, and entering a figure (a statistics system pushing its monthly data, or an
enterprise reporting its own).

Reads go through yuanqu.indicators.selectors (the pages' scope), writes through
yuanqu.indicators.services.value_save (the pages' rules: a revision of a confirmed figure needs a
reason and keeps the old one in the history; an enterprise's figure waits for the clerk's check).
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from yuanqu.accounts.access import access_for
from yuanqu.indicators import numbers, selectors, services
from yuanqu.indicators.choices import Unit, ValueState
from yuanqu.indicators.growth import Book
from yuanqu.indicators.models import Indicator
from yuanqu.indicators.periods import Period

from .appeals import ERRORS, Pages

router = Router(tags=["经济指标"])

MSG_PERIOD = "期间无法识别,请写作2021-03、2021-Q1、2021或2021年五一。"
MSG_INDICATOR = "指标不存在(请填指标代码,如 JGM)。"
MSG_SUBJECT = "{what}不存在,或不在您可填报的范围内。"
MSG_ZONE_REQUIRED = "请填写园区(zone)。"
MSG_NUMBER = "须为数字。"
MSG_UNIT = "金额单位只能是万元或亿元。"
MSG_STATE = "状态不正确,可选:{choices}。"


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str = Field(description="单位代码:" + "、".join(f"{u.value}={u.label}" for u in Unit))
    unit_label: str
    cumulative: bool = Field(description="true: 自年初累计;false: 本期发生数")
    level: str = Field(description="填报层级:zone / park / enterprise")
    aggregation: str = Field(description="sum: 上级未填报时由下级合计;none: 不汇总")
    parent: str | None = Field(description="“其中”项所属指标的代码")

    @staticmethod
    def resolve_unit_label(obj) -> str:
        return obj.get_unit_display()

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class Ref(Schema):
    id: int
    name: str


class ValueItem(Schema):
    id: int
    indicator: str = Field(description="指标代码")
    indicator_name: str
    zone: int
    park: int | None
    enterprise: int | None
    level: str
    period: str = Field(description="期间:2021-03、2021-Q1、2021 或 2021-五一")
    value: Decimal = Field(description="数值,金额以万元计")
    text: str = Field(description="按统计通报习惯写出的数值,如 133.8亿元")
    reported_growth: Decimal | None = Field(description="填报的同比增速(%)")
    state: str = Field(description="confirmed 已核定 / pending 待审核 / returned 已退回")
    source: str
    illustrative: bool = Field(description="演示用示意数据")
    version: int

    @staticmethod
    def resolve_indicator(obj) -> str:
        return obj.indicator.code

    @staticmethod
    def resolve_indicator_name(obj) -> str:
        return obj.indicator.name

    @staticmethod
    def resolve_zone(obj) -> int:
        return obj.zone_id

    @staticmethod
    def resolve_park(obj) -> int | None:
        return obj.park_id

    @staticmethod
    def resolve_enterprise(obj) -> int | None:
        return obj.enterprise_id

    @staticmethod
    def resolve_period(obj) -> str:
        return Period.of(obj).key

    @staticmethod
    def resolve_text(obj) -> str:
        return numbers.amount(obj.value, obj.indicator.unit)

    @staticmethod
    def resolve_illustrative(obj) -> bool:
        return obj.is_illustrative


class GrowthOut(Schema):
    prior_value: Decimal | None = Field(description="上年同期数(已录入或由分期数、下级数得出)")
    implied_prior_value: Decimal | None = Field(description="仅有填报增速时推算的上年同期数")
    computed_growth: Decimal | None = Field(description="按上年同期数计算的同比增速(%)")
    reported_growth: Decimal | None
    growth: Decimal | None = Field(description="采用的增速:有填报增速时为填报值,否则为计算值")
    mismatch: bool = Field(description="填报增速与计算增速相差超过0.1个百分点")
    change_points: Decimal | None = Field(description="与上期增速相比的变化(百分点)")
    phrase: str = Field(description="如“同比增长20%”")


class ValueOut(ValueItem):
    note: str
    return_reason: str
    growth: GrowthOut | None = Field(description="同比情况;未核定的数据为空")

    @staticmethod
    def resolve_growth(obj) -> dict | None:
        return _growth(obj)


class ValueFilter(Schema):
    zone: int | None = Field(None, description="园区id")
    indicator: str | None = Field(None, description="指标代码")
    period: str | None = Field(None, description="期间,如 2021-Q1")
    level: str | None = Field(None, description="zone / park / enterprise")
    state: str | None = Field(None, description="confirmed / pending / returned")


class ValueIn(Schema):
    indicator: str = Field(description="指标代码,如 JGM")
    period: str = Field(description="期间:2021-03、2021-Q1、2021 或 2021年五一")
    value: str = Field(description="数值;金额默认以万元计")
    unit: str = Field("万元", description="金额单位:万元或亿元(非金额指标忽略)")
    zone: int | None = Field(None, description="园区id;企业用户可省略")
    park: int | None = Field(None, description="产业园id(填报到产业园时)")
    enterprise: int | None = Field(None, description="企业id(填报到企业时);企业用户可省略")
    reported_growth: str | None = Field(None, description="填报的同比增速(%),可空")
    note: str = Field("", max_length=200)
    reason: str = Field("", max_length=200, description="修订已核定数据时必填")


def _require_any(request, *perms) -> None:
    access = access_for(request.user)
    if not any(access.has(p) for p in perms):
        raise PermissionDenied(perms[0])


def _decimal(text, field: str) -> Decimal:
    try:
        return Decimal(str(text).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: MSG_NUMBER}) from None


@router.get("/", response={200: list[IndicatorOut], **ERRORS}, url_name="indicator_list", summary="指标目录",
            description="启用中的经济指标:代码、名称、单位、累计或当期、填报层级、汇总方式。")
def indicator_list(request):
    _require_any(request, selectors.VIEW, selectors.REPORT, selectors.ENTER, selectors.CATALOGUE)
    return list(selectors.indicator_list(active_only=True))


@router.get("/values/", response={200: list[ValueItem], **ERRORS}, url_name="indicator_value_list",
            summary="指标数据列表", description="当前用户可见的指标数据(与网页相同的范围),最新期间在前;可按园区、指标、期间、层级、状态筛选。")
@paginate(Pages)
def value_list(request, filters: Query[ValueFilter]):
    _require_any(request, selectors.VIEW, selectors.REPORT)
    qs = selectors.value_list(request.user)
    if filters.zone:
        qs = qs.filter(zone_id=filters.zone)
    if filters.indicator:
        qs = qs.filter(indicator__code=filters.indicator)
    if filters.period:
        try:
            p = Period.parse(filters.period)
        except ValueError as exc:
            raise ValidationError({"period": str(exc)}) from None
        qs = qs.filter(year=p.year, period_kind=p.kind, period=p.number)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.state:
        if filters.state not in ValueState.values:
            raise ValidationError({"state": MSG_STATE.format(choices="、".join(ValueState.values))})
        qs = qs.filter(state=filters.state)
    return qs.order_by("-year", "-period", "id")


def _growth(value) -> dict | None:
    if value.state != ValueState.CONFIRMED:
        return None
    period = Period.of(value)
    book = Book.load(indicators=[value.indicator], years=[period.year, period.year - 1, period.year - 2],
                     subjects=[(value.level, (value.enterprise_id or value.park_id or value.zone_id))])
    g = book.growth(value.indicator, value.subject_key, period)
    if g is None:
        return None
    return {"prior_value": g.prior.value if g.prior else None, "implied_prior_value": g.implied_prior,
            "computed_growth": g.computed.quantize(Decimal("0.01")) if g.computed is not None else None,
            "reported_growth": g.reported, "growth": g.rate.quantize(Decimal("0.01")) if g.rate is not None else None,
            "mismatch": g.mismatch,
            "change_points": g.change_pp.quantize(Decimal("0.01")) if g.change_pp is not None else None,
            "phrase": numbers.growth_phrase(g.rate, reported=g.is_reported)}


@router.get("/values/{int:value_id}", response={200: ValueOut, **ERRORS}, url_name="indicator_value_detail",
            summary="指标数据详情", description="一条指标数据及其同比:上年同期数(或推算的上年同期数)、计算与填报增速、是否不一致、增速变化。")
def value_detail(request, value_id: int):
    _require_any(request, selectors.VIEW, selectors.REPORT)
    return selectors.value_detail(request.user, value_id)


def _subject(request, payload: ValueIn):
    """The zone, park and enterprise the figure is for, each within the user's reach (else a 400)."""
    enterprises = selectors.enterprises_for(request.user, selectors.ENTER) | selectors.enterprises_for(
        request.user, selectors.REPORT)
    enterprise = park = None
    if payload.enterprise is None and payload.zone is None:
        own = access_for(request.user).scope(selectors.REPORT).enterprise_ids
        if len(own) != 1:
            raise ValidationError({"zone": MSG_ZONE_REQUIRED})
        payload.enterprise = next(iter(own))
    if payload.enterprise is not None:
        enterprise = enterprises.filter(pk=payload.enterprise).first()
        if enterprise is None:
            raise ValidationError({"enterprise": MSG_SUBJECT.format(what="企业")})
        zone = enterprise.zone
    else:
        zone = selectors.zones_for(request.user, selectors.ENTER).filter(pk=payload.zone).first()
        if zone is None:
            raise ValidationError({"zone": MSG_SUBJECT.format(what="园区")})
    if payload.park is not None:
        park = selectors.parks_for(request.user).filter(pk=payload.park, zone=zone).first()
        if park is None:
            raise ValidationError({"park": MSG_SUBJECT.format(what="产业园")})
    return zone, park, enterprise


@router.post("/values/", response={201: ValueOut, **ERRORS}, url_name="indicator_value_list",
             summary="录入或修订指标数据",
             description="统计员录入本园区的数据(已有同期数据时为修订,须填修订原因,原数据留在修订记录中);"
                         "企业用户报送本企业的数据,待统计员审核。内容有误返回400,不保存任何内容。")
def value_create(request, payload: ValueIn):
    _require_any(request, selectors.ENTER, selectors.REPORT)
    indicator = Indicator.objects.filter(code=payload.indicator).first()
    if indicator is None:
        raise ValidationError({"indicator": MSG_INDICATOR})
    try:
        period = Period.parse(payload.period)
    except ValueError as exc:
        raise ValidationError({"period": str(exc) or MSG_PERIOD}) from None
    value = _decimal(payload.value, "value")
    if indicator.unit == Unit.WAN_YUAN:
        if payload.unit not in ("万元", "亿元"):
            raise ValidationError({"unit": MSG_UNIT})
        if payload.unit == "亿元":
            value *= 10000
    growth = None if payload.reported_growth in (None, "") else _decimal(payload.reported_growth, "reported_growth")
    zone, park, enterprise = _subject(request, payload)
    saved = services.value_save(actor=request.user, indicator=indicator, zone=zone, park=park,
                                enterprise=enterprise, period=period, value=value, reported_growth=growth,
                                note=payload.note, reason=payload.reason)
    return Status(201, selectors.value_detail(request.user, saved.pk))

