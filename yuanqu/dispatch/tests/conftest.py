"""Helpers of the dispatch tests: zone A's meetings, tasks and projects, built directly (the services
that build them are what the other tests exercise)."""

import datetime as dt

import pytest

from yuanqu.dispatch.models import DispatchMeeting, DispatchTask
from yuanqu.projects.models import Project

D = dt.date


def make_meeting(zone, month: dt.date, held_on: dt.date | None = None, **kw) -> DispatchMeeting:
    return DispatchMeeting.objects.create(zone=zone, month=month, held_on=held_on or month + dt.timedelta(days=13), **kw)


def make_task(meeting, content="督促业主加快主体施工", deadline=None, **kw) -> DispatchTask:
    kw.setdefault("owner_other", "项目业主")
    return DispatchTask.objects.create(meeting=meeting, content=content,
                                       deadline=deadline or meeting.held_on + dt.timedelta(days=30), **kw)


def make_project(zone, name, **kw) -> Project:
    stage = kw.pop("stage", None)
    project = Project.objects.create(zone=zone, name=name, **kw)
    if stage:
        Project.objects.filter(pk=project.pk).update(stage=stage)
        project.refresh_from_db()
    return project


@pytest.fixture
def april(world):
    return make_meeting(world.zone_a, D(2021, 4, 1), D(2021, 4, 14))
