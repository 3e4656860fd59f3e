"""The fixed vocabularies of economic indicators (the catalogue itself is data: see Indicator)."""

from django.db import models


class Unit(models.TextChoices):
    """The unit a value is kept in. Money is kept in 万元 and written as 万元 or 亿元 by size."""

    WAN_YUAN = "wan_yuan", "万元"
    WAN_RENCI = "wan_renci", "万人次"
    RENCI = "renci", "人次"
    JIA = "jia", "家"
    GE = "ge", "个"
    REN = "ren", "人"
    SQM = "sqm", "平方米"
    MU = "mu", "亩"
    TON = "ton", "吨"
    WAN_KWH = "wan_kwh", "万千瓦时"
    PERCENT = "percent", "%"


# Units counted in whole things: written without decimals.
WHOLE_UNITS = {Unit.JIA, Unit.GE, Unit.REN, Unit.RENCI}


class Level(models.TextChoices):
    """Who a value belongs to: the zone as a whole, one park, or one enterprise."""

    ZONE = "zone", "园区"
    PARK = "park", "产业园"
    ENTERPRISE = "enterprise", "企业"


LEVEL_RANK = {Level.ZONE: 0, Level.PARK: 1, Level.ENTERPRISE: 2}


class Aggregation(models.TextChoices):
    SUM = "sum", "逐级求和"
    NONE = "none", "不汇总"


class PeriodKind(models.TextChoices):
    MONTH = "month", "月度"
    QUARTER = "quarter", "季度"
    YEAR = "year", "年度"
    HOLIDAY = "holiday", "节假日"


# Holiday periods (the 五一 of 盘龙大观园's visitors), numbered in the year's order.
HOLIDAYS = {1: "元旦", 2: "春节", 3: "清明", 4: "五一", 5: "端午", 6: "中秋", 7: "国庆"}


class ValueState(models.TextChoices):
    """An enterprise's own figures wait for the zone's statistics clerk; staff entries count at once."""

    CONFIRMED = "confirmed", "已核定"
    PENDING = "pending", "待审核"
    RETURNED = "returned", "已退回"


class Source(models.TextChoices):
    FORM = "form", "手工录入"
    IMPORT = "import", "Excel导入"
    ENTERPRISE = "enterprise", "企业填报"
    DEMO = "demo", "演示数据"
    SYNTHETIC = "synthetic", "合成数据"


class RevisionAction(models.TextChoices):
    ENTER = "enter", "录入"
    REVISE = "revise", "修订"
    SUBMIT = "submit", "企业报送"
    CONFIRM = "confirm", "核定"
    RETURN = "return", "退回"


# A reported growth rate further than this from the one computed from the prior-year value is flagged.
CONSISTENCY_TOLERANCE_PP = "0.1"
