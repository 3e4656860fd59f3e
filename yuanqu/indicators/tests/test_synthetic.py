"""Synthetic indicator figures for the benchmark: the counts asked for, rows as value_save would leave
them (level, subject key, state, source), and figures the growth book reads."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum

from yuanqu.demo.synthetic import generate_indicators
from yuanqu.indicators.growth import SUMMED, Book, subject_key
from yuanqu.indicators.models import Indicator, IndicatorValue, ValueRevision
from yuanqu.indicators.periods import Period
from yuanqu.registry.models import Enterprise, Zone

pytestmark = pytest.mark.django_db


def test_a_tiny_run_makes_the_figures_asked_for_that_the_book_reads():
    counts = generate_indicators(zones=2, years=2, indicators=3, enterprise_figures=50, today=dt.date(2021, 5, 14))
    assert counts == {"zones": 2, "indicators": 3, "synthetic_indicators": 0, "zone_values": 2 * 24 * 3,
                      "enterprise_values": 50}
    assert Zone.objects.count() == 2 and Enterprise.objects.exists()
    zone_rows = IndicatorValue.objects.filter(level="zone")
    assert zone_rows.count() == 144
    assert set(zone_rows.values_list("indicator__code", flat=True)) == {"JGM", "GSZYYW", "SJSJ"}
    assert set(zone_rows.values_list("period_kind", flat=True)) == {"month"}
    first, last = zone_rows.order_by("year", "period").first(), zone_rows.order_by("-year", "-period").first()
    assert (first.year, first.period, last.year, last.period) == (2019, 5, 2021, 4)
    assert not zone_rows.exclude(park=None, enterprise=None).exists()
    for v in zone_rows[:5]:
        assert v.subject_key == subject_key("zone", v.zone_id)
    firms = IndicatorValue.objects.filter(level="enterprise")
    assert firms.count() == 50
    assert set(firms.values_list("indicator__code", "period_kind").distinct()) == {("YYSR", "quarter")}
    for v in firms.select_related("enterprise")[:5]:
        assert v.subject_key == subject_key("enterprise", v.enterprise_id)
        assert v.zone_id == v.enterprise.zone_id
    everything = IndicatorValue.objects.all()
    assert set(everything.values_list("state", "source", "is_illustrative").distinct()) == {
        ("confirmed", "synthetic", False)}
    assert not ValueRevision.objects.exists()  # synthetic figures are nobody's entry
    for v in everything.order_by("?")[:10]:
        v.full_clean()  # the model's own constraints hold

    # The book reads them: a quarter from its cumulative month, growth against the year before, and a
    # zone's 营业收入 summed from its enterprises.
    zone = Zone.objects.order_by("id").first()
    key = subject_key("zone", zone.pk)
    jgm, revenue = Indicator.objects.get(code="JGM"), Indicator.objects.get(code="YYSR")
    book = Book.load(indicators=[jgm, revenue], years=[2020, 2021], subjects=[("zone", zone.pk)])
    q1 = Period.parse("2021-Q1")
    march = zone_rows.get(zone=zone, indicator=jgm, year=2021, period=3)
    growth = book.growth(jgm, key, q1)
    assert growth.figure.value == march.value and growth.figure.derived
    assert growth.computed is not None
    april = book.growth(jgm, key, Period.parse("2021-04"))
    assert april.reported is not None and abs(april.reported - april.computed) <= Decimal("0.1")
    summed = book.figure(revenue, key, q1)
    assert summed is not None and summed.how == SUMMED
    assert summed.value == firms.filter(zone=zone, year=2021, period=1).aggregate(s=Sum("value"))["s"]


def test_a_second_run_leaves_zones_that_have_figures_alone():
    generate_indicators(zones=1, years=1, indicators=2, enterprise_figures=5)
    before = IndicatorValue.objects.count()
    again = generate_indicators(zones=1, years=1, indicators=2, enterprise_figures=5)
    assert (again["zone_values"], again["enterprise_values"]) == (0, 0)
    assert IndicatorValue.objects.count() == before == 12 * 2 + 5


def test_missing_indicators_are_made_synthetic():
    counts = generate_indicators(zones=1, years=1, indicators=12, enterprise_figures=0)
    assert counts["synthetic_indicators"] == 2
    assert set(Indicator.objects.filter(code__startswith="SYN").values_list("code", flat=True)) == {"SYN01", "SYN02"}
    assert IndicatorValue.objects.filter(level="zone").count() == 12 * 12
