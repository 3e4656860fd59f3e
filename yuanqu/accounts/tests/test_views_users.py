"""The security admin's pages: create, edit, reset the password, (de)activate, grant and revoke roles."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuanqu.accounts import services
from yuanqu.accounts.forms import UserCreateForm
from yuanqu.accounts.models import User
from yuanqu.accounts.passwords import MSG_CHARACTER_CLASSES, MSG_TOO_SHORT
from yuanqu.testing.factories import PASSWORD, UserFactory, grant

GOOD = "Xiangtan#2021"


@pytest.fixture
def sec(login):
    return login("secadmin")


def page(response) -> str:
    return html.unescape(response.content.decode())


def url(name, user, **kw):
    return reverse(f"accounts:{name}", kwargs={"pk": user.pk, **kw})


# -- create ------------------------------------------------------------------------------------


def test_create_page_shows_the_form(sec):
    response = sec.get(reverse("accounts:user_create"))
    assert response.status_code == 200
    assert 'name="username"' in page(response)


def test_create_user_redirects_to_its_page(sec):
    data = {"username": "wang.lei", "name": "王磊", "phone": "13800001111", "email": "", "password": GOOD}
    response = sec.post(reverse("accounts:user_create"), data)
    user = User.objects.get(username="wang.lei")
    assert response.status_code == 302
    assert response["Location"] == url("user_detail", user)
    assert (user.name, user.phone) == ("王磊", "13800001111")
    assert user.check_password(GOOD)


@pytest.mark.parametrize("data, message", [
    ({"username": "wang lei"}, UserCreateForm.base_fields["username"].error_messages["invalid"]),
    ({"username": "LEADER_A"}, "该用户名已被使用。"),
    ({"password": "Ab1!x"}, MSG_TOO_SHORT.format(n=8)),
    ({"password": "xiangtanpark"}, MSG_CHARACTER_CLASSES.format(n=3)),
    ({"password": "Wanglei#1"}, "密码跟 用户名 太相似了。"),
    ({"name": ""}, "这个字段是必填项。"),
    ({"email": "not-an-email"}, "输入一个有效的 Email 地址。"),
])
def test_create_user_with_bad_input_shows_why_and_saves_nothing(sec, data, message):
    before = User.objects.count()
    form = {"username": "wanglei", "name": "王磊", "phone": "", "email": "", "password": GOOD, **data}
    response = sec.post(reverse("accounts:user_create"), form)
    assert response.status_code == 400
    assert message in page(response)
    assert User.objects.count() == before


# -- edit ----------------------------------------------------------------------------------------


def test_edit_user_saves_and_redirects(sec, world):
    nobody = world["nobody"]
    response = sec.post(url("user_edit", nobody), {"version": 1, "name": "新名字", "phone": "", "email": "n@example.com"})
    assert response.status_code == 302
    nobody.refresh_from_db()
    assert (nobody.name, nobody.email, nobody.version) == ("新名字", "n@example.com", 2)


def test_edit_with_a_stale_version_is_refused_and_not_saved(sec, world):
    nobody = world["nobody"]
    services.user_update(actor=world["secadmin"], user=nobody, version=1, name="先到的")
    response = sec.post(url("user_edit", nobody), {"version": 1, "name": "后到的", "phone": "", "email": ""})
    assert response.status_code == 400
    assert services.MSG_STALE in page(response)
    nobody.refresh_from_db()
    assert (nobody.name, nobody.version) == ("先到的", 2)


def test_edit_url_refuses_get(sec, world):
    assert sec.get(url("user_edit", world["nobody"])).status_code == 405


# -- password ------------------------------------------------------------------------------------


def test_reset_password_sets_it(sec, world):
    response = sec.post(url("user_password", world["nobody"]), {"password": GOOD})
    assert response.status_code == 302
    assert User.objects.get(username="nobody").check_password(GOOD)


def test_reset_password_enforces_the_policy(sec, world):
    response = sec.post(url("user_password", world["nobody"]), {"password": "xiangtanpark"})
    assert response.status_code == 400
    assert MSG_CHARACTER_CLASSES.format(n=3) in page(response)
    assert User.objects.get(username="nobody").check_password(PASSWORD)


# -- active --------------------------------------------------------------------------------------


def test_deactivate_user(sec, world):
    response = sec.post(url("user_active", world["leader_a"]), {"active": "0"}, follow=True)
    assert "已停用该账号。" in page(response)
    assert not User.objects.get(username="leader_a").is_active


def test_reactivate_user(sec, world):
    User.objects.filter(username="leader_a").update(is_active=False)
    response = sec.post(url("user_active", world["leader_a"]), {"active": "1"}, follow=True)
    assert "已启用该账号。" in page(response)
    assert User.objects.get(username="leader_a").is_active


def test_deactivated_user_is_signed_out_of_its_open_session(sec, login, world):
    client = login("leader_a")
    sec.post(url("user_active", world["leader_a"]), {"active": "0"})
    assert client.get(reverse("dashboard:home")).status_code == 302


def test_security_admin_cannot_deactivate_itself_through_the_page(sec, world):
    response = sec.post(url("user_active", world["secadmin"]), {"active": "0"}, follow=True)
    assert services.MSG_SELF_DEACTIVATE in page(response)
    assert User.objects.get(username="secadmin").is_active


# -- roles ---------------------------------------------------------------------------------------


def test_grant_role_through_the_page(sec, world):
    response = sec.post(url("role_assign", world["nobody"]), {"role": "leader", "zone": world.zone_a.pk})
    assert response.status_code == 302
    assert list(world["nobody"].roles.values_list("role", "zone")) == [("leader", world.zone_a.pk)]


def test_grant_second_admin_duty_through_the_page_is_refused(sec, world):
    response = sec.post(url("role_assign", world["auditor"]), {"role": "sysadmin"})
    assert response.status_code == 400
    assert services.MSG_ADMIN_TRIO in page(response)
    assert list(world["auditor"].roles.values_list("role", flat=True)) == ["auditor"]


def test_grant_zone_role_without_zone_through_the_page_is_refused(sec, world):
    response = sec.post(url("role_assign", world["nobody"]), {"role": "leader"})
    assert response.status_code == 400
    assert services.MSG_SCOPE_ZONE in page(response)
    assert not world["nobody"].roles.exists()


def test_grant_own_role_through_the_page_is_refused(sec, world):
    response = sec.post(url("role_assign", world["secadmin"]), {"role": "city"})
    assert response.status_code == 400
    assert services.MSG_SELF_ROLE in page(response)


def test_revoke_role_through_the_page(sec, world):
    assignment = world["leader_b"].roles.get()
    response = sec.post(url("role_revoke", world["leader_b"], assignment_pk=assignment.pk))
    assert response.status_code == 302
    assert not world["leader_b"].roles.exists()


def test_revoke_needs_the_assignment_to_belong_to_the_user_in_the_url(sec, world):
    assignment = world["leader_b"].roles.get()
    response = sec.post(url("role_revoke", world["nobody"], assignment_pk=assignment.pk))
    assert response.status_code == 404
    assert world["leader_b"].roles.exists()


def test_revoked_role_takes_effect_on_the_next_request(sec, login, world):
    client = login("auditor")
    assert client.get(reverse("audit:entry_list")).status_code == 200
    sec.post(url("role_revoke", world["auditor"], assignment_pk=world["auditor"].roles.get().pk))
    assert client.get(reverse("audit:entry_list")).status_code == 403


# -- list ----------------------------------------------------------------------------------------


def test_user_list_searches_by_name_and_filters_by_role(sec, world):
    found = page(sec.get(reverse("accounts:user_list"), {"q": "leader"}))
    assert "leader_a" in found and "leader_b" in found and "clerk_a" not in found
    found = page(sec.get(reverse("accounts:user_list"), {"role": "auditor"}))
    assert ">auditor<" in found and ">leader_a<" not in found


def test_user_list_query_count_does_not_grow_with_users(sec, world):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert sec.get(reverse("accounts:user_list")).status_code == 200
        return len(ctx)

    count()  # the first request of a session also stamps it (IdleTimeoutMiddleware)
    baseline = count()
    for i in range(20):
        user = UserFactory()
        grant(user, "leader", zone=world.zone_a if i % 2 else world.zone_b)
        grant(user, "enterprise" if i % 2 else "dept",
              **({"enterprise": world.enterprise_a} if i % 2 else {"department": world.dept_b}))
    assert count() == baseline
