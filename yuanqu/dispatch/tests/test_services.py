"""Meetings and tasks move only by named actions, each permission-checked, with a Chinese message when refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yuanqu.common.clock import frozen
from yuanqu.dispatch import services
from yuanqu.dispatch.models import DispatchMeeting, DispatchSnapshot, DispatchTask
from yuanqu.testing.factories import DepartmentFactory, OfficialFactory

from .conftest import D, make_meeting, make_project, make_task


def messages_of(exc) -> list[str]:
    return exc.value.messages


def test_the_zone_leader_creates_a_meeting_on_the_first_of_the_month(world):
    meeting = services.meeting_create(actor=world["leader_a"], zone=world.zone_a, month=D(2021, 5, 20),
                                      held_on=D(2021, 5, 14), host=world.official_a, attendees=" 各部门负责人 ")
    assert meeting.month == D(2021, 5, 1)
    assert meeting.status == "draft" and meeting.attendees == "各部门负责人"
    assert meeting.created_by == world["leader_a"]


@pytest.mark.parametrize("persona", ["leader_b", "city", "dept_a", "liaison_a"])
def test_only_the_zones_leader_creates_its_meeting(world, persona):
    with pytest.raises(PermissionDenied):
        services.meeting_create(actor=world[persona], zone=world.zone_a, month=D(2021, 5, 1), held_on=D(2021, 5, 14))
    assert not DispatchMeeting.objects.exists()


def test_a_second_meeting_for_the_same_month_is_refused(world, april):
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(actor=world["leader_a"], zone=world.zone_a, month=D(2021, 4, 1), held_on=D(2021, 4, 20))
    assert "该园区这个月已有调度会。" in messages_of(exc)


def test_a_meeting_cannot_be_held_before_its_month_or_hosted_by_another_zone(world):
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(actor=world["leader_a"], zone=world.zone_a, month=D(2021, 5, 1), held_on=D(2021, 4, 30),
                                host=world.official_b)
    assert set(messages_of(exc)) == {services.MSG_HOST_ZONE}  # the zone check comes first
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(actor=world["leader_a"], zone=world.zone_a, month=D(2021, 5, 1), held_on=D(2021, 4, 30))
    assert "召开日期不能早于调度月份。" in messages_of(exc)
    assert not DispatchMeeting.objects.exists()


def test_holding_fixes_a_snapshot_of_every_project_of_the_zone(world, april):
    make_project(world.zone_a, "甲一", stage="started", completed_investment=500, progress_override=30,
                 progress_override_reason="现场核实")
    make_project(world.zone_a, "甲二")
    make_project(world.zone_b, "乙一")
    with frozen(D(2021, 4, 14)):
        meeting = services.meeting_hold(actor=world["leader_a"], meeting=april)
    assert meeting.status == "held" and meeting.snapshot_at is not None
    rows = {s.project_name: s for s in DispatchSnapshot.objects.filter(meeting=april)}
    assert set(rows) == {"甲一", "甲二"}
    assert (rows["甲一"].stage, rows["甲一"].progress, rows["甲一"].completed_investment) == ("started", 30, 500)
    assert rows["甲二"].progress is None and rows["甲二"].light is None and rows["甲二"].open_coordination == 0


def test_the_snapshot_takes_the_stored_light_and_counts_open_coordination_items(world, april):
    from yuanqu.projects.models import CoordinationItem
    from yuanqu.supervision.models import ProjectLight

    p = make_project(world.zone_a, "甲一")
    ProjectLight.objects.update_or_create(project=p, defaults={"light": "red"})
    for state in ("new", "accepted", "returned", "resolved", "closed"):
        CoordinationItem.objects.create(project=p, zone=world.zone_a, title=f"事项{state}", deadline=D(2021, 5, 1),
                                        state=state)
    with frozen(D(2021, 4, 14)):
        services.meeting_hold(actor=world["leader_a"], meeting=april)
    snap = DispatchSnapshot.objects.get(meeting=april)
    assert (snap.light, snap.open_coordination) == ("red", 3)


def test_a_held_meeting_cannot_be_held_again(world, april):
    with frozen(D(2021, 4, 14)):
        services.meeting_hold(actor=world["leader_a"], meeting=april)
        with pytest.raises(ValidationError) as exc:
            services.meeting_hold(actor=world["leader_a"], meeting=april)
    assert messages_of(exc) == [services.MSG_HELD_ALREADY]


def test_a_meeting_not_yet_come_cannot_be_held(world, april):
    with frozen(D(2021, 4, 13)), pytest.raises(ValidationError) as exc:
        services.meeting_hold(actor=world["leader_a"], meeting=april)
    assert messages_of(exc) == ["调度会召开日期为2021-04-14,尚未到来,不能标记为已召开。"]
    assert DispatchMeeting.objects.get().status == "draft"


@pytest.mark.parametrize("persona", ["leader_b", "city", "dept_a"])
def test_only_the_zones_leader_holds_its_meeting(world, april, persona):
    with pytest.raises(PermissionDenied):
        services.meeting_hold(actor=world[persona], meeting=april)
    assert not DispatchSnapshot.objects.exists()


def test_a_decision_becomes_a_task_with_owner_and_deadline(world, april):
    task = services.task_create(actor=world["leader_a"], meeting=april, content=" 协调电力接入 ", deadline=D(2021, 5, 31),
                                owner_department=world.dept_a, owner_official=world.official_a)
    assert task.state == "open" and task.content == "协调电力接入"
    assert task.owner_text == "甲建设局、甲干部(管委会副主任)"


def test_a_task_needs_an_owner_of_the_zone_and_a_deadline_after_the_meeting(world, april):
    with pytest.raises(ValidationError) as exc:
        services.task_create(actor=world["leader_a"], meeting=april, content="x", deadline=D(2021, 5, 31))
    assert "请指定责任部门、责任人或其他责任单位(至少一项)。" in messages_of(exc)
    with pytest.raises(ValidationError) as exc:
        services.task_create(actor=world["leader_a"], meeting=april, content="x", deadline=D(2021, 4, 1),
                             owner_department=world.dept_b, owner_official=OfficialFactory(zone=world.zone_b))
    assert set(messages_of(exc)) == {services.MSG_DEPARTMENT_ZONE, services.MSG_OFFICIAL_ZONE,
                                     "完成时限不能早于调度会召开日期(2021-04-14)。"}
    assert not DispatchTask.objects.exists()


def test_only_the_zones_leader_records_decisions(world, april):
    for persona in ("dept_a", "leader_b", "city"):
        with pytest.raises(PermissionDenied):
            services.task_create(actor=world[persona], meeting=april, content="x", deadline=D(2021, 5, 31),
                                 owner_other="项目业主")


def test_staff_of_the_owner_department_mark_the_task_done_with_a_note(world, april):
    task = make_task(april, owner_department=world.dept_a, owner_other="")
    with frozen(D(2021, 5, 10)):
        done = services.task_done(actor=world["dept_a"], task=task, note="已完成电力接入")
    assert (done.state, done.closed_on, done.closed_by, done.result) == ("done", D(2021, 5, 10), world["dept_a"], "已完成电力接入")


def test_done_needs_a_note_and_cannot_be_repeated(world, april):
    task = make_task(april)
    with pytest.raises(ValidationError) as exc:
        services.task_done(actor=world["leader_a"], task=task, note="  ")
    assert messages_of(exc) == ["请填写办理结果。"]
    services.task_done(actor=world["leader_a"], task=task, note="已办")
    with pytest.raises(ValidationError) as exc:
        services.task_done(actor=world["leader_a"], task=task, note="再办")
    assert messages_of(exc) == ["该任务已办结,不能再执行“办结”。"]
    with pytest.raises(ValidationError) as exc:
        services.task_cancel(actor=world["leader_a"], task=task, note="撤")
    assert messages_of(exc) == ["该任务已办结,不能再执行“撤销”。"]


@pytest.mark.parametrize("persona", ["liaison_a", "city", "dept_b", "leader_b"])
def test_others_cannot_mark_a_department_task_done(world, april, persona):
    task = make_task(april, owner_department=world.dept_a)
    with pytest.raises(PermissionDenied):
        services.task_done(actor=world[persona], task=task, note="已办")
    assert DispatchTask.objects.get().state == "open"


def test_staff_of_another_department_of_the_zone_cannot_mark_it_done(world, april):
    from yuanqu.testing.factories import UserFactory, grant

    other = UserFactory()
    grant(other, "dept", department=DepartmentFactory(zone=world.zone_a))
    task = make_task(april, owner_department=world.dept_a)
    with pytest.raises(PermissionDenied):
        services.task_done(actor=other, task=task, note="已办")


def test_only_the_leader_cancels_a_task_with_a_reason(world, april):
    task = make_task(april, owner_department=world.dept_a)
    with pytest.raises(PermissionDenied):
        services.task_cancel(actor=world["dept_a"], task=task, note="不需要了")
    with pytest.raises(ValidationError) as exc:
        services.task_cancel(actor=world["leader_a"], task=task, note="")
    assert messages_of(exc) == ["请填写撤销理由。"]
    cancelled = services.task_cancel(actor=world["leader_a"], task=task, note="业主已自行解决")
    assert cancelled.state == "cancelled" and cancelled.result == "业主已自行解决"


def test_task_changes_are_audited_with_their_actor(world, april):
    from yuanqu.audit.models import AuditEntry

    task = services.task_create(actor=world["leader_a"], meeting=april, content="协调", deadline=D(2021, 5, 31),
                                owner_department=world.dept_a)
    services.task_done(actor=world["dept_a"], task=task, note="已办")
    entries = AuditEntry.objects.filter(object_pk=str(task.pk), content_type__model="dispatchtask").order_by("id")
    assert [e.actor for e in entries] == [world["leader_a"], world["dept_a"]]
