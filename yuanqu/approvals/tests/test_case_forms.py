"""Opening and editing cases and their items through the pages: defaults, the happy paths, and each bad
input refused with a Chinese message on its field and nothing saved."""

import datetime as dt

import pytest
from django.urls import reverse

from yuanqu.approvals import services
from yuanqu.approvals.choices import CaseKind, ItemState
from yuanqu.approvals.models import ApprovalCase, ApprovalItem, CaseItem
from yuanqu.approvals.tests.fixtures import case_a, case_b, catalogue, item, project_a
from yuanqu.projects.models import Project
from yuanqu.registry.models import Department
from yuanqu.testing.factories import grant

pytestmark = pytest.mark.django_db
D = dt.date
NEW = reverse("approvals:case_create")


def _post_open(client, w, **over):
    """POST a project case of zone A for project A (two items) with `over` replacing fields."""
    lixiang, eia = catalogue("立项备案", "环评审批")
    data = {"kind": "project", "zone": w.zone_a.pk, "project": project_a(w).pk, "title": "甲液晶显示屏项目审批",
            "agent": w["agent_a"].pk, "opened_on": "2021-03-01", "items": [lixiang.pk, eia.pk],
            f"dept_{eia.pk}": w.dept_a.pk}
    data.update(over)
    return client.post(NEW, {k: v for k, v in data.items() if v is not None})


