"""A zone's thresholds: set by its leader or the system admin, checked, and followed by the lights at once."""

import datetime as dt

from django.urls import reverse

from yuanqu.common.clock import frozen
from yuanqu.projects.tests.conftest import add_milestone
from yuanqu.supervision.choices import Light
from yuanqu.supervision.models import LightSettings, ProjectLight

D = dt.date


def edit_url(zone):
    return reverse("supervision:settings_edit", args=[zone.pk])


def test_the_list_shows_defaults_until_a_zone_sets_its_own(world, login):
    page = login("sysadmin").get(reverse("supervision:settings_list")).content.decode()
    assert page.count("默认") >= 2 and "5个工作日" in page
    assert "乙园区" not in login("leader_a").get(reverse("supervision:settings_list")).content.decode()


def test_a_leader_sets_the_yellow_window_and_the_lights_follow(world, login, project_a):
    with frozen(D(2021, 5, 14)):
        add_milestone(project_a, "completed", planned=D(2021, 5, 26))  # the 8th working day
        assert ProjectLight.objects.get(project=project_a).light == Light.GREEN
        response = login("leader_a").post(edit_url(world.zone_a),
                                          {"yellow_within": "10", "supervise_after": "2", "notify_after": "5"})
    assert response.status_code == 302
    s = LightSettings.objects.get(zone=world.zone_a)
    assert (s.yellow_within, s.supervise_after, s.notify_after) == (10, 2, 5)
    assert ProjectLight.objects.get(project=project_a).light == Light.YELLOW


def test_bad_thresholds_are_refused_and_nothing_saved(world, login):
    response = login("leader_a").post(edit_url(world.zone_a),
                                      {"yellow_within": "-1", "supervise_after": "0", "notify_after": "x"})
    assert response.status_code == 400
    assert not LightSettings.objects.exists()
    assert "errorlist" in response.content.decode()


def test_a_concurrent_edit_is_detected(world, login):
    client = login("leader_a")
    data = {"yellow_within": "6", "supervise_after": "3", "notify_after": "10"}
    client.post(edit_url(world.zone_a), data)
    client.post(edit_url(world.zone_a), {**data, "version": "1", "yellow_within": "7"})  # version 1 → 2
    response = client.post(edit_url(world.zone_a), {**data, "version": "1", "yellow_within": "8"})
    assert response.status_code == 400 and "已被他人修改" in response.content.decode()
    assert LightSettings.objects.get().yellow_within == 7
