from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from yuanqu.common.models import TrackedModel

from .choices import BatchKind, CapacityPeriod, MilestoneKind, ProjectKind, RollupMode, Stage

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class Project(TrackedModel):
    """A construction project the zone pushes, from 谋划 to 达产, with the people answerable for it."""

    zone = models.ForeignKey("registry.Zone", on_delete=models.PROTECT, related_name="projects", verbose_name="所属园区")
    park = models.ForeignKey(
        "registry.Park", null=True, blank=True, on_delete=models.PROTECT, related_name="projects", verbose_name="所在产业园"
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise", null=True, blank=True, on_delete=models.PROTECT, related_name="projects",
        verbose_name="业主企业",
    )
    name = models.CharField("项目名称", max_length=120)
    kind = models.CharField("项目类型", max_length=20, choices=ProjectKind.choices, default=ProjectKind.INDUSTRIAL)
    stage = models.CharField("所处阶段", max_length=20, choices=Stage.choices, default=Stage.PLANNING, editable=False)
    description = models.TextField("建设内容", blank=True)

    total_investment = models.DecimalField("总投资(万元)", max_digits=14, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE)
    annual_planned_investment = models.DecimalField(
        "年度计划投资(万元)", max_digits=14, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE
    )
    completed_investment = models.DecimalField(
        "累计完成投资(万元)", max_digits=14, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE,
        help_text="投资完成额,与形象进度分开统计;未填报时留空",
    )

    capacity_quantity = models.DecimalField("设计产能", max_digits=14, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE)
    capacity_unit = models.CharField("产能单位", max_length=20, blank=True, help_text="如:万片、片、吨")
    capacity_period = models.CharField("产能口径", max_length=10, choices=CapacityPeriod.choices, blank=True)
    capacity_product = models.CharField("产品", max_length=50, blank=True, help_text="如:液晶显示屏、中尺寸光学玻璃")
    floor_area = models.DecimalField("建筑面积(平方米)", max_digits=12, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE)
    storeys = models.PositiveSmallIntegerField("层数", null=True, blank=True)

    is_key = models.BooleanField("重点项目", default=False)
    green_channel = models.BooleanField("绿色通道", default=False)

    leader = models.ForeignKey(
        "registry.Official", null=True, blank=True, on_delete=models.PROTECT, related_name="led_projects",
        verbose_name="联点领导",
    )
    department = models.ForeignKey(
        "registry.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="projects",
        verbose_name="责任部门",
    )
    liaison = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="liaison_projects",
        verbose_name="责任人", help_text="填报周报、推进节点的联点责任人",
    )

    rollup_mode = models.CharField("进度汇总方式", max_length=10, choices=RollupMode.choices, default=RollupMode.QUANTITY)
    progress_override = models.DecimalField(
        "人工认定总进度(%)", max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT,
        help_text="如填写,以此为准并注明理由;不填则按分项汇总",
    )
    progress_override_reason = models.CharField("认定理由", max_length=200, blank=True)
    window_start = models.DateField("封闭施工开始", null=True, blank=True)
    window_end = models.DateField("工期截止", null=True, blank=True, help_text="封闭期或合同工期的最后一天")

    class Meta:
        ordering = ["zone_id", "id"]
        verbose_name = verbose_name_plural = "项目"
        indexes = [
            models.Index(fields=["zone", "stage"]),
            models.Index(fields=["liaison"]),
            # The kanban's columns across every zone: a stage's key projects first, then by id.
            models.Index(fields=["stage", "-is_key", "id"], name="projects_stage_board_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_override__isnull=True) | ~Q(progress_override_reason=""),
                name="projects_override_needs_reason",
                violation_error_message="人工认定总进度时须注明理由。",
            ),
            models.CheckConstraint(
                condition=Q(window_start__isnull=True) | Q(window_end__isnull=True) | Q(window_end__gte=models.F("window_start")),
                name="projects_window_in_order",
                violation_error_message="工期截止日不能早于开始日。",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def capacity_text(self) -> str:
        """As a bulletin says it: 年产2400万片液晶显示屏, 每日2000片中尺寸光学玻璃."""
        if self.capacity_quantity is None:
            return ""
        qty = f"{self.capacity_quantity.normalize():f}"
        return f"{self.get_capacity_period_display()}{qty}{self.capacity_unit}{self.capacity_product}"


class Milestone(models.Model):
    """A dated point of a project: planned, and actual once reached."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones", verbose_name="项目")
    kind = models.CharField("节点", max_length=20, choices=MilestoneKind.choices)
    planned = models.DateField("计划日期", null=True, blank=True)
    actual = models.DateField("实际日期", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        ordering = ["project_id", "id"]
        verbose_name = verbose_name_plural = "项目节点"
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="projects_one_milestone_per_kind",
                                    violation_error_message="该项目已有这个节点。"),
        ]

    def __str__(self):
        return f"{self.project} · {self.get_kind_display()}"


class StageTransition(models.Model):
    """One step of a project's lifecycle: which named action, by whom, when, from and to which stage."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions", verbose_name="项目")
    action = models.CharField("操作", max_length=30)
    from_stage = models.CharField("原阶段", max_length=20, choices=Stage.choices)
    to_stage = models.CharField("新阶段", max_length=20, choices=Stage.choices)
    effective = models.DateField("发生日期")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="操作人", help_text="空表示系统导入的历史记录",
    )
    note = models.CharField("说明", max_length=300, blank=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        ordering = ["project_id", "id"]
        verbose_name = verbose_name_plural = "阶段变更"

    @property
    def action_label(self) -> str:
        """The action as the page names it (签约, 开工 …), not the code's name stored in `action`."""
        from .services import ACTIONS  # the lifecycle is defined beside the service that runs it

        step = ACTIONS.get(self.action)
        return step.label if step else self.action


class SubWork(TrackedModel):
    """A measurable part of a project's works (吊架搭设 30 of 51 spans …) whose progress rolls up to the whole."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="subworks", verbose_name="项目")
    name = models.CharField("分项名称", max_length=80)
    unit = models.CharField("单位", max_length=20, help_text="如:跨、樑架、平方米、%")
    total_quantity = models.DecimalField(
        "设计工程量", max_digits=14, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE,
        help_text="未知时留空:该分项不计入汇总",
    )
    done_quantity = models.DecimalField("已完成量", max_digits=14, decimal_places=2, default=0, validators=NON_NEGATIVE)
    value = models.DecimalField("造价(万元)", max_digits=14, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE)
    note = models.CharField("说明", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["project_id", "sort_order", "id"]
        verbose_name = verbose_name_plural = "分项工程"
        constraints = [
            models.CheckConstraint(
                condition=Q(total_quantity__isnull=True) | Q(done_quantity__lte=models.F("total_quantity")),
                name="projects_subwork_done_within_total",
                violation_error_message="已完成量不能超过设计工程量。",
            ),
        ]

    def __str__(self):
        return self.name


class ProjectBatch(models.Model):
    """A project's place in a year's "四个一批" (谋划/签约/开工/投产一批)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="batches", verbose_name="项目")
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("批次", max_length=20, choices=BatchKind.choices)

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = verbose_name_plural = "四个一批"
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "kind"], name="projects_batch_unique",
                                    violation_error_message="该项目已在这一批。"),
        ]

    def __str__(self):
        return f"{self.year}年{self.get_kind_display()}"


