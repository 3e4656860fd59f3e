"""Joint approvals (联合审批) with full-process agency (全程代办).

The catalogue (ApprovalItem) lists the approvals a project may need, with the department that grants
each, its statutory and promised limits in working days, its prerequisites and whether it may be
granted on the applicant's commitment (承诺制). A case (ApprovalCase) is one project's (or one
event's) approvals, run by an agency officer (代办员) for the enterprise; each of its items
(CaseItem) moves only by named actions (workflow.py), each logged as an ItemTransition.

The clock of an item counts working days from acceptance (受理) and stops while materials are
returned for correction (补正): `used_workdays` holds what earlier runs used, `running_since` the day
the current run began, `due_on` the deadline of the current run (none while paused or stopped).
The case keeps a summary of its items (counts, the nearest deadline, the planned start) so the board
reads one row per case; services refresh it after every action.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from yuanqu.common.models import TrackedModel
from yuanqu.supervision.models import EscalationStep

from .choices import CaseKind, ItemCategory, ItemState, ServiceKind, TaskState

LIMIT = [MinValueValidator(0), MaxValueValidator(365)]


class ApprovalItem(TrackedModel):
    """An approval a project may need (立项备案, 施工许可 …); the system administrator's catalogue."""

    name = models.CharField("审批事项", max_length=40, unique=True, error_messages={"unique": "已有同名审批事项。"})
    category = models.CharField("类别", max_length=20, choices=ItemCategory.choices, default=ItemCategory.ENGINEERING)
    department_name = models.CharField("审批部门", max_length=60, help_text="如:自然资源和规划部门;办件时再指定园区内具体承办部门")
    statutory_days = models.PositiveSmallIntegerField("法定时限(工作日)", validators=LIMIT)
    promised_days = models.PositiveSmallIntegerField("承诺时限(工作日)", validators=LIMIT,
                                                     help_text="不超过法定时限;办件计时以此为准")
    limits_default = models.BooleanField("时限为系统默认值", default=False, editable=False,
                                         help_text="系统预置的参考时限,可按本地规定调整;调整后不再标注")
    materials = models.TextField("申报材料", blank=True, help_text="每行一项")
    prerequisites = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="unlocks",
                                           verbose_name="前置事项")
    before_start = models.BooleanField("开工前须办结", default=True,
                                       help_text="不勾选的事项(如排污许可、竣工联合验收)不影响开工日期")
    commitment_allowed = models.BooleanField("可承诺制办理", default=False,
                                             help_text="企业书面承诺后先行办结,事后在核查期限内核查")
    followup_days = models.PositiveSmallIntegerField("承诺核查期限(工作日)", default=20,
                                                     validators=[MinValueValidator(1), MaxValueValidator(365)])
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True, help_text="停用的事项不再用于新办件,已有办件保留")

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "审批事项"
        constraints = [
            models.CheckConstraint(condition=Q(promised_days__lte=models.F("statutory_days")),
                                   name="approvals_promised_within_statutory",
                                   violation_error_message="承诺时限不能超过法定时限。"),
        ]

    def __str__(self):
        return self.name

    @property
    def material_list(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]


