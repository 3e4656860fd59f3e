"""Writes on users and roles (accounts/services.py): 三员分立, role scopes, who may call them."""

import pytest
from django.contrib.auth.hashers import check_password
from django.core.exceptions import PermissionDenied, ValidationError

from yuanqu.accounts import services
from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.accounts.passwords import MSG_CHARACTER_CLASSES
from yuanqu.testing.factories import PASSWORD
from yuanqu.testing.personas import PERSONAS


@pytest.fixture
def sec(world):
    return world["secadmin"]


def refused(exc_info) -> list[str]:
    return exc_info.value.messages


# -- 三员分立 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("held, wanted", [
    ("sysadmin", "secadmin"), ("sysadmin", "auditor"), ("auditor", "sysadmin"), ("auditor", "secadmin"),
])
def test_second_admin_duty_is_refused_and_nothing_saved(world, sec, held, wanted):
    user = world[held]
    with pytest.raises(ValidationError) as exc:
        services.role_assign(actor=sec, user=user, role=wanted)
    assert refused(exc) == [services.MSG_ADMIN_TRIO]
    assert list(user.roles.values_list("role", flat=True)) == [held]


def test_admin_duty_goes_to_a_user_without_one(world, sec):
    assignment = services.role_assign(actor=sec, user=world["nobody"], role="auditor")
    assert (assignment.user, assignment.role) == (world["nobody"], "auditor")


def test_admin_duty_may_sit_beside_an_ordinary_role(world, sec):
    services.role_assign(actor=sec, user=world["leader_a"], role="sysadmin")
    assert set(world["leader_a"].roles.values_list("role", flat=True)) == {"leader", "sysadmin"}


def test_admin_duty_can_be_moved_after_revoking_the_old_one(world, sec):
    auditor = world["auditor"]
    services.role_revoke(actor=sec, assignment=auditor.roles.get())
    services.role_assign(actor=sec, user=auditor, role="sysadmin")
    assert list(auditor.roles.values_list("role", flat=True)) == ["sysadmin"]


# -- role scopes -------------------------------------------------------------------------------


def test_zone_role_without_zone_is_refused(world, sec):
    with pytest.raises(ValidationError) as exc:
        services.role_assign(actor=sec, user=world["nobody"], role="leader")
    assert refused(exc) == [services.MSG_SCOPE_ZONE]
    assert not world["nobody"].roles.exists()


def test_zone_role_with_a_department_is_refused(world, sec):
    with pytest.raises(ValidationError) as exc:
        services.role_assign(actor=sec, user=world["nobody"], role="leader", zone=world.zone_a, department=world.dept_a)
    assert refused(exc) == [services.MSG_SCOPE_ZONE]


def test_department_role_without_department_is_refused(world, sec):
    with pytest.raises(ValidationError) as exc:
        services.role_assign(actor=sec, user=world["nobody"], role="dept", zone=world.zone_a)
    assert refused(exc) == [services.MSG_SCOPE_DEPARTMENT]


def test_enterprise_role_without_enterprise_is_refused(world, sec):
    with pytest.raises(ValidationError) as exc:
        services.role_assign(actor=sec, user=world["nobody"], role="enterprise")
    assert refused(exc) == [services.MSG_SCOPE_ENTERPRISE]


def test_citywide_role_with_a_zone_is_refused(world, sec):
    with pytest.raises(ValidationError) as exc:
        services.role_assign(actor=sec, user=world["nobody"], role="city", zone=world.zone_a)
    assert refused(exc) == [services.MSG_SCOPE_NONE]


def test_admin_duty_with_a_zone_is_refused(world, sec):
    with pytest.raises(ValidationError) as exc:
        services.role_assign(actor=sec, user=world["nobody"], role="auditor", zone=world.zone_a)
    assert refused(exc) == [services.MSG_SCOPE_NONE]


