"""The ledger, the kanban and a project's page cost the same number of queries however many rows they show."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuanqu.common import workdays
from yuanqu.common.clock import frozen
from yuanqu.projects.services import project_advance
from yuanqu.testing.factories import EnterpriseFactory, ParkFactory

from .conftest import D, ProjectFactory, SubWorkFactory, add_batch, add_milestone, add_progress


def query_count(client, url) -> int:
    # The working-day calendar keeps each year's table for a minute; start cold every time so both
    # measurements pay the same one query per year the page's dates touch.
    workdays.clear_cache()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def full_projects(world, n):
    """Projects with every related row the ledger shows: park, owner, leader, department, liaison, a batch."""
    for _ in range(n):
        p = ProjectFactory(
            zone=world.zone_a, park=ParkFactory(zone=world.zone_a), enterprise=EnterpriseFactory(zone=world.zone_a),
            leader=world.official_a, department=world.dept_a, liaison=world["liaison_a"], is_key=True,
            total_investment=1000,
        )
        add_batch(p, "signed")


PAGES = [
    ("leader_a", lambda w: reverse("projects:project_list")),
    ("city", lambda w: reverse("projects:project_list") + f"?zone={w.zone_a.pk}&key=1&batch=2021:signed&q=测试"),
    ("leader_a", lambda w: reverse("projects:project_kanban")),
    ("city", lambda w: reverse("projects:project_kanban") + "?batch=2021:signed"),
    ("leader_a", lambda w: reverse("projects:project_export")),
]


@pytest.mark.parametrize("persona, url", PAGES, ids=[f"{i}-{p[0]}" for i, p in enumerate(PAGES)])
def test_the_ledger_and_kanban_do_not_grow_with_rows(world, login, persona, url):
    client = login(persona)
    url = url(world)
    client.get(url)  # the session's first request stamps it; not what is measured
    full_projects(world, 5)
    few = query_count(client, url)
    full_projects(world, 35)
    assert query_count(client, url) == few


def test_the_project_page_does_not_grow_with_its_parts(world, login, project_a):
    client = login("leader_a")
    url = reverse("projects:project_detail", args=[project_a.pk])
    client.get(url)

    def grow(start, n):
        for i in range(start, start + n):
            SubWorkFactory(project=project_a, name=f"分项{i}")
            add_progress(project_a, D(2021, 1, 1) + dt.timedelta(days=i), min(i, 99))
            add_batch(project_a, "signed", 2000 + i)

    grow(0, 2)
    add_milestone(project_a, "design", actual=D(2020, 1, 6))
    with frozen(D(2021, 5, 14)):
        project_advance(actor=world["leader_a"], project=project_a, action="sign", effective=D(2020, 6, 1))
    few = query_count(client, url)
    grow(2, 20)  # milestones stay in 2020: the calendar costs a query per year, not per row
    add_milestone(project_a, "land", actual=D(2020, 3, 2))
    with frozen(D(2021, 5, 14)):
        for action, day in [("start_construction", D(2020, 6, 30)), ("begin_main_works", D(2020, 8, 3)),
                            ("complete", D(2020, 11, 27)), ("start_trial", D(2020, 12, 7))]:
            project_advance(actor=world["leader_a"], project=project_a, action=action, effective=day)
    assert query_count(client, url) == few
