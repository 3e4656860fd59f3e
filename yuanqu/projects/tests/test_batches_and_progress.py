"""四个一批 set from the project form; progress recorded by hand; the services' own date rules."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from yuanqu.common import clock
from yuanqu.projects import services
from yuanqu.projects.models import ProgressRecord, ProjectBatch

from .conftest import D


def form_data(project, **extra):
    data = {
        "name": project.name, "zone": project.zone_id, "kind": project.kind, "rollup_mode": "quantity",
        "version": project.version, "liaison": project.liaison_id or "", "department": project.department_id or "",
        "enterprise": project.enterprise_id or "",
    }
    data.update(extra)
    return data


def test_the_project_form_puts_a_project_in_this_years_batches(project_a, login):
    client = login("leader_a")
    with clock.frozen("2021-05-14"):
        response = client.post(reverse("projects:project_edit", args=[project_a.pk]),
                               form_data(project_a, batches=["2021:signed", "2021:started"]))
        assert response.status_code == 302
        assert set(ProjectBatch.objects.values_list("year", "kind")) == {(2021, "signed"), (2021, "started")}
        project_a.refresh_from_db()
        client.post(reverse("projects:project_edit", args=[project_a.pk]), form_data(project_a, batches=["2021:started"]))
    assert set(ProjectBatch.objects.values_list("year", "kind")) == {(2021, "started")}


def test_a_batch_outside_the_offered_years_is_refused(project_a, login):
    with clock.frozen("2021-05-14"):
        response = login("leader_a").post(reverse("projects:project_edit", args=[project_a.pk]),
                                          form_data(project_a, batches=["2015:signed"]))
    assert response.status_code == 400
    assert not ProjectBatch.objects.exists()


def test_progress_is_recorded_and_a_day_recorded_twice_keeps_the_later_figure(project_a, world):
    with clock.frozen("2021-05-14"):
        services.progress_record(actor=world["liaison_a"], project=project_a, date=D(2021, 5, 13), percent=60)
        services.progress_record(actor=world["liaison_a"], project=project_a, date=D(2021, 5, 13), percent=63)
    assert list(ProgressRecord.objects.values_list("date", "percent")) == [(D(2021, 5, 13), 63)]


@pytest.mark.parametrize("day, percent, message", [
    (D(2021, 5, 15), 10, services.MSG_PROGRESS_FUTURE),
    (D(2021, 5, 13), 150, None),  # the model's 0–100 validator
])
def test_bad_progress_is_refused_and_nothing_saved(project_a, world, day, percent, message):
    with clock.frozen("2021-05-14"), pytest.raises(ValidationError) as exc:
        services.progress_record(actor=world["leader_a"], project=project_a, date=day, percent=percent)
    if message:
        assert exc.value.messages == [message]
    assert not ProgressRecord.objects.exists()


def test_someone_outside_the_project_cannot_record_progress(project_a, world):
    with pytest.raises(PermissionDenied):
        services.progress_record(actor=world["agent_a"], project=project_a, date=D(2021, 5, 13), percent=10)


def test_the_progress_form_on_the_page_records_and_reports_errors(project_a, login):
    client = login("liaison_a")
    with clock.frozen("2021-05-14"):
        ok = client.post(reverse("projects:progress_add", args=[project_a.pk]), {"date": "2021-05-13", "percent": "63"}, follow=True)
        bad = client.post(reverse("projects:progress_add", args=[project_a.pk]), {"date": "2021-05-20", "percent": "70"}, follow=True)
    assert ProgressRecord.objects.get().percent == 63
    assert services.MSG_PROGRESS_FUTURE in bad.content.decode()
    assert "63%" in ok.content.decode()


def test_the_milestone_service_itself_keeps_actual_dates_to_前期_and_the_past(project_a, world):
    with clock.frozen("2021-05-14"):
        with pytest.raises(ValidationError) as exc:
            services.milestone_plan(actor=world["leader_a"], project=project_a, kind="started", planned=None, actual=D(2021, 5, 1))
        assert exc.value.messages == [services.MSG_ACTUAL_BY_ADVANCE]
        with pytest.raises(ValidationError) as exc:
            services.milestone_plan(actor=world["leader_a"], project=project_a, kind="design", planned=None, actual=D(2021, 6, 1))
        assert exc.value.messages == [services.MSG_ACTUAL_FUTURE]
        m = services.milestone_plan(actor=world["leader_a"], project=project_a, kind="design", planned=None, actual=D(2021, 5, 1))
    assert m.actual == D(2021, 5, 1)


def test_moving_a_project_needs_the_right_over_its_stored_zone(project_a, world):
    # A form may already have put the new zone on the instance: the stored one still decides.
    project_a.zone = world.zone_b
    with pytest.raises(PermissionDenied):
        services.project_update(actor=world["leader_b"], project=project_a, version=project_a.version, data={"zone": world.zone_b})


def test_the_demo_writes_each_projects_history_as_the_lifecycle_would(db):
    from yuanqu.demo.loader import load_xiangtan
    from yuanqu.projects.models import Project

    load_xiangtan()
    cp = Project.objects.get(name="创普开业液晶显示屏生产线项目")
    steps = list(cp.transitions.values_list("action", "from_stage", "to_stage", "effective"))
    assert steps == [
        ("sign", "preliminary", "signed", D(2020, 6, 1)),
        ("start_construction", "signed", "started", D(2020, 6, 30)),
        ("complete", "started", "completed", D(2020, 11, 27)),
        ("start_production", "completed", "producing", D(2020, 12, 28)),
    ]
