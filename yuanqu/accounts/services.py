"""Writes on users and their roles. Each runs in one transaction with its audit rows."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from yuanqu.audit.context import records_actor
from yuanqu.audit.models import AuditEntry

from .access import access_for
from .models import RoleAssignment, User
from .roles import ADMIN_TRIO, ROLE_SCOPE, Role, Scope

MSG_ADMIN_TRIO = "三员分立:系统管理员、安全管理员、审计管理员不能由同一人兼任。"
MSG_SCOPE_ZONE = "该角色需要指定园区。"
MSG_SCOPE_DEPARTMENT = "部门工作人员需要指定部门。"
MSG_SCOPE_ENTERPRISE = "企业用户需要指定企业。"
MSG_SCOPE_NONE = "该角色不限定范围,请不要指定园区、部门或企业。"
MSG_PARK_OUTSIDE_ZONE = "所选产业园不属于所选园区。"
MSG_DUPLICATE_ROLE = "该用户已有相同范围的此角色。"
MSG_SELF_ROLE = "不能修改自己的角色。"
MSG_SELF_DEACTIVATE = "不能停用自己的账号。"
MSG_STALE = "该记录已被他人修改,请刷新后重试。"
# The change log never holds a password or its hash, only that it changed.
PASSWORD_HIDDEN, PASSWORD_RESET = "(已隐藏)", "(已重置)"


def _require_manager(actor) -> None:
    if not access_for(actor).has("accounts.manage"):
        raise PermissionDenied("accounts.manage")


@records_actor
@transaction.atomic
def user_create(*, actor, username: str, name: str, password: str, phone: str = "", email: str = "") -> User:
    _require_manager(actor)
    user = User(username=username.strip(), name=name.strip(), phone=phone.strip(), email=email.strip())
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@records_actor
@transaction.atomic
def user_update(*, actor, user: User, version: int, name: str, phone: str = "", email: str = "") -> User:
    _require_manager(actor)
    current = User.objects.select_for_update().get(pk=user.pk)
    if current.version != version:
        raise ValidationError(MSG_STALE, code="stale")
    current.name, current.phone, current.email = name.strip(), phone.strip(), email.strip()
    current.version += 1
    current.full_clean()
    current.save()
    return current


@records_actor
@transaction.atomic
def user_set_password(*, actor, user: User, password: str) -> User:
    _require_manager(actor)
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    password_change_record(user=user)
    return user


def password_change_record(*, user: User) -> None:
    """The change log excludes the password field (see apps.py), so note the change by hand."""
    AuditEntry.objects.log_create(
        user, action=AuditEntry.Action.UPDATE, changes={"password": [PASSWORD_HIDDEN, PASSWORD_RESET]}
    )


@records_actor
@transaction.atomic
def user_set_active(*, actor, user: User, active: bool) -> User:
    _require_manager(actor)
    if user.pk == actor.pk:
        raise ValidationError(MSG_SELF_DEACTIVATE, code="self")
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user


def _validate_scope(role: str, zone, park, department, enterprise) -> None:
    scope = ROLE_SCOPE[Role(role)]
    if scope == Scope.NONE and any((zone, park, department, enterprise)):
        raise ValidationError(MSG_SCOPE_NONE, code="scope")
    if scope == Scope.ZONE and (zone is None or department or enterprise):
        raise ValidationError(MSG_SCOPE_ZONE, code="scope")
    if scope == Scope.DEPARTMENT and (department is None or zone or park or enterprise):
        raise ValidationError(MSG_SCOPE_DEPARTMENT, code="scope")
    if scope == Scope.ENTERPRISE and (enterprise is None or zone or park or department):
        raise ValidationError(MSG_SCOPE_ENTERPRISE, code="scope")
    if park is not None and park.zone_id != getattr(zone, "pk", None):
        raise ValidationError(MSG_PARK_OUTSIDE_ZONE, code="scope")


@records_actor
@transaction.atomic
def role_assign(*, actor, user: User, role: str, zone=None, park=None, department=None, enterprise=None) -> RoleAssignment:
    """Grant a role; refuses a second admin duty (三员分立) here and, as a backstop, in the database."""
    _require_manager(actor)
    if user.pk == actor.pk:
        raise ValidationError(MSG_SELF_ROLE, code="self")
    _validate_scope(role, zone, park, department, enterprise)
    if role in ADMIN_TRIO and RoleAssignment.objects.filter(user=user, role__in=ADMIN_TRIO).exists():
        raise ValidationError(MSG_ADMIN_TRIO, code="admin_trio")
    if RoleAssignment.objects.filter(
        user=user, role=role, zone=zone, department=department, enterprise=enterprise
    ).exists():
        raise ValidationError(MSG_DUPLICATE_ROLE, code="duplicate")
    assignment = RoleAssignment(
        user=user, role=role, zone=zone, park=park, department=department, enterprise=enterprise
    )
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as exc:
        # A concurrent grant got there first; the partial unique index keeps 三员分立 true.
        raise ValidationError(MSG_ADMIN_TRIO if role in ADMIN_TRIO else MSG_DUPLICATE_ROLE) from exc
    return assignment


@records_actor
@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    _require_manager(actor)
    if assignment.user_id == actor.pk:
        raise ValidationError(MSG_SELF_ROLE, code="self")
    assignment.delete()
