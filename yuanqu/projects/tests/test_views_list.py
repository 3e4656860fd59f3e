"""The project ledger: filters, pagination, the Excel export and the kanban by stage."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from yuanqu.audit.models import SecurityEvent
from yuanqu.common.views import PER_PAGE
from yuanqu.projects.models import Project
from yuanqu.testing.factories import EnterpriseFactory, ParkFactory

from .conftest import ProjectFactory, add_batch, at_stage

LIST = "projects:project_list"


def names(response) -> list[str]:
    return [r["name"] for r in response.context["rows"]]


def sheet_rows(response) -> list[list]:
    return [list(r) for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]


@pytest.fixture
def ledger(world):
    """Zone A: a key signed project in 2021's 签约一批, a green-channel one under construction, a plain one;
    zone B: one project."""
    chuangpu = EnterpriseFactory(zone=world.zone_a, name="湖南创普开业科技有限公司")
    signed = at_stage(ProjectFactory(zone=world.zone_a, name="液晶显示屏生产线", enterprise=chuangpu, is_key=True), "signed")
    add_batch(signed, "signed", 2021)
    building = at_stage(ProjectFactory(zone=world.zone_a, name="光学玻璃二期", green_channel=True,
                                       description="每日2000片中尺寸光学玻璃"), "started")
    add_batch(building, "started", 2021)
    plain = ProjectFactory(zone=world.zone_a, name="标准厂房")
    other = ProjectFactory(zone=world.zone_b, name="二大桥维修加固")
    return {"signed": signed, "building": building, "plain": plain, "other": other}


def test_the_ledger_lists_the_projects_in_scope(world, login, ledger):
    assert names(login("city").get(reverse(LIST))) == ["液晶显示屏生产线", "光学玻璃二期", "标准厂房", "二大桥维修加固"]
    assert names(login("leader_a").get(reverse(LIST))) == ["液晶显示屏生产线", "光学玻璃二期", "标准厂房"]
    assert names(login("leader_b").get(reverse(LIST))) == ["二大桥维修加固"]


def test_the_ledger_filters_by_zone_and_stage(world, login, ledger):
    client = login("city")
    assert names(client.get(reverse(LIST), {"zone": world.zone_b.pk})) == ["二大桥维修加固"]
    assert names(client.get(reverse(LIST), {"stage": "started"})) == ["光学玻璃二期"]
    assert names(client.get(reverse(LIST), {"zone": world.zone_a.pk, "stage": "planning"})) == ["标准厂房"]
    assert names(client.get(reverse(LIST), {"zone": world.zone_b.pk, "stage": "started"})) == []


def test_the_ledger_filters_key_projects_and_the_green_channel(world, login, ledger):
    client = login("leader_a")
    assert names(client.get(reverse(LIST), {"key": "1"})) == ["液晶显示屏生产线"]
    assert names(client.get(reverse(LIST), {"key": "g"})) == ["光学玻璃二期"]


def test_the_ledger_filters_by_a_years_batch_listing_a_project_once(world, login, ledger):
    from yuanqu.common import clock

    add_batch(ledger["signed"], "signed", 2020)  # in 签约一批 two years running: each year lists it once
    client = login("leader_a")
    with clock.frozen("2021-05-14"):  # the batch filter offers last year, this year and next
        assert names(client.get(reverse(LIST), {"batch": "2021:signed"})) == ["液晶显示屏生产线"]
        assert names(client.get(reverse(LIST), {"batch": "2020:signed"})) == ["液晶显示屏生产线"]
        assert names(client.get(reverse(LIST), {"batch": "2021:started"})) == ["光学玻璃二期"]
        assert names(client.get(reverse(LIST), {"batch": "2021:producing"})) == []


def test_the_ledger_searches_name_owner_and_description(world, login, ledger):
    client = login("leader_a")
    assert names(client.get(reverse(LIST), {"q": "厂房"})) == ["标准厂房"]
    assert names(client.get(reverse(LIST), {"q": "创普"})) == ["液晶显示屏生产线"]
    assert names(client.get(reverse(LIST), {"q": " 光学玻璃 "})) == ["光学玻璃二期"]
    assert names(client.get(reverse(LIST), {"q": "大桥"})) == []  # zone B's: out of scope


def test_the_park_filter_includes_the_parks_phases(world, login):
    phase = ParkFactory(zone=world.zone_a, parent=world.park_a, name="甲电子信息产业园一期", phase=1)
    other = ParkFactory(zone=world.zone_a, name="甲电力科技产业园")
    ProjectFactory(zone=world.zone_a, park=world.park_a, name="园区道路")
    ProjectFactory(zone=world.zone_a, park=phase, name="一期厂房")
    ProjectFactory(zone=world.zone_a, park=other, name="总部大楼")
    client = login("leader_a")
    assert names(client.get(reverse(LIST), {"park": world.park_a.pk})) == ["园区道路", "一期厂房"]
    assert names(client.get(reverse(LIST), {"park": phase.pk})) == ["一期厂房"]


def test_a_filter_out_of_scope_lists_nothing_and_says_so(world, login, ledger):
    response = login("leader_a").get(reverse(LIST), {"zone": world.zone_b.pk})
    assert response.status_code == 200
    assert names(response) == []
    assert "没有符合条件的项目" in response.content.decode()


def test_the_ledger_is_paginated_keeping_the_filters(world, login):
    for i in range(PER_PAGE + 3):
        ProjectFactory(zone=world.zone_a, name=f"分页项目{i:02d}", is_key=True)
    ProjectFactory(zone=world.zone_a, name="不重点的项目")
    client = login("leader_a")
    first = client.get(reverse(LIST), {"key": "1"})
    assert names(first) == [f"分页项目{i:02d}" for i in range(PER_PAGE)]
    assert first.context["page"].paginator.count == PER_PAGE + 3
    body = first.content.decode()
    assert 'href="?key=1&page=2"' in body
    assert f'href="{reverse("projects:project_export")}?key=1"' in body
    second = client.get(reverse(LIST), {"key": "1", "page": 2})
    assert names(second) == [f"分页项目{i:02d}" for i in range(PER_PAGE, PER_PAGE + 3)]


def test_an_htmx_page_turn_gets_only_the_table(world, login, ledger):
    response = login("leader_a").get(reverse(LIST), {"stage": "signed"},
                                      headers={"HX-Request": "true", "HX-Target": "list-table"})
    assert response.templates[0].name == "projects/_list_table.html"
    assert "<html" not in response.content.decode()
    assert names(response) == ["液晶显示屏生产线"]


# -- export ---------------------------------------------------------------------------------------

def test_the_export_holds_only_the_filtered_rows_and_records_an_export_event(world, login, ledger):
    client = login("city")
    response = client.get(reverse("projects:project_export"), {"zone": world.zone_a.pk, "key": "1"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    rows = sheet_rows(response)
    assert rows[0][:6] == ["项目名称", "园区", "产业园", "业主企业", "类型", "阶段"]
    assert [r[:6] for r in rows[1:]] == [["液晶显示屏生产线", "甲园区", None, "湖南创普开业科技有限公司", "产业项目", "签约"]]
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.EXPORT)
    assert event.actor == world["city"]
    assert event.detail == {"what": "project", "filters": {"zone": str(world.zone_a.pk), "key": "1"}}


def test_the_export_stays_in_scope_and_an_invalid_filter_exports_nothing(world, login, ledger):
    client = login("leader_b")
    assert [r[0] for r in sheet_rows(client.get(reverse("projects:project_export")))[1:]] == ["二大桥维修加固"]
    assert sheet_rows(client.get(reverse("projects:project_export"), {"zone": world.zone_a.pk}))[1:] == []


# -- kanban ---------------------------------------------------------------------------------------

def test_the_kanban_groups_the_projects_by_stage_in_lifecycle_order(world, login, ledger):
    board = login("city").get(reverse("projects:project_kanban")).context["board"]
    assert [c["stage"] for c in board] == ["谋划", "前期", "签约", "开工", "主体施工", "竣工", "试投产", "投产", "达产"]
    cards = {c["stage"]: [card["name"] for card in c["cards"]] for c in board}
    assert cards == {"谋划": ["标准厂房", "二大桥维修加固"], "前期": [], "签约": ["液晶显示屏生产线"], "开工": ["光学玻璃二期"],
                     "主体施工": [], "竣工": [], "试投产": [], "投产": [], "达产": []}
    assert {c["stage"]: c["count"] for c in board}["谋划"] == 2


def test_the_kanban_follows_the_filters(world, login, ledger):
    board = login("city").get(reverse("projects:project_kanban"), {"zone": world.zone_b.pk}).context["board"]
    assert [card["name"] for c in board for card in c["cards"]] == ["二大桥维修加固"]


def test_a_kanban_column_shows_its_first_cards_and_says_how_many(world, login):
    from yuanqu.projects.views import KANBAN_CARDS

    n = KANBAN_CARDS + 2
    Project.objects.bulk_create(Project(zone=world.zone_a, name=f"谋划项目{i:02d}") for i in range(n))
    response = login("leader_a").get(reverse("projects:project_kanban"))
    column = response.context["board"][0]
    assert (len(column["cards"]), column["count"]) == (KANBAN_CARDS, n)
    assert f"共{n}个,只显示前{KANBAN_CARDS}个" in response.content.decode()