class ProgressRecord(models.Model):
    """The project's overall progress as known on a day (from a weekly report or an edit), for the trend."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress_records", verbose_name="项目")
    date = models.DateField("日期")
    percent = models.DecimalField("总进度(%)", max_digits=5, decimal_places=2, validators=PERCENT)
    source = models.CharField("来源", max_length=50, blank=True)

    class Meta:
        ordering = ["project_id", "date"]
        verbose_name = verbose_name_plural = "进度记录"
        constraints = [
            models.UniqueConstraint(fields=["project", "date"], name="projects_one_progress_per_day",
                                    violation_error_message="该项目当天已有进度记录。"),
        ]


# -- weekly reports and coordination items (周安排: the liaison's report, and what it asks others to do) --

from yuanqu.common import clock  # noqa: E402


class WeeklyReport(models.Model):
    """A project's weekly report by its liaison: work done and planned, problems, investment and progress."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="weekly_reports", verbose_name="项目")
    week = models.DateField("周次", help_text="该周的周一")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="填报人", help_text="空表示系统导入的历史记录",
    )
    done_this_week = models.TextField("本周完成")
    planned_next_week = models.TextField("下周计划")
    problems = models.TextField("存在问题", blank=True)
    coordination_needed = models.TextField("需协调事项", blank=True, help_text="逐项登记的协调事项见下方")
    investment_in_period = models.DecimalField(
        "本期完成投资(万元)", max_digits=14, decimal_places=2, default=0, validators=NON_NEGATIVE)
    progress_percent = models.DecimalField(
        "总进度(%)", max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT)
    submitted_on = models.DateField("填报日期", default=clock.today)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        ordering = ["project_id", "-week"]
        verbose_name = verbose_name_plural = "周报"
        indexes = [models.Index(fields=["project", "-week"])]
        constraints = [
            models.UniqueConstraint(fields=["project", "week"], name="projects_one_report_per_week",
                                    violation_error_message="该项目这一周已有周报。"),
            models.CheckConstraint(condition=Q(investment_in_period__gte=0), name="projects_report_investment_non_negative",
                                   violation_error_message="本期完成投资不能为负数。"),
            models.CheckConstraint(
                condition=Q(progress_percent__isnull=True) | Q(progress_percent__gte=0, progress_percent__lte=100),
                name="projects_report_progress_percent", violation_error_message="总进度须在0到100之间。"),
        ]

    def __str__(self):
        return f"{self.project} · {self.week_label}"

    @property
    def week_label(self) -> str:
        from .reporting import week_label

        return week_label(self.week)


