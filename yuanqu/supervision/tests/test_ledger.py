"""Lights on the ledger and the kanban: a dot per project, a filter, and no query per row."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from yuanqu.common.clock import frozen
from yuanqu.projects.tests.conftest import ProjectFactory, add_milestone
from yuanqu.projects.tests.test_queries import query_count
from yuanqu.testing.factories import EnterpriseFactory, ParkFactory

D = dt.date
TODAY = D(2021, 5, 14)


def lit_projects(world, n, planned=D(2021, 5, 1)):
    with frozen(TODAY):
        for _ in range(n):
            p = ProjectFactory(zone=world.zone_a, park=ParkFactory(zone=world.zone_a),
                               enterprise=EnterpriseFactory(zone=world.zone_a), liaison=world["liaison_a"])
            add_milestone(p, "started", planned=planned)
            add_milestone(p, "completed", planned=planned + dt.timedelta(days=90))


@pytest.mark.parametrize("url", [
    reverse("projects:project_list"), reverse("projects:project_list") + "?light=red",
    reverse("projects:project_kanban") + "?light=red", reverse("projects:project_export") + "?light=red",
])
def test_lights_cost_the_same_queries_however_many_rows(world, login, url):
    client = login("leader_a")
    client.get(url)
    lit_projects(world, 3)
    few = query_count(client, url)
    lit_projects(world, 25)
    assert query_count(client, url) == few


def test_the_ledger_filters_by_light_and_shows_a_dot(world, login):
    with frozen(TODAY):
        red = ProjectFactory(zone=world.zone_a, name="逾期项目")
        add_milestone(red, "started", planned=D(2021, 5, 10))
        yellow = ProjectFactory(zone=world.zone_a, name="临期项目")
        add_milestone(yellow, "started", planned=D(2021, 5, 18))
        ProjectFactory(zone=world.zone_a, name="未设节点项目")
    client = login("leader_a")
    page = client.get(reverse("projects:project_list") + "?light=red").content.decode()
    assert "逾期项目" in page and "临期项目" not in page and "未设节点项目" not in page
    assert 'class="light-dot light-red"' in page
    page = client.get(reverse("projects:project_list")).content.decode()
    assert 'class="light-dot light-yellow"' in page and 'class="light-dot light-none"' in page
    kanban = client.get(reverse("projects:project_kanban") + "?light=yellow").content.decode()
    assert "临期项目" in kanban and "逾期项目" not in kanban


def test_the_export_carries_the_light(world, login):
    lit_projects(world, 1)
    response = login("leader_a").get(reverse("projects:project_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r and "灯号" in r)
    assert rows[rows.index(header) + 1][header.index("灯号")] == "红灯"
