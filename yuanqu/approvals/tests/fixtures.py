"""A case in the test world, shared by the approvals tests and the permission matrix.

Zone A's project (enterprise A's) has a case opened by leader A and run by agent A, opened on
2021-03-01 with four items: 立项备案 (department A, granted on 3月3日), 环评审批 and 节能审查 (both
after 立项备案, so they run side by side; 环评审批 at department A, accepted on 3月8日), and
用地预审与选址意见 (waiting). Zone B has a case of its own (enterprise B's event) run by leader B.
Tests freeze the clock themselves; these dates only need to be in the past.
"""

import datetime as dt

from yuanqu.approvals import services
from yuanqu.approvals.models import ApprovalCase, ApprovalItem, CaseItem

D = dt.date
ITEMS_A = ["立项备案", "用地预审与选址意见", "环评审批", "节能审查"]


def catalogue(*names) -> list[ApprovalItem]:
    """Catalogue entries by name (seeded by migration; re-seeded if a transactional test flushed them)."""
    if not ApprovalItem.objects.exists():
        from yuanqu.approvals.catalogue import seed

        seed(ApprovalItem)
    by_name = {i.name: i for i in ApprovalItem.objects.filter(name__in=names)}
    return [by_name[n] for n in names]


def project_a(w):
    from yuanqu.projects.models import Milestone, Project

    project = Project.objects.filter(zone=w.zone_a, name="甲液晶显示屏项目").first()
    if project is None:
        project = Project.objects.create(zone=w.zone_a, park=w.park_a, enterprise=w.enterprise_a,
                                         name="甲液晶显示屏项目", stage="signed")
        Milestone.objects.create(project=project, kind="signed", actual=D(2021, 3, 1))
    return project


def case_a(w) -> ApprovalCase:
    """Zone A's case, built once per world (idempotent)."""
    found = ApprovalCase.objects.filter(zone=w.zone_a).first()
    if found:
        return found
    items = catalogue(*ITEMS_A)
    case = services.case_open(actor=w["leader_a"], zone=w.zone_a, title="甲液晶显示屏项目审批",
                              project=project_a(w), agent=w["agent_a"], items=items,
                              departments={items[0].pk: w.dept_a, items[2].pk: w.dept_a})
    first = item(case, "立项备案")
    services.item_act(actor=w["agent_a"], case_item=first, action="prepare", on=D(2021, 3, 1))
    services.item_act(actor=w["dept_a"], case_item=first, action="accept", on=D(2021, 3, 2))
    services.item_act(actor=w["dept_a"], case_item=first, action="grant", on=D(2021, 3, 3), document_no="甲发改备〔2021〕1号")
    eia = item(case, "环评审批")
    services.item_act(actor=w["agent_a"], case_item=eia, action="prepare", on=D(2021, 3, 4))
    services.item_act(actor=w["dept_a"], case_item=eia, action="accept", on=D(2021, 3, 8))
    case.refresh_from_db()
    return case


def case_b(w) -> ApprovalCase:
    found = ApprovalCase.objects.filter(zone=w.zone_b).first()
    if found:
        return found
    return services.case_open(actor=w["leader_b"], zone=w.zone_b, title="乙园区音乐节活动报批", kind="event",
                              enterprise=w.enterprise_b, agent=w["leader_b"], opened_on=D(2021, 4, 1),
                              target_start=D(2021, 5, 1), items=catalogue("大型群众性活动安全许可", "焰火燃放许可"))


def item(case, name) -> CaseItem:
    return CaseItem.objects.select_related("item", "case").get(case=case, item__name=name)
