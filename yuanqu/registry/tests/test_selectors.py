"""Every read starts from the user's scope: what each persona's lists hold."""

import pytest

from yuanqu.registry import selectors
from yuanqu.testing.factories import EnterpriseFactory, ParkFactory, UserFactory, grant


def names(qs) -> set[str]:
    return {str(o.name) for o in qs}


def zones(qs) -> set[str]:
    return {z.short_name for z in qs}


@pytest.mark.parametrize("persona, expected", [
    ("city", {"甲园区", "乙园区"}),
    ("sysadmin", {"甲园区", "乙园区"}),
    ("leader_a", {"甲园区"}),
    ("dept_b", {"乙园区"}),
    ("enterprise_a", {"甲园区"}),
    ("mentor_a", {"甲园区"}),
    ("secadmin", set()),
    ("nobody", set()),
])
def test_zones_each_persona_sees(world, persona, expected):
    assert zones(selectors.zone_list(world[persona])) == expected


def test_an_enterprise_user_sees_only_its_own_enterprise_but_its_zones_parks(world):
    EnterpriseFactory(zone=world.zone_a, name="湖南甲园区邻居")
    user = world["enterprise_a"]
    assert names(selectors.enterprise_list(user)) == {world.enterprise_a.name}
    assert names(selectors.park_list(user)) == {world.park_a.name}
    assert not selectors.department_list(user).exists()  # no registry.view_officials
    assert not selectors.official_list(user).exists()


def test_a_department_user_sees_its_departments_zone(world):
    user = world["dept_a"]
    assert names(selectors.enterprise_list(user)) == {world.enterprise_a.name}
    assert names(selectors.department_list(user)) == {"甲建设局"}
    assert names(selectors.official_list(user)) == {"甲干部"}


def test_a_role_limited_to_a_park_sees_that_park_its_phases_and_their_enterprises(world):
    phase = ParkFactory(zone=world.zone_a, parent=world.park_a, name="甲电子信息产业园一期", phase=1)
    other = ParkFactory(zone=world.zone_a, name="甲电力科技产业园")
    EnterpriseFactory(zone=world.zone_a, park=phase, name="湖南创普开业科技有限公司")
    EnterpriseFactory(zone=world.zone_a, park=other, name="湘乡电力")
    EnterpriseFactory(zone=world.zone_a, park=None, name="湖南振添光学玻璃科技有限公司")
    user = UserFactory()
    grant(user, "liaison", zone=world.zone_a, park=world.park_a)
    assert names(selectors.park_list(user)) == {world.park_a.name, "甲电子信息产业园一期"}
    assert names(selectors.enterprise_list(user)) == {world.enterprise_a.name, "湖南创普开业科技有限公司"}
    assert zones(selectors.zone_list(user)) == {"甲园区"}


def test_lists_hold_no_duplicates_when_a_user_has_several_roles(world):
    user = UserFactory()
    grant(user, "leader", zone=world.zone_a)
    grant(user, "enterprise", enterprise=world.enterprise_a)
    grant(user, "liaison", zone=world.zone_a, park=world.park_a)
    assert [z.short_name for z in selectors.zone_list(user)] == ["甲园区"]
    assert [e.name for e in selectors.enterprise_list(user)] == [world.enterprise_a.name]
    assert [p.name for p in selectors.park_list(user)] == [world.park_a.name]


def test_zone_counts(world):
    EnterpriseFactory(zone=world.zone_a, scale="above")
    ParkFactory(zone=world.zone_a)
    counts = {z.short_name: (z.park_count, z.enterprise_count, z.above_count)
              for z in selectors.zone_list_with_counts(world["city"])}
    assert counts == {"甲园区": (2, 2, 1), "乙园区": (1, 1, 0)}


def test_can_change_only_in_the_zones_of_a_changing_role(world):
    assert selectors.can_change(world["leader_a"], world.zone_a.pk)
    assert not selectors.can_change(world["leader_a"], world.zone_b.pk)
    assert not selectors.can_change(world["dept_a"], world.zone_a.pk)
    assert not selectors.can_change(world["city"], world.zone_a.pk)
    assert selectors.can_change(world["sysadmin"], world.zone_b.pk, "registry.change_zone")
    assert not selectors.can_change(world["sysadmin"], world.zone_b.pk)


def test_a_role_limited_to_one_park_reads_it_but_writes_nothing(world):
    from yuanqu.registry.selectors import enterprise_list, zones_writable
    from yuanqu.testing.factories import UserFactory, grant

    clerk = UserFactory()
    grant(clerk, "clerk", zone=world.zone_a, park=world.park_a)
    assert list(enterprise_list(clerk)) == [world.enterprise_a]
    assert not zones_writable(clerk).exists()
