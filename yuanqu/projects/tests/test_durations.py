"""Durations between a project's reached milestones are counted in working days of the official calendar."""

import pytest

from yuanqu.common import workdays
from yuanqu.holidays.models import CalendarYear
from yuanqu.projects.selectors import durations

from .conftest import D, ProjectFactory, add_milestone


@pytest.fixture(autouse=True)
def _fresh_calendar():
    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.fixture
def project(world):
    return ProjectFactory(zone=world.zone_a)


def test_signing_to_construction_across_the_2021_spring_festival(project):
    # Signed Fri 2021-02-05, started Fri 2021-02-26. The State Council's 2021 schedule: 春节 02-11..02-17 off,
    # Sun 02-07 and Sat 02-20 worked. Working days after 02-05 up to 02-26:
    #   02-07 (Sun, make-up), 02-08, 02-09, 02-10                    = 4
    #   02-18, 02-19, 02-20 (Sat, make-up)                           = 3
    #   02-22, 02-23, 02-24, 02-25, 02-26                            = 5   → 12
    # (Counting plain Monday–Friday would give 15.)
    assert not CalendarYear.objects.filter(year=2021).exists()  # the package's official schedule is used
    add_milestone(project, "signed", actual=D(2021, 2, 5))
    add_milestone(project, "started", actual=D(2021, 2, 26))
    assert durations(project) == [{
        "from": "签约", "to": "开工", "from_date": D(2021, 2, 5), "to_date": D(2021, 2, 26),
        "workdays": 12, "provisional": False,
    }]


def test_chuangpu_signed_on_1_june_2020_started_20_working_days_later(project):
    # 2020 端午: 06-25..06-27 off, Sun 06-28 worked. Working days after 06-01 up to 06-30:
    # 06-02..06-05 (4), 06-08..06-12 (5), 06-15..06-19 (5), 06-22..06-24 (3), 06-28 Sun (1), 06-29, 06-30 (2) = 20.
    add_milestone(project, "signed", actual=D(2020, 6, 1))
    add_milestone(project, "started", actual=D(2020, 6, 30))
    [d] = durations(project)
    assert (d["from"], d["to"], d["workdays"]) == ("签约", "开工", 20)


def test_durations_run_between_consecutive_reached_milestones_in_lifecycle_order(project):
    # Created out of order, one only planned: the durations follow the lifecycle and skip what is not reached.
    add_milestone(project, "completed", actual=D(2020, 11, 27))
    add_milestone(project, "signed", actual=D(2020, 6, 1))
    add_milestone(project, "main_works", planned=D(2020, 8, 1))
    add_milestone(project, "started", actual=D(2020, 6, 30))
    assert [(d["from"], d["to"]) for d in durations(project)] == [("签约", "开工"), ("开工", "竣工")]


def test_one_reached_milestone_has_no_duration(project):
    add_milestone(project, "design", actual=D(2021, 3, 26))
    add_milestone(project, "land", planned=D(2021, 6, 30))
    assert durations(project) == []


def test_a_year_without_an_official_schedule_is_counted_provisionally_and_marked(project):
    add_milestone(project, "signed", actual=D(2031, 3, 3))  # Monday
    add_milestone(project, "started", actual=D(2031, 3, 10))  # next Monday
    [d] = durations(project)
    assert (d["workdays"], d["provisional"]) == (5, True)
