"""Creating and editing projects, their sub-works and milestones through the pages: good data saves,
bad data is a 400 with a Chinese message and saves nothing."""

import pytest
from django import forms
from django.urls import reverse

from yuanqu.audit.models import AuditEntry
from yuanqu.common.clock import frozen
from yuanqu.common.services import MSG_STALE
from yuanqu.projects.forms import (
    MSG_ACTUAL_BY_ADVANCE, MSG_ACTUAL_FUTURE, MSG_DEPARTMENT_ZONE, MSG_ENTERPRISE_ZONE, MSG_LEADER_ZONE,
    MSG_LIAISON_ZONE, MSG_PARK_ZONE,
)
from yuanqu.projects.models import Milestone, Project, SubWork
from yuanqu.projects.services import project_update
from yuanqu.projects.views import MSG_SAVED
from yuanqu.testing.factories import UserFactory, grant

from .conftest import D, SubWorkFactory, constraint_message

INVALID_CHOICE = str(forms.ModelChoiceField.default_error_messages["invalid_choice"])
MSG_OVERRIDE_REASON = constraint_message(Project, "projects_override_needs_reason")
MSG_WINDOW_ORDER = constraint_message(Project, "projects_window_in_order")
MSG_DONE_WITHIN_TOTAL = constraint_message(SubWork, "projects_subwork_done_within_total")


def project_data(world, **over) -> dict:
    data = {
        "name": "创普开业液晶显示屏生产线项目", "zone": world.zone_a.pk, "park": world.park_a.pk,
        "enterprise": world.enterprise_a.pk, "kind": "industrial", "description": "液晶显示屏智能化生产线",
        "total_investment": "50000", "annual_planned_investment": "20000", "completed_investment": "12000",
        "capacity_product": "液晶显示屏", "capacity_period": "year", "capacity_quantity": "2400", "capacity_unit": "万片",
        "floor_area": "", "storeys": "", "is_key": "on", "green_channel": "on",
        "leader": world.official_a.pk, "department": world.dept_a.pk, "liaison": world["liaison_a"].pk,
        "rollup_mode": "quantity", "progress_override": "", "progress_override_reason": "",
        "window_start": "", "window_end": "",
    }
    return {**data, **over}


def errors_of(response) -> dict:
    return response.context["form"].errors


# -- create ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("persona", ["leader_a", "investor_a"])
def test_a_good_create_saves_redirects_to_the_page_and_is_audited(world, login, persona):
    client = login(persona)
    assert client.get(reverse("projects:project_create")).status_code == 200
    response = client.post(reverse("projects:project_create"), project_data(world))
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:project_detail", args=[project.pk])
    assert (project.zone, project.stage, project.liaison, project.is_key, project.version) == (
        world.zone_a, "planning", world["liaison_a"], True, 1)
    assert project.capacity_text == "年产2400万片液晶显示屏"
    assert [(e.action, e.actor) for e in AuditEntry.objects.get_for_object(project)] == [
        (AuditEntry.Action.CREATE, world[persona])]
    assert MSG_SAVED in client.get(response["Location"]).content.decode()


def test_the_stage_cannot_be_set_by_the_form(world, login):
    login("leader_a").post(reverse("projects:project_create"), project_data(world, stage="full"))
    assert Project.objects.get().stage == "planning"


@pytest.mark.parametrize("field, value, message", [
    ("park", lambda w: w.park_b.pk, MSG_PARK_ZONE),
    ("enterprise", lambda w: w.enterprise_b.pk, MSG_ENTERPRISE_ZONE),
    ("department", lambda w: w.dept_b.pk, MSG_DEPARTMENT_ZONE),
    ("leader", lambda w: w.official_b.pk, MSG_LEADER_ZONE),
])
def test_a_choice_from_another_zone_is_refused_by_name(world, client, leader_ab, field, value, message):
    # A leader of both zones is offered zone B's records, so the cross-zone check is what refuses them.
    client.force_login(leader_ab)
    response = client.post(reverse("projects:project_create"), project_data(world, **{field: value(world)}))
    assert response.status_code == 400
    assert errors_of(response) == {field: [message]}
    assert message in response.content.decode()
    assert not Project.objects.exists()


