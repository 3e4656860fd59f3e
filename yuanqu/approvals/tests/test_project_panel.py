"""The approvals panel on a project's page: its case's items with their states and lights, the
planned and actual start, a link to the case; nothing (at most one query) when there is no case the
user may see."""

import datetime as dt

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuanqu.accounts.access import access_for
from yuanqu.approvals.tests.fixtures import case_a
from yuanqu.common.clock import frozen

pytestmark = pytest.mark.django_db
TODAY = dt.date(2021, 3, 10)
PANEL = Template("{% load approval_panel %}{% approval_panel project %}")


def _render(user, project):
    request = RequestFactory().get("/")
    request.user = user
    with frozen(TODAY), CaptureQueriesContext(connection) as ctx:
        html = PANEL.render(Context({"request": request, "project": project}))
    return html, len(ctx)


def test_project_page_shows_its_approval_lights(world, login):
    with frozen(TODAY):
        case = case_a(world)
        html = login("leader_a").get(reverse("projects:project_detail", args=[case.project_id])).content.decode()
    assert "联合审批" in html
    assert reverse("approvals:case_detail", args=[case.pk]) in html
    assert "环评审批" in html and "已受理" in html and "期限3月29日" in html
    assert 'class="light-dot light-green"' in html  # 环评审批: due in 13 working days
    assert "计划最早开工:</b>2021-03-23" in html and "尚未开工" in html


def test_enterprise_sees_its_projects_panel(world, login):
    with frozen(TODAY):
        case = case_a(world)
    html, _ = _render(world["enterprise_a"], case.project)
    assert "联合审批" in html and case.title in html


def test_nothing_without_a_case_or_without_the_right_to_see_it(world):
    from yuanqu.projects.models import Project

    with frozen(TODAY):
        case = case_a(world)
    bare = Project.objects.create(zone=world.zone_a, park=world.park_a, name="甲仓储项目", stage="signed")
    html, queries = _render(world["leader_a"], bare)
    assert html.strip() == "" and queries <= 1
    # The zone's statistics clerk reads the project but not approvals: no panel, no query at all.
    access_for(world["clerk_a"])  # its roles, as the page has already read them
    html, queries = _render(world["clerk_a"], case.project)
    assert html.strip() == "" and queries == 0


def test_panel_queries_are_few_with_a_case(world):
    with frozen(TODAY):
        case = case_a(world)
    html, queries = _render(world["leader_a"], case.project)
    assert "联合审批" in html and queries <= 4
