"""Periods as people type them and as a statistics bulletin writes them."""

import pytest

from yuanqu.indicators.periods import MSG_BAD_PERIOD, MSG_BAD_YEAR, Period, period_choices


@pytest.mark.parametrize("text, key", [
    ("2021-03", "2021-03"), ("2021-3", "2021-03"), ("2021年3月", "2021-03"), ("2021年03月", "2021-03"),
    (" 2021 - 12 ", "2021-12"), ("2021—03", "2021-03"), ("2021－03", "2021-03"),
    ("2021-Q1", "2021-Q1"), ("2021Q4", "2021-Q4"), ("2021q2", "2021-Q2"), ("2021年一季度", "2021-Q1"),
    ("2021年第三季度", "2021-Q3"), ("2021年4季度", "2021-Q4"), ("2021四季度", "2021-Q4"),
    ("2021", "2021"), ("2021年", "2021"), ("2021年度", "2021"), ("2021.0", "2021"),
    ("2021年五一", "2021-五一"), ("2021-国庆", "2021-国庆"), ("2021五一期间", "2021-五一"), ("2021年春节", "2021-春节"),
])
def test_parse_reads_every_accepted_form(text, key):
    assert Period.parse(text).key == key


def test_parse_keys_round_trip_for_every_period_offered():
    for key, label in period_choices([2021]):
        assert Period.parse(key).key == key
        assert Period.parse(label).key == key  # the label ("2021年一季度") reads back too


@pytest.mark.parametrize("text, message", [
    ("三月", MSG_BAD_PERIOD.format(text="三月")),
    ("", MSG_BAD_PERIOD.format(text="")),
    (None, MSG_BAD_PERIOD.format(text="")),
    ("2021-Q5", MSG_BAD_PERIOD.format(text="2021-Q5")),
    ("2021年13月", "月度期间编号须在1至12之间。"),
    ("2021-00", "月度期间编号须在1至12之间。"),
    ("1999-03", MSG_BAD_YEAR),
    ("2101", MSG_BAD_YEAR),
    ("2021年八一", MSG_BAD_PERIOD.format(text="2021年八一")),
])
def test_parse_refuses_bad_input_in_chinese(text, message):
    with pytest.raises(ValueError) as exc:
        Period.parse(text)
    assert str(exc.value) == message


@pytest.mark.parametrize("key, plain, cumulative", [
    ("2021-01", "2021年1月", "2021年1月"),
    ("2021-03", "2021年3月", "2021年1-3月"),
    ("2021-12", "2021年12月", "2021年1-12月"),
    ("2021-Q1", "2021年一季度", "2021年一季度"),
    ("2021-Q2", "2021年二季度", "2021年上半年"),
    ("2021-Q3", "2021年三季度", "2021年前三季度"),
    ("2021-Q4", "2021年四季度", "2021年全年"),
    ("2021", "2021年全年", "2021年全年"),
    ("2021-五一", "2021年“五一”期间", "2021年“五一”期间"),
])
def test_labels_as_a_bulletin_writes_them(key, plain, cumulative):
    period = Period.parse(key)
    assert period.label() == plain and str(period) == plain
    assert period.label(cumulative=True) == cumulative


@pytest.mark.parametrize("key, cumulative, before", [
    ("2021-03", True, "2021-02"),
    ("2021-01", True, None),  # a new year starts the count again
    ("2021-01", False, "2020-12"),
    ("2021-Q1", True, None),
    ("2021-Q1", False, "2020-Q4"),
    ("2021-Q3", True, "2021-Q2"),
    ("2021", True, "2020"),
    ("2021-五一", False, None),
])
def test_previous_period(key, cumulative, before):
    found = Period.parse(key).previous(cumulative)
    assert (found.key if found else None) == before


def test_year_before_keeps_the_kind_and_number():
    assert Period.parse("2021-03").year_before().key == "2020-03"
    assert Period.parse("2021-Q1").year_before().key == "2020-Q1"
    assert Period.parse("2021-五一").year_before().key == "2020-五一"
    # A 2000 figure's year before is a period with no figures, not an error (its page asks for it).
    assert Period.parse("2000-03").year_before().year_before().key == "1998-03"


def test_months_a_period_spans():
    assert Period.parse("2021-Q2").months() == [4, 5, 6]
    assert Period.parse("2021").months() == list(range(1, 13))
    assert Period.parse("2021-03").months() == []


def test_choices_are_newest_first():
    keys = [k for k, _ in period_choices([2020, 2021])]
    assert keys[:3] == ["2021", "2021-Q4", "2021-Q3"] and keys.index("2021-01") < keys.index("2020")