def test_a_liaison_of_another_zone_is_refused(world, client, leader_ab):
    liaison_b = UserFactory(username="liaison_b")
    grant(liaison_b, "liaison", zone=world.zone_b)
    client.force_login(leader_ab)
    response = client.post(reverse("projects:project_create"), project_data(world, liaison=liaison_b.pk))
    assert response.status_code == 400
    assert errors_of(response) == {"liaison": [MSG_LIAISON_ZONE]}
    assert not Project.objects.exists()
    # The same liaison is fine for a zone B project.
    response = client.post(reverse("projects:project_create"), project_data(
        world, zone=world.zone_b.pk, park=world.park_b.pk, enterprise=world.enterprise_b.pk,
        department=world.dept_b.pk, leader=world.official_b.pk, liaison=liaison_b.pk))
    assert response.status_code == 302
    assert Project.objects.get().liaison == liaison_b


def test_only_the_liaisons_of_the_users_zones_are_offered(world, login):
    liaison_b = UserFactory(username="liaison_b")
    grant(liaison_b, "liaison", zone=world.zone_b)
    form = login("leader_a").get(reverse("projects:project_create")).context["form"]
    assert list(form.fields["liaison"].queryset) == [world["liaison_a"]]
    response = login("leader_a").post(reverse("projects:project_create"), project_data(world, liaison=liaison_b.pk))
    assert errors_of(response) == {"liaison": [INVALID_CHOICE]}


def test_a_zone_outside_the_scope_is_not_offered(world, login):
    response = login("leader_a").post(reverse("projects:project_create"), project_data(
        world, zone=world.zone_b.pk, park="", enterprise="", department="", leader=""))
    assert response.status_code == 400
    assert errors_of(response)["zone"] == [INVALID_CHOICE]
    assert not Project.objects.exists()


def test_an_override_without_a_reason_is_refused(world, login):
    response = login("leader_a").post(reverse("projects:project_create"), project_data(world, progress_override="63"))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [MSG_OVERRIDE_REASON]
    assert MSG_OVERRIDE_REASON == "人工认定总进度时须注明理由。"
    assert MSG_OVERRIDE_REASON in response.content.decode()
    assert not Project.objects.exists()


