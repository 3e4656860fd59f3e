"""Economic indicators (经济运行): the catalogue, the values per zone/park/enterprise and period, and
each value's revisions.

A value belongs to one subject (the zone, a park or an enterprise, always with its zone for scoping)
and one period (a month, quarter, year or holiday of a year). `subject_key` ("z3", "p12", "e40")
makes the subject one column, so "one value per indicator, subject and period" is a plain unique
constraint on every database (NULL park or enterprise columns would not collide). A value is never
edited in place without a ValueRevision row saying who changed what, when and why.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from yuanqu.common.models import TrackedModel

from .choices import Aggregation, Level, PeriodKind, RevisionAction, Source, Unit, ValueState


class Indicator(TrackedModel):
    """One figure a zone reports (技工贸收入, 上缴税金 …), with how it is counted and written."""

    code = models.CharField("指标代码", max_length=20, unique=True,
                            error_messages={"unique": "已有相同代码的指标。"},
                            help_text="字母、数字或下划线,导入模板按代码或名称识别指标")
    name = models.CharField("指标名称", max_length=40, unique=True,
                            error_messages={"unique": "已有同名指标。"})
    unit = models.CharField("计量单位", max_length=12, choices=Unit.choices, default=Unit.WAN_YUAN,
                            help_text="金额一律以万元保存,通报中满1亿元时写作亿元")
    cumulative = models.BooleanField("累计值", default=True,
                                     help_text="勾选:每期填报自年初至本期末的累计数;不勾选:只填本期发生数")
    level = models.CharField("填报层级", max_length=12, choices=Level.choices, default=Level.ZONE)
    aggregation = models.CharField("向上汇总", max_length=8, choices=Aggregation.choices, default=Aggregation.SUM,
                                   help_text="逐级求和:上级未填报时由下级合计得出;不汇总:如企业家数、比率")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name="所属指标", help_text="“其中”项:如门票收入属于营业收入")
    lead = models.CharField("通报引导词", max_length=6, blank=True,
                            help_text="通报中写在指标名前的词,如“完成”“实现”“共”;可空")
    definition = models.TextField("指标口径", blank=True)
    is_key = models.BooleanField("重点指标", default=False, help_text="在领导驾驶舱中以指标卡展示")
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True, help_text="停用的指标不再接受新数据,历史数据保留")

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "经济指标"

    def __str__(self):
        return self.name

    @property
    def is_money(self) -> bool:
        return self.unit == Unit.WAN_YUAN


class IndicatorValue(TrackedModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values", verbose_name="指标")
    zone = models.ForeignKey("registry.Zone", on_delete=models.PROTECT, related_name="indicator_values",
                             verbose_name="园区")
    park = models.ForeignKey("registry.Park", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="indicator_values", verbose_name="产业园")
    enterprise = models.ForeignKey("registry.Enterprise", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="indicator_values", verbose_name="企业")
    level = models.CharField("层级", max_length=12, choices=Level.choices, editable=False)
    subject_key = models.CharField(max_length=20, editable=False)
    year = models.PositiveSmallIntegerField("年份")
    period_kind = models.CharField("期间类型", max_length=10, choices=PeriodKind.choices)
    period = models.PositiveSmallIntegerField("期间", help_text="月份1–12、季度1–4、年度0、节假日编号")
    value = models.DecimalField("数值", max_digits=20, decimal_places=4)
    reported_growth = models.DecimalField("填报同比增速(%)", max_digits=9, decimal_places=2, null=True, blank=True)
    state = models.CharField("状态", max_length=10, choices=ValueState.choices, default=ValueState.CONFIRMED)
    source = models.CharField("来源", max_length=10, choices=Source.choices, default=Source.FORM)
    note = models.CharField("说明", max_length=200, blank=True)
    return_reason = models.CharField("退回原因", max_length=200, blank=True)
    is_illustrative = models.BooleanField("示意数据", default=False)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="填报人")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name="审核人")
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)

    class Meta:
        ordering = ["-year", "period_kind", "-period", "indicator__sort_order", "id"]
        verbose_name = verbose_name_plural = "指标数据"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "subject_key", "year", "period_kind", "period"],
                name="indicators_value_one_per_subject_period",
                violation_error_message="该对象本期已有此指标的数据,请修订原数据。",
            ),
            models.CheckConstraint(
                condition=(Q(level="zone", park__isnull=True, enterprise__isnull=True)
                           | Q(level="park", park__isnull=False, enterprise__isnull=True)
                           | Q(level="enterprise", enterprise__isnull=False)),
                name="indicators_value_level_matches_subject",
            ),
        ]
        indexes = [
            # The list of a zone's values by period, and the cockpit's "every zone, one period".
            models.Index(fields=["zone", "level", "year", "period_kind", "period"], name="ind_value_zone_period"),
            models.Index(fields=["indicator", "level", "period_kind", "year", "period"], name="ind_value_ind_period"),
            models.Index(fields=["state", "zone"], name="ind_value_state_zone"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}"


class ValueRevision(models.Model):
    """One change of a value: entry, revision, an enterprise's submission, the clerk's check."""

    value = models.ForeignKey(IndicatorValue, on_delete=models.CASCADE, related_name="revisions",
                              verbose_name="指标数据")
    action = models.CharField("操作", max_length=10, choices=RevisionAction.choices)
    changed_at = models.DateTimeField("时间", auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="操作人")
    old_value = models.DecimalField("原数值", max_digits=20, decimal_places=4, null=True, blank=True)
    new_value = models.DecimalField("新数值", max_digits=20, decimal_places=4, null=True, blank=True)
    old_growth = models.DecimalField("原填报增速", max_digits=9, decimal_places=2, null=True, blank=True)
    new_growth = models.DecimalField("新填报增速", max_digits=9, decimal_places=2, null=True, blank=True)
    source = models.CharField("来源", max_length=10, choices=Source.choices, default=Source.FORM)
    reason = models.CharField("原因", max_length=200, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = verbose_name_plural = "指标数据修订记录"
