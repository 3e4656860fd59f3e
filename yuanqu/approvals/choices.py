from django.db import models


class ItemState(models.TextChoices):
    """One approval item of a case: 待启动 → 材料准备 → 已受理 → 审查中 (⇄ 补正中) → 已办结 / 不予许可."""

    PENDING = "pending", "待启动"
    PREPARING = "preparing", "材料准备"
    ACCEPTED = "accepted", "已受理"
    REVIEWING = "reviewing", "审查中"
    CORRECTING = "correcting", "补正中"
    DONE = "done", "已办结"
    REFUSED = "refused", "不予许可"


# The clock runs (counts working days against the promised limit) in these states only.
RUNNING_STATES = (ItemState.ACCEPTED, ItemState.REVIEWING)
# Waiting on the enterprise's side (the agent acts): nothing at a department yet, or returned for 补正.
AGENT_STATES = (ItemState.PENDING, ItemState.PREPARING, ItemState.CORRECTING)
# Waiting on the department: to accept what was submitted, or to decide.
DEPARTMENT_STATES = (ItemState.PREPARING, ItemState.ACCEPTED, ItemState.REVIEWING)
OPEN_STATES = (ItemState.PENDING, ItemState.PREPARING, ItemState.ACCEPTED, ItemState.REVIEWING, ItemState.CORRECTING)


class ItemCategory(models.TextChoices):
    ENGINEERING = "engineering", "工程建设项目"
    EVENT = "event", "活动报批"


class CaseKind(models.TextChoices):
    PROJECT = "project", "建设项目"
    EVENT = "event", "活动"


class ServiceKind(models.TextChoices):
    """三个提前: what the zone does for a new enterprise before it needs it."""

    RECRUITMENT = "recruitment", "提前招聘培训员工"
    OFFICE_HOUSING = "office_housing", "提前提供办公住宿"
    THREE_SIMULTANEOUS = "three_simultaneous", "提前开展环保安全“三同时”指导"


class TaskState(models.TextChoices):
    TODO = "todo", "未开始"
    DOING = "doing", "进行中"
    DONE = "done", "已完成"