def test_park_outside_the_zone_is_refused(world, sec):
    with pytest.raises(ValidationError) as exc:
        services.role_assign(actor=sec, user=world["nobody"], role="leader", zone=world.zone_a, park=world.park_b)
    assert refused(exc) == [services.MSG_PARK_OUTSIDE_ZONE]


def test_zone_role_may_be_limited_to_a_park_of_the_zone(world, sec):
    a = services.role_assign(actor=sec, user=world["nobody"], role="clerk", zone=world.zone_a, park=world.park_a)
    assert (a.zone, a.park) == (world.zone_a, world.park_a)


@pytest.mark.parametrize("role, scope", [
    ("dept", {"department": "dept_b"}), ("enterprise", {"enterprise": "enterprise_b"}),
    ("mentor", {"zone": "zone_b"}), ("city", {}),
])
def test_each_scope_shape_is_accepted(world, sec, role, scope):
    kwargs = {k: getattr(world, v) for k, v in scope.items()}
    a = services.role_assign(actor=sec, user=world["nobody"], role=role, **kwargs)
    assert RoleAssignment.objects.filter(pk=a.pk, role=role, **kwargs).exists()


def test_same_role_in_the_same_scope_is_refused(world, sec):
    with pytest.raises(ValidationError) as exc:
        services.role_assign(actor=sec, user=world["leader_a"], role="leader", zone=world.zone_a)
    assert refused(exc) == [services.MSG_DUPLICATE_ROLE]
    assert world["leader_a"].roles.count() == 1


def test_same_citywide_role_twice_is_refused(world, sec):
    # NULL scopes are distinct to the database's unique index, so only the service catches this one.
    with pytest.raises(ValidationError) as exc:
        services.role_assign(actor=sec, user=world["city"], role="city")
    assert refused(exc) == [services.MSG_DUPLICATE_ROLE]


def test_same_role_in_another_zone_is_granted(world, sec):
    services.role_assign(actor=sec, user=world["leader_a"], role="leader", zone=world.zone_b)
    assert world["leader_a"].roles.count() == 2


# -- who may call them ---------------------------------------------------------------------------

NOT_SEC = [p for p in PERSONAS if p != "secadmin"]


@pytest.mark.parametrize("persona", NOT_SEC)
def test_only_the_security_admin_may_grant_roles(world, persona):
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=world[persona], user=world["nobody"], role="city")
    assert not world["nobody"].roles.exists()


@pytest.mark.parametrize("call", [
    lambda w, actor: services.user_create(actor=actor, username="newbie", name="新人", password="Xiangtan#2021"),
    lambda w, actor: services.user_update(actor=actor, user=w["nobody"], version=1, name="改名"),
    lambda w, actor: services.user_set_password(actor=actor, user=w["nobody"], password="Xiangtan#2021"),
    lambda w, actor: services.user_set_active(actor=actor, user=w["nobody"], active=False),
    lambda w, actor: services.role_revoke(actor=actor, assignment=w["leader_b"].roles.get()),
], ids=["user_create", "user_update", "user_set_password", "user_set_active", "role_revoke"])
@pytest.mark.parametrize("persona", ["sysadmin", "auditor", "leader_a", "nobody"])
def test_only_the_security_admin_may_manage_users(world, call, persona):
    with pytest.raises(PermissionDenied):
        call(world, world[persona])
    nobody = User.objects.get(username="nobody")
    assert (nobody.name, nobody.is_active, nobody.version) == ("nobody", True, 1)
    assert check_password(PASSWORD, nobody.password)
    assert not User.objects.filter(username="newbie").exists()
    assert world["leader_b"].roles.exists()


def test_deactivated_security_admin_may_not_manage(world, sec):
    sec.is_active = False
    sec.save()
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=sec, user=world["nobody"], role="city")


