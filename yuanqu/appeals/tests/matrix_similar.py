"""Permission matrix: similar appeals, clusters and linked groups (举一反三).

Everyone who reads appeals may look up similar ones and see clusters (each within its own scope);
only the zone's leader links and unlinks: zone B's leader holds the permission but does not see
zone A's appeals (404). A group is seen by whoever sees one of its appeals: here two appeals of
enterprise A taken by zone A's staff and not yet routed, so the departments do not see them."""

from yuanqu.testing.matrix import Case

READERS = {"city", "leader_a", "leader_b", "dept_a", "dept_b", "liaison_a", "agent_a", "investor_a", "clerk_a",
           "enterprise_a", "enterprise_b"}
SEE_A = {"city", "leader_a", "liaison_a", "agent_a", "investor_a", "clerk_a", "enterprise_a"}


def two_appeals_a(w):
    from yuanqu.appeals import services
    from yuanqu.appeals.models import AppealCategory

    category = AppealCategory.objects.get(name="交通出行")
    return [services.appeal_create(actor=w["leader_a"], enterprise=w.enterprise_a, category=category,
                                   title=f"厂门前驾考路线调整{i}", content="驾考车辆占用厂门前道路。", channel="phone")
            for i in range(2)]


def group_a(w):
    from yuanqu.appeals.links import appeal_link

    return appeal_link(actor=w["leader_a"], appeals=two_appeals_a(w), title="驾考路线")


CASES = [
    Case("appeals:appeal_similar", ok=READERS, data=lambda w: {"title": "驾考路线", "content": "驾考车辆占用道路"}),
    Case("appeals:cluster_list", ok=READERS),
    Case("appeals:appeal_link", method="post", ok={"leader_a"}, ok_status=302, hidden={"leader_b"},
         data=lambda w: {"appeals": [a.pk for a in two_appeals_a(w)], "title": "驾考路线占道"}),
    Case("appeals:appeal_unlink", method="post", ok={"leader_a"}, ok_status=302, hidden={"leader_b"},
         kwargs=lambda w: {"pk": group_a(w).appeals.first().pk}),
    Case("appeals:group_detail", ok=SEE_A, hidden=READERS - SEE_A, kwargs=lambda w: {"pk": group_a(w).pk}),
]
