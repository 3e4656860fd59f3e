"""Edge cases a review found: each once a wrong figure, a lost rate or a server error."""

import json
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yuanqu.indicators import numbers, services
from yuanqu.indicators.bulletin import write_bulletin
from yuanqu.indicators.growth import Book
from yuanqu.indicators.imports import ValueImporter
from yuanqu.indicators.models import Indicator, IndicatorValue
from yuanqu.indicators.periods import Period
from yuanqu.registry.models import Park

from .test_import import errors_of, xlsx


def ind(code):
    return Indicator.objects.get(code=code)


def save(world, code, period, value, growth=None, **subject):
    return services.value_save(actor=world["clerk_a"], indicator=ind(code), zone=world.zone_a,
                               period=Period.parse(period), value=D(value), reported_growth=growth, **subject)


def test_a_quarter_read_off_its_cumulative_month_keeps_the_rate_reported_with_it(world):
    save(world, "JGM", "2021-03", 1338000, D(20))
    book = Book.load(indicators=[ind("JGM")], years=[2020, 2021], subjects=[("zone", world.zone_a.pk)])
    g = book.growth(ind("JGM"), f"z{world.zone_a.pk}", Period.parse("2021-Q1"))
    assert g.figure.derived and g.rate == 20 and g.is_reported
    assert g.implied_prior.quantize(D(1)) == 1115000


def test_figures_of_2000_and_2001_open_without_error(world, login):
    for period in ("2000-03", "2001-01", "2001-Q1"):
        value = save(world, "JGM", period, 100)
        assert login("clerk_a").get(reverse("indicators:value_detail", args=[value.pk])).status_code == 200
        assert login("clerk_a").get(f"/api/indicators/values/{value.pk}").status_code == 200


def test_an_import_cell_in_exponent_notation_is_a_row_error_not_a_crash(world):
    rows = [["JGM", "甲园区", "", "", "2021-Q1", "1e30", "", "1e27", "", ""]]
    report = ValueImporter(world["clerk_a"]).commit(xlsx(rows))
    assert report.saved == 0 and errors_of(report) == {(2, "数值"), (2, "填报同比增速(%)")}
    assert not IndicatorValue.objects.exists()


def test_not_a_number_through_the_api_is_a_400(world, login):
    for body in ({"value": "NaN"}, {"value": "1", "reported_growth": "sNaN"}, {"value": "Infinity"}):
        r = login("clerk_a").post("/api/indicators/values/", content_type="application/json", data=json.dumps(
            {"indicator": "JGM", "zone": world.zone_a.pk, "period": "2021-Q1", **body}))
        assert r.status_code == 400, (body, r.content)
    assert not IndicatorValue.objects.exists()


def test_an_enterprises_figure_is_filed_under_its_own_park(world):
    other = Park.objects.create(zone=world.zone_a, name="甲另一产业园")
    value = save(world, "YYSR", "2021-Q1", 10, enterprise=world.enterprise_a, park=other)
    assert value.park_id == world.enterprise_a.park_id != other.pk


def test_amounts_switch_unit_on_the_figure_as_written():
    assert numbers.amount(D("9999.996"), "wan_yuan") == "1亿元"
    assert numbers.amount(D("9999.994"), "wan_yuan") == "9999.99万元"
    assert numbers.amount(D("9999.6"), "sqm") == "1万平方米"


def test_the_catalogue_keeps_the_meaning_of_figures_already_entered(world):
    save(world, "JGM", "2021-Q1", 100)
    jgm = ind("JGM")
    with pytest.raises(ValidationError) as err:
        services.indicator_save(actor=world["sysadmin"], indicator=jgm, data={"cumulative": False, "unit": "wan_yuan"})
    assert "累计/当期" in str(err.value) and "计量单位" not in str(err.value)
    jgm.refresh_from_db()
    assert jgm.cumulative
    # Words and order may change at any time.
    services.indicator_save(actor=world["sysadmin"], indicator=jgm, data={"lead": "实现", "sort_order": 5})


def test_a_period_figure_in_a_year_to_date_paragraph_names_its_own_period(world):
    save(world, "JGM", "2021-Q2", 2000000)
    services.value_save(actor=world["clerk_a"], indicator=ind("YYSR"), zone=world.zone_a,
                        enterprise=world.enterprise_a, period=Period.parse("2021-Q2"), value=D(500))
    book = Book.load(indicators=[ind("JGM"), ind("YYSR")], years=[2020, 2021], subjects=[("zone", world.zone_a.pk)])
    text = write_bulletin(book=book, key=f"z{world.zone_a.pk}", subject="甲园区", period=Period.parse("2021-Q2"),
                          indicators=[ind("JGM"), ind("YYSR")]).text
    assert text == "2021年上半年,甲园区完成技工贸收入200亿元,二季度实现营业收入500万元。"
