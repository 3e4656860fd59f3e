"""The timeline (进度图): planned against actual on one axis, filtered and paginated, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuanqu.common.clock import frozen
from yuanqu.projects.timeline import axis_for, timeline_rows
from yuanqu.projects.models import Project

from .conftest import D, ProjectFactory, add_milestone


def test_the_axis_spans_whole_months_and_places_days_by_share():
    axis = axis_for([D(2021, 1, 15), D(2021, 3, 2)], today=D(2021, 2, 1))
    # A month of room after the last date's month.
    assert (axis.start, axis.end) == (D(2021, 1, 1), D(2021, 5, 1))
    assert axis.at(D(2021, 1, 1)) == 0 and axis.at(D(2021, 5, 1)) == 100
    assert [label for _, label in axis.ticks] == ["2021年1月", "2月", "3月", "4月"]
    long = axis_for([D(2019, 2, 10), D(2021, 5, 1)], today=D(2021, 5, 14))
    assert long.start == D(2019, 1, 1)  # by quarter: the axis starts on one
    assert [label for _, label in long.ticks][:3] == ["2019年1月", "4月", "7月"]


def test_labels_too_close_drop_to_a_second_line(world):
    p = ProjectFactory(zone=world.zone_a)
    add_milestone(p, "signed", actual=D(2019, 1, 10))  # a long axis: a week is about 1% of it
    add_milestone(p, "started", actual=D(2021, 3, 15))
    add_milestone(p, "main_works", actual=D(2021, 3, 22))
    add_milestone(p, "completed", planned=D(2021, 6, 14))
    rows, _ = timeline_rows(Project.objects.prefetch_related("milestones"), today=D(2021, 5, 14))
    assert [m.get("bump_actual") for m in rows[0]["marks"]] == [False, False, True, None]


def test_a_late_milestone_is_marked(world):
    p = ProjectFactory(zone=world.zone_a)
    add_milestone(p, "signed", planned=D(2021, 1, 5), actual=D(2021, 1, 20))  # late
    add_milestone(p, "started", planned=D(2021, 2, 1), actual=D(2021, 1, 30))  # early
    add_milestone(p, "completed", planned=D(2021, 4, 1))  # overdue, not reached
    add_milestone(p, "producing", planned=D(2021, 9, 1))  # still ahead
    rows, axis = timeline_rows(Project.objects.prefetch_related("milestones"), today=D(2021, 5, 14))
    marks = {m["label"]: m for m in rows[0]["marks"]}
    assert [m["short"] for m in rows[0]["marks"]] == ["签约", "开工", "竣工", "投产"]
    assert (marks["签约"]["late"], marks["开工"]["late"], marks["竣工"]["late"], marks["投产"]["late"]) == (True, False, True, False)
    assert marks["签约"]["slip"][1] > 0 and 0 < axis.today < 100


def test_the_page_shows_each_projects_milestones_and_is_scoped(world, login):
    mine = ProjectFactory(zone=world.zone_a, name="甲园区时间轴项目")
    add_milestone(mine, "started", planned=D(2021, 3, 1), actual=D(2021, 3, 15))
    other = ProjectFactory(zone=world.zone_b, name="乙园区时间轴项目")
    add_milestone(other, "signed", actual=D(2021, 1, 4))
    with frozen(D(2021, 5, 14)):
        body = login("leader_a").get(reverse("projects:project_timeline")).content.decode()
    assert "甲园区时间轴项目" in body and "乙园区时间轴项目" not in body
    assert "开工 实际 2021-03-15(计划 2021-03-01)" in body
    city = login("city").get(reverse("projects:project_timeline") + f"?zone={world.zone_b.pk}").content.decode()
    assert "乙园区时间轴项目" in city and "甲园区时间轴项目" not in city


def test_a_bad_filter_shows_no_projects_not_an_error(world, login):
    ProjectFactory(zone=world.zone_a, name="甲园区时间轴项目")
    r = login("leader_a").get(reverse("projects:project_timeline") + "?stage=nonsense")
    assert r.status_code == 200 and "甲园区时间轴项目" not in r.content.decode()


@pytest.mark.parametrize("persona, query", [("leader_a", ""), ("city", "?key=1&stage=started")])
def test_the_timeline_does_not_grow_with_rows(world, login, persona, query):
    client = login(persona)
    url = reverse("projects:project_timeline") + query

    def make(n):
        for _ in range(n):
            p = ProjectFactory(zone=world.zone_a, is_key=True, stage="started")
            add_milestone(p, "signed", planned=D(2021, 1, 4), actual=D(2021, 1, 6))
            add_milestone(p, "started", planned=D(2021, 3, 1), actual=D(2021, 3, 15))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    client.get(url)
    make(3)
    few = count()
    make(30)  # more than a page (20)
    assert count() == few
