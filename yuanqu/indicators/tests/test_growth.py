"""Figures resolved for any period and their year-on-year growth (growth.Book), on values entered
through the service as a statistics clerk would."""

from decimal import Decimal

import pytest

from yuanqu.indicators import growth, services
from yuanqu.indicators.growth import Book, Figure, Growth
from yuanqu.indicators.models import Indicator
from yuanqu.indicators.periods import Period
from yuanqu.testing.factories import EnterpriseFactory, ParkFactory


def ind(code):
    return Indicator.objects.get(code=code)


def put(world, code, period, value, reported=None, **subject):
    return services.value_save(actor=world["clerk_a"], indicator=ind(code), zone=world.zone_a,
                               period=Period.parse(period), value=Decimal(value), reported_growth=reported, **subject)


def book(world, codes, years=(2019, 2020, 2021), subjects=None):
    return Book.load(indicators=[ind(c) for c in codes], years=years,
                     subjects=subjects or [("zone", world.zone_a.pk)])


def zkey(world):
    return growth.subject_key("zone", world.zone_a.pk)


P = Period.parse


def test_cumulative_quarter_and_year_come_from_the_last_month(world):
    put(world, "JGM", "2020-03", "1115000")
    put(world, "JGM", "2021-03", "1338000")
    put(world, "JGM", "2020-12", "5000000")
    put(world, "JGM", "2021-Q4", "5500000")  # a year may close on its fourth quarter's cumulative figure
    b = book(world, ["JGM"])
    g = b.growth(ind("JGM"), zkey(world), P("2021-Q1"))
    assert g.figure.value == Decimal("1338000") and g.figure.how == growth.FROM_MONTH
    assert g.prior.value == Decimal("1115000") and g.prior.how == growth.FROM_MONTH
    assert g.computed.quantize(Decimal("0.01")) == Decimal("20.00")
    year = b.growth(ind("JGM"), zkey(world), P("2021"))
    assert year.figure.value == Decimal("5500000") and year.prior.value == Decimal("5000000")
    assert year.computed == 10
    assert b.figure(ind("JGM"), zkey(world), P("2021-Q2")) is None  # no 1-6月 figure


def test_period_values_sum_months_into_quarters_and_quarters_into_years(world):
    e = {"enterprise": world.enterprise_a}
    key = growth.subject_key("enterprise", world.enterprise_a.pk)
    for month, value in ((1, "10"), (2, "20"), (3, "30")):
        put(world, "YYSR", f"2021-{month:02d}", value, **e)
        put(world, "YYSR", f"2020-{month:02d}", "10", **e)
    for quarter, value in ((1, "30"), (2, "40"), (3, "50"), (4, "60")):
        put(world, "YYSR", f"2020-Q{quarter}", value, **e)
    put(world, "YYSR", "2019", "100", **e)
    b = book(world, ["YYSR"], subjects=[("enterprise", world.enterprise_a.pk)])
    q1 = b.growth(ind("YYSR"), key, P("2021-Q1"))
    assert (q1.figure.value, q1.figure.how) == (60, growth.FROM_MONTHS)
    # The prior year's first quarter was entered as a quarter: resolved as entered, not from months.
    assert (q1.prior.value, q1.prior.how) == (30, growth.ENTERED) and q1.computed == 100
    y = b.growth(ind("YYSR"), key, P("2020"))
    assert (y.figure.value, y.figure.how) == (180, growth.FROM_QUARTERS)
    assert y.prior.value == 100 and y.computed == 80
    assert b.figure(ind("YYSR"), key, P("2021-Q2")) is None  # months missing: no sum


