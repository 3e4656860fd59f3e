from decimal import Decimal

import pytest

from yuanqu.common.formatting import mask_phone, money


@pytest.mark.parametrize("phone, masked", [
    ("13812341234", "138****1234"),
    ("138-1234-1234", "138****1234"),
    (" 13812341234 ", "138****1234"),
    ("0731-56568888", "0731-****8888"),
    ("073156568888", "0731****8888"),
    ("52688088", "****8088"),
    ("", ""),
    (None, ""),
    ("110", "***"),
])
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


def test_mask_phone_never_shows_the_middle_of_a_landline():
    assert "5656" not in mask_phone("0731-56568888")


@pytest.mark.parametrize("value, unit, shown", [
    (Decimal("1338000"), None, "133.8亿元"),  # 技工贸收入133.8亿元
    (Decimal("24000"), None, "2.4亿元"),
    (Decimal("10000"), None, "1亿元"),
    (Decimal("9999.5"), None, "9999.5万元"),
    (Decimal("162.95"), None, "162.95万元"),  # 营业收入162.95万元
    (Decimal("2"), None, "2万元"),  # 奖金最高2万元
    (Decimal("100"), None, "100万元"),
    (0, None, "0万元"),
    (Decimal("-20000"), None, "-2亿元"),
    (Decimal("1234.567"), None, "1234.57万元"),
    (Decimal("300000"), "万元", "300000万元"),
    (Decimal("5000"), "亿元", "0.5亿元"),
    (None, None, "—"),
])
def test_money_in_wan_or_yi_yuan(value, unit, shown):
    assert money(value, unit) == shown
