"""The pack (page and Word) and the task list cost the same number of queries for 5 projects as for 40."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuanqu.common import workdays
from yuanqu.common.clock import frozen
from yuanqu.dispatch import services
from yuanqu.projects.models import ProgressRecord, SubWork

from .conftest import D, make_meeting, make_project, make_task


def query_count(client, url) -> int:
    workdays.clear_cache()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def grow(world, meetings, n, start):
    """n projects with sub-works and progress records, and a task per project on each meeting."""
    for i in range(start, start + n):
        p = make_project(world.zone_a, f"项目{i:03d}", stage="started", completed_investment=100 + i)
        SubWork.objects.create(project=p, name="主体", unit="%", total_quantity=100, done_quantity=i % 100)
        ProgressRecord.objects.create(project=p, date=D(2021, 4, 1), percent=i % 100)
        for m in meetings:
            make_task(m, f"事项{i}", project=p, owner_department=world.dept_a, owner_official=world.official_a)


@pytest.mark.parametrize("held", [False, True], ids=["draft", "held"])
@pytest.mark.parametrize("what", ["meeting_detail", "meeting_docx"])
def test_the_pack_does_not_grow_with_projects_or_tasks(world, login, held, what):
    april = make_meeting(world.zone_a, D(2021, 4, 1), D(2021, 4, 14))
    may = make_meeting(world.zone_a, D(2021, 5, 1), D(2021, 5, 14))
    client = login("leader_a")
    url = reverse(f"dispatch:{what}", args=[may.pk])
    client.get(url)

    def measure():
        if held:
            # Snapshots of both meetings, re-taken so each measurement compares held with held.
            for m in (april, may):
                services.snapshot_take(m)
                m.status = "held"
                m.save()
        with frozen(D(2021, 5, 14)):
            return query_count(client, url)

    grow(world, [april, may], 5, 0)
    few = measure()
    grow(world, [april, may], 35, 5)
    assert measure() == few


def test_the_task_list_does_not_grow_with_rows(world, login):
    april = make_meeting(world.zone_a, D(2021, 4, 1), D(2021, 4, 14))
    client = login("dept_a")
    url = reverse("dispatch:task_list")
    client.get(url)
    grow(world, [april], 5, 0)
    few = query_count(client, url)
    grow(world, [april], 25, 5)
    assert query_count(client, url) == few