class ApprovalCase(TrackedModel):
    """One project's (or one event's) approvals, run by an agency officer for the enterprise."""

    zone = models.ForeignKey("registry.Zone", on_delete=models.PROTECT, related_name="approval_cases",
                             verbose_name="所属园区")
    kind = models.CharField("类型", max_length=10, choices=CaseKind.choices, default=CaseKind.PROJECT)
    project = models.OneToOneField("projects.Project", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="approval_case", verbose_name="项目")
    enterprise = models.ForeignKey("registry.Enterprise", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="approval_cases", verbose_name="申请企业")
    title = models.CharField("办件名称", max_length=120)
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="agent_cases", verbose_name="代办员")
    opened_on = models.DateField("启动日期", help_text="计划从这一天起算(通常为签约日)")
    signed_on = models.DateField("签约日期", null=True, blank=True, help_text="项目办件取自项目的签约节点")
    started_on = models.DateField("实际开工日期", null=True, blank=True,
                                  help_text="项目办件取自项目的开工节点;活动办件为活动举办日")
    target_start = models.DateField("目标开工日期", null=True, blank=True, help_text="活动办件为计划举办日期")
    land_handover_on = models.DateField("交地日期", null=True, blank=True)
    handover_start = models.BooleanField("交地即开工", default=False,
                                         help_text="承诺制事项先行办结,交地当天即可开工")
    note = models.TextField("说明", blank=True)

    # Summary of the items, refreshed by services after every action (the board reads these).
    items_total = models.PositiveSmallIntegerField("事项数", default=0, editable=False)
    items_done = models.PositiveSmallIntegerField("已办结", default=0, editable=False)
    items_running = models.PositiveSmallIntegerField("办理中", default=0, editable=False)
    items_correcting = models.PositiveSmallIntegerField("补正中", default=0, editable=False)
    items_waiting = models.PositiveSmallIntegerField("待申报", default=0, editable=False)
    items_refused = models.PositiveSmallIntegerField("不予许可", default=0, editable=False)
    next_due = models.DateField("最近期限", null=True, blank=True, editable=False,
                                help_text="计时中事项和承诺核查的最近期限")
    planned_start = models.DateField("计划最早开工", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = verbose_name_plural = "审批办件"
        indexes = [
            models.Index(fields=["zone", "-opened_on", "-id"], name="approvals_case_zone_idx"),
            models.Index(fields=["-opened_on", "-id"], name="approvals_case_board_idx"),
            models.Index(fields=["agent", "-opened_on"], name="approvals_case_agent_idx"),
            models.Index(fields=["enterprise"], name="approvals_case_enterprise_idx"),
            models.Index(fields=["next_due"], name="approvals_case_next_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind=CaseKind.EVENT) | Q(project__isnull=False),
                                   name="approvals_project_case_has_project",
                                   violation_error_message="建设项目办件须关联项目。"),
        ]

    def __str__(self):
        return self.title

    @property
    def number(self) -> str:
        return f"SP{self.pk:07d}" if self.pk else ""

    @property
    def is_open(self) -> bool:
        return self.items_done + self.items_refused < self.items_total


class CaseItem(models.Model):
    """One approval of a case, with its department, its state and its working-day clock."""

    case = models.ForeignKey(ApprovalCase, on_delete=models.CASCADE, related_name="items", verbose_name="办件")
    item = models.ForeignKey(ApprovalItem, on_delete=models.PROTECT, related_name="case_items", verbose_name="审批事项")
    department = models.ForeignKey("registry.Department", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="approval_items", verbose_name="承办部门",
                                   help_text="园区内对接该事项的部门;不填时由代办员对接")
    statutory_days = models.PositiveSmallIntegerField("法定时限(工作日)")
    promised_days = models.PositiveSmallIntegerField("承诺时限(工作日)")
    before_start = models.BooleanField("开工前须办结", default=True)
    by_commitment = models.BooleanField("按承诺制办理", default=False)
    followup_days = models.PositiveSmallIntegerField("承诺核查期限(工作日)", default=20,
                                                     help_text="取自目录;承诺办结后按此计算核查期限")
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    state = models.CharField("状态", max_length=20, choices=ItemState.choices, default=ItemState.PENDING,
                             editable=False)
    accepted_on = models.DateField("受理日期", null=True, blank=True, editable=False)
    used_workdays = models.PositiveSmallIntegerField("已用工作日", default=0, editable=False,
                                                     help_text="此前各段计时已用的工作日(补正期间不计)")
    running_since = models.DateField("本段计时起点", null=True, blank=True, editable=False)
    due_on = models.DateField("办结期限", null=True, blank=True, editable=False)
    paused_on = models.DateField("补正开始", null=True, blank=True, editable=False)
    paused_workdays = models.PositiveSmallIntegerField("补正暂停(工作日)", default=0, editable=False)
    pauses = models.PositiveSmallIntegerField("补正次数", default=0, editable=False)
    done_on = models.DateField("办结日期", null=True, blank=True, editable=False)
    on_commitment = models.BooleanField("承诺制办结", default=False, editable=False)
    followup_due = models.DateField("核查期限", null=True, blank=True, editable=False)
    followup_done_on = models.DateField("核查日期", null=True, blank=True, editable=False)
    provisional = models.BooleanField("期限暂定", default=False, editable=False,
                                      help_text="用到了尚未公布放假安排的年份")
    document_no = models.CharField("批文号", max_length=60, blank=True, editable=False)
    correction_note = models.TextField("需补正材料", blank=True, editable=False)

    class Meta:
        ordering = ["case_id", "sort_order", "id"]
        verbose_name = verbose_name_plural = "办件事项"
        constraints = [
            models.UniqueConstraint(fields=["case", "item"], name="approvals_one_item_per_case",
                                    violation_error_message="该办件已有这一审批事项。"),
        ]
        indexes = [
            models.Index(fields=["state", "due_on"], name="approvals_item_due_idx"),
            models.Index(fields=["department", "state"], name="approvals_item_dept_idx"),
            models.Index(fields=["followup_due"], name="approvals_item_followup_idx"),
            # The few deadlines still computed on a provisional calendar, redone by the tick.
            models.Index(fields=["id"], condition=Q(provisional=True), name="approvals_item_provisional_idx"),
        ]

    def __str__(self):
        return f"{self.case} · {self.item}"

    @property
    def followup_open(self) -> bool:
        return self.on_commitment and self.state == ItemState.DONE and self.followup_done_on is None


class ItemTransition(models.Model):
    """One named action on a case item: who, on which day, from and to which state, with its note."""

    case_item = models.ForeignKey(CaseItem, on_delete=models.CASCADE, related_name="transitions",
                                  verbose_name="办件事项")
    action = models.CharField("操作", max_length=20)
    from_state = models.CharField("原状态", max_length=20, choices=ItemState.choices)
    to_state = models.CharField("新状态", max_length=20, choices=ItemState.choices)
    date = models.DateField("办理日期")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name="操作人", help_text="空表示系统导入的历史记录")
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        ordering = ["case_item_id", "date", "id"]
        verbose_name = verbose_name_plural = "办件事项办理记录"

    @property
    def action_label(self) -> str:
        from .workflow import STEPS

        step = STEPS.get(self.action)
        return step.label if step else self.action


