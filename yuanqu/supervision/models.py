"""Forcing lights (时间倒逼) and supervision (督办) of projects.

Design of the lights: a milestone's light is computed from its planned date, today (the one clock)
and the zone's thresholds in working days (the one calendar); a project's light is its worst
milestone's. The project's light is STORED in ProjectLight so the ledger can show and filter it with
no per-row work: `yuanqu tick` refreshes every project's row (lights change as days pass) and saving
a milestone refreshes its project's row at once (a receiver, see receivers.py). A project page
computes its milestones' lights live from the milestones it already loaded.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from yuanqu.common.models import TrackedModel

from .choices import Level, Light

# Defaults when a zone has not set its own thresholds (working days).
DEFAULT_YELLOW_WITHIN = 5
DEFAULT_SUPERVISE_AFTER = 3
DEFAULT_NOTIFY_AFTER = 10


class LightSettings(TrackedModel):
    """A zone's thresholds for the forcing lights and the escalation ladder, in working days."""

    zone = models.OneToOneField("registry.Zone", on_delete=models.CASCADE, related_name="light_settings",
                                verbose_name="园区")
    yellow_within = models.PositiveSmallIntegerField(
        "黄灯提前量(工作日)", default=DEFAULT_YELLOW_WITHIN, validators=[MaxValueValidator(60)],
        help_text="计划日期在今天起这么多个工作日之内、尚未完成的节点亮黄灯",
    )
    supervise_after = models.PositiveSmallIntegerField(
        "逾期转督办(工作日)", default=DEFAULT_SUPERVISE_AFTER, validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="节点逾期(红灯)满这么多个工作日仍未完成,由提醒升级为督办,通知园区领导",
    )
    notify_after = models.PositiveSmallIntegerField(
        "督办后转通报(工作日)", default=DEFAULT_NOTIFY_AFTER, validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="督办后再过这么多个工作日仍未完成,升级为通报,通知园区领导和市园区办",
    )

    class Meta:
        verbose_name = verbose_name_plural = "红黄绿灯设置"

    def __str__(self):
        return f"{self.zone} 红黄绿灯设置"

    @classmethod
    def defaults(cls, zone=None) -> "LightSettings":
        """Unsaved settings with the defaults, for a zone that has not set its own."""
        return cls(zone=zone)


class ProjectLight(models.Model):
    """A project's stored light (its worst milestone's), as of the last tick or milestone save."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, primary_key=True,
                                   related_name="light", verbose_name="项目")
    light = models.CharField("灯号", max_length=10, choices=Light.choices, db_index=True)
    milestone = models.ForeignKey("projects.Milestone", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name="决定灯号的节点")
    planned = models.DateField("该节点计划日期", null=True, blank=True)
    provisional = models.BooleanField("暂定", default=False, help_text="用到了尚未公布放假安排的年份")

    class Meta:
        verbose_name = verbose_name_plural = "项目灯号"

    def __str__(self):
        return f"{self.project_id}: {self.get_light_display()}"


class EscalationStep(models.Model):
    """What every ladder's step records (projects' milestones, appeals, approval items): the level
    reached, how late it was then, when, and how many were told. Each subclass adds what it is a
    step of and the unique constraint that makes each step happen once."""

    level = models.CharField("级别", max_length=20, choices=Level.choices)
    overdue_workdays = models.PositiveIntegerField("当时逾期(工作日)")
    date = models.DateField("发生日期")
    recipients = models.PositiveSmallIntegerField("通知人数", default=0)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-id"]


class Escalation(EscalationStep):
    """One step of an overdue milestone's ladder (提醒, 督办 or 通报), taken once.

    Unique per milestone, planned date and level: `yuanqu tick` may run any number of times, or
    twice at once, and each step still happens once. A milestone re-planned to a new date is a new
    commitment and climbs a new ladder if it is missed again."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="escalations",
                                verbose_name="项目")
    milestone = models.ForeignKey("projects.Milestone", on_delete=models.CASCADE, related_name="escalations",
                                  verbose_name="节点")
    planned = models.DateField("计划日期")

    class Meta(EscalationStep.Meta):
        verbose_name = verbose_name_plural = "逾期升级"
        constraints = [
            models.UniqueConstraint(fields=["milestone", "planned", "level"], name="supervision_one_step_per_level",
                                    violation_error_message="该节点的这一级已升级过。"),
        ]

    def __str__(self):
        return f"{self.milestone} · {self.get_level_display()}"


class Supervision(models.Model):
    """A leader's supervision (督办) of a project by hand: a note, and a deadline if one is set."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="supervisions",
                                verbose_name="项目")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="督办人")
    note = models.CharField("督办意见", max_length=500)
    deadline = models.DateField("办结期限", null=True, blank=True)
    date = models.DateField("督办日期")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "领导督办"

    def __str__(self):
        return f"{self.project} · 督办 {self.date}"
