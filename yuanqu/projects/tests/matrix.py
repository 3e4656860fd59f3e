"""Permission matrix of the project pages (see yuanqu/testing/matrix.py)."""

from yuanqu.testing.matrix import Case

READERS = {
    "city", "leader_a", "leader_b", "dept_a", "dept_b", "liaison_a", "agent_a", "investor_a",
    "enterprise_a", "enterprise_b", "clerk_a",
}
# Project A: zone A, department A responsible, enterprise A the owner, liaison A assigned.
SEES_A = {"city", "leader_a", "dept_a", "liaison_a", "agent_a", "investor_a", "enterprise_a", "clerk_a"}
HIDDEN_A = {"leader_b", "dept_b", "enterprise_b"}
CHANGERS_A = {"leader_a", "investor_a"}
WORKERS_A = {"leader_a", "investor_a", "liaison_a"}


def project_a(w):
    from yuanqu.projects.models import Project

    project, _ = Project.objects.get_or_create(
        name="甲园区测试项目", zone=w.zone_a,
        defaults={"enterprise": w.enterprise_a, "department": w.dept_a, "liaison": w["liaison_a"]},
    )
    return project


def _pk(w):
    return {"pk": project_a(w).pk}


def _subwork(w):
    from yuanqu.projects.models import SubWork

    project = project_a(w)
    sw, _ = SubWork.objects.get_or_create(project=project, name="吊架搭设", defaults={"unit": "跨", "total_quantity": 51})
    return {"pk": project.pk, "subwork_pk": sw.pk}


CASES = [
    Case("projects:project_list", ok=READERS),
    Case("projects:project_export", ok=READERS),
    Case("projects:project_kanban", ok=READERS),
    Case("projects:project_detail", ok=SEES_A, hidden=HIDDEN_A, kwargs=_pk),
    Case("projects:project_create", ok={"leader_a", "leader_b", "investor_a"}),
    Case("projects:project_import", ok={"leader_a", "leader_b", "investor_a"}),
    Case("projects:project_import_commit", method="post", ok={"leader_a", "leader_b", "investor_a"}, ok_status=302),
    Case("projects:project_import_template", ok={"leader_a", "leader_b", "investor_a"}),
    Case("projects:project_edit", ok=CHANGERS_A, hidden={"leader_b"}, kwargs=_pk),
    Case("projects:project_advance", method="post", ok={"leader_a", "liaison_a"}, ok_status=302, hidden={"leader_b"},
         kwargs=lambda w: {**_pk(w), "action": "sign"}, data=lambda w: {"effective": "2020-01-02"}),
    Case("projects:milestone_set", method="post", ok=CHANGERS_A, ok_status=302, hidden={"leader_b"}, kwargs=_pk,
         data=lambda w: {"kind": "signed", "planned": "2020-01-02"}),
    Case("projects:progress_add", method="post", ok=WORKERS_A, ok_status=302, hidden={"leader_b"}, kwargs=_pk,
         data=lambda w: {"date": "2020-01-02", "percent": "10", "source": "现场核实"}),
    Case("projects:subwork_create", ok=WORKERS_A, hidden={"leader_b"}, kwargs=_pk),
    Case("projects:subwork_edit", ok=WORKERS_A, hidden={"leader_b"}, kwargs=_subwork),
]

# The milestone timeline (yuanqu/projects/timeline.py).
CASES.append(Case("projects:project_timeline", ok=READERS))

# Weekly reports and coordination items (yuanqu/projects/reporting*.py). Internal work of the
# committee: the enterprise that owns project A does not see them.
INTERNAL_A = SEES_A - {"enterprise_a"}
HIDDEN_INTERNAL_A = HIDDEN_A | {"enterprise_a"}
REPORTERS_A = {"leader_a", "liaison_a"}


def _report(w):
    import datetime as dt

    from yuanqu.projects.models import WeeklyReport

    project = project_a(w)
    report, _ = WeeklyReport.objects.get_or_create(
        project=project, week=dt.date(2021, 5, 10),
        defaults={"done_this_week": "吊架搭设", "planned_next_week": "顶升", "submitted_on": dt.date(2021, 5, 14)})
    return {"pk": project.pk, "report_pk": report.pk}


def _item(w):
    import datetime as dt

    from yuanqu.projects.models import CoordinationItem

    project = project_a(w)
    item, _ = CoordinationItem.objects.get_or_create(
        project=project, title="夜间施工噪声协调",
        defaults={"zone": project.zone, "owner_department": w.dept_a, "deadline": dt.date(2099, 1, 1),
                  "raised_by": w["liaison_a"]})
    return {"pk": item.pk}


COORDINATION_READERS = READERS  # the list pages show each reader its own scope (an enterprise: nothing)
CASES += [
    Case("projects:report_list", ok=INTERNAL_A, hidden=HIDDEN_INTERNAL_A, kwargs=_pk),
    Case("projects:report_detail", ok=INTERNAL_A, hidden=HIDDEN_INTERNAL_A, kwargs=_report),
    Case("projects:report_create", ok=REPORTERS_A, hidden={"leader_b"}, kwargs=_pk),
    Case("projects:report_create", label="projects:report_create(post)", method="post", ok=REPORTERS_A,
         ok_status=302, hidden={"leader_b"}, kwargs=_pk,
         data=lambda w: {"week": "2020-01-06", "done_this_week": "a", "planned_next_week": "b",
                         "investment_in_period": "0", "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0"}),
    Case("projects:coordination_create", ok=REPORTERS_A, hidden={"leader_b"}, kwargs=_pk),
    Case("projects:coordination_list", ok=COORDINATION_READERS),
    Case("projects:coordination_queue", ok=COORDINATION_READERS),
    Case("projects:coordination_export", ok=COORDINATION_READERS),
    Case("projects:coordination_detail", ok=INTERNAL_A, hidden=HIDDEN_INTERNAL_A, kwargs=_item),
    # Accepting: the owner department's staff or the zone's leader; the others who see it get 403.
    Case("projects:coordination_act", method="post", ok={"dept_a", "leader_a"}, ok_status=302,
         hidden=HIDDEN_INTERNAL_A, kwargs=lambda w: {**_item(w), "action": "accept"}),
]
