"""Sub-works roll up to the project's progress by the chosen weights, with the formula; the trend of
the progress records gives a forecast finish, flagged when it passes the deadline."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yuanqu.projects.models import ProgressRecord, Project, SubWork
from yuanqu.projects.progress import MSG_MIXED_UNITS, forecast, rollup, subwork_rate

D = dt.date


def sw(name, unit, total, done, value=None) -> SubWork:
    return SubWork(name=name, unit=unit, total_quantity=None if total is None else Decimal(total),
                   done_quantity=Decimal(done), value=None if value is None else Decimal(value))


def project(mode, override=None) -> Project:
    return Project(rollup_mode=mode, progress_override=None if override is None else Decimal(override),
                   progress_override_reason="通报" if override is not None else "")


# A hand-computed pair in one unit: A: 40 跨, 10 done = 25%, 300万元;  B: 60 跨, 30 done = 50%, 100万元.
HAND = [sw("吊架搭设", "跨", 40, 10, 300), sw("顶升更换支座", "跨", 60, 30, 100)]


def test_a_sub_works_rate_is_done_over_total_in_percent():
    assert subwork_rate(sw("吊架搭设", "跨", 51, 30)).quantize(Decimal("0.01")) == Decimal("58.82")
    assert subwork_rate(sw("桥面砼破除", "联", None, 6)) is None


def test_by_quantity_share_weights_each_sub_work_by_its_total():
    # 40/100 × 25% + 60/100 × 50% = 10 + 30 = 40%
    r = rollup(project("quantity"), HAND)
    assert r.computed == Decimal(40)
    assert (r.shown, r.overridden) == (Decimal(40), False)
    assert [(t.name, t.weight) for t in r.terms] == [("吊架搭设", Decimal("0.4")), ("顶升更换支座", Decimal("0.6"))]
    assert r.formula == "总进度 = Σ(权重×完成率) = 0.40×25.0% + 0.60×50.0% = 40.0%"
    assert r.warning == "" and r.excluded == []


def test_by_value_weights_each_sub_work_by_its_cost():
    # 300/400 × 25% + 100/400 × 50% = 18.75 + 12.5 = 31.25%
    r = rollup(project("value"), HAND)
    assert r.computed == Decimal("31.25")
    assert r.formula == "总进度 = Σ(权重×完成率) = 0.75×25.0% + 0.25×50.0% = 31.3%"


def test_equal_weights_average_the_rates():
    r = rollup(project("equal"), HAND)
    assert r.computed == Decimal("37.5")
    assert r.formula == "总进度 = Σ(权重×完成率) = 0.50×25.0% + 0.50×50.0% = 37.5%"


def test_a_sub_work_without_a_total_is_left_out_and_named():
    works = HAND + [sw("碳板张拉", "樑架", None, 84, 50)]
    for mode in ("quantity", "value", "equal"):
        r = rollup(project(mode), works)
        assert r.excluded == ["碳板张拉(设计工程量未填)"], mode
        assert [t.name for t in r.terms] == ["吊架搭设", "顶升更换支座"], mode
    assert rollup(project("equal"), works).computed == Decimal("37.5")


def test_in_value_mode_a_sub_work_without_a_value_is_left_out_and_named():
    works = HAND + [sw("接缝处理", "跨", 10, 10)]
    r = rollup(project("value"), works)
    assert r.excluded == ["接缝处理(造价未填)"]
    assert r.computed == Decimal("31.25")
    # The other modes do not need the value.
    assert rollup(project("equal"), works).excluded == []


def test_nothing_to_roll_up_says_what_is_missing():
    r = rollup(project("quantity"), [sw("桥面砼破除", "联", None, 6)])
    assert (r.computed, r.shown, r.terms) == (None, None, [])
    assert r.formula == "没有可汇总的分项(需填写设计工程量)"
    assert rollup(project("equal"), []).computed is None


def test_mixed_units_warn_in_quantity_mode_only():
    works = [sw("桥面砼浇筑", "%", 100, 50), sw("吊架搭设", "跨", 51, 30)]
    assert rollup(project("quantity"), works).warning == MSG_MIXED_UNITS.format(units="%、跨")
    assert "各分项单位不同(%、跨)" in rollup(project("quantity"), works).warning
    assert rollup(project("equal"), works).warning == ""
    assert rollup(project("quantity"), HAND).warning == ""


def test_a_manual_override_is_shown_as_such_and_the_computed_figure_stays_available():
    r = rollup(project("equal", override=63), HAND)
    assert (r.shown, r.overridden) == (Decimal(63), True)
    assert r.computed == Decimal("37.5")
    assert r.formula.endswith("= 37.5%")


def test_an_override_of_zero_is_still_an_override():
    r = rollup(project("equal", override=0), HAND)
    assert (r.shown, r.overridden) == (Decimal(0), True)


def test_sub_works_all_done_roll_up_to_exactly_100():
    # Three equal weights of 1/3 must not add up to 99.999…%.
    works = [sw(f"分项{i}", "跨", 3, 3, 1) for i in range(3)]
    for mode in ("quantity", "value", "equal"):
        assert rollup(project(mode), works).computed == 100, mode


# -- the rollup's property: a weighted mean lies between the smallest and the largest rate ---------

@st.composite
def subworks(draw):
    total = draw(st.one_of(st.none(), st.decimals(min_value="0.01", max_value="999999", places=2)))
    done = draw(st.decimals(min_value=0, max_value=total if total is not None else 1000, places=2))
    value = draw(st.one_of(st.none(), st.decimals(min_value=0, max_value="99999999", places=2)))
    unit = draw(st.sampled_from(["跨", "%", "樑架"]))
    return sw(f"分项{draw(st.integers(0, 999))}", unit, total, done, value)


@settings(max_examples=300, deadline=None)
@given(works=st.lists(subworks(), max_size=8), mode=st.sampled_from(["quantity", "value", "equal"]))
def test_the_computed_progress_lies_between_the_smallest_and_largest_sub_work_rate(works, mode):
    r = rollup(project(mode), works)
    included = [w for w in works if w.total_quantity and (mode != "value" or w.value)]
    assert [t.name for t in r.terms] == [w.name for w in included]
    assert len(r.terms) + len(r.excluded) == len(works)
    if not included:
        assert r.computed is None
        return
    rates = [subwork_rate(w) for w in included]
    assert min(rates) <= r.computed <= max(rates)
    assert abs(sum(t.weight for t in r.terms) - 1) < Decimal("1e-20")
    assert r.shown == r.computed and not r.overridden


# -- forecast -------------------------------------------------------------------------------------

def rec(day, percent) -> ProgressRecord:
    return ProgressRecord(date=day, percent=Decimal(percent))


def test_fewer_than_two_records_give_no_forecast():
    for records in ([], [rec(D(2021, 5, 13), 63)]):
        f = forecast(records, deadline=D(2021, 6, 14))
        assert (f.finish, f.late) == (None, False)
        assert f.basis == "进度记录少于两次,无法推算完工日期"


@pytest.mark.parametrize("percents", [(40, 40, 40), (50, 45, 40)], ids=["flat", "declining"])
def test_a_flat_or_declining_trend_cannot_finish_and_is_late_against_a_deadline(percents):
    records = [rec(D(2021, 4, 1) + dt.timedelta(days=14 * i), p) for i, p in enumerate(percents)]
    f = forecast(records, deadline=D(2021, 6, 14))
    assert f.finish is None and f.late
    assert f.basis == "近期进度没有增长,按此趋势无法完工"
    assert not forecast(records, deadline=None).late


def test_a_rising_trend_gives_the_hand_computed_finish():
    # The bridge: 22, 36, 49, 63% on days 0, 14, 28, 42. Mean x 21, mean y 42.5;
    # Sxx = 441+49+49+441 = 980; Sxy = 21×20.5 + 7×6.5 + 7×6.5 + 21×20.5 = 952; slope = 952/980 ≈ 0.9714/day.
    # From 63% on 5月13日: 37 / 0.9714 = 38.09 → 39 days → 2021-06-21, after the 6月14日 deadline.
    records = [rec(D(2021, 4, 1), 22), rec(D(2021, 4, 15), 36), rec(D(2021, 4, 29), 49), rec(D(2021, 5, 13), 63)]
    f = forecast(records, deadline=D(2021, 6, 14))
    assert f.finish == D(2021, 6, 21)
    assert f.rate_per_day.quantize(Decimal("0.0001")) == Decimal("0.9714")
    assert f.late
    assert f.basis == "按最近4次进度记录的趋势(每天约0.97个百分点)推算"


def test_a_rising_trend_finishing_before_the_deadline_is_not_late():
    # 2 points a day from 60% on 5月10日: 40 more points take 20 days → 5月30日.
    records = [rec(D(2021, 5, 1), 42), rec(D(2021, 5, 10), 60)]
    assert forecast(records, deadline=D(2021, 5, 30)).finish == D(2021, 5, 30)
    assert not forecast(records, deadline=D(2021, 5, 30)).late
    assert forecast(records, deadline=D(2021, 5, 29)).late
    assert not forecast(records, deadline=None).late


def test_a_project_already_at_100_percent_is_finished_not_stalled():
    # 100, 100 is a flat trend, but the works are done: finished on 5月1日, in time.
    records = [rec(D(2021, 4, 20), 90), rec(D(2021, 5, 1), 100), rec(D(2021, 5, 10), 100)]
    f = forecast(records, deadline=D(2021, 6, 14))
    assert (f.finish, f.late) == (D(2021, 5, 1), False)
    assert f.basis == "进度已于2021-05-01达到100%"
    assert forecast(records, deadline=D(2021, 4, 30)).late


@settings(max_examples=200, deadline=None)
@given(
    percents=st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=2, max_size=10),
    gaps=st.lists(st.integers(1, 30), min_size=9, max_size=9),
    deadline=st.one_of(st.none(), st.dates(min_value=D(2021, 1, 1), max_value=D(2023, 12, 31))),
)
def test_a_forecast_never_finishes_before_the_last_record_and_is_late_only_after_the_deadline(percents, gaps, deadline):
    day, records = D(2021, 1, 1), []
    for p, gap in zip(percents, gaps):
        records.append(rec(day, p))
        day += dt.timedelta(days=gap)
    f = forecast(records, deadline=deadline)
    if records[-1].percent >= 100:
        # Already done: finished the day its last run of 100% records began.
        run = len(records)
        while run and records[run - 1].percent >= 100:
            run -= 1
        assert f.finish == records[run].date
    elif f.finish is None:
        assert f.late == (deadline is not None)
    else:
        assert f.finish > records[-1].date
    if f.finish is not None:
        assert f.late == (deadline is not None and f.finish > deadline)