@pytest.mark.parametrize("reported, flagged", [
    ("20.1", False), ("19.9", False), ("20.11", True), ("19.89", True), ("20", False),
])
def test_consistency_flag_beyond_a_tenth_of_a_point(world, reported, flagged):
    put(world, "SJSJ", "2020-03", "100")
    put(world, "SJSJ", "2021-03", "120", reported=reported)
    g = book(world, ["SJSJ"]).growth(ind("SJSJ"), zkey(world), P("2021-03"))
    assert g.computed == 20 and g.mismatch is flagged
    assert g.difference == Decimal(reported) - 20
    assert g.rate == Decimal(reported)  # the reported rate is the one quoted
    assert g.implied_prior is None  # there is a prior: nothing to derive


def test_implied_base_only_without_a_prior(world):
    put(world, "SJSJ", "2021-03", "24000", reported="60")
    g = book(world, ["SJSJ"]).growth(ind("SJSJ"), zkey(world), P("2021-03"))
    assert g.prior is None and g.computed is None and not g.mismatch
    assert g.implied_prior == 15000
    # Without a reported rate there is nothing to derive from.
    assert Growth(Figure(Decimal(10)), None, None).implied_prior is None


def test_zone_figure_sums_parks_without_double_counting_phases(world):
    phase = ParkFactory(zone=world.zone_a, parent=world.park_a, name="甲电子信息产业园二期", phase=2)
    other = ParkFactory(zone=world.zone_a, name="甲电力科技产业园")
    put(world, "SS", "2021-03", "30000", park=world.park_a)  # the park as a whole
    put(world, "SS", "2021-03", "5000", park=phase)  # one of its phases: inside the park's figure
    put(world, "SS", "2021-03", "2500", park=other)
    put(world, "SS", "2020-03", "25000", park=world.park_a)
    put(world, "SS", "2020-03", "2500", park=other)
    g = book(world, ["SS"]).growth(ind("SS"), zkey(world), P("2021-Q1"))
    assert (g.figure.value, g.figure.how) == (32500, growth.SUMMED)
    assert g.prior.value == 27500 and g.computed.quantize(Decimal("0.1")) == Decimal("18.2")


def test_zone_and_park_figures_sum_enterprises_and_an_entered_total_wins(world):
    second = EnterpriseFactory(zone=world.zone_a, park=None, name="湖南甲二科技有限公司")
    put(world, "YYSR", "2021-04", "100", enterprise=world.enterprise_a)  # in park A
    put(world, "YYSR", "2021-04", "50", enterprise=second)
    subjects = [("zone", world.zone_a.pk), ("park", world.park_a.pk)]
    b = book(world, ["YYSR"], subjects=subjects)
    assert b.figure(ind("YYSR"), zkey(world), P("2021-04")) == Figure(Decimal(150), None, growth.SUMMED)
    assert b.figure(ind("YYSR"), growth.subject_key("park", world.park_a.pk), P("2021-04")).value == 100
    put(world, "YYSR", "2021-04", "160")  # the zone's own total, typed in
    b = book(world, ["YYSR"], subjects=subjects)
    assert b.figure(ind("YYSR"), zkey(world), P("2021-04")).how == growth.ENTERED


def test_change_in_points_against_the_previous_period(world):
    put(world, "GDZCTZ", "2020-02", "100")
    put(world, "GDZCTZ", "2021-02", "150")  # +50%
    put(world, "GDZCTZ", "2020-03", "100")
    put(world, "GDZCTZ", "2021-03", "184.5", reported="84.5")
    b = book(world, ["GDZCTZ"])
    g = b.growth(ind("GDZCTZ"), zkey(world), P("2021-03"))
    assert g.previous_rate == 50 and g.change_pp == Decimal("34.5")
    january = b.growth(ind("GDZCTZ"), zkey(world), P("2021-02")).previous_rate
    assert january is None  # no January figure: nothing to compare the change with


def test_pending_figures_do_not_count(world):
    services.value_save(actor=world["enterprise_a"], indicator=ind("YYSR"), zone=world.zone_a,
                        enterprise=world.enterprise_a, period=P("2021-04"), value=Decimal(100))
    b = book(world, ["YYSR"], subjects=[("zone", world.zone_a.pk)])
    assert b.figure(ind("YYSR"), zkey(world), P("2021-04")) is None
