"""Permission matrix of opening and editing cases and their 三个提前 lines (see yuanqu/testing/matrix.py).

Case A (fixtures.case_a): zone A's project case, run by agent A, two items routed to department A.
Opening a case takes approvals.open (zone leaders and agents); everyone else 403. Changing case A
takes its zone's leader or its own agent: the others who see it (the city, department A, zone A's
liaison and investor, enterprise A) get 403; those who cannot see it (zone B's leader and department,
enterprise B) 404; roles without approvals.view (mentor, clerk, the three administrators, nobody)
403. Each persona's POST is rolled back, so each meets the same case.
"""

from yuanqu.testing.matrix import Case

from .fixtures import case_a, catalogue, item, project_a

OPENERS = {"leader_a", "leader_b", "agent_a"}
CHANGERS = {"leader_a", "agent_a"}
HIDDEN_A = {"leader_b", "dept_b", "enterprise_b"}


def _case(w):
    return {"pk": case_a(w).pk}


def _pending(w):
    case = case_a(w)
    return {"pk": case.pk, "item_pk": item(case, "节能审查").pk}


def _task(w):
    case = case_a(w)
    return {"pk": case.pk, "task_pk": case.service_tasks.order_by("pk").first().pk}


def _open_event(w):
    """A valid event case of zone A: leader B's zone has no such enterprise (its form says so, 400)."""
    project_a(w)
    return {"kind": "event", "zone": w.zone_a.pk, "title": "甲园区招商推介会", "enterprise": w.enterprise_a.pk,
            "items": [catalogue("大型群众性活动安全许可")[0].pk]}


def _edit(w):
    case = case_a(w)
    return {"title": "甲液晶显示屏项目审批(调整)", "agent": w["agent_a"].pk, "version": case.version}


def _add(w):
    case_a(w)
    return {"items": [catalogue("安全预评价")[0].pk]}


def _task_data(w):
    case_a(w)
    return {"kind": "recruitment", "title": "招聘一线操作工200名", "owner": "甲园区人社局", "state": "todo"}


CASES = [
    Case("approvals:case_create", ok=OPENERS),
    Case("approvals:case_create", ok=OPENERS, method="post", data=_open_event, ok_status=302,
         special={"leader_b": 400}, label="approvals:case_create POST"),
    Case("approvals:case_edit", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_case),
    Case("approvals:case_edit", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_case, method="post", data=_edit,
         ok_status=302, label="approvals:case_edit POST"),
    Case("approvals:case_items_add", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_case),
    Case("approvals:case_items_add", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_case, method="post", data=_add,
         ok_status=302, label="approvals:case_items_add POST"),
    Case("approvals:case_item_edit", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_pending),
    Case("approvals:case_item_edit", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_pending, method="post",
         data=lambda w: {"department": w.dept_a.pk, "by_commitment": "on"}, ok_status=302,
         label="approvals:case_item_edit POST"),
    Case("approvals:case_item_remove", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_pending),
    Case("approvals:case_item_remove", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_pending, method="post", ok_status=302,
         label="approvals:case_item_remove POST"),
    Case("approvals:task_create", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_case),
    Case("approvals:task_create", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_case, method="post", data=_task_data,
         ok_status=302, label="approvals:task_create POST"),
    Case("approvals:task_edit", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_task),
    Case("approvals:task_edit", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_task, method="post",
         data=lambda w: _task_data(w) | {"state": "done", "done_on": "2021-03-05", "version": 1}, ok_status=302,
         label="approvals:task_edit POST"),
    Case("approvals:task_delete", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_task),
    Case("approvals:task_delete", ok=CHANGERS, hidden=HIDDEN_A, kwargs=_task, method="post", ok_status=302,
         label="approvals:task_delete POST"),
]
