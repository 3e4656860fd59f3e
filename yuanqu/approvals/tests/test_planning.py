"""The critical path in working days: a hand-drawn example, zero durations (commitment), fixed
finishes (granted items), the working-day axis across the Spring Festival, a case's plan and forecast,
and the refused cycle."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from yuanqu.approvals import planning, selectors, services
from yuanqu.approvals.models import ApprovalItem
from yuanqu.approvals.planning import Axis, CycleError, Task, schedule
from yuanqu.approvals.tests.fixtures import case_a, catalogue, item, project_a
from yuanqu.common import workdays
from yuanqu.common.clock import frozen

# The calendar reads the admin's holiday table (a query once its cache expires): every test may use it.
pytestmark = pytest.mark.django_db
D = dt.date


def test_a_hand_drawn_example():
    """Six tasks (name: duration in working days), arrows from prerequisite to successor:

                 +--> B:5 --+
                 |          v
        A:3 -----+--> C:2 --> D:4 --+
                 |                  v
                 +--> E:6 --------> F:1

    Forward:  A 0–3; B 3–8; C 3–5; E 3–9; D max(8, 5)=8–12; F max(12, 9)=12–13. Finish 13.
    Backward: F 12–13; D 8–12; E 6–12 (slack 3); B 3–8; C 6–8 (slack 3); A 0–3.
    Critical chain: A → B → D → F.
    """
    tasks = [
        Task("F", "F", 1, ("D", "E")),
        Task("D", "D", 4, ("B", "C")),
        Task("A", "A", 3),
        Task("B", "B", 5, ("A",)),
        Task("C", "C", 2, ("A",)),
        Task("E", "E", 6, ("A", "Z")),  # Z is not a task here: ignored
    ]
    s = schedule(tasks)
    got = {k: (r.es, r.ef, r.ls, r.lf, r.slack, r.critical) for k, r in s.rows.items()}
    assert got == {
        "A": (0, 3, 0, 3, 0, True),
        "B": (3, 8, 3, 8, 0, True),
        "C": (3, 5, 6, 8, 3, False),
        "D": (8, 12, 8, 12, 0, True),
        "E": (3, 9, 6, 12, 3, False),
        "F": (12, 13, 12, 13, 0, True),
    }
    assert s.finish == 13 and s.chain == ["A", "B", "D", "F"]
    assert list(s.rows).index("A") < list(s.rows).index("B") < list(s.rows).index("D") < list(s.rows).index("F")


def test_zero_durations_and_a_release_day():
    s = schedule([Task("x", "x", 2), Task("y", "y", 0, ("x",)), Task("z", "z", 3, ("y",)),
                  Task("w", "w", 1, release=6)])
    assert (s["y"].es, s["y"].ef, s["z"].es, s["z"].ef) == (2, 2, 2, 5)
    assert (s["w"].es, s["w"].ef) == (6, 7) and s.finish == 7 and s.chain == ["w"]
    assert s["x"].slack == s["z"].slack == 2
    assert schedule([]).finish == 0 and schedule([]).chain == []


def test_fixed_finishes_hold_their_day():
    s = schedule([Task("done", "done", 0, finish=4), Task("next", "next", 3, ("done",)),
                  Task("other", "other", 5)])
    assert (s["done"].es, s["done"].ef) == (0, 4)
    assert (s["next"].es, s["next"].ef) == (4, 7) and s.finish == 7 and s.chain == ["done", "next"]


def test_a_cycle_is_refused_naming_its_items_in_order():
    tasks = [Task("d", "丁", 1, ("a",)), Task("a", "甲", 1, ("c",)), Task("b", "乙", 1, ("a",)),
             Task("c", "丙", 1, ("b",)), Task("e", "戊", 1)]
    with pytest.raises(CycleError) as e:
        schedule(tasks)
    assert e.value.names == ["甲", "丙", "乙", "甲"]
    assert str(e.value) == "前置事项形成循环:甲 → 丙 → 乙 → 甲。请调整其中一项的前置事项。"


def test_the_axis_round_trips_across_the_spring_festival():
    axis = Axis(D(2021, 2, 5))  # Friday before the festival
    assert [axis.date(n) for n in (0, 1, 4, 5, 6)] == [
        D(2021, 2, 5), D(2021, 2, 7), D(2021, 2, 10), D(2021, 2, 18), D(2021, 2, 19)]
    assert axis.date(7) == D(2021, 2, 20)  # Saturday, worked
    assert axis.offset(D(2021, 2, 15)) == 4  # a holiday: the working days up to it
    assert axis.offset(D(2021, 2, 18)) == 5 and axis.date(-1) == D(2021, 2, 4) and axis.offset(D(2021, 2, 4)) == -1
    day = D(2021, 1, 20)
    while day <= D(2021, 3, 10):
        if workdays.is_workday(day):
            assert axis.date(axis.offset(day)) == day, day
        day += dt.timedelta(days=1)
    fresh = Axis(D(2021, 2, 5))
    assert fresh.offset(D(2021, 3, 1)) == axis.offset(D(2021, 3, 1))  # grows the same from either end


def plan(case, today):
    items = list(case.items.select_related("item"))
    return planning.case_plan(case, items, selectors.prerequisite_edges([ci.item_id for ci in items]), today)


def test_a_cases_plan_handover_commitment_forecast_and_actual(world):
    with frozen(D(2021, 3, 10)):
        case = case_a(world)
        p = plan(case, D(2021, 3, 10))
        # 立项备案 1 day, then 环评审批 15 beside 用地预审 10 and 节能审查 10: 16 working days after 3月1日.
        assert (p.base, p.planned_start, p.planned_workdays) == (D(2021, 3, 1), D(2021, 3, 23), 16)
        assert [ci.item.name for ci in p.chain] == ["立项备案", "环评审批"] and case.planned_start == D(2021, 3, 23)
        rows = {r.case_item.item.name: r for r in p.rows}
        assert (rows["立项备案"].actual_finish, rows["立项备案"].forecast_finish) == (D(2021, 3, 3), None)
        assert rows["用地预审与选址意见"].slack == 5 and rows["环评审批"].critical
        # Forecast as of 3月10日: 环评审批 has 13 of its 15 days left (accepted 3月8日): 3月29日.
        assert rows["环评审批"].forecast_finish == D(2021, 3, 29) and p.forecast_start == D(2021, 3, 29)
        assert rows["用地预审与选址意见"].forecast_finish == D(2021, 3, 24)  # 10 days from today
        assert [ci.item.name for ci in p.slowest] == ["环评审批", "立项备案"]

        # Land handed over later than the plan: the start waits for it.
        case = services.case_update(actor=world["leader_a"], case=case, data={"land_handover_on": D(2021, 4, 1)})
        assert case.planned_start == D(2021, 4, 1) and plan(case, D(2021, 3, 10)).planned_start == D(2021, 4, 1)
        # Commitment items take no time in the plan: 交地即开工 when the rest is shorter than the handover.
        services.case_item_update(actor=world["leader_a"], case_item=item(case, "环评审批"), department=world.dept_a,
                                  by_commitment=True)
        services.case_update(actor=world["leader_a"], case=case, data={"land_handover_on": None})
        case.refresh_from_db()
        assert case.planned_start == D(2021, 3, 16)  # 1 + 10 working days (用地预审, 节能审查)
        case = services.case_update(actor=world["leader_a"], case=case,
                                    data={"land_handover_on": D(2021, 3, 12), "handover_start": True})
        services.case_item_update(actor=world["leader_a"], case_item=item(case, "节能审查"), by_commitment=True)
        case.refresh_from_db()
        assert case.planned_start == D(2021, 3, 16)  # 用地预审 (no commitment) still holds it
        services.case_item_remove(actor=world["leader_a"], case_item=item(case, "用地预审与选址意见"))
        case.refresh_from_db()
        p = plan(case, D(2021, 3, 10))
        assert case.planned_start == p.planned_start == D(2021, 3, 12)  # the handover day itself
        assert p.planned_workdays == 9 and [ci.item.name for ci in p.chain] == ["立项备案"]

    # A pause slips the forecast by the days paused.
    with frozen(D(2021, 3, 12)):
        services.item_act(actor=world["dept_a"], case_item=item(case, "环评审批"), action="correct",
                          on=D(2021, 3, 10), note="补充监测数据")
        p = plan(case, D(2021, 3, 12))
        assert {r.case_item.item.name: r for r in p.rows}["环评审批"].forecast_finish == D(2021, 3, 31)
        assert p.forecast_start == D(2021, 3, 31)

    # The actual start, from the project's milestone: signing → start in working days.
    from yuanqu.projects.models import Milestone

    Milestone.objects.create(project=project_a(world), kind="started", actual=D(2021, 3, 29))
    case.refresh_from_db()
    assert case.started_on == D(2021, 3, 29)
    p = plan(case, D(2021, 3, 29))
    assert (p.actual_start, p.actual_workdays) == (D(2021, 3, 29), 20)


def test_a_prerequisite_closing_a_cycle_is_refused_and_the_catalogue_kept(world):
    first, permit = catalogue("立项备案", "施工许可")
    before = list(first.prerequisites.values_list("pk", flat=True))
    version = first.version
    with pytest.raises(ValidationError) as e:
        services.approval_item_save(actor=world["sysadmin"], item=first, data={"materials": "新材料"},
                                    prerequisites=[permit], version=first.version)
    message = e.value.message_dict["prerequisites"][0]
    chain = ["用地预审与选址意见", "立项备案", "施工许可", "施工图审查", "建设工程规划许可", "建设用地规划许可",
             "用地预审与选址意见"]
    assert message == f"前置事项形成循环:{' → '.join(chain)}。请调整其中一项的前置事项。"
    first = ApprovalItem.objects.get(pk=first.pk)
    assert list(first.prerequisites.values_list("pk", flat=True)) == before == []
    assert first.version == version and first.materials != "新材料"