def test_security_admin_cannot_grant_itself_a_role(world, sec):
    with pytest.raises(ValidationError) as exc:
        services.role_assign(actor=sec, user=sec, role="leader", zone=world.zone_a)
    assert refused(exc) == [services.MSG_SELF_ROLE]
    assert list(sec.roles.values_list("role", flat=True)) == ["secadmin"]


def test_security_admin_cannot_revoke_its_own_role(world, sec):
    with pytest.raises(ValidationError) as exc:
        services.role_revoke(actor=sec, assignment=sec.roles.get())
    assert refused(exc) == [services.MSG_SELF_ROLE]
    assert sec.roles.exists()


def test_security_admin_cannot_deactivate_itself(world, sec):
    with pytest.raises(ValidationError) as exc:
        services.user_set_active(actor=sec, user=sec, active=False)
    assert refused(exc) == [services.MSG_SELF_DEACTIVATE]
    sec.refresh_from_db()
    assert sec.is_active


# -- users -------------------------------------------------------------------------------------


def test_user_create_saves_a_user_with_a_hashed_password(world, sec):
    user = services.user_create(actor=sec, username=" newbie ", name=" 新人 ", password="Xiangtan#2021", phone="13800001111")
    user.refresh_from_db()
    assert (user.username, user.name, user.phone, user.is_active) == ("newbie", "新人", "13800001111", True)
    assert user.check_password("Xiangtan#2021")
    assert not user.roles.exists()


def test_user_create_enforces_the_password_policy(world, sec):
    with pytest.raises(ValidationError) as exc:
        services.user_create(actor=sec, username="newbie", name="新人", password="xiangtanpark")
    assert MSG_CHARACTER_CLASSES.format(n=3) in refused(exc)
    assert not User.objects.filter(username="newbie").exists()


def test_user_create_refuses_a_password_like_the_username(world, sec):
    with pytest.raises(ValidationError) as exc:
        services.user_create(actor=sec, username="wanglei", name="王磊", password="Wanglei#1")
    assert exc.value.error_list[0].code == "password_too_similar"
    assert not User.objects.filter(username="wanglei").exists()


def test_user_create_refuses_a_taken_username(world, sec):
    with pytest.raises(ValidationError):
        services.user_create(actor=sec, username="leader_a", name="重名", password="Xiangtan#2021")
    assert User.objects.filter(username="leader_a").count() == 1


def test_user_update_saves_and_bumps_the_version(world, sec):
    user = services.user_update(actor=sec, user=world["nobody"], version=1, name="新名字", phone="13800001111")
    user.refresh_from_db()
    assert (user.name, user.phone, user.version) == ("新名字", "13800001111", 2)


def test_user_update_with_a_stale_version_is_refused_and_not_saved(world, sec):
    services.user_update(actor=sec, user=world["nobody"], version=1, name="先到的")
    with pytest.raises(ValidationError) as exc:
        services.user_update(actor=sec, user=world["nobody"], version=1, name="后到的")
    assert refused(exc) == [services.MSG_STALE]
    assert User.objects.get(username="nobody").name == "先到的"


def test_user_set_password_enforces_the_policy(world, sec):
    with pytest.raises(ValidationError):
        services.user_set_password(actor=sec, user=world["nobody"], password="short")
    assert User.objects.get(username="nobody").check_password(PASSWORD)


def test_user_set_password_sets_it(world, sec):
    services.user_set_password(actor=sec, user=world["nobody"], password="Xiangtan#2021")
    assert User.objects.get(username="nobody").check_password("Xiangtan#2021")


def test_user_set_active_deactivates_and_reactivates(world, sec):
    services.user_set_active(actor=sec, user=world["leader_a"], active=False)
    assert not User.objects.get(username="leader_a").is_active
    services.user_set_active(actor=sec, user=world["leader_a"], active=True)
    assert User.objects.get(username="leader_a").is_active


def test_role_revoke_removes_the_role(world, sec):
    services.role_revoke(actor=sec, assignment=world["leader_b"].roles.get())
    assert not world["leader_b"].roles.exists()
