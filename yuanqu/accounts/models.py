from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce

from .roles import ADMIN_TRIO, ROLE_SCOPE, Role, Scope


class User(AbstractUser):
    """A person who signs in: an official, a department's staff, an enterprise's staff or a mentor."""

    name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("手机号码", max_length=20, blank=True)
    is_demo = models.BooleanField("演示账号", default=False, editable=False)
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "用户"

    def __str__(self):
        return self.name or self.username

    @property
    def display_name(self) -> str:
        return self.name or self.username


class RoleAssignment(models.Model):
    """One role a user holds, within its scope: a zone (optionally a park), a department or an enterprise."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles", verbose_name="用户")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    zone = models.ForeignKey(
        "registry.Zone", null=True, blank=True, on_delete=models.PROTECT, verbose_name="园区"
    )
    park = models.ForeignKey(
        "registry.Park", null=True, blank=True, on_delete=models.PROTECT, verbose_name="产业园"
    )
    department = models.ForeignKey(
        "registry.Department", null=True, blank=True, on_delete=models.PROTECT, verbose_name="部门"
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise", null=True, blank=True, on_delete=models.PROTECT, verbose_name="企业"
    )
    created_at = models.DateTimeField("授予时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "角色授权"
        ordering = ["user_id", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(role__in=[r.value for r in ADMIN_TRIO]),
                name="accounts_one_admin_duty_per_user",
                violation_error_message="三员分立:系统管理员、安全管理员、审计管理员不能由同一人兼任。",
            ),
            # NULL scopes count as equal here (COALESCE to 0): on plain columns every NULL is distinct,
            # and each role leaves two of the three scope columns NULL, so the index would never bite.
            models.UniqueConstraint(
                "user", "role", Coalesce("zone", Value(0)), Coalesce("department", Value(0)),
                Coalesce("enterprise", Value(0)),
                name="accounts_role_assignment_unique",
                violation_error_message="该用户已有相同范围的此角色。",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=[r.value for r, s in ROLE_SCOPE.items() if s == Scope.NONE],
                        zone__isnull=True,
                        park__isnull=True,
                        department__isnull=True,
                        enterprise__isnull=True,
                    )
                    | Q(
                        role__in=[r.value for r, s in ROLE_SCOPE.items() if s == Scope.ZONE],
                        zone__isnull=False,
                        department__isnull=True,
                        enterprise__isnull=True,
                    )
                    | Q(
                        role__in=[r.value for r, s in ROLE_SCOPE.items() if s == Scope.DEPARTMENT],
                        zone__isnull=True,
                        park__isnull=True,
                        department__isnull=False,
                        enterprise__isnull=True,
                    )
                    | Q(
                        role__in=[r.value for r, s in ROLE_SCOPE.items() if s == Scope.ENTERPRISE],
                        zone__isnull=True,
                        park__isnull=True,
                        department__isnull=True,
                        enterprise__isnull=False,
                    )
                ),
                name="accounts_role_scope_shape",
                violation_error_message="角色的范围不符:园区类角色需指定园区,部门角色需指定部门,企业用户需指定企业。",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}({self.scope_label})"

    @property
    def scope_label(self) -> str:
        if self.enterprise_id:
            return str(self.enterprise)
        if self.department_id:
            return str(self.department)
        if self.park_id:
            return f"{self.zone} · {self.park}"
        if self.zone_id:
            return str(self.zone)
        return "全市"
