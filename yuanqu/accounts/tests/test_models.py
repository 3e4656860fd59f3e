"""What the database itself refuses about role assignments, whatever code writes them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from yuanqu.accounts.models import RoleAssignment


def db_refuses(**fields) -> bool:
    try:
        with transaction.atomic():
            RoleAssignment.objects.create(**fields)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize("held, wanted", [("sysadmin", "secadmin"), ("secadmin", "auditor"), ("auditor", "sysadmin")])
def test_database_refuses_a_second_admin_duty(world, held, wanted):
    user = world[held]
    assert db_refuses(user=user, role=wanted)
    assert list(user.roles.values_list("role", flat=True)) == [held]


def test_database_allows_ordinary_roles_beside_an_admin_duty(world):
    assert not db_refuses(user=world["sysadmin"], role="leader", zone=world.zone_a)


@pytest.mark.parametrize("role, scope", [
    ("leader", {}),                                   # zone role without zone
    ("leader", {"zone": "zone_a", "department": "dept_a"}),
    ("dept", {}),                                     # department role without department
    ("dept", {"department": "dept_a", "zone": "zone_a"}),
    ("dept", {"department": "dept_a", "park": "park_a"}),
    ("enterprise", {}),                               # enterprise role without enterprise
    ("enterprise", {"enterprise": "enterprise_a", "zone": "zone_a"}),
    ("city", {"zone": "zone_a"}),                     # citywide role with a scope
    ("city", {"park": "park_a"}),
    ("auditor", {"enterprise": "enterprise_a"}),
])
def test_database_refuses_a_role_in_the_wrong_shape_of_scope(world, role, scope):
    kwargs = {k: getattr(world, v) for k, v in scope.items()}
    assert db_refuses(user=world["nobody"], role=role, **kwargs)
    assert not world["nobody"].roles.exists()


@pytest.mark.parametrize("role, scope", [
    ("leader", {"zone": "zone_a"}),
    ("clerk", {"zone": "zone_a", "park": "park_a"}),
    ("dept", {"department": "dept_a"}),
    ("enterprise", {"enterprise": "enterprise_a"}),
    ("city", {}),
])
def test_database_accepts_each_right_shape(world, role, scope):
    kwargs = {k: getattr(world, v) for k, v in scope.items()}
    assert not db_refuses(user=world["nobody"], role=role, **kwargs)


def test_database_refuses_the_same_role_twice_in_one_zone(world):
    assert db_refuses(user=world["leader_a"], role="leader", zone=world.zone_a)
    assert world["leader_a"].roles.count() == 1


def test_database_refuses_the_same_role_twice_for_one_department(world):
    assert db_refuses(user=world["dept_a"], role="dept", department=world.dept_a)


def test_database_refuses_the_same_citywide_role_twice(world):
    assert db_refuses(user=world["city"], role="city")


def test_database_allows_the_same_role_in_another_zone(world):
    assert not db_refuses(user=world["leader_a"], role="leader", zone=world.zone_b)


def test_model_validation_reports_a_duplicate_role_in_chinese(world):
    with pytest.raises(ValidationError) as exc:
        RoleAssignment(user=world["leader_a"], role="leader", zone=world.zone_a).full_clean()
    assert exc.value.messages == ["该用户已有相同范围的此角色。"]


def test_model_validation_names_the_constraints_in_chinese(world):
    assignment = RoleAssignment(user=world["nobody"], role="leader")
    with pytest.raises(ValidationError) as exc:
        assignment.full_clean()
    assert "角色的范围不符:园区类角色需指定园区,部门角色需指定部门,企业用户需指定企业。" in exc.value.messages


def test_scope_label_names_the_narrowest_scope(world):
    labels = {a.user.username: a.scope_label for a in RoleAssignment.objects.select_related(
        "user", "zone", "park", "department", "enterprise")}
    assert labels["city"] == "全市"
    assert labels["leader_a"] == "甲园区"
    assert labels["dept_a"] == "甲建设局"
    assert labels["enterprise_a"] == "湖南甲科技有限公司"
