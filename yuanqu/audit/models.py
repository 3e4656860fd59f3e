from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.db import models

from .context import current_actor


class ImmutableError(Exception):
    """Raised on any attempt to change or delete an audit record."""


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError("审计记录不可修改。")

    def delete(self):
        raise ImmutableError("审计记录不可删除。")


class ImmutableManager(models.Manager.from_queryset(ImmutableQuerySet)):
    pass


class ImmutableMixin:
    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError("审计记录不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("审计记录不可删除。")


class AuditEntryManager(LogEntryManager.from_queryset(ImmutableQuerySet)):
    """auditlog's manager (it builds the entries) over a queryset that refuses bulk updates and deletes."""


class AuditEntry(ImmutableMixin, AbstractLogEntry):
    """One create, update or delete of a record: who, when, from where, and the values before and after."""

    objects = AuditEntryManager()
    # auditlog sets the actor to NULL when a user is deleted, which would rewrite history; users are
    # deactivated, never deleted, and the database refuses the delete while they have audit rows.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, blank=True, null=True,
        related_name="+", verbose_name="操作人",
    )

    def save(self, *args, **kwargs):
        if self._state.adding and self.actor_id is None:
            actor = current_actor()
            if actor is not None:
                self.actor, self.actor_email = actor, actor.email or None
        super().save(*args, **kwargs)

    class Meta(AbstractLogEntry.Meta):
        swappable = "AUDITLOG_LOGENTRY_MODEL"
        verbose_name = verbose_name_plural = "数据变更记录"
        indexes = [models.Index(fields=["timestamp"]), models.Index(fields=["content_type", "object_pk"])]


class SecurityEvent(ImmutableMixin, models.Model):
    """A security-relevant event: a login, a failed login, a lockout, a permission denial, an export, an unmasking."""

    class Kind(models.TextChoices):
        LOGIN = "login", "登录"
        LOGOUT = "logout", "退出"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOCKOUT = "lockout", "账号锁定"
        DENIED = "denied", "越权访问"
        EXPORT = "export", "导出"
        IMPORT = "import", "导入"
        UNMASK = "unmask", "查看完整个人信息"
        OTP_ENROLLED = "otp_enrolled", "绑定身份验证器"
        OTP_VERIFIED = "otp_verified", "二次验证通过"
        OTP_FAILED = "otp_failed", "二次验证失败"
        OTP_RESET = "otp_reset", "解除二次验证"

    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name="用户",
    )
    username = models.CharField("用户名", max_length=150, blank=True)
    remote_addr = models.GenericIPAddressField("来源地址", null=True, blank=True)
    path = models.CharField("访问路径", max_length=500, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)
    timestamp = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    objects = ImmutableManager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = verbose_name_plural = "安全事件"
        indexes = [models.Index(fields=["kind", "timestamp"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.username}"
