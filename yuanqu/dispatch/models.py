from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from yuanqu.common.models import TrackedModel
from yuanqu.projects.choices import Stage

from .choices import MeetingStatus, TaskState


class DispatchMeeting(TrackedModel):
    """A zone's monthly dispatch meeting (月调度会): its pack compares the zone's projects with the previous one."""

    zone = models.ForeignKey("registry.Zone", on_delete=models.PROTECT, related_name="dispatch_meetings", verbose_name="园区")
    month = models.DateField("调度月份", help_text="该月的第一天")
    held_on = models.DateField("召开日期")
    host = models.ForeignKey(
        "registry.Official", null=True, blank=True, on_delete=models.PROTECT, related_name="hosted_dispatches",
        verbose_name="主持人",
    )
    attendees = models.TextField("参会人员", blank=True)
    notes = models.TextField("会议要点", blank=True)
    status = models.CharField("状态", max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT, editable=False)
    snapshot_at = models.DateTimeField("快照时间", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="创建人", editable=False,
    )

    class Meta:
        ordering = ["zone_id", "-month"]
        verbose_name = verbose_name_plural = "月调度会"
        constraints = [
            models.UniqueConstraint(fields=["zone", "month"], name="dispatch_one_meeting_per_zone_month",
                                    violation_error_message="该园区这个月已有调度会。"),
            models.CheckConstraint(condition=Q(month__day=1), name="dispatch_month_first_day",
                                   violation_error_message="调度月份须为该月的第一天。"),
            models.CheckConstraint(condition=Q(held_on__gte=models.F("month")), name="dispatch_held_not_before_month",
                                   violation_error_message="召开日期不能早于调度月份。"),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        zone = self.zone.short_name if self.zone_id else ""
        return f"{zone}{self.month:%Y}年{self.month.month}月项目建设调度会"


class DispatchSnapshot(models.Model):
    """Where one project stood when the meeting took its snapshot: what the next pack compares against.

    Light and open coordination items are nullable: empty means "not known" (the module was not
    there, or gave nothing), which the pack shows as such rather than as a change."""

    meeting = models.ForeignKey(DispatchMeeting, on_delete=models.CASCADE, related_name="snapshots", verbose_name="调度会")
    # SET_NULL with the name kept: a later pack still reads a project that was since deleted.
    project = models.ForeignKey(
        "projects.Project", null=True, on_delete=models.SET_NULL, related_name="dispatch_snapshots", verbose_name="项目",
    )
    project_name = models.CharField("项目名称", max_length=120)
    stage = models.CharField("所处阶段", max_length=20, choices=Stage.choices)
    progress = models.DecimalField(
        "总进度(%)", max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    completed_investment = models.DecimalField("累计完成投资(万元)", max_digits=14, decimal_places=2, null=True, blank=True)
    light = models.CharField("亮灯", max_length=10, null=True, blank=True)
    open_coordination = models.PositiveIntegerField("未办结协调事项", null=True, blank=True)

    class Meta:
        ordering = ["meeting_id", "id"]
        verbose_name = verbose_name_plural = "调度快照"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "project"], name="dispatch_one_snapshot_per_project",
                                    violation_error_message="该调度会已有这个项目的快照。"),
        ]

    def __str__(self):
        return f"{self.meeting} · {self.project_name}"


class DispatchTask(TrackedModel):
    """A decision of a dispatch meeting, as a task with an owner and a deadline; carried over until done."""

    meeting = models.ForeignKey(DispatchMeeting, on_delete=models.PROTECT, related_name="tasks", verbose_name="调度会")
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="dispatch_tasks",
        verbose_name="相关项目",
    )
    content = models.TextField("议定事项")
    owner_department = models.ForeignKey(
        "registry.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="dispatch_tasks",
        verbose_name="责任部门",
    )
    owner_official = models.ForeignKey(
        "registry.Official", null=True, blank=True, on_delete=models.PROTECT, related_name="dispatch_tasks",
        verbose_name="责任人",
    )
    owner_other = models.CharField(
        "其他责任单位", max_length=100, blank=True, help_text="名录外的责任单位,如项目业主、市直部门",
    )
    deadline = models.DateField("完成时限")
    state = models.CharField("状态", max_length=10, choices=TaskState.choices, default=TaskState.OPEN, editable=False)
    closed_on = models.DateField("办结/撤销日期", null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="办结/撤销人", editable=False,
    )
    result = models.TextField("办理结果", blank=True, editable=False)
    illustrative = models.BooleanField("示意数据", default=False, editable=False)

    class Meta:
        ordering = ["meeting_id", "id"]
        verbose_name = verbose_name_plural = "调度任务"
        indexes = [models.Index(fields=["state", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_department__isnull=False) | Q(owner_official__isnull=False) | ~Q(owner_other=""),
                name="dispatch_task_has_owner",
                violation_error_message="请指定责任部门、责任人或其他责任单位(至少一项)。",
            ),
            models.CheckConstraint(
                condition=Q(state="open", closed_on__isnull=True) | (~Q(state="open") & Q(closed_on__isnull=False)),
                name="dispatch_task_closed_on_matches_state",
                violation_error_message="办结或撤销的任务须有日期,办理中的任务不能有。",
            ),
        ]

    def __str__(self):
        return self.content[:40]

    @property
    def owner_text(self) -> str:
        parts = [str(p) for p in (self.owner_department, self.owner_official) if p is not None]
        if self.owner_other:
            parts.append(self.owner_other)
        return "、".join(parts)
