"""Helpers of the project tests: factories for projects and their parts, and a leader of both zones."""

import datetime as dt

import factory
import pytest

from yuanqu.projects.models import Milestone, ProgressRecord, Project, ProjectBatch, SubWork
from yuanqu.testing.factories import UserFactory, ZoneFactory, grant

D = dt.date


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    zone = factory.SubFactory(ZoneFactory)
    name = factory.Sequence(lambda n: f"测试项目{n:03d}")
    kind = "industrial"


class SubWorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubWork

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"分项{n}")
    unit = "跨"
    total_quantity = 51
    done_quantity = 30


def at_stage(project: Project, stage: str) -> Project:
    """Put a project at a stage as the demo loader does (the lifecycle's own path is what is tested)."""
    Project.objects.filter(pk=project.pk).update(stage=stage)
    project.refresh_from_db()
    return project


def add_milestone(project, kind, planned=None, actual=None) -> Milestone:
    return Milestone.objects.create(project=project, kind=kind, planned=planned, actual=actual)


def add_batch(project, kind, year=2021) -> ProjectBatch:
    return ProjectBatch.objects.create(project=project, kind=kind, year=year)


def add_progress(project, day, percent) -> ProgressRecord:
    return ProgressRecord.objects.create(project=project, date=day, percent=percent)


def constraint_message(model, name: str) -> str:
    """The Chinese violation message a model's database constraint declares."""
    return str(next(c for c in model._meta.constraints if c.name == name).violation_error_message)


@pytest.fixture
def project_a(world):
    """Zone A's project: enterprise A the owner, department A responsible, liaison A assigned."""
    return ProjectFactory(
        zone=world.zone_a, name="创普开业液晶显示屏生产线项目", park=world.park_a, enterprise=world.enterprise_a,
        department=world.dept_a, leader=world.official_a, liaison=world["liaison_a"],
    )


@pytest.fixture
def leader_ab(world):
    """A leader of both zones, who may pick either zone's parks, enterprises, departments and officials."""
    user = UserFactory(username="leader_ab")
    grant(user, "leader", zone=world.zone_a)
    grant(user, "leader", zone=world.zone_b)
    return user
