"""Who sees which appeal: every read starts from the user's scope, so another's appeal is a 404; and the
appeals waiting for each user."""

import pytest
from django.http import Http404

from yuanqu.appeals import selectors, services
from yuanqu.appeals.choices import State
from yuanqu.testing.factories import DepartmentFactory, EnterpriseFactory, UserFactory, grant


def visible(user) -> set[int]:
    return set(selectors.appeal_list(user).values_list("pk", flat=True))


def awaiting(user) -> set[int]:
    return set(selectors.appeal_list(user, {"awaiting": "1"}).values_list("pk", flat=True))


@pytest.fixture
def dept_a2(world):
    department = DepartmentFactory(zone=world.zone_a, name="甲城管局")
    user = UserFactory(username="dept_a2", name="dept_a2")
    grant(user, "dept", department=department)
    world.users["dept_a2"] = user
    return department


def handled_by_a2(world, make_appeal, dept_a2, **kw):
    """An appeal led by the second department of zone A, accepted by its user."""
    appeal = make_appeal("assigned", lead=dept_a2, **kw)
    return services.appeal_act(actor=world["dept_a2"], appeal=appeal, action="accept")


@pytest.fixture
def two(make_appeal, world):
    """Enterprise A's appeal being handled in zone A, and enterprise B's in zone B."""
    return make_appeal("handling"), make_appeal("handling", enterprise=world.enterprise_b)


def test_an_enterprise_sees_its_own_appeal_and_another_enterprises_is_a_404(world, two):
    a, b = two
    assert selectors.appeal_detail(world["enterprise_a"], a.pk) == a
    with pytest.raises(Http404):
        selectors.appeal_detail(world["enterprise_a"], b.pk)
    with pytest.raises(Http404):
        selectors.appeal_detail(world["enterprise_b"], a.pk)
    assert visible(world["enterprise_a"]) == {a.pk} and visible(world["enterprise_b"]) == {b.pk}


def test_an_enterprise_does_not_see_another_enterprises_appeal_in_its_own_zone(world, category, today):
    neighbour = EnterpriseFactory(zone=world.zone_a, park=world.park_a, name="湖南丙材料有限公司")
    theirs = services.appeal_create(actor=world["leader_a"], enterprise=neighbour, category=category,
                                    title="用电增容", content="申请增容。", channel="phone")
    with pytest.raises(Http404):
        selectors.appeal_detail(world["enterprise_a"], theirs.pk)


def test_a_zone_leader_and_the_zones_staff_see_their_zones_appeals(world, two):
    a, b = two
    for name in ("leader_a", "liaison_a", "clerk_a"):
        assert visible(world[name]) == {a.pk}
    assert visible(world["leader_b"]) == {b.pk}
    with pytest.raises(Http404):
        selectors.appeal_detail(world["leader_a"], b.pk)


def test_the_city_sees_every_appeal(world, two):
    assert visible(world["city"]) == {two[0].pk, two[1].pk}
    assert selectors.appeal_detail(world["city"], two[1].pk) == two[1]


@pytest.mark.parametrize("name", ["nobody", "sysadmin"])
def test_users_without_the_view_permission_see_nothing(world, two, name):
    assert visible(world[name]) == set()
    with pytest.raises(Http404):
        selectors.appeal_detail(world[name], two[0].pk)


def test_a_department_sees_what_it_leads_co_handles_or_was_once_assigned(world, make_appeal, dept_a2):
    unassigned = make_appeal("submitted")
    led = make_appeal("handling")
    co_handled = handled_by_a2(world, make_appeal, dept_a2, co=[world.dept_a])
    returned = make_appeal("returned")  # dept_a returned it: it was assigned once
    rerouted = make_appeal("assigned")
    services.appeal_assign(actor=world["leader_a"], appeal=rerouted, lead_department=dept_a2)
    others = handled_by_a2(world, make_appeal, dept_a2)
    assert visible(world["dept_a"]) == {led.pk, co_handled.pk, returned.pk, rerouted.pk}
    assert visible(world["dept_a2"]) == {co_handled.pk, rerouted.pk, others.pk}
    for pk in (unassigned.pk, others.pk):
        with pytest.raises(Http404):
            selectors.appeal_detail(world["dept_a"], pk)
    assert visible(world["dept_b"]) == set()


def test_a_department_sees_a_co_handled_appeal_once_in_its_list(world, make_appeal, dept_a2):
    appeal = handled_by_a2(world, make_appeal, dept_a2, co=[world.dept_a])
    services.appeal_assign(actor=world["leader_a"], appeal=make_appeal("assigned"), lead_department=dept_a2)
    # co-handled now and never assigned; the other was assigned once and re-routed: one row each.
    rows = list(selectors.appeal_list(world["dept_a"]).values_list("pk", flat=True))
    assert len(rows) == len(set(rows)) == 2 and appeal.pk in rows


def test_the_detail_carries_its_co_departments(world, make_appeal, dept_a2):
    appeal = make_appeal("handling", co=[dept_a2])
    detail = selectors.appeal_detail(world["dept_a"], appeal.pk)
    assert [d.pk for d in detail.co_departments.all()] == [dept_a2.pk]


# -- awaiting ---------------------------------------------------------------------------------------

def test_each_user_awaits_the_appeals_it_must_act_on(world, make_appeal, dept_a2):
    new = make_appeal("submitted")
    returned = make_appeal("returned")
    assigned = make_appeal("assigned")
    handling = make_appeal("handling")
    answered = make_appeal("answered")
    make_appeal("closed")
    co_handled = handled_by_a2(world, make_appeal, dept_a2, co=[world.dept_a])
    assert awaiting(world["leader_a"]) == {new.pk, returned.pk}
    assert awaiting(world["dept_a"]) == {assigned.pk, handling.pk}
    assert co_handled.pk not in awaiting(world["dept_a"]) and co_handled.pk in awaiting(world["dept_a2"])
    assert awaiting(world["enterprise_a"]) == {answered.pk}
    assert awaiting(world["leader_b"]) == set() and awaiting(world["enterprise_b"]) == set()
    assert awaiting(world["city"]) == set()


def test_filters_narrow_the_users_own_scope(world, make_appeal):
    handling = make_appeal("handling")
    make_appeal("closed")
    b = make_appeal("handling", enterprise=world.enterprise_b)
    assert set(selectors.appeal_list(world["leader_a"], {"state": State.HANDLING}).values_list("pk", flat=True)) == {
        handling.pk}
    assert set(selectors.appeal_list(world["leader_a"], {"open": "1"}).values_list("pk", flat=True)) == {handling.pk}
    assert set(selectors.appeal_list(world["enterprise_a"], {"enterprise": world.enterprise_b.pk})
               .values_list("pk", flat=True)) == set()
    assert b.pk in visible(world["city"])
