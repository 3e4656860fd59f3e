"""The fixed vocabularies of appeals (categories are data: see AppealCategory)."""

from django.db import models


class Channel(models.TextChoices):
    RECEPTION = "reception", "企业接待日"
    PORTAL = "portal", "企业网上提交"
    PHONE = "phone", "电话"
    VISIT = "visit", "走访"
    PROJECT = "project", "项目周报协调事项"


class State(models.TextChoices):
    SUBMITTED = "submitted", "待分派"
    ASSIGNED = "assigned", "待受理"
    RETURNED = "returned", "已退回"
    HANDLING = "handling", "办理中"
    ANSWERED = "answered", "已答复待评价"
    CLOSED = "closed", "已办结"


OPEN_STATES = (State.SUBMITTED, State.ASSIGNED, State.RETURNED, State.HANDLING)
# States in which the committed deadline runs (a light and the escalation ladder apply).
RUNNING_STATES = (State.ASSIGNED, State.HANDLING)


class Rating(models.IntegerChoices):
    """好差评, five levels; 不满意 or worse reopens the appeal."""

    VERY_SATISFIED = 5, "非常满意"
    SATISFIED = 4, "满意"
    FAIRLY_SATISFIED = 3, "基本满意"
    DISSATISFIED = 2, "不满意"
    VERY_DISSATISFIED = 1, "非常不满意"


REOPENING_RATINGS = (Rating.DISSATISFIED, Rating.VERY_DISSATISFIED)
# An answer left unrated for the zone's number of working days counts as this, flagged 默认评价.
AUTO_RATING = Rating.SATISFIED


class DeadlineKind(models.TextChoices):
    WORKDAYS = "workdays", "工作日数"
    DATE = "date", "指定日期"
    MONTH_END = "month_end", "最迟本月底"


class ShiftRule(models.TextChoices):
    """What a reception day does when its day of the month is not a working day."""

    NEXT = "next", "顺延至下一个工作日"
    PREVIOUS = "previous", "提前至前一个工作日"
    KEEP = "keep", "照常举行"


class ReceptionStatus(models.TextChoices):
    PLANNED = "planned", "计划"
    HELD = "held", "已举行"
    CANCELLED = "cancelled", "取消"


# The default categories are created by migration 0002; the list is data afterwards.
