from django.conf import settings
from django.db import models
from django.db.models import Q


class InboxMessage(models.Model):
    """A message to one user in the product's own inbox (a reminder, a 督办, a 通报 …)."""

    class Kind(models.TextChoices):
        REMIND = "remind", "提醒"
        SUPERVISE = "supervise", "督办"
        NOTIFY = "notify", "通报"
        MANUAL = "manual", "领导督办"
        OTHER = "other", "通知"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_messages",
                                  verbose_name="收件人")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("相关页面", max_length=300, blank=True)
    created_at = models.DateTimeField("发送时间", auto_now_add=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)
    # What the message is about ("escalation:12"): a sender that runs again (the tick, a retried
    # request) sends nothing twice to the same person; the database enforces it.
    dedupe_key = models.CharField("去重键", max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "站内消息"
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedupe_key"], condition=~Q(dedupe_key=""),
                                    name="inbox_one_message_per_key",
                                    violation_error_message="该消息已发送给此人。"),
        ]

    def __str__(self):
        return self.title

    @property
    def unread(self) -> bool:
        return self.read_at is None
