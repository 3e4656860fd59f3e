"""Helpers of the competition tests: a competition with the published formula, and projects started."""

import datetime as dt

import pytest

from yuanqu.competitions import services
from yuanqu.competitions.models import Competition, Term
from yuanqu.projects.models import Milestone, Project

D = dt.date


def started(zone, day, name=None, investment=None):
    """A project of the zone that started (开工) on `day`."""
    project = Project.objects.create(zone=zone, name=name or f"{zone.short_name}项目{Project.objects.count() + 1}",
                                     completed_investment=investment)
    Milestone.objects.create(project=project, kind="started", actual=day)
    return project


@pytest.fixture
def competition(world):
    """迈好第一步 项目论英雄: 0.6×开工项目数得分 + 0.4×综合评价分."""
    c = Competition.objects.create(name="迈好第一步 项目论英雄", organiser="市园区办", period_kind="quarter")
    Term.objects.create(competition=c, label="开工项目数得分", source="started", weight="0.6", normalisation="best", sort_order=1)
    Term.objects.create(competition=c, label="综合评价分", source="manual", weight="0.4", normalisation="raw", sort_order=2)
    return c


@pytest.fixture
def q1(world, competition):
    return services.period_create(actor=world["city"], competition=competition, year=2021, number=1)
