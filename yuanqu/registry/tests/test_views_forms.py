"""Creating and editing the five kinds of record through their pages."""

import pytest
from django import forms
from django.urls import reverse

from yuanqu.audit.models import AuditEntry
from yuanqu.common.services import MSG_STALE
from yuanqu.common.validators import MSG_CREDIT_CODE_CHECK, MSG_PHONE, credit_code_check_char
from yuanqu.registry.forms import MSG_DEPARTMENT_ZONE, MSG_PARENT_SELF, MSG_PARK_ZONE
from yuanqu.registry.models import Department, Enterprise, Official, Park, Zone
from yuanqu.registry.services import enterprise_update
from yuanqu.registry.views import MSG_SAVED
from yuanqu.testing.factories import make_credit_code

from .conftest import audit_actions

CREATE, UPDATE = AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE
GOOD_CODE = make_credit_code(90001)
# Django's own message for a choice not offered (a zone, park or department out of the user's scope).
INVALID_CHOICE = str(forms.ModelChoiceField.default_error_messages["invalid_choice"])


def enterprise_data(world, **over):
    data = {
        "name": "湖南创普开业科技有限公司", "credit_code": GOOD_CODE, "zone": world.zone_a.pk,
        "park": world.park_a.pk, "industry": "电子信息", "scale": "above", "address": "湘乡市",
        "contact_name": "李经理", "contact_phone": "13812345678", "note": "",
    }
    return {**data, **over}


def official_data(world, **over):
    data = {"name": "黄韧", "position": "党工委副书记、管委会主任", "unit": "", "zone": world.zone_a.pk,
            "department": world.dept_a.pk, "phone": "0731-58588888", "sort_order": 2}
    return {**data, **over}


def errors_of(response) -> dict:
    return response.context["form"].errors


# -- creating with good data ------------------------------------------------------------------

CREATIONS = [
    ("zone", "sysadmin", Zone, lambda w: {
        "name": "湖南湘乡经济开发区", "short_name": "湘乡经开区", "english_name": "XXJKQ", "level": "provincial",
        "kind": "economic", "slogan": "实力园区 活力园区 魅力园区", "hotline": "0731-56568888", "sort_order": 6}),
    ("park", "leader_a", Park, lambda w: {
        "zone": w.zone_a.pk, "name": "电子信息产业园一期", "parent": w.park_a.pk, "phase": 1, "industry": "电子信息",
        "description": "10万平方米厂房已建成交付使用"}),
    ("department", "leader_a", Department, lambda w: {"zone": w.zone_a.pk, "name": "区建设局", "kind": "office",
                                                      "phone": "0731-58581234"}),
    ("enterprise", "investor_a", Enterprise, enterprise_data),
    ("official", "clerk_a", Official, official_data),
]


@pytest.mark.parametrize("kind, persona, model, data", CREATIONS, ids=[c[0] for c in CREATIONS])
def test_a_good_create_saves_redirects_to_the_detail_and_is_audited(world, login, kind, persona, model, data):
    before = model.objects.count()
    client = login(persona)
    assert client.get(reverse(f"registry:{kind}_create")).status_code == 200
    response = client.post(reverse(f"registry:{kind}_create"), data(world))
    assert model.objects.count() == before + 1
    obj = model.objects.latest("id")
    assert response.status_code == 302
    assert response["Location"] == reverse(f"registry:{kind}_detail", args=[obj.pk])
    assert obj.version == 1
    assert audit_actions(obj) == [(CREATE, persona)]
    page = client.get(response["Location"])
    assert MSG_SAVED in page.content.decode()


EDITS = [
    ("zone", "leader_a", lambda w: w.zone_a, lambda w: {
        "name": w.zone_a.name, "short_name": w.zone_a.short_name, "english_name": "", "level": "national",
        "kind": "economic", "slogan": "大美九华 创业之家", "hotline": "0731-56568888", "sort_order": 1},
     "slogan", "大美九华 创业之家"),
    ("park", "leader_a", lambda w: w.park_a, lambda w: {
        "zone": w.zone_a.pk, "name": "甲电子信息产业园", "parent": "", "phase": "", "industry": "电子信息、电气装备",
        "description": ""}, "industry", "电子信息、电气装备"),
    ("department", "clerk_a", lambda w: w.dept_a, lambda w: {
        "zone": w.zone_a.pk, "name": "甲建设局", "kind": "office", "phone": "0731-58580000"}, "phone", "0731-58580000"),
    ("enterprise", "investor_a", lambda w: w.enterprise_a, lambda w: enterprise_data(
        w, name=w.enterprise_a.name, credit_code=w.enterprise_a.credit_code, scale="above"), "scale", "above"),
    ("official", "leader_a", lambda w: w.official_a, lambda w: official_data(
        w, name="甲干部", position="管委会副主任(常务)"), "position", "管委会副主任(常务)"),
]


