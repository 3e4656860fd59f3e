"""Lists, search, filters, pagination, phone masking and Excel export of the registry."""

import pytest
from django.urls import reverse

from yuanqu.audit.models import SecurityEvent
from yuanqu.common.views import PER_PAGE
from yuanqu.registry.models import Enterprise
from yuanqu.testing.factories import EnterpriseFactory, OfficialFactory, ParkFactory, UserFactory, grant

from .conftest import sheet_rows

FULL, MASKED = "13812341234", "138****1234"  # enterprise A's contact phone
OFFICIAL_FULL, OFFICIAL_MASKED = "13912345678", "139****5678"


def names_in(response) -> list[str]:
    return [row["cells"][0] for row in response.context["table"].rows]


# -- search, filters, pagination ---------------------------------------------------------------

def test_search_finds_by_name_credit_code_industry_or_contact(world, login):
    EnterpriseFactory(zone=world.zone_a, name="湖南振添光学玻璃科技有限公司", industry="光学玻璃", contact_name="赵经理")
    client = login("city")
    url = reverse("registry:enterprise_list")
    assert names_in(client.get(url, {"q": "振添"})) == ["湖南振添光学玻璃科技有限公司"]
    assert names_in(client.get(url, {"q": "光学"})) == ["湖南振添光学玻璃科技有限公司"]
    assert names_in(client.get(url, {"q": "赵经理"})) == ["湖南振添光学玻璃科技有限公司"]
    assert names_in(client.get(url, {"q": world.enterprise_b.credit_code})) == [world.enterprise_b.name]
    assert names_in(client.get(url, {"q": " 振添 "})) == ["湖南振添光学玻璃科技有限公司"]


def test_an_empty_result_says_nothing_matches_and_how_to_clear(world, login):
    response = login("city").get(reverse("registry:enterprise_list"), {"q": "不存在的企业"})
    assert names_in(response) == []
    assert "没有符合条件的企业" in response.content.decode()


def test_filters_by_zone_and_scale(world, login):
    EnterpriseFactory(zone=world.zone_a, name="湖南规上企业", scale="above")
    client = login("city")
    url = reverse("registry:enterprise_list")
    assert names_in(client.get(url, {"zone": world.zone_b.pk})) == [world.enterprise_b.name]
    assert names_in(client.get(url, {"zone": world.zone_a.pk, "scale": "above"})) == ["湖南规上企业"]
    assert names_in(client.get(url, {"scale": "below"})) == [world.enterprise_a.name, world.enterprise_b.name]


def test_a_zone_filter_outside_the_scope_lists_nothing(world, login):
    response = login("leader_a").get(reverse("registry:enterprise_list"), {"zone": world.zone_b.pk})
    assert response.status_code == 200
    assert names_in(response) == []


def test_the_enterprise_filter_by_a_park_includes_its_phases(world, login):
    phase = ParkFactory(zone=world.zone_a, parent=world.park_a, name="甲电子信息产业园一期", phase=1)
    other = ParkFactory(zone=world.zone_a, name="甲电力科技产业园")
    EnterpriseFactory(zone=world.zone_a, park=phase, name="湖南创普开业科技有限公司")
    EnterpriseFactory(zone=world.zone_a, park=other, name="湘乡电力")
    client = login("leader_a")
    url = reverse("registry:enterprise_list")
    assert names_in(client.get(url, {"park": world.park_a.pk})) == [world.enterprise_a.name, "湖南创普开业科技有限公司"]
    assert names_in(client.get(url, {"park": phase.pk})) == ["湖南创普开业科技有限公司"]
    assert names_in(client.get(url, {"park": other.pk})) == ["湘乡电力"]


def test_the_park_detail_lists_the_enterprises_of_its_phases(world, login):
    phase = ParkFactory(zone=world.zone_a, parent=world.park_a, name="甲电子信息产业园二期", phase=2)
    EnterpriseFactory(zone=world.zone_a, park=phase, name="湘君子电子")
    response = login("leader_a").get(reverse("registry:park_detail", args=[world.park_a.pk]))
    sections = {title: [r["cells"][0] for r in table.rows] for title, table, _ in response.context["sections"]}
    assert sections == {"分期": ["甲电子信息产业园二期"], "入园企业": [world.enterprise_a.name, "湘君子电子"]}


