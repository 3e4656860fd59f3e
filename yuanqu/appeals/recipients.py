"""Who hears of an appeal's steps: the users holding a role over its enterprise, departments or zone."""

from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.accounts.roles import Role


def _users(**filters) -> list:
    ids = RoleAssignment.objects.filter(**filters).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def enterprise_users(appeal) -> list:
    return _users(role=Role.ENTERPRISE, enterprise_id=appeal.enterprise_id)


def department_users(*department_ids) -> list:
    ids = [d for d in department_ids if d]
    return _users(role=Role.DEPT, department_id__in=ids) if ids else []


def lead_users(appeal) -> list:
    return department_users(appeal.lead_department_id)


def handler_users(appeal) -> list:
    """The lead and co-departments' staff."""
    co = list(appeal.co_departments.values_list("pk", flat=True)) if appeal.pk else []
    return department_users(appeal.lead_department_id, *co)


def zone_leaders(zone_id) -> list:
    return _users(role=Role.LEADER, zone_id=zone_id)


def city_users() -> list:
    return _users(role=Role.CITY)
