"""Figures and growth written the way a statistics bulletin writes them."""

from decimal import Decimal

import pytest

from yuanqu.indicators.numbers import amount, amount_parts, growth_phrase, points_phrase, rate, signed_rate


@pytest.mark.parametrize("value, unit, text", [
    ("1338000", "wan_yuan", "133.8亿元"),  # 10亿 and up: one decimal
    ("32500", "wan_yuan", "3.25亿元"),  # 1亿 to 10亿: two decimals
    ("24000", "wan_yuan", "2.4亿元"),  # trailing zeros go
    ("300000", "wan_yuan", "30亿元"),
    ("10000", "wan_yuan", "1亿元"),  # the switch: exactly 1亿
    ("9999.99", "wan_yuan", "9999.99万元"),  # just under: still 万元
    ("162.95", "wan_yuan", "162.95万元"),
    ("88.794", "wan_yuan", "88.79万元"),
    ("88.795", "wan_yuan", "88.8万元"),  # half up
    ("4.01", "wan_renci", "4.01万人次"),
    ("42", "jia", "42家"),
    ("16.0", "jia", "16家"),
    ("12500", "sqm", "1.25万平方米"),
    ("9800", "sqm", "9800平方米"),
    ("0", "wan_yuan", "0万元"),
])
def test_amounts_switch_units_and_precision(value, unit, text):
    assert amount(Decimal(value), unit) == text


def test_amount_parts_and_missing():
    assert amount_parts(Decimal("1103000"), "wan_yuan") == ("110.3", "亿元")
    assert amount(None, "wan_yuan") == "—"


@pytest.mark.parametrize("growth, reported, phrase", [
    ("20", True, "同比增长20%"),
    ("87.41", True, "同比增长87.41%"),
    ("246.87", True, "同比增长246.87%"),
    ("22.8333", False, "同比增长22.8%"),  # computed: one decimal
    ("-3.46", False, "同比下降3.5%"),
    ("-3.46", True, "同比下降3.46%"),
    ("0.04", False, "与上年同期持平"),  # rounds to zero
    ("0", True, "与上年同期持平"),
    ("0.05", False, "同比增长0.1%"),
])
def test_growth_wording(growth, reported, phrase):
    assert growth_phrase(Decimal(growth), reported=reported) == phrase


def test_growth_without_a_base_says_nothing():
    assert growth_phrase(None) == "" and signed_rate(None) == "—" and rate(None) == "—"


@pytest.mark.parametrize("growth, reported, text", [
    ("64.3836", False, "+64.4%"), ("-12.04", False, "-12%"), ("0.01", False, "0%"), ("20", True, "+20%"),
])
def test_signed_rates_for_tables(growth, reported, text):
    assert signed_rate(Decimal(growth), reported=reported) == text


@pytest.mark.parametrize("change, text", [
    ("2.14", "增速比上期提高2.1个百分点"),
    ("-0.36", "增速比上期回落0.4个百分点"),
    ("0.04", "增速与上期持平"),
    (None, ""),
])
def test_points_phrase(change, text):
    assert points_phrase(Decimal(change) if change else None) == text