class CoordinationItem(TrackedModel):
    """A matter a project needs another department to settle (协调事项), routed and tracked to closure."""

    from yuanqu.common.routing import RouteState as State

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="coordination_items", verbose_name="项目")
    zone = models.ForeignKey("registry.Zone", on_delete=models.PROTECT, related_name="+", verbose_name="所属园区",
                             editable=False)
    report = models.ForeignKey(WeeklyReport, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="coordination_items", verbose_name="提出的周报")
    title = models.CharField("事项", max_length=120)
    description = models.TextField("具体情况", blank=True)
    owner_department = models.ForeignKey(
        "registry.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="coordination_items",
        verbose_name="承办部门", help_text="未指派时由园区领导指派",
    )
    deadline = models.DateField("办理时限")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.NEW, editable=False)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="提出人",
    )
    answer = models.TextField("答复", blank=True, editable=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "协调事项"
        indexes = [
            models.Index(fields=["zone", "state"]),
            models.Index(fields=["owner_department", "state"]),
            models.Index(fields=["project", "state"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        from yuanqu.common.routing import OPEN_STATES

        return self.state in OPEN_STATES


class CoordinationTransition(models.Model):
    """One named action on a coordination item: who, when, from and to which state, with its note."""

    item = models.ForeignKey(CoordinationItem, on_delete=models.CASCADE, related_name="transitions", verbose_name="事项")
    action = models.CharField("操作", max_length=20)
    from_state = models.CharField("原状态", max_length=20, blank=True, choices=CoordinationItem.State.choices)
    to_state = models.CharField("新状态", max_length=20, choices=CoordinationItem.State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name="操作人")
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        ordering = ["item_id", "id"]
        verbose_name = verbose_name_plural = "协调事项办理记录"

    @property
    def action_label(self) -> str:
        from yuanqu.common.routing import STEPS

        step = STEPS.get(self.action)
        return step.label if step else {"raise": "提出"}.get(self.action, self.action)