class ApprovalEscalation(EscalationStep):
    """One step of an overdue item's ladder (提醒, 督办 or 通报), taken once per deadline."""

    case_item = models.ForeignKey(CaseItem, on_delete=models.CASCADE, related_name="escalations",
                                  verbose_name="办件事项")
    deadline = models.DateField("期限", help_text="升级时的办结或核查期限")
    # The ladder is climbed once per run of the clock (from its acceptance) or per commitment grant,
    # not per deadline: a 补正 pause or a recomputed calendar moves the deadline but is the same
    # lateness, which must not be announced again.
    run = models.DateField("计时起点", help_text="受理日期;承诺核查为承诺办结日期")
    followup = models.BooleanField("承诺核查", default=False)

    class Meta(EscalationStep.Meta):
        verbose_name = verbose_name_plural = "审批逾期升级"
        constraints = [
            models.UniqueConstraint(fields=["case_item", "run", "followup", "level"],
                                    name="approvals_one_step_per_run_and_level",
                                    violation_error_message="该事项的这一级已升级过。"),
        ]


class ServiceTask(TrackedModel):
    """A line of a case's "三个提前" checklist: what the zone readies for the enterprise, by whom, by when."""

    case = models.ForeignKey(ApprovalCase, on_delete=models.CASCADE, related_name="service_tasks",
                             verbose_name="办件")
    kind = models.CharField("类别", max_length=20, choices=ServiceKind.choices)
    title = models.CharField("事项", max_length=120)
    owner = models.CharField("责任单位/责任人", max_length=60)
    due_on = models.DateField("完成期限", null=True, blank=True)
    done_on = models.DateField("完成日期", null=True, blank=True)
    state = models.CharField("状态", max_length=10, choices=TaskState.choices, default=TaskState.TODO)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        ordering = ["case_id", "kind", "id"]
        verbose_name = verbose_name_plural = "三个提前服务"
        constraints = [
            models.CheckConstraint(condition=~Q(state=TaskState.DONE) | Q(done_on__isnull=False),
                                   name="approvals_task_done_has_date",
                                   violation_error_message="已完成的事项须填写完成日期。"),
        ]

    def __str__(self):
        return self.title
