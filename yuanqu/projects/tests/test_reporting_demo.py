"""The demo's weekly reports and coordination items: the bridge's reports agree with its progress
records, the liaison has two of four reports in this week, and loading twice changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from yuanqu.accounts.models import User
from yuanqu.audit.models import AuditEntry
from yuanqu.demo.loader import load_xiangtan
from yuanqu.projects import reporting
from yuanqu.projects.models import CoordinationItem, CoordinationTransition, ProgressRecord, Project, WeeklyReport

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.YUANQU_FROZEN_TODAY = "2021-05-14"
    load_xiangtan()


def test_the_bridges_reports_carry_its_recorded_progress_without_adding_records(demo):
    bridge = Project.objects.get(name="湘潭二大桥维修加固工程")
    reports = list(bridge.weekly_reports.order_by("week").values_list("week", "submitted_on", "progress_percent"))
    assert reports == [(D(2021, 3, 29), D(2021, 4, 1), 22), (D(2021, 4, 12), D(2021, 4, 15), 36),
                       (D(2021, 4, 26), D(2021, 4, 29), 49), (D(2021, 5, 10), D(2021, 5, 13), 63)]
    assert list(ProgressRecord.objects.filter(project=bridge).values_list("date", "percent")) == [
        (D(2021, 4, 1), 22), (D(2021, 4, 15), 36), (D(2021, 4, 29), 49), (D(2021, 5, 13), 63)]
    assert "吊架搭设完成30跨" in bridge.weekly_reports.get(week=D(2021, 5, 10)).done_this_week


def test_the_items_are_valid_unassigned_and_in_their_projects_zone(demo):
    items = CoordinationItem.objects.all()
    assert items.count() == 3
    for item in items:
        item.full_clean()
        assert (item.state, item.owner_department, item.zone_id) == ("new", None, item.project.zone_id)
        assert "(示意)" in item.description
    assert CoordinationTransition.objects.count() == 3


def test_the_liaison_sees_two_projects_without_this_weeks_report(demo, client):
    liaison = User.objects.get(username="liaison")
    missing = {p.name for p in reporting.reports_missing_this_week(liaison)}
    assert missing == {"创普开业液晶显示屏生产线项目", "振添光学玻璃二期项目"}
    client.force_login(liaison)
    body = client.get(reverse("dashboard:home")).content.decode()
    assert "本周周报未填" in body and "振添光学玻璃二期项目" in body


def test_the_leader_has_the_unassigned_items_of_its_zone_to_route(demo):
    leader = User.objects.get(username="leader")
    queue = reporting.coordination_list(leader, {"awaiting": True})
    assert {i.title for i in queue} == {"施工临时用电增容协调", "竣工验收前消防验收协调"}


def test_loading_twice_changes_nothing(demo):
    counts = (WeeklyReport.objects.count(), CoordinationItem.objects.count(), CoordinationTransition.objects.count(),
              ProgressRecord.objects.count(), AuditEntry.objects.count())
    load_xiangtan()
    assert (WeeklyReport.objects.count(), CoordinationItem.objects.count(), CoordinationTransition.objects.count(),
            ProgressRecord.objects.count(), AuditEntry.objects.count()) == counts
    assert counts[:2] == (6, 3)