@pytest.mark.parametrize("kind, persona, obj, data, field, value", EDITS, ids=[e[0] for e in EDITS])
def test_a_good_edit_saves_bumps_the_version_and_is_audited(world, login, kind, persona, obj, data, field, value):
    obj = obj(world)
    client = login(persona)
    url = reverse(f"registry:{kind}_edit", args=[obj.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["version"].value() == 1
    response = client.post(url, {**data(world), "version": 1})
    assert response.status_code == 302
    assert response["Location"] == reverse(f"registry:{kind}_detail", args=[obj.pk])
    obj.refresh_from_db()
    assert getattr(obj, field) == value
    assert obj.version == 2
    assert audit_actions(obj)[-1] == (UPDATE, persona)


# -- bad data: 400, a clear message, nothing saved ------------------------------------------------

def test_a_bad_credit_code_is_refused_with_the_expected_check_char(world, login):
    bad = GOOD_CODE[:17] + ("0" if GOOD_CODE[17] != "0" else "1")
    response = login("leader_a").post(reverse("registry:enterprise_create"), enterprise_data(world, credit_code=bad))
    assert response.status_code == 400
    message = MSG_CREDIT_CODE_CHECK.format(expected=credit_code_check_char(bad[:17]))
    assert errors_of(response)["credit_code"] == [message]
    assert message in response.content.decode()
    assert not Enterprise.objects.filter(name="湖南创普开业科技有限公司").exists()


def test_a_lower_case_credit_code_is_saved_in_upper_case(world, login):
    code = "91430300MA4L2L8P3" + credit_code_check_char("91430300MA4L2L8P3")
    response = login("leader_a").post(reverse("registry:enterprise_create"), enterprise_data(world, credit_code=code.lower()))
    assert response.status_code == 302
    assert Enterprise.objects.get(name="湖南创普开业科技有限公司").credit_code == code


def test_a_credit_code_already_registered_is_refused(world, login):
    response = login("leader_a").post(
        reverse("registry:enterprise_create"), enterprise_data(world, credit_code=world.enterprise_b.credit_code)
    )
    assert response.status_code == 400
    message = Enterprise._meta.constraints[0].violation_error_message
    assert message in response.context["form"].non_field_errors()
    assert message in response.content.decode()
    assert Enterprise.objects.count() == 2


def test_a_park_of_another_zone_is_refused(world, client, leader_ab):
    client.force_login(leader_ab)
    response = client.post(reverse("registry:enterprise_create"), enterprise_data(world, park=world.park_b.pk))
    assert response.status_code == 400
    assert errors_of(response)["park"] == [MSG_PARK_ZONE]
    assert MSG_PARK_ZONE in response.content.decode()
    assert Enterprise.objects.count() == 2


def test_a_parent_park_of_another_zone_is_refused(world, client, leader_ab):
    client.force_login(leader_ab)
    response = client.post(reverse("registry:park_create"), {
        "zone": world.zone_a.pk, "name": "一期", "parent": world.park_b.pk, "phase": 1})
    assert response.status_code == 400
    assert errors_of(response)["parent"] == [MSG_PARK_ZONE]
    assert not Park.objects.filter(name="一期").exists()


def test_a_park_cannot_be_its_own_parent(world, login):
    url = reverse("registry:park_edit", args=[world.park_a.pk])
    response = login("leader_a").post(url, {"zone": world.zone_a.pk, "name": world.park_a.name,
                                            "parent": world.park_a.pk, "version": 1})
    assert response.status_code == 400
    assert errors_of(response)["parent"] == [MSG_PARENT_SELF]
    world.park_a.refresh_from_db()
    assert (world.park_a.parent_id, world.park_a.version) == (None, 1)


def test_a_department_of_another_zone_is_refused(world, client, leader_ab):
    client.force_login(leader_ab)
    response = client.post(reverse("registry:official_create"), official_data(world, department=world.dept_b.pk))
    assert response.status_code == 400
    assert errors_of(response)["department"] == [MSG_DEPARTMENT_ZONE]
    assert not Official.objects.filter(name="黄韧").exists()


def test_a_duplicate_enterprise_name_is_refused(world, login):
    response = login("leader_a").post(
        reverse("registry:enterprise_create"), enterprise_data(world, name=world.enterprise_b.name)
    )
    assert response.status_code == 400
    assert errors_of(response)["name"] == ["具有 企业名称 的 企业 已存在。"]
    assert Enterprise.objects.filter(name=world.enterprise_b.name).count() == 1


@pytest.mark.parametrize("kind, name", [("park", "甲电子信息产业园"), ("department", "甲建设局")])
def test_a_duplicate_name_in_the_same_zone_is_refused(world, login, kind, name):
    model = {"park": Park, "department": Department}[kind]
    response = login("leader_a").post(reverse(f"registry:{kind}_create"), {"zone": world.zone_a.pk, "name": name, "kind": "office"})
    assert response.status_code == 400
    message = model._meta.constraints[0].violation_error_message
    assert message in response.context["form"].non_field_errors()
    assert message in response.content.decode()
    assert model.objects.filter(name=name).count() == 1


def test_the_same_park_name_in_another_zone_is_fine(world, login):
    response = login("leader_b").post(reverse("registry:park_create"), {"zone": world.zone_b.pk, "name": "甲电子信息产业园"})
    assert response.status_code == 302
    assert Park.objects.filter(name="甲电子信息产业园").count() == 2


def test_a_zone_outside_the_users_scope_cannot_be_chosen(world, login):
    response = login("leader_a").post(reverse("registry:enterprise_create"), enterprise_data(world, zone=world.zone_b.pk, park=""))
    assert response.status_code == 400
    assert errors_of(response)["zone"] == [INVALID_CHOICE]
    assert "请修改下面标红的内容后再保存。" in response.content.decode()
    assert Enterprise.objects.count() == 2


def test_a_record_cannot_be_moved_to_a_zone_outside_the_users_scope(world, login):
    url = reverse("registry:enterprise_edit", args=[world.enterprise_a.pk])
    data = enterprise_data(world, name=world.enterprise_a.name, credit_code=world.enterprise_a.credit_code,
                           zone=world.zone_b.pk, park="", version=1)
    response = login("leader_a").post(url, data)
    assert response.status_code == 400
    assert errors_of(response)["zone"] == [INVALID_CHOICE]
    world.enterprise_a.refresh_from_db()
    assert (world.enterprise_a.zone_id, world.enterprise_a.version) == (world.zone_a.pk, 1)


def test_a_bad_phone_is_refused(world, login):
    response = login("leader_a").post(reverse("registry:enterprise_create"), enterprise_data(world, contact_phone="1381234123"))
    assert response.status_code == 400
    assert errors_of(response)["contact_phone"] == [MSG_PHONE]


def test_a_required_field_left_empty_is_refused(world, login):
    response = login("leader_a").post(reverse("registry:official_create"), official_data(world, position=""))
    assert response.status_code == 400
    assert errors_of(response)["position"] == ["这个字段是必填项。"]
    assert not Official.objects.filter(name="黄韧").exists()


# -- concurrent edits -----------------------------------------------------------------------

def test_a_stale_edit_is_refused_and_does_not_overwrite(world, login):
    enterprise = world.enterprise_a
    client = login("leader_a")
    url = reverse("registry:enterprise_edit", args=[enterprise.pk])
    opened_at = client.get(url).context["form"]["version"].value()
    # Someone else saves while the page is open.
    enterprise_update(actor=world["clerk_a"], enterprise=enterprise, version=opened_at,
                      data={"industry": "电气装备"})
    data = enterprise_data(world, name=enterprise.name, credit_code=enterprise.credit_code,
                           industry="新材料", version=opened_at)
    response = client.post(url, data)
    assert response.status_code == 400
    assert MSG_STALE in response.context["form"].non_field_errors()
    assert MSG_STALE in response.content.decode()
    enterprise.refresh_from_db()
    assert (enterprise.industry, enterprise.version) == ("电气装备", 2)
    assert [a for a, _ in audit_actions(enterprise)] == [CREATE, UPDATE]


def test_a_stale_zone_edit_is_refused(world, login):
    zone = world.zone_a
    Zone.objects.filter(pk=zone.pk).update(version=5)
    url = reverse("registry:zone_edit", args=[zone.pk])
    response = login("leader_a").post(url, {"name": zone.name, "short_name": zone.short_name, "level": "national",
                                            "kind": "economic", "slogan": "旧页面", "sort_order": 1, "version": 4})
    assert response.status_code == 400
    assert MSG_STALE in response.context["form"].non_field_errors()
    zone.refresh_from_db()
    assert (zone.slogan, zone.version) == ("", 5)
