from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from yuanqu.common.models import TrackedModel

from .choices import Normalisation, PeriodKind, PeriodState, TermSource

WEIGHT = [MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))]


class Competition(TrackedModel):
    """A contest between zones ("迈好第一步 项目论英雄"), scored each period by a published formula."""

    name = models.CharField("竞赛名称", max_length=100, unique=True,
                            error_messages={"unique": "已有同名竞赛。"})
    organiser = models.CharField("主办单位", max_length=50, default="市园区办")
    period_kind = models.CharField("评比周期", max_length=10, choices=PeriodKind.choices, default=PeriodKind.QUARTER)
    description = models.TextField("竞赛说明", blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "项目竞赛"

    def __str__(self):
        return self.name


class Term(models.Model):
    """One weighted term of a competition's formula (0.4×开工项目数得分 …)."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="terms", verbose_name="竞赛")
    label = models.CharField("名称", max_length=30, help_text="如:开工项目数得分、综合评价分")
    source = models.CharField("数据来源", max_length=20, choices=TermSource.choices)
    weight = models.DecimalField("权重", max_digits=4, decimal_places=2, validators=WEIGHT,
                                 help_text="0.01—1,各项权重之和应为1")
    normalisation = models.CharField("折算方式", max_length=10, choices=Normalisation.choices,
                                     default=Normalisation.SHARE_OF_BEST)
    indicator = models.ForeignKey("indicators.Indicator", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name="经济指标",
                                  help_text="数据来源为“经济指标同比增速”时选择;增速可能为负,宜用“最高最低”折算")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["competition_id", "sort_order", "id"]
        verbose_name = verbose_name_plural = "评分项"
        constraints = [
            models.UniqueConstraint(fields=["competition", "label"], name="competitions_term_label_unique",
                                    violation_error_message="该竞赛已有同名评分项。"),
            models.CheckConstraint(condition=Q(weight__gt=0) & Q(weight__lte=1), name="competitions_term_weight_range",
                                   violation_error_message="权重须大于0且不超过1。"),
        ]

    def __str__(self):
        return self.label

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.source == TermSource.GROWTH and self.indicator_id is None:
            raise ValidationError({"indicator": "数据来源为经济指标同比增速时,须选择指标。"})
        if self.source != TermSource.GROWTH:
            self.indicator = None


class Period(models.Model):
    """One round of a competition (2021年一季度): its dates, state, and the formula it was scored by."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="periods", verbose_name="竞赛")
    label = models.CharField("期次", max_length=30)
    start = models.DateField("开始日期")
    end = models.DateField("结束日期")
    state = models.CharField("状态", max_length=10, choices=PeriodState.choices, default=PeriodState.DRAFT, editable=False)
    # The formula as computed: later edits of the terms do not rewrite a past ranking's formula.
    formula_text = models.CharField("计分公式", max_length=500, blank=True, editable=False)
    terms_snapshot = models.JSONField("计分项快照", default=list, blank=True, editable=False)
    computed_at = models.DateTimeField("计算时间", null=True, blank=True, editable=False)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["competition_id", "start"]
        verbose_name = verbose_name_plural = "竞赛期次"
        constraints = [
            models.UniqueConstraint(fields=["competition", "start"], name="competitions_one_period_per_start",
                                    violation_error_message="该竞赛已有这一期。"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="competitions_period_in_order",
                                   violation_error_message="结束日期不能早于开始日期。"),
        ]

    def __str__(self):
        return f"{self.competition} · {self.label}"


class ManualValue(models.Model):
    """A zone's value of a manual term in one period, entered by the city (综合评价分 …)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="manual_values", verbose_name="期次")
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="manual_values", verbose_name="评分项")
    zone = models.ForeignKey("registry.Zone", on_delete=models.PROTECT, related_name="+", verbose_name="园区")
    value = models.DecimalField("分值", max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    note = models.CharField("说明", max_length=100, blank=True)

    class Meta:
        ordering = ["period_id", "term_id", "zone_id"]
        verbose_name = verbose_name_plural = "人工评分"
        constraints = [
            models.UniqueConstraint(fields=["period", "term", "zone"], name="competitions_one_manual_value",
                                    violation_error_message="该园区本期已有这一项评分。"),
        ]


class Score(models.Model):
    """A zone's total and rank in one period, with each term's raw, normalised and weighted part."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="scores", verbose_name="期次")
    zone = models.ForeignKey("registry.Zone", on_delete=models.PROTECT, related_name="+", verbose_name="园区")
    total = models.DecimalField("综合得分", max_digits=7, decimal_places=2)
    rank = models.PositiveSmallIntegerField("名次")
    parts = models.JSONField("分项得分", default=list)

    class Meta:
        ordering = ["period_id", "rank", "zone__sort_order", "zone_id"]
        verbose_name = verbose_name_plural = "竞赛得分"
        constraints = [
            models.UniqueConstraint(fields=["period", "zone"], name="competitions_one_score_per_zone",
                                    violation_error_message="该园区本期已有得分。"),
        ]


class Award(models.Model):
    """A prize given to a zone for a period (综合性竞赛优秀奖 to 湘乡经开区, 2021年一季度)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="awards", verbose_name="期次")
    zone = models.ForeignKey("registry.Zone", on_delete=models.PROTECT, related_name="+", verbose_name="园区")
    name = models.CharField("奖项名称", max_length=50)
    note = models.CharField("说明", max_length=200, blank=True)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name="授予人")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        ordering = ["period_id", "id"]
        verbose_name = verbose_name_plural = "竞赛奖项"
        constraints = [
            models.UniqueConstraint(fields=["period", "zone", "name"], name="competitions_award_unique",
                                    violation_error_message="该园区本期已获得这个奖项。"),
        ]

    def __str__(self):
        return f"{self.name}({self.zone})"
