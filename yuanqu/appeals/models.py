"""Enterprise appeals (企业诉求): the appeal, its routing to departments, ratings, reception days,
supervision and the similarity index.

An appeal moves only by named actions (workflow.py); each writes an AppealTransition. Each routing of
an appeal to a lead department is an AppealAssignment: the department's scores (scores.py) are
computed from these rows, so a department is measured on what was routed to it even when the appeal
later went elsewhere.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from yuanqu.common.models import TrackedModel
from yuanqu.supervision.models import EscalationStep

from .choices import Channel, DeadlineKind, Rating, ReceptionStatus, ShiftRule, State


class AppealCategory(models.Model):
    """A kind of appeal (交通出行, 用工招聘 …); the list is the system administrator's to edit."""

    name = models.CharField("类别", max_length=20, unique=True,
                            error_messages={"unique": "已有同名类别。"})
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True, help_text="停用的类别不再用于新诉求,已有诉求保留")

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "诉求类别"

    def __str__(self):
        return self.name


class AppealSettings(TrackedModel):
    """A zone's rules for reception days, response and rating (defaults when a zone has none)."""

    zone = models.OneToOneField("registry.Zone", on_delete=models.CASCADE, related_name="appeal_settings",
                                verbose_name="园区")
    reception_name = models.CharField("接待日名称", max_length=30, default="企业接待日")
    reception_day = models.PositiveSmallIntegerField(
        "每月接待日", default=9, validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text="每月的第几日(1–28)")
    shift_rule = models.CharField("遇非工作日", max_length=10, choices=ShiftRule.choices, default=ShiftRule.NEXT)
    reception_place = models.CharField("接待地点", max_length=60, blank=True)
    response_workdays = models.PositiveSmallIntegerField(
        "响应时限(工作日)", default=1, validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="分派后这么多个工作日内受理或退回,算作及时响应")
    default_workdays = models.PositiveSmallIntegerField(
        "默认办理时限(工作日)", default=10, validators=[MinValueValidator(1), MaxValueValidator(120)])
    reopen_workdays = models.PositiveSmallIntegerField(
        "重办时限(工作日)", default=5, validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="企业不满意重新办理时,新的办理时限")
    auto_rate_workdays = models.PositiveSmallIntegerField(
        "默认评价(工作日)", default=5, validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="答复后这么多个工作日企业未评价,按“满意”计并标注为默认评价")

    class Meta:
        verbose_name = verbose_name_plural = "诉求办理设置"

    def __str__(self):
        return f"{self.zone} 诉求办理设置"

    @classmethod
    def defaults(cls, zone=None) -> "AppealSettings":
        return cls(zone=zone)


class ReceptionHost(models.Model):
    """A leader who hosts the zone's reception days, in rotation by sort order."""

    zone = models.ForeignKey("registry.Zone", on_delete=models.CASCADE, related_name="reception_hosts",
                             verbose_name="园区")
    official = models.ForeignKey("registry.Official", on_delete=models.PROTECT, related_name="+", verbose_name="领导")
    sort_order = models.PositiveSmallIntegerField("轮值顺序", default=1)

    class Meta:
        ordering = ["zone_id", "sort_order", "id"]
        verbose_name = verbose_name_plural = "接待日轮值领导"
        constraints = [models.UniqueConstraint(fields=["zone", "official"], name="appeals_one_host_entry",
                                               violation_error_message="该领导已在轮值名单中。")]

    def __str__(self):
        return f"{self.zone} · {self.official}"


class ReceptionDay(TrackedModel):
    """One reception day (第N期企业接待日): its date, host, the enterprises received and the minutes."""

    zone = models.ForeignKey("registry.Zone", on_delete=models.PROTECT, related_name="reception_days",
                             verbose_name="园区")
    number = models.PositiveIntegerField("期数")
    date = models.DateField("日期")
    host = models.ForeignKey("registry.Official", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name="坐镇领导")
    place = models.CharField("地点", max_length=60, blank=True)
    status = models.CharField("状态", max_length=10, choices=ReceptionStatus.choices, default=ReceptionStatus.PLANNED)
    enterprises = models.ManyToManyField("registry.Enterprise", blank=True, related_name="reception_days",
                                         verbose_name="接待企业")
    attendees = models.CharField("参加部门", max_length=300, blank=True)
    summary = models.TextField("纪要", blank=True, help_text="当天情况概述;各诉求及现场答复自动列入纪要")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = verbose_name_plural = "企业接待日"
        constraints = [
            models.UniqueConstraint(fields=["zone", "number"], name="appeals_reception_number",
                                    violation_error_message="该园区已有这一期接待日。"),
            models.UniqueConstraint(fields=["zone", "date"], name="appeals_reception_date",
                                    violation_error_message="该园区这一天已安排接待日。"),
        ]

    def __str__(self):
        return f"第{self.number}期{self.date:%Y-%m-%d}"


