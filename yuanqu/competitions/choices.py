from django.db import models


class PeriodKind(models.TextChoices):
    """How long one round of a competition lasts."""

    QUARTER = "quarter", "季度"
    MONTH = "month", "月度"
    YEAR = "year", "年度"


class TermSource(models.TextChoices):
    """Where a formula term's raw value per zone comes from."""

    SIGNED = "signed", "签约项目数"
    STARTED = "started", "开工项目数"
    PRODUCING = "producing", "投产项目数"
    INVESTMENT = "investment", "完成投资(万元)"
    GROWTH = "growth", "经济指标同比增速(%)"
    MANUAL = "manual", "人工评分"


# Counted terms: the milestone whose actual date must fall in the period.
MILESTONE_OF_SOURCE = {TermSource.SIGNED: "signed", TermSource.STARTED: "started", TermSource.PRODUCING: "producing"}


class Normalisation(models.TextChoices):
    """How a raw value becomes a 0–100 score before weighting."""

    SHARE_OF_BEST = "best", "占最高园区的比例×100"
    MIN_MAX = "minmax", "(值−最低)÷(最高−最低)×100"
    RAW = "raw", "原值(已是百分制)"


class PeriodState(models.TextChoices):
    DRAFT = "draft", "未计算"
    COMPUTED = "computed", "已计算"
    PUBLISHED = "published", "已发布"