def test_other_lists_filter_and_search(world, login):
    client = login("city")
    assert names_in(client.get(reverse("registry:zone_list"), {"q": "甲"})) == ["甲园区"]
    assert names_in(client.get(reverse("registry:zone_list"), {"kind": "high_tech"})) == ["乙园区"]
    assert names_in(client.get(reverse("registry:park_list"), {"zone": world.zone_b.pk})) == ["乙电力科技产业园"]
    assert names_in(client.get(reverse("registry:department_list"), {"kind": "stationed"})) == ["乙交警大队"]
    assert names_in(client.get(reverse("registry:official_list"), {"department": world.dept_a.pk})) == ["甲干部"]


def test_a_list_is_paginated(world, login):
    for i in range(PER_PAGE + 3):
        EnterpriseFactory(zone=world.zone_a, name=f"湖南分页测试企业{i:02d}")
    client = login("leader_a")
    url = reverse("registry:enterprise_list")
    first = client.get(url, {"q": "分页"})
    assert len(names_in(first)) == PER_PAGE
    assert first.context["page"].paginator.count == PER_PAGE + 3
    body = first.content.decode()
    assert 'href="?q=%E5%88%86%E9%A1%B5&page=2"' in body  # the next page keeps the search
    assert 'href="/registry/enterprises/export.xlsx?q=%E5%88%86%E9%A1%B5"' in body  # and so does the export
    second = client.get(url, {"q": "分页", "page": 2})
    assert names_in(second) == [f"湖南分页测试企业{i:02d}" for i in range(PER_PAGE, PER_PAGE + 3)]
    assert names_in(client.get(url, {"q": "分页", "page": 99})) == names_in(second)  # past the end: last page


def test_an_htmx_request_gets_only_the_table(world, login):
    response = login("leader_a").get(reverse("registry:enterprise_list"), headers={"HX-Request": "true", "HX-Target": "list-table"})
    assert [t.name for t in response.templates][0] == "registry/_list_table.html"
    assert "<html" not in response.content.decode()


# -- what each user sees ---------------------------------------------------------------------

def test_a_leader_sees_only_its_zone(world, login):
    response = login("leader_a").get(reverse("registry:enterprise_list"))
    assert names_in(response) == [world.enterprise_a.name]


def test_an_enterprise_user_sees_only_its_own_enterprise(world, login):
    EnterpriseFactory(zone=world.zone_a, name="湖南甲园区另一家企业")
    client = login("enterprise_a")
    assert names_in(client.get(reverse("registry:enterprise_list"))) == [world.enterprise_a.name]
    assert client.get(reverse("registry:enterprise_detail", args=[world.enterprise_a.pk])).status_code == 200
    other = Enterprise.objects.get(name="湖南甲园区另一家企业")
    assert client.get(reverse("registry:enterprise_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("registry:enterprise_detail", args=[world.enterprise_b.pk])).status_code == 404
    rows = sheet_rows(client.get(reverse("registry:enterprise_export")))
    assert [r[0] for r in rows[1:]] == [world.enterprise_a.name]


def test_a_department_user_sees_its_departments_zone(world, login):
    client = login("dept_a")
    assert names_in(client.get(reverse("registry:enterprise_list"))) == [world.enterprise_a.name]
    assert names_in(client.get(reverse("registry:official_list"))) == ["甲干部"]


# -- phone numbers: masked in lists, shown in full on request and audited ---------------------------

def test_lists_show_masked_phones(world, login):
    for persona in ("leader_a", "city"):
        body = login(persona).get(reverse("registry:enterprise_list")).content.decode()
        assert MASKED in body and FULL not in body
        body = login(persona).get(reverse("registry:official_list")).content.decode()
        assert OFFICIAL_MASKED in body and OFFICIAL_FULL not in body


def test_a_detail_page_shows_the_phone_masked_with_a_button_for_staff(world, login):
    url = reverse("registry:enterprise_detail", args=[world.enterprise_a.pk])
    body = login("leader_a").get(url).content.decode()
    assert MASKED in body and FULL not in body
    assert "显示完整号码" in body
    body = login("city").get(url).content.decode()  # the city viewer may not see phone numbers
    assert MASKED in body and FULL not in body
    assert "显示完整号码" not in body


@pytest.mark.parametrize("kind, attr, full", [("enterprise", "enterprise_a", FULL), ("official", "official_a", OFFICIAL_FULL)])
def test_showing_the_full_number_returns_it_and_records_an_unmask_event(world, login, kind, attr, full):
    obj = getattr(world, attr)
    response = login("dept_a").post(reverse(f"registry:{kind}_phone", args=[obj.pk]))
    assert response.status_code == 200
    assert response.content.decode() == f'<span class="phone">{full}</span>'
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.UNMASK)
    assert event.actor == world["dept_a"]
    assert event.detail == {"what": kind, "object_id": obj.pk, "object": str(obj)}


def test_showing_the_full_number_is_post_only_and_refused_out_of_scope(world, login):
    url = reverse("registry:enterprise_phone", args=[world.enterprise_a.pk])
    assert login("leader_a").get(url).status_code == 405
    assert login("leader_b").post(url).status_code == 404
    assert login("city").post(url).status_code == 403
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.UNMASK).exists()


