from django.db import models


class Stage(models.TextChoices):
    """The lifecycle of a project: 谋划 → 前期 → 签约 → 开工 → 主体施工 → 竣工 → 试投产 → 投产 → 达产."""

    PLANNING = "planning", "谋划"
    PRELIMINARY = "preliminary", "前期"
    SIGNED = "signed", "签约"
    STARTED = "started", "开工"
    MAIN_WORKS = "main_works", "主体施工"
    COMPLETED = "completed", "竣工"
    TRIAL = "trial", "试投产"
    PRODUCING = "producing", "投产"
    FULL = "full", "达产"


STAGE_ORDER = list(Stage)


class MilestoneKind(models.TextChoices):
    """Dated points of a project; 前期 has two of its own (规划设计, 土地报批)."""

    DESIGN = "design", "规划设计完成"
    LAND = "land", "土地报批完成"
    SIGNED = "signed", "签约"
    STARTED = "started", "开工"
    MAIN_WORKS = "main_works", "主体施工"
    COMPLETED = "completed", "竣工"
    TRIAL = "trial", "试投产"
    PRODUCING = "producing", "投产"
    FULL = "full", "达产"


MILESTONE_ORDER = list(MilestoneKind)
# The milestone reached by entering a stage.
STAGE_MILESTONE = {
    Stage.SIGNED: MilestoneKind.SIGNED,
    Stage.STARTED: MilestoneKind.STARTED,
    Stage.MAIN_WORKS: MilestoneKind.MAIN_WORKS,
    Stage.COMPLETED: MilestoneKind.COMPLETED,
    Stage.TRIAL: MilestoneKind.TRIAL,
    Stage.PRODUCING: MilestoneKind.PRODUCING,
    Stage.FULL: MilestoneKind.FULL,
}


class ProjectKind(models.TextChoices):
    INDUSTRIAL = "industrial", "产业项目"
    INFRASTRUCTURE = "infrastructure", "基础设施"
    SUPPORTING = "supporting", "园区配套"


class CapacityPeriod(models.TextChoices):
    YEAR = "year", "年产"
    MONTH = "month", "月产"
    DAY = "day", "每日"


class RollupMode(models.TextChoices):
    """How sub-works' progress adds up to the project's."""

    QUANTITY = "quantity", "按工程量占比"
    VALUE = "value", "按造价占比"
    EQUAL = "equal", "各分项等权"


class BatchKind(models.TextChoices):
    """四个一批: the yearly batches a zone announces."""

    PLANNED = "planned", "谋划一批"
    SIGNED = "signed", "签约一批"
    STARTED = "started", "开工一批"
    PRODUCING = "producing", "投产一批"
