"""Figures written the way a statistics bulletin writes them.

Amounts: money is kept in 万元 and written in 亿元 from 1亿 up, with one decimal from 10亿 (133.8亿元)
and two below (3.25亿元, 2.4亿元); under 1亿 in 万元 with two decimals (162.95万元). Counts of
enterprises, people and visits are whole. Trailing zeros go (30亿元, not 30.0亿元).
Growth: a rate reported with the value is quoted as reported (20%, 87.41%); a computed one has one
decimal (22.8%); what rounds to zero is 持平.
"""

from decimal import ROUND_HALF_UP, Decimal

from .choices import WHOLE_UNITS, Unit

YI = Decimal(10000)  # 万元 in one 亿元
WAN = Decimal(10000)


def _plain(value: Decimal, places: int) -> str:
    q = Decimal(1).scaleb(-places)
    text = f"{value.quantize(q, rounding=ROUND_HALF_UP):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def amount_parts(value, unit: str) -> tuple[str, str]:
    """(number, unit) of an amount kept in `unit`: ("133.8", "亿元"), ("162.95", "万元"), ("42", "家")."""
    v = Decimal(str(value))
    if unit == Unit.WAN_YUAN:
        # Decided on the figure as written: 9999.996万元 is 1亿元, not 10000万元.
        if abs(v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)) >= YI:
            yi = v / YI
            return _plain(yi, 1 if abs(yi) >= 10 else 2), "亿元"
        return _plain(v, 2), "万元"
    if unit == Unit.SQM and abs(v.quantize(Decimal(1), rounding=ROUND_HALF_UP)) >= WAN:
        return _plain(v / WAN, 2), "万平方米"
    if unit in WHOLE_UNITS:
        return _plain(v, 0), Unit(unit).label
    return _plain(v, 2), Unit(unit).label


def amount(value, unit: str) -> str:
    if value is None:
        return "—"
    number, label = amount_parts(value, unit)
    return f"{number}{label}"


def rate(value: Decimal | None, reported: bool = False) -> str:
    """A growth rate without its sign: as reported, or to one decimal when computed."""
    if value is None:
        return "—"
    v = abs(Decimal(str(value)))
    return _plain(v, 2 if reported else 1)


def is_flat(growth: Decimal, reported: bool = False) -> bool:
    return Decimal(rate(growth, reported)) == 0


def growth_phrase(growth: Decimal | None, reported: bool = False) -> str:
    """同比增长20% / 同比下降3.5% / 与上年同期持平; empty when there is nothing to compare with."""
    if growth is None:
        return ""
    if is_flat(growth, reported):
        return "与上年同期持平"
    word = "增长" if growth > 0 else "下降"
    return f"同比{word}{rate(growth, reported)}%"


def signed_rate(growth: Decimal | None, reported: bool = False) -> str:
    """+20% / -3.5% / 0% for tables and cards."""
    if growth is None:
        return "—"
    if is_flat(growth, reported):
        return "0%"
    return f"{'+' if growth > 0 else '-'}{rate(growth, reported)}%"


def points_phrase(change: Decimal | None) -> str:
    """The change of a growth rate against the previous period: 提高2.1个百分点 / 回落0.4个百分点 / 持平."""
    if change is None:
        return ""
    text = _plain(abs(Decimal(str(change))), 1)
    if text == "0":
        return "增速与上期持平"
    return f"增速比上期{'提高' if change > 0 else '回落'}{text}个百分点"