def test_the_database_itself_refuses_an_override_without_a_reason(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.create(zone=world.zone_a, name="x", progress_override=63, progress_override_reason="")


@pytest.mark.parametrize("over, field, message", [
    ({"window_start": "2021-06-14", "window_end": "2021-03-15"}, None, MSG_WINDOW_ORDER),
    ({"progress_override": "101", "progress_override_reason": "通报"}, "progress_override", None),
    ({"total_investment": "-1"}, "total_investment", None),
    ({"name": ""}, "name", None),
])
def test_other_bad_project_data_is_refused(world, login, over, field, message):
    response = login("leader_a").post(reverse("projects:project_create"), project_data(world, **over))
    assert response.status_code == 400
    if field is None:
        assert response.context["form"].non_field_errors() == [message]
    else:
        assert list(errors_of(response)) == [field]
    assert not Project.objects.exists()


# -- edit -----------------------------------------------------------------------------------------

def test_a_good_edit_saves_and_bumps_the_version(world, login, project_a):
    response = login("leader_a").post(reverse("projects:project_edit", args=[project_a.pk]), project_data(
        world, name="创普开业二期", progress_override="63", progress_override_reason="通报", version=1))
    assert response.status_code == 302
    project_a.refresh_from_db()
    assert (project_a.name, project_a.progress_override, project_a.version) == ("创普开业二期", 63, 2)


def test_an_edit_over_someone_elses_save_is_refused_as_stale(world, login, project_a):
    project_update(actor=world["investor_a"], project=project_a, version=1, data={"description": "他人先保存"})
    response = login("leader_a").post(reverse("projects:project_edit", args=[project_a.pk]),
                                      project_data(world, name="覆盖他人的修改", version=1))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [MSG_STALE]
    project_a.refresh_from_db()
    assert (project_a.name, project_a.description, project_a.version) == ("创普开业液晶显示屏生产线项目", "他人先保存", 2)


def test_an_edit_without_a_version_is_refused(world, login, project_a):
    response = login("leader_a").post(reverse("projects:project_edit", args=[project_a.pk]), project_data(world))
    assert response.status_code == 400
    assert list(errors_of(response)) == ["version"]


# -- sub-works ------------------------------------------------------------------------------------

def subwork_data(**over) -> dict:
    return {"name": "吊架搭设", "unit": "跨", "total_quantity": "51", "done_quantity": "30", "value": "", "note": "",
            "sort_order": "1", **over}


@pytest.mark.parametrize("persona", ["leader_a", "liaison_a"])
def test_a_sub_work_is_added_by_the_leader_or_the_liaison(world, login, project_a, persona):
    response = login(persona).post(reverse("projects:subwork_create", args=[project_a.pk]), subwork_data())
    assert response.status_code == 302
    sw = SubWork.objects.get(project=project_a)
    assert (sw.name, sw.total_quantity, sw.done_quantity) == ("吊架搭设", 51, 30)
    assert AuditEntry.objects.get_for_object(sw).get().actor == world[persona]


def test_done_beyond_the_total_is_refused(world, login, project_a):
    response = login("liaison_a").post(reverse("projects:subwork_create", args=[project_a.pk]),
                                       subwork_data(done_quantity="52"))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [MSG_DONE_WITHIN_TOTAL]
    assert MSG_DONE_WITHIN_TOTAL in response.content.decode()
    assert not SubWork.objects.exists()


def test_a_sub_work_without_a_total_may_record_any_done_quantity(world, login, project_a):
    response = login("liaison_a").post(reverse("projects:subwork_create", args=[project_a.pk]),
                                       subwork_data(name="碳板张拉", unit="樑架", total_quantity="", done_quantity="84"))
    assert response.status_code == 302
    assert SubWork.objects.get().total_quantity is None


def test_a_sub_work_edit_is_versioned(world, login, project_a):
    sw = SubWorkFactory(project=project_a)
    url = reverse("projects:subwork_edit", args=[project_a.pk, sw.pk])
    client = login("liaison_a")
    assert client.post(url, subwork_data(done_quantity="40", version=1)).status_code == 302
    response = client.post(url, subwork_data(done_quantity="45", version=1))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [MSG_STALE]
    sw.refresh_from_db()
    assert (sw.done_quantity, sw.version) == (40, 2)
    response = client.post(url, subwork_data(done_quantity="60", version=2))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [MSG_DONE_WITHIN_TOTAL]


def test_a_sub_work_of_another_project_is_not_found_under_this_one(world, login, project_a):
    other = SubWorkFactory(project__zone=world.zone_a)
    url = reverse("projects:subwork_edit", args=[project_a.pk, other.pk])
    assert login("leader_a").get(url).status_code == 404


# -- milestones -----------------------------------------------------------------------------------

def set_milestone(client, project, **data):
    return client.post(reverse("projects:milestone_set", args=[project.pk]), data, follow=True)


def test_a_planned_date_and_a_preliminary_steps_actual_date_are_saved(world, login, project_a):
    client = login("leader_a")
    with frozen(D(2021, 5, 14)):
        set_milestone(client, project_a, kind="started", planned="2021-06-30", note="计划开工")
        response = set_milestone(client, project_a, kind="design", planned="2021-03-31", actual="2021-03-26")
    assert MSG_SAVED in response.content.decode()
    assert set(Milestone.objects.filter(project=project_a).values_list("kind", "planned", "actual", "note")) == {
        ("started", D(2021, 6, 30), None, "计划开工"), ("design", D(2021, 3, 31), D(2021, 3, 26), "")}


@pytest.mark.parametrize("kind", ["signed", "started", "main_works", "completed", "trial", "producing", "full"])
def test_an_actual_date_is_refused_for_milestones_the_lifecycle_reaches(world, login, project_a, kind):
    with frozen(D(2021, 5, 14)):
        response = set_milestone(login("leader_a"), project_a, kind=kind, planned="2021-03-01", actual="2021-03-01")
    assert MSG_ACTUAL_BY_ADVANCE in response.content.decode()
    assert not Milestone.objects.exists()


def test_an_actual_date_in_the_future_is_refused(world, login, project_a):
    with frozen(D(2021, 5, 14)):
        response = set_milestone(login("leader_a"), project_a, kind="land", actual="2021-05-15")
        assert not Milestone.objects.exists()
        set_milestone(login("leader_a"), project_a, kind="land", actual="2021-05-14")
    assert MSG_ACTUAL_FUTURE in response.content.decode()
    assert Milestone.objects.get().actual == D(2021, 5, 14)


def test_the_edit_form_shows_stored_dates_in_the_format_a_date_input_accepts(world, login):
    """<input type="date"> accepts only 2021-03-15: a value written 2021/03/15 (the zh-hans default)
    showed the field empty, and saving the form unchanged cleared the project's closure window."""
    project = Project.objects.create(zone=world.zone_a, name="窗口期项目", window_start=D(2021, 3, 15),
                                     window_end=D(2021, 6, 14))
    html = login("leader_a").get(reverse("projects:project_edit", args=[project.pk])).content.decode()
    assert 'value="2021-03-15"' in html and 'value="2021-06-14"' in html
    assert "2021/03/15" not in html