def test_the_project_page_link_prefills_name_dates_zone_and_engineering_items(world, login):
    project = project_a(world)
    response = login("agent_a").get(NEW, {"project": project.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert form["title"].value() == "甲液晶显示屏项目审批"
    assert form["project"].value() == project.pk and form["zone"].value() == world.zone_a.pk
    assert form["opened_on"].value() == D(2021, 3, 1)  # the project's signing date
    assert form["agent"].value() == world["agent_a"].pk  # the acting agent
    assert form["enterprise"].value() == world.enterprise_a.pk
    groups = dict(form.item_groups())
    assert all(r["checked"] for r in groups["工程建设项目"]) and not any(r["checked"] for r in groups["活动报批"])
    rows = {r["item"].name: r for rows in groups.values() for r in rows}
    assert rows["施工图审查"]["commit"] is not None and rows["施工许可"]["commit"] is None
    assert rows["施工许可"]["prerequisites"] == ["施工图审查", "消防设计审查"]
    html = response.content.decode()
    assert "甲建设局" in html and "乙交警大队" not in html  # only the zone's departments
    assert "承诺3/法定7个工作日" in html
    assert 'name="zone"' in html and 'type="hidden" name="zone"' in html  # one zone: not a choice


def test_an_event_form_ticks_nothing_and_a_leader_is_not_made_agent(world, login):
    response = login("leader_a").get(NEW, {"kind": "event"})
    form = response.context["form"]
    assert not any(r["checked"] for _, rows in form.item_groups() for r in rows)
    assert form["agent"].value() is None
    assert form["opened_on"].value() is not None


def test_opening_saves_items_departments_commitments_and_the_checklist(world, login):
    lixiang, eia, drawings = catalogue("立项备案", "环评审批", "施工图审查")
    response = _post_open(login("leader_a"), world, items=[lixiang.pk, eia.pk, drawings.pk],
                          **{f"commit_{drawings.pk}": "on", f"commit_{eia.pk}": ""})
    case = ApprovalCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("approvals:case_detail", args=[case.pk])
    assert (case.zone, case.project, case.enterprise, case.agent) == (
        world.zone_a, project_a(world), world.enterprise_a, world["agent_a"])
    assert case.signed_on == D(2021, 3, 1) and case.items_total == 3
    rows = {ci.item.name: ci for ci in case.items.select_related("item")}
    assert rows["环评审批"].department == world.dept_a and rows["立项备案"].department is None
    assert rows["施工图审查"].by_commitment and not rows["环评审批"].by_commitment
    assert case.service_tasks.count() == 3


def test_an_event_case_needs_no_project(world, login):
    response = login("leader_a").post(NEW, {
        "kind": "event", "zone": world.zone_a.pk, "title": "甲园区焰火音乐节", "enterprise": world.enterprise_a.pk,
        "project": project_a(world).pk, "items": catalogue("焰火燃放许可")[0].pk, "target_start": "2021-10-01"})
    assert response.status_code == 302
    case = ApprovalCase.objects.get()
    assert case.kind == CaseKind.EVENT and case.project is None and case.target_start == D(2021, 10, 1)
    assert not case.service_tasks.exists()


def test_bad_input_to_the_open_form_is_refused_on_its_field(world, login):
    client = login("leader_a")
    zone_b_project = Project.objects.create(zone=world.zone_b, name="乙园区储能项目", enterprise=world.enterprise_b)
    lixiang, eia, permit = catalogue("立项备案", "环评审批", "施工许可")
    ApprovalItem.objects.filter(pk=permit.pk).update(is_active=False)
    cases = [
        ({"title": ""}, "title", services.MSG_TITLE),
        ({"title": "   "}, "title", services.MSG_TITLE),
        ({"project": None}, "project", services.MSG_PROJECT_REQUIRED),
        ({"project": zone_b_project.pk}, "project", services.MSG_PROJECT_ZONE),
        ({"kind": "event", "project": None}, "enterprise", services.MSG_EVENT_ENTERPRISE),
        ({"enterprise": world.enterprise_b.pk}, "enterprise", services.MSG_ENTERPRISE_ZONE),
        ({"items": []}, "items", services.MSG_NO_ITEMS),
        ({"items": [lixiang.pk, permit.pk]}, "items", services.MSG_ITEM_INACTIVE.format(name="施工许可")),
        ({f"dept_{eia.pk}": world.dept_b.pk}, f"dept_{eia.pk}", services.MSG_DEPARTMENT_ZONE),
        ({f"commit_{lixiang.pk}": "on"}, "items", services.MSG_COMMITMENT_NOT_ALLOWED.format(name="立项备案")),
        ({"agent": world["liaison_a"].pk}, "agent", services.MSG_AGENT),
        ({"agent": world["leader_b"].pk}, "agent", services.MSG_AGENT),
        ({"land_handover_on": "2021-02-20"}, "land_handover_on", services.MSG_HANDOVER_BEFORE),
        ({"handover_start": "on"}, "land_handover_on", services.MSG_HANDOVER_START),
        ({"zone": world.zone_b.pk}, "zone", services.MSG_NO_OPEN_RIGHT),
    ]
    for over, field, message in cases:
        response = _post_open(client, world, **over)
        assert response.status_code == 400, over
        errors = response.context["form"].errors
        assert message in errors.get(field, []), (over, errors)
        assert message in response.content.decode()
    assert not ApprovalCase.objects.exists() and not CaseItem.objects.exists()


def test_a_project_with_a_case_is_not_offered_and_a_second_case_is_refused(world, login):
    case = case_a(world)
    client = login("leader_a")
    form = client.get(NEW).context["form"]
    assert case.project_id not in [value for value, _ in form.fields["project"].choices]
    response = _post_open(client, world)
    assert response.status_code == 400
    assert response.context["form"].errors["project"] == [services.MSG_PROJECT_TAKEN]
    assert ApprovalCase.objects.count() == 1
    # The project page's link for a project that already has a case leads to that case.
    response = client.get(NEW, {"project": case.project_id})
    assert response.status_code == 302 and response["Location"] == reverse("approvals:case_detail", args=[case.pk])


def test_the_open_form_refuses_others_projects_and_non_openers(world, login):
    zone_b_project = Project.objects.create(zone=world.zone_b, name="乙园区储能项目", enterprise=world.enterprise_b)
    assert login("leader_a").get(NEW, {"project": zone_b_project.pk}).status_code == 404
    for persona in ("city", "dept_a", "liaison_a", "enterprise_a", "sysadmin"):
        assert login(persona).get(NEW).status_code == 403, persona
        assert _post_open(login(persona), world).status_code == 403, persona
    assert not ApprovalCase.objects.exists()


def test_a_leader_of_two_zones_picks_the_zone_and_its_departments(world, login):
    grant(world["leader_a"], "leader", zone=world.zone_b)
    client = login("leader_a")
    form = client.get(NEW).context["form"]
    assert form.several_zones and not form.fields["zone"].widget.is_hidden
    eia = catalogue("环评审批")[0]
    response = _post_open(client, world, **{f"dept_{eia.pk}": world.dept_b.pk})
    assert response.context["form"].errors[f"dept_{eia.pk}"] == [services.MSG_DEPARTMENT_ZONE]
    response = _post_open(client, world, zone="")
    assert "请选择园区。" in response.context["form"].errors["zone"]
    assert not ApprovalCase.objects.exists()


def test_the_open_form_reads_a_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    client = login("leader_a")
    for n in range(5):
        Department.objects.create(zone=world.zone_a, name=f"甲部门{n}")
    with django_assert_max_num_queries(20):
        response = client.get(NEW)
    assert response.status_code == 200
    assert ApprovalItem.objects.filter(is_active=True).count() == sum(
        len(rows) for _, rows in response.context["form"].item_groups())


# ---- editing a case ------------------------------------------------------------------------------

def _edit(client, case, **over):
    data = {"title": case.title, "agent": case.agent_id or "", "opened_on": f"{case.opened_on:%Y-%m-%d}",
            "target_start": "", "land_handover_on": "", "note": "", "version": case.version}
    data.update(over)
    return client.post(reverse("approvals:case_edit", args=[case.pk]), data)


def test_the_agent_changes_its_case_and_the_version_moves(world, login):
    case = case_a(world)
    page = login("agent_a").get(reverse("approvals:case_edit", args=[case.pk]))
    assert page.status_code == 200 and page.context["form"]["version"].value() == case.version
    assert "opened_on" not in page.context["form"].fields  # a project's start follows its signing
    response = _edit(login("agent_a"), case, title="甲液晶显示屏项目审批(一期)", land_handover_on="2021-03-20",
                     handover_start="on", target_start="2021-04-01", note="交地即开工")
    assert response.status_code == 302 and response["Location"] == reverse("approvals:case_detail", args=[case.pk])
    case.refresh_from_db()
    assert case.title == "甲液晶显示屏项目审批(一期)" and case.handover_start and case.land_handover_on == D(2021, 3, 20)
    assert case.version == 2


def test_bad_input_to_the_edit_form_changes_nothing(world, login):
    case = case_a(world)
    client = login("leader_a")
    for over, field, message in [
        ({"title": ""}, "title", services.MSG_TITLE),
        ({"agent": world["liaison_a"].pk}, "agent", services.MSG_AGENT),
        ({"land_handover_on": "2021-02-01"}, "land_handover_on", services.MSG_HANDOVER_BEFORE),
        ({"handover_start": "on"}, "land_handover_on", services.MSG_HANDOVER_START),
        ({"version": case.version - 1 if case.version > 1 else case.version + 5}, "__all__", services.MSG_STALE),
    ]:
        response = _edit(client, case, **over)
        assert response.status_code == 400, over
        assert message in response.context["form"].errors.get(field, []), (over, response.context["form"].errors)
    fresh = ApprovalCase.objects.get(pk=case.pk)
    assert (fresh.title, fresh.agent_id, fresh.land_handover_on, fresh.version) == (
        case.title, case.agent_id, None, case.version)


def test_an_event_case_edits_its_dates(world, login):
    case = case_b(world)
    response = _edit(login("leader_b"), case, opened_on="2021-04-02", started_on="2021-05-01")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.opened_on == D(2021, 4, 2) and case.started_on == D(2021, 5, 1)


# ---- items ----------------------------------------------------------------------------------------

def test_adding_items_offers_only_those_not_in_the_case(world, login):
    case = case_a(world)
    url = reverse("approvals:case_items_add", args=[case.pk])
    client = login("agent_a")
    form = client.get(url).context["form"]
    offered = {r["item"].name for _, rows in form.item_groups() for r in rows}
    assert "立项备案" not in offered and "施工许可" in offered and not any(
        r["checked"] for _, rows in form.item_groups() for r in rows)
    safety, drawings = catalogue("安全预评价", "施工图审查")
    response = client.post(url, {"items": [safety.pk, drawings.pk], f"dept_{safety.pk}": world.dept_a.pk,
                                 f"commit_{drawings.pk}": "on"})
    assert response.status_code == 302
    assert item(case, "安全预评价").department == world.dept_a and item(case, "施工图审查").by_commitment
    case.refresh_from_db()
    assert case.items_total == 6


def test_bad_items_are_refused_and_none_added(world, login):
    case = case_a(world)
    url = reverse("approvals:case_items_add", args=[case.pk])
    client = login("leader_a")
    safety, lixiang = catalogue("安全预评价", "立项备案")
    for data, field, message in [
        ({}, "items", services.MSG_NO_ITEMS),
        ({"items": [safety.pk, lixiang.pk]}, "items", services.MSG_ITEM_TAKEN.format(name="立项备案")),
        ({"items": [safety.pk], f"commit_{safety.pk}": "on"}, "items",
         services.MSG_COMMITMENT_NOT_ALLOWED.format(name="安全预评价")),
        ({"items": [safety.pk], f"dept_{safety.pk}": world.dept_b.pk}, f"dept_{safety.pk}", services.MSG_DEPARTMENT_ZONE),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in response.context["form"].errors.get(field, []), (data, response.context["form"].errors)
    assert case.items.count() == 4


def test_routing_an_item_and_planning_it_on_commitment(world, login):
    case = case_a(world)
    energy = item(case, "节能审查")
    url = reverse("approvals:case_item_edit", args=[case.pk, energy.pk])
    client = login("agent_a")
    page = client.get(url)
    assert page.status_code == 200 and "按承诺制办理" in page.content.decode()
    assert client.post(url, {"department": world.dept_a.pk, "by_commitment": "on"}).status_code == 302
    energy.refresh_from_db()
    assert energy.department == world.dept_a and energy.by_commitment

    land = item(case, "用地预审与选址意见")
    url = reverse("approvals:case_item_edit", args=[case.pk, land.pk])
    assert "不在承诺制事项之列" in client.get(url).content.decode()
    response = client.post(url, {"by_commitment": "on"})
    assert response.status_code == 400
    assert response.context["form"].errors["by_commitment"] == [
        services.MSG_COMMITMENT_NOT_ALLOWED.format(name="用地预审与选址意见")]
    response = client.post(url, {"department": world.dept_b.pk})
    assert response.context["form"].errors["department"] == [services.MSG_DEPARTMENT_ZONE]
    land.refresh_from_db()
    assert land.department is None and not land.by_commitment


def test_removing_an_item_asks_first_and_is_refused_once_started(world, login):
    case = case_a(world)
    client = login("leader_a")
    energy = item(case, "节能审查")
    url = reverse("approvals:case_item_remove", args=[case.pk, energy.pk])
    page = client.get(url)
    assert page.status_code == 200 and "确认移除" in page.content.decode()
    assert CaseItem.objects.filter(pk=energy.pk).exists()  # a GET removes nothing
    assert client.post(url).status_code == 302
    assert not CaseItem.objects.filter(pk=energy.pk).exists()

    eia = item(case, "环评审批")
    url = reverse("approvals:case_item_remove", args=[case.pk, eia.pk])
    message = services.MSG_REMOVE_STARTED.format(name="环评审批")
    page = client.get(url).content.decode()
    assert message in page and "确认移除" not in page
    response = client.post(url)
    assert response.status_code == 400 and message in response.content.decode()
    assert item(case, "环评审批").state == ItemState.ACCEPTED


def test_zone_b_and_enterprises_cannot_reach_zone_a_case_pages(world, login):
    case = case_a(world)
    one = item(case, "节能审查")
    urls = [reverse("approvals:case_edit", args=[case.pk]), reverse("approvals:case_items_add", args=[case.pk]),
            reverse("approvals:case_item_edit", args=[case.pk, one.pk]),
            reverse("approvals:case_item_remove", args=[case.pk, one.pk])]
    for url in urls:
        for persona, status in [("leader_b", 404), ("dept_b", 404), ("enterprise_b", 404), ("enterprise_a", 403),
                                ("dept_a", 403), ("city", 403)]:
            assert login(persona).get(url).status_code == status, (persona, url)
            assert login(persona).post(url, {"title": "x", "items": [one.item_id]}).status_code == status, (persona, url)
    # An item id of another case under this case's URL is not found either.
    other = item(case_b(world), "焰火燃放许可")
    assert login("leader_a").get(reverse("approvals:case_item_edit", args=[case.pk, other.pk])).status_code == 404
    assert CaseItem.objects.filter(pk=one.pk).exists()
    assert ApprovalCase.objects.get(pk=case.pk).title == "甲液晶显示屏项目审批"



def test_the_project_page_offers_a_case_to_openers_until_it_has_one(world, login):
    project = project_a(world)
    page = reverse("projects:project_detail", args=[project.pk])
    link = f'href="{NEW}?project={project.pk}"'
    for persona in ("leader_a", "agent_a"):
        assert link in login(persona).get(page).content.decode(), persona
    for persona in ("liaison_a", "investor_a", "city"):
        response = login(persona).get(page)
        assert response.status_code == 200 and link not in response.content.decode(), persona
    case_a(world)
    assert link not in login("leader_a").get(page).content.decode()
