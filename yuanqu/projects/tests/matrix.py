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
