"""The liaison's home names its projects still without this week's report (本周周报未填)."""

import datetime as dt

from django.urls import reverse

from yuanqu.projects.models import Project, WeeklyReport


def test_the_liaison_is_reminded_until_the_weeks_report_is_in(world, login, settings):
    settings.YUANQU_FROZEN_TODAY = "2021-05-14"
    project = Project.objects.create(zone=world.zone_a, name="创普开业液晶显示屏生产线项目", liaison=world["liaison_a"])
    client = login("liaison_a")
    body = client.get(reverse("dashboard:home")).content.decode()
    assert "本周周报未填" in body and reverse("projects:report_create", args=[project.pk]) in body
    WeeklyReport.objects.create(project=project, week=dt.date(2021, 5, 10), done_this_week="x", planned_next_week="y",
                                submitted_on=dt.date(2021, 5, 14))
    assert "本周周报未填" not in client.get(reverse("dashboard:home")).content.decode()


def test_others_get_no_reminder(world, login, settings):
    settings.YUANQU_FROZEN_TODAY = "2021-05-14"
    Project.objects.create(zone=world.zone_a, name="甲项目", liaison=world["liaison_a"])
    assert "本周周报未填" not in login("leader_a").get(reverse("dashboard:home")).content.decode()


def test_the_navigation_offers_coordination_to_staff_not_to_enterprises(world, login):
    assert "协调事项" in login("dept_a").get(reverse("dashboard:home")).content.decode()
    assert "协调事项" in login("liaison_a").get(reverse("dashboard:home")).content.decode()
    assert "协调事项" not in login("enterprise_a").get(reverse("dashboard:home")).content.decode()