class AppealGroup(models.Model):
    """Similar appeals linked to be handled and answered together (举一反三)."""

    zone = models.ForeignKey("registry.Zone", on_delete=models.PROTECT, related_name="+", verbose_name="园区")
    title = models.CharField("共性问题", max_length=120)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="关联人")
    created_at = models.DateTimeField("关联时间", auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "关联诉求组"

    def __str__(self):
        return self.title


class Appeal(TrackedModel):
    """An enterprise's appeal (企业诉求), from intake to a rated answer."""

    zone = models.ForeignKey("registry.Zone", on_delete=models.PROTECT, related_name="appeals", verbose_name="园区",
                             editable=False)
    enterprise = models.ForeignKey("registry.Enterprise", on_delete=models.PROTECT, related_name="appeals",
                                   verbose_name="企业")
    category = models.ForeignKey(AppealCategory, on_delete=models.PROTECT, related_name="appeals",
                                 verbose_name="类别")
    title = models.CharField("诉求事项", max_length=120)
    content = models.TextField("具体内容")
    channel = models.CharField("来源渠道", max_length=20, choices=Channel.choices)
    reception = models.ForeignKey(ReceptionDay, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="appeals", verbose_name="接待日")
    coordination_item = models.OneToOneField(
        "projects.CoordinationItem", null=True, blank=True, on_delete=models.PROTECT, related_name="appeal",
        verbose_name="来源协调事项")
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="受理登记人")
    spot_answer = models.TextField("现场答复", blank=True, help_text="接待日上领导当场给出的答复或承诺")

    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.SUBMITTED, editable=False)
    lead_department = models.ForeignKey(
        "registry.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="led_appeals",
        verbose_name="主办部门", editable=False)
    co_departments = models.ManyToManyField("registry.Department", blank=True, related_name="co_appeals",
                                            verbose_name="协办部门")
    deadline = models.DateField("承诺办结期限", null=True, blank=True, editable=False)
    deadline_kind = models.CharField("期限方式", max_length=10, choices=DeadlineKind.choices, blank=True, editable=False)
    deadline_note = models.CharField("期限说明", max_length=40, blank=True, editable=False)
    deadline_provisional = models.BooleanField("期限暂定", default=False, editable=False,
                                               help_text="用到了尚未公布放假安排的年份")
    # Kept so a provisional deadline can be worked out again once its year's schedule is entered.
    deadline_from = models.DateField("期限起算日", null=True, blank=True, editable=False)
    deadline_workdays = models.PositiveSmallIntegerField("期限工作日数", null=True, blank=True, editable=False)
    answer = models.TextField("答复", blank=True, editable=False)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True, editable=False)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True, editable=False)
    reopen_count = models.PositiveSmallIntegerField("重办次数", default=0, editable=False)
    rating = models.PositiveSmallIntegerField("评价", choices=Rating.choices, null=True, blank=True, editable=False)
    rating_auto = models.BooleanField("默认评价", default=False, editable=False)
    group = models.ForeignKey(AppealGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="appeals",
                              verbose_name="关联诉求组", editable=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "企业诉求"
        indexes = [
            models.Index(fields=["zone", "state"]),
            models.Index(fields=["lead_department", "state"]),
            models.Index(fields=["enterprise", "state"]),
            models.Index(fields=["state", "deadline"]),
            models.Index(fields=["category", "zone"]),
        ]

    def __str__(self):
        return self.title

    @property
    def number(self) -> str:
        return f"SQ{self.pk:07d}" if self.pk else ""

    @property
    def is_open(self) -> bool:
        from .choices import OPEN_STATES

        return self.state in OPEN_STATES


class AppealAssignment(models.Model):
    """One routing of an appeal to a lead department (主办): what the department's scores count."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="assignments", verbose_name="诉求")
    department = models.ForeignKey("registry.Department", on_delete=models.PROTECT, related_name="appeal_assignments",
                                   verbose_name="主办部门")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="分派人")
    assigned_on = models.DateField("分派日期", db_index=True)
    deadline = models.DateField("承诺办结期限")
    # The response window as it stood when routed, so changing a zone's setting later does not
    # rewrite past months' 响应率 (rows from before this field fall back to the current setting).
    respond_by = models.DateField("响应期限", null=True, blank=True)
    # Kept so a window counted into a year whose holidays were unpublished is redone once it is entered.
    respond_workdays = models.PositiveSmallIntegerField("响应工作日数", null=True, blank=True)
    respond_provisional = models.BooleanField("响应期限暂定", default=False)
    responded_on = models.DateField("响应日期", null=True, blank=True)
    response = models.CharField("响应", max_length=10, blank=True, choices=[("accepted", "受理"), ("returned", "退回")])
    answered_on = models.DateField("答复日期", null=True, blank=True)
    on_time = models.BooleanField("按时办结", null=True, blank=True)
    current = models.BooleanField("当前主办", default=True)

    class Meta:
        ordering = ["appeal_id", "id"]
        verbose_name = verbose_name_plural = "诉求分派记录"
        indexes = [models.Index(fields=["department", "assigned_on"])]
        constraints = [models.UniqueConstraint(fields=["appeal"], condition=Q(current=True),
                                               name="appeals_one_current_assignment",
                                               violation_error_message="该诉求已有当前主办部门。")]

    def __str__(self):
        return f"{self.appeal_id} → {self.department}"


class AppealRating(models.Model):
    """The enterprise's rating of one answer (好差评); an automatic one is flagged."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="ratings", verbose_name="诉求")
    # None for an answer given on the spot by the zone's leader, before any department was assigned.
    assignment = models.ForeignKey(AppealAssignment, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="ratings", verbose_name="对应分派")
    level = models.PositiveSmallIntegerField("评价", choices=Rating.choices)
    comment = models.CharField("评价意见", max_length=500, blank=True)
    auto = models.BooleanField("默认评价", default=False)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name="评价人")
    rated_on = models.DateField("评价日期")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        ordering = ["appeal_id", "id"]
        verbose_name = verbose_name_plural = "诉求评价"

    def __str__(self):
        return f"{self.appeal_id}: {self.get_level_display()}"


