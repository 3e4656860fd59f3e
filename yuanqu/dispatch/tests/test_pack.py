"""The pack lists each project's change since the previous dispatch, the projects new since then, and
the earlier meetings' tasks carried over until done."""

from decimal import Decimal

from yuanqu.common.clock import frozen
from yuanqu.dispatch import services
from yuanqu.dispatch.models import DispatchSnapshot
from yuanqu.dispatch.pack import build_pack
from yuanqu.projects.models import ProgressRecord, Project, SubWork

from .conftest import D, make_meeting, make_project, make_task


def hold(world, meeting, day):
    with frozen(day):
        services.meeting_hold(actor=world["leader_a"], meeting=meeting)
    meeting.refresh_from_db()  # the service works on its own locked copy
    return meeting


def test_the_may_pack_shows_what_changed_since_april(world, april):
    moved = make_project(world.zone_a, "电子信息产业园三期", stage="started", completed_investment=1000)
    SubWork.objects.create(project=moved, name="主体", unit="%", total_quantity=100, done_quantity=30)
    still = make_project(world.zone_a, "电力检测所", stage="main_works", completed_investment=200)
    ProgressRecord.objects.create(project=still, date=D(2021, 4, 1), percent=40)
    leaving = make_project(world.zone_a, "迁出项目")
    hold(world, april, D(2021, 4, 14))

    # Between the meetings: one project moves on, one stands still, one leaves the zone, one is new.
    Project.objects.filter(pk=moved.pk).update(stage="main_works", completed_investment=Decimal("1500.50"))
    SubWork.objects.filter(project=moved).update(done_quantity=45)
    ProgressRecord.objects.create(project=still, date=D(2021, 5, 10), percent=40)
    Project.objects.filter(pk=leaving.pk).update(zone=world.zone_b)
    make_project(world.zone_a, "电子信息产业园五期", stage="preliminary")

    may = make_meeting(world.zone_a, D(2021, 5, 1), D(2021, 5, 14))
    with frozen(D(2021, 5, 14)):
        pack = build_pack(may)  # a draft: live figures
    assert pack.live and pack.previous == april
    rows = {r.now.name: r for r in pack.rows}
    assert set(rows) == {"电子信息产业园三期", "电力检测所", "电子信息产业园五期"}
    r = rows["电子信息产业园三期"]
    assert r.stage_moved and r.progress_delta == 15 and r.investment_delta == Decimal("500.50")
    assert r.changes == ["阶段:开工 → 主体施工", "进度+15个百分点", "完成投资+500.5万元"]
    assert r.stage_text == "开工 → 主体施工"
    assert rows["电力检测所"].changes == [] and not rows["电力检测所"].is_new
    assert rows["电子信息产业园五期"].is_new and [x.now.name for x in pack.new_rows] == ["电子信息产业园五期"]
    assert [s.name for s in pack.gone] == ["迁出项目"]
    assert pack.changed_count == 1

    # Held, the pack reads its own snapshot: later changes no longer move it.
    hold(world, may, D(2021, 5, 14))
    Project.objects.filter(pk=moved.pk).update(stage="completed")
    with frozen(D(2021, 5, 20)):
        held = build_pack(may)
    assert not held.live
    assert {r.now.name: r.stage_text for r in held.rows}["电子信息产业园三期"] == "开工 → 主体施工"


def test_a_stage_moved_back_and_progress_lost_read_as_such(world, april):
    p = make_project(world.zone_a, "甲", stage="main_works", progress_override=60, progress_override_reason="核实")
    hold(world, april, D(2021, 4, 14))
    Project.objects.filter(pk=p.pk).update(stage="started", progress_override=55)
    pack = build_pack(make_meeting(world.zone_a, D(2021, 5, 1)))
    assert pack.rows[0].changes == ["阶段回退:主体施工 → 开工", "进度−5个百分点"]


def test_lights_and_coordination_counts_compare_when_both_snapshots_have_them(world, april):
    p = make_project(world.zone_a, "甲")
    hold(world, april, D(2021, 4, 14))
    DispatchSnapshot.objects.filter(meeting=april).update(light="green", open_coordination=1)
    may = make_meeting(world.zone_a, D(2021, 5, 1), D(2021, 5, 14))
    hold(world, may, D(2021, 5, 14))
    DispatchSnapshot.objects.filter(meeting=may, project=p).update(light="red", open_coordination=3)
    row = build_pack(may).rows[0]
    assert row.light_changed and row.coordination_delta == 2
    assert row.changes == ["绿灯 → 红灯", "未办结协调事项1 → 3(新增2项)"]


def test_the_first_meeting_has_nothing_to_compare_with(world, april):
    make_project(world.zone_a, "甲", completed_investment=10)
    pack = build_pack(april)
    assert pack.previous is None and pack.new_rows == [] and pack.rows[0].changes == []


def test_only_a_held_earlier_meeting_is_the_baseline(world, april):
    make_project(world.zone_a, "甲")
    march = make_meeting(world.zone_a, D(2021, 3, 1), D(2021, 3, 12))
    hold(world, march, D(2021, 3, 12))
    # April is still a draft: May compares with March.
    may = make_meeting(world.zone_a, D(2021, 5, 1))
    assert build_pack(may).previous == march
    # Another zone's meetings are never the baseline.
    make_meeting(world.zone_b, D(2021, 4, 1), status="held")
    assert build_pack(may).previous == march


def test_open_tasks_carry_over_into_every_later_pack_until_done(world, april):
    may = make_meeting(world.zone_a, D(2021, 5, 1), D(2021, 5, 14))
    june = make_meeting(world.zone_a, D(2021, 6, 1), D(2021, 6, 11))
    early = make_task(april, "协调用地报批", deadline=D(2021, 4, 30))
    later = make_task(april, "完善配套道路", deadline=D(2021, 6, 30))
    cancelled = make_task(april, "已撤销事项")
    mine = make_task(may, "五月议定事项", deadline=D(2021, 7, 31))
    hold(world, april, D(2021, 4, 14))
    with frozen(D(2021, 4, 20)):
        services.task_cancel(actor=world["leader_a"], task=cancelled, note="不再需要")

    with frozen(D(2021, 5, 14)):
        may_pack = build_pack(may)
    assert [t.task for t in may_pack.carried] == [early, later]
    assert [t.overdue for t in may_pack.carried] == [True, False]  # 4月30日 passed by 5月14日
    assert [t.task for t in may_pack.closed_since] == [cancelled]
    assert [t.task for t in may_pack.decisions] == [mine]
    hold(world, may, D(2021, 5, 14))

    with frozen(D(2021, 6, 1)):
        services.task_done(actor=world["leader_a"], task=early, note="已获批")
        june_pack = build_pack(june)
    assert [t.task for t in june_pack.carried] == [later, mine]
    assert [t.task for t in june_pack.closed_since] == [early]

    # The May pack still shows what was open in May, though it was done since.
    with frozen(D(2021, 6, 1)):
        assert [t.task for t in build_pack(may).carried] == [early, later]
    # Other zones' tasks never appear.
    other = make_meeting(world.zone_b, D(2021, 4, 1))
    make_task(other, "乙园区事项")
    with frozen(D(2021, 6, 1)):
        assert "乙园区事项" not in [t.task.content for t in build_pack(june).carried]
