"""The registry's pages cost the same number of queries with 5 rows as with 40."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuanqu.testing.factories import (
    DepartmentFactory, EnterpriseFactory, OfficialFactory, ParkFactory, ZoneFactory,
)


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def _rows(kind, world, n):
    for _ in range(n):
        if kind == "zone":
            zone = ZoneFactory()
            ParkFactory(zone=zone)
            EnterpriseFactory(zone=zone)
        elif kind == "park":
            ParkFactory(zone=world.zone_a, parent=world.park_a)
        elif kind == "department":
            DepartmentFactory(zone=world.zone_a)
        elif kind == "enterprise":
            EnterpriseFactory(zone=world.zone_a, park=world.park_a)
        elif kind == "official":
            OfficialFactory(zone=world.zone_a, department=world.dept_a)


PAGES = [
    ("zone", "city", lambda w: reverse("registry:zone_list")),
    ("park", "leader_a", lambda w: reverse("registry:park_list")),
    ("department", "leader_a", lambda w: reverse("registry:department_list")),
    ("enterprise", "leader_a", lambda w: reverse("registry:enterprise_list")),
    ("enterprise", "city", lambda w: reverse("registry:enterprise_list") + f"?park={w.park_a.pk}&q=测试"),
    ("official", "leader_a", lambda w: reverse("registry:official_list")),
    ("enterprise", "leader_a", lambda w: reverse("registry:enterprise_export")),
    ("official", "city", lambda w: reverse("registry:official_export")),
    # Detail pages with their related lists
    ("enterprise", "leader_a", lambda w: reverse("registry:zone_detail", args=[w.zone_a.pk])),
    ("official", "leader_a", lambda w: reverse("registry:zone_detail", args=[w.zone_a.pk])),
    ("park", "leader_a", lambda w: reverse("registry:park_detail", args=[w.park_a.pk])),
    ("enterprise", "leader_a", lambda w: reverse("registry:park_detail", args=[w.park_a.pk])),
    ("official", "leader_a", lambda w: reverse("registry:department_detail", args=[w.dept_a.pk])),
]


@pytest.mark.parametrize("kind, persona, url", PAGES, ids=[f"{p[1]}-{i}-{p[0]}" for i, p in enumerate(PAGES)])
def test_queries_do_not_grow_with_rows(world, login, kind, persona, url):
    client = login(persona)
    url = url(world)
    client.get(url)  # first request of a session also stamps the session; not what is measured
    _rows(kind, world, 5)
    few = query_count(client, url)
    _rows(kind, world, 35)
    assert query_count(client, url) == few


def test_a_detail_page_costs_a_fixed_handful_of_queries(world, login, django_assert_max_num_queries):
    client = login("leader_a")
    url = reverse("registry:enterprise_detail", args=[world.enterprise_a.pk])
    client.get(url)
    # The session, the user, its roles, the enterprise with its zone and park, the top bar's unread count.
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200