# -- export -------------------------------------------------------------------------------------

def test_the_export_holds_only_the_filtered_rows_and_records_an_export_event(world, login):
    EnterpriseFactory(zone=world.zone_a, name="湖南振添光学玻璃科技有限公司", scale="above")
    client = login("leader_a")
    response = client.get(reverse("registry:enterprise_export"), {"scale": "above"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    rows = sheet_rows(response)
    assert rows[0][:2] == ["企业名称", "统一社会信用代码"]
    assert [r[0] for r in rows[1:]] == ["湖南振添光学玻璃科技有限公司"]
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.EXPORT)
    assert event.actor == world["leader_a"]
    assert event.detail == {"what": "enterprise", "filters": {"scale": "above"}}


def test_the_export_gives_full_phones_to_staff_who_may_see_them_and_masked_to_others(world, login):
    url = reverse("registry:enterprise_export")
    phone_column = 8
    staff = {r[0]: r[phone_column] for r in sheet_rows(login("leader_a").get(url))[1:]}
    assert staff == {world.enterprise_a.name: FULL}
    city = {r[0]: r[phone_column] for r in sheet_rows(login("city").get(url))[1:]}
    assert city[world.enterprise_a.name] == MASKED
    assert FULL not in str(sheet_rows(login("city").get(url)))
    officials = sheet_rows(login("city").get(reverse("registry:official_export")))
    assert OFFICIAL_MASKED in [r[5] for r in officials[1:]]


def test_a_user_with_phone_rights_in_one_zone_sees_other_zones_masked(world, client):
    user = UserFactory(username="a_and_city")
    grant(user, "leader", zone=world.zone_a)
    grant(user, "city")
    client.force_login(user)
    rows = {r[0]: r[8] for r in sheet_rows(client.get(reverse("registry:enterprise_export")))[1:]}
    assert rows[world.enterprise_a.name] == FULL
    assert rows[world.enterprise_b.name] == "138****" + world.enterprise_b.contact_phone[-4:]


@pytest.mark.parametrize("kind", ["zone", "park", "department", "official"])
def test_every_list_exports_its_rows(world, login, kind):
    OfficialFactory(zone=world.zone_b, name="乙园区第二干部")
    rows = sheet_rows(login("city").get(reverse(f"registry:{kind}_export"), {"zone": world.zone_b.pk} if kind != "zone" else {"q": "乙"}))
    expected = {"zone": ["乙园区"], "park": ["乙电力科技产业园"], "department": ["乙交警大队"],
                "official": ["乙干部", "乙园区第二干部"]}[kind]
    assert [r[0] for r in rows[1:]] == expected


def test_an_invalid_filter_value_matches_nothing_rather_than_everything(world, login):
    # A zone the user cannot see (an old bookmark, a hand-edited link) is no reason to drop the
    # other filters and list, or export, every record in scope.
    client = login("leader_a")
    query = {"zone": world.zone_b.pk, "q": "不存在的企业"}
    assert names_in(client.get(reverse("registry:enterprise_list"), query)) == []
    assert sheet_rows(client.get(reverse("registry:enterprise_export"), query))[1:] == []
