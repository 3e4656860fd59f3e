"""Who sees which cases (selectors.case_list, case_detail, case_item_for) and what waits on whom
(selectors.queue), per persona: an enterprise its own cases only, a department the cases with an item
routed to it, the zone's staff the zone's cases, the city all, everyone else none."""

import datetime as dt

import pytest
from django.http import Http404

from yuanqu.approvals import selectors, services
from yuanqu.approvals.tests.fixtures import case_a, case_b, catalogue, item
from yuanqu.common.clock import frozen
from yuanqu.testing.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db
D = dt.date


def build(w):
    """case_a (enterprise A, items at department A, agent A); a second zone-A case of another
    enterprise, run by leader A, nothing at department A; case_b (zone B) with an item at department B."""
    a = case_a(w)
    other = EnterpriseFactory(zone=w.zone_a, park=w.park_a, name="湖南丙材料有限公司")
    a2 = services.case_open(actor=w["leader_a"], zone=w.zone_a, title="丙公司开业活动", kind="event", enterprise=other,
                            agent=w["leader_a"], opened_on=D(2021, 3, 1), items=catalogue("焰火燃放许可"))
    b = case_b(w)
    fireworks = item(b, "焰火燃放许可")
    services.case_item_update(actor=w["leader_b"], case_item=fireworks, department=w.dept_b)
    services.item_act(actor=w["leader_b"], case_item=fireworks, action="prepare", on=D(2021, 4, 2))
    return a, a2, b


def test_case_list_per_persona(world):
    with frozen(D(2021, 4, 5)):
        a, a2, b = build(world)
    expected = {
        "enterprise_a": {a}, "enterprise_b": {b},
        "dept_a": {a}, "dept_b": {b},
        "leader_a": {a, a2}, "leader_b": {b},
        "city": {a, a2, b},
        "liaison_a": {a, a2}, "investor_a": {a, a2}, "agent_a": {a, a2},
        "mentor_a": set(), "clerk_a": set(), "sysadmin": set(), "secadmin": set(), "auditor": set(), "nobody": set(),
    }
    everyone = {a, a2, b}
    for name, cases in expected.items():
        user = world[name]
        assert set(selectors.case_list(user)) == cases, name
        for case in everyone:
            if case in cases:
                assert selectors.case_detail(user, case.pk) == case
                first = case.items.order_by("id").first()
                assert selectors.case_item_for(user, case.pk, first.pk) == first
            else:
                with pytest.raises(Http404):
                    selectors.case_detail(user, case.pk)
                with pytest.raises(Http404):
                    selectors.case_item_for(user, case.pk, case.items.order_by("id").first().pk)
    # An item asked for under another case's number is not found either.
    with pytest.raises(Http404):
        selectors.case_item_for(world["city"], a2.pk, item(a, "环评审批").pk)


def test_the_list_reads_its_relations_in_one_query_after_the_roles(world, django_assert_num_queries):
    with frozen(D(2021, 4, 5)):
        build(world)
    rows = None
    with django_assert_num_queries(2):  # the user's roles, the cases with their relations
        rows = [(c.zone.short_name, c.enterprise.name, c.agent.username, c.project and c.project.name)
                for c in selectors.case_list(world["city"])]
    assert len(rows) == 3


def test_queue_per_role(world):
    with frozen(D(2021, 4, 5)):
        a, a2, b = build(world)

    def queue(name, day=D(2021, 3, 15)):
        with frozen(day):
            return {(ci.case.title, ci.item.name) for ci in selectors.queue(world[name])}

    case_a_title = a.title
    # The agent: its own case's items waiting on the enterprise's side (to prepare).
    assert queue("agent_a") == {(case_a_title, "用地预审与选址意见"), (case_a_title, "节能审查")}
    # The department: the item routed to it, accepted and waiting for a decision.
    assert queue("dept_a") == {(case_a_title, "环评审批")}
    assert queue("dept_b") == {(b.title, "焰火燃放许可")}
    # The zone's leader: only items past their deadline, of its own zone.
    assert queue("leader_a") == set()
    assert queue("leader_a", D(2021, 3, 30)) == {(case_a_title, "环评审批")}
    assert queue("leader_b", D(2021, 3, 30)) == set()
    for name in ("enterprise_a", "city", "liaison_a", "investor_a", "mentor_a", "sysadmin", "nobody"):
        assert queue(name, D(2021, 3, 30)) == set(), name
    # A commitment grant waits on the agent (and a department it is routed to) until it is checked.
    with frozen(D(2021, 3, 15)):
        energy = item(a, "节能审查")
        services.item_act(actor=world["agent_a"], case_item=energy, action="prepare", on=D(2021, 3, 9))
        services.item_act(actor=world["agent_a"], case_item=energy, action="commit", on=D(2021, 3, 10))
    assert (case_a_title, "节能审查") in queue("agent_a")
    assert queue("leader_a", D(2021, 4, 9)) == {(case_a_title, "环评审批"), (case_a_title, "节能审查")}  # 4月8日 check missed
    with frozen(D(2021, 3, 15)):
        services.item_act(actor=world["agent_a"], case_item=item(a, "节能审查"), action="verify", on=D(2021, 3, 12))
    assert (case_a_title, "节能审查") not in queue("agent_a")