ACTION_LABELS = {
    "create": "登记", "assign": "分派", "accept": "受理", "return": "退回", "progress": "办理进展", "answer": "答复",
    "rate": "评价", "reopen": "不满意,重新办理", "auto_rate": "默认评价", "close": "不予办理", "supervise": "领导督办",
    "link": "关联相似诉求", "unlink": "取消关联", "recalendar": "期限按放假安排重算",
}


class AppealTransition(models.Model):
    """One named action on an appeal: who, when, from and to which state, with its note."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="transitions", verbose_name="诉求")
    action = models.CharField("操作", max_length=20)
    from_state = models.CharField("原状态", max_length=20, blank=True, choices=State.choices)
    to_state = models.CharField("新状态", max_length=20, choices=State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name="操作人")
    department = models.ForeignKey("registry.Department", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="部门")
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        ordering = ["appeal_id", "id"]
        verbose_name = verbose_name_plural = "诉求办理记录"

    def __str__(self):
        return f"{self.appeal_id}: {self.action}"

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)


def attachment_path(instance, filename):
    # The stored name never comes from the user (the original name is kept in `name`).
    import uuid

    return f"appeals/{instance.appeal_id}/{uuid.uuid4().hex}"


class AppealAttachment(models.Model):
    """A file attached to an appeal; served only through the appeal's own scoped view."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="attachments", verbose_name="诉求")
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    name = models.CharField("文件名", max_length=120)
    size = models.PositiveIntegerField("大小(字节)")
    content_type = models.CharField("类型", max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="上传人")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        ordering = ["appeal_id", "id"]
        verbose_name = verbose_name_plural = "诉求附件"

    def __str__(self):
        return self.name


class AppealEscalation(EscalationStep):
    """One step of an overdue appeal's ladder (提醒, 督办 or 通报), taken once per committed deadline."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="escalations", verbose_name="诉求")
    deadline = models.DateField("承诺办结期限")

    class Meta(EscalationStep.Meta):
        verbose_name = verbose_name_plural = "诉求逾期升级"
        constraints = [models.UniqueConstraint(fields=["appeal", "deadline", "level"], name="appeals_one_step_per_level",
                                               violation_error_message="该诉求的这一级已升级过。")]

    def __str__(self):
        return f"{self.appeal_id} · {self.get_level_display()}"


class AppealSupervision(models.Model):
    """A leader's supervision (督办) of an appeal by hand: a note and, if set, a new deadline."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="supervisions", verbose_name="诉求")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="督办人")
    note = models.CharField("督办意见", max_length=500)
    deadline = models.DateField("新的办结期限", null=True, blank=True)
    date = models.DateField("督办日期")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "诉求领导督办"

    def __str__(self):
        return f"{self.appeal_id} · 督办 {self.date}"


class SimilarTerm(models.Model):
    """A word of the similarity index, with how many indexed appeals contain it (document frequency)."""

    word = models.CharField("词", max_length=40, unique=True)
    df = models.PositiveIntegerField("出现诉求数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "相似检索词"

    def __str__(self):
        return self.word


class AppealTerm(models.Model):
    """A posting of the similarity index: this appeal (in this zone) contains this word."""

    # No single-column indexes: the composite ones below lead with each (23M needless entries at scale).
    term = models.ForeignKey(SimilarTerm, on_delete=models.CASCADE, related_name="+", db_constraint=False,
                             db_index=False)
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="+", db_constraint=False,
                               db_index=False)
    zone_id = models.IntegerField()

    class Meta:
        verbose_name = verbose_name_plural = "相似检索索引"
        # By word within a zone (a zone's users), by word across zones (the city), by appeal (re-indexing).
        indexes = [models.Index(fields=["term", "zone_id", "appeal"], name="appeals_term_zone_appeal"),
                   models.Index(fields=["term", "appeal"], name="appeals_term_appeal_by_term"),
                   models.Index(fields=["appeal"], name="appeals_term_appeal")]
