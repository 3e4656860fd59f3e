"""Periods of a value: a month, a quarter, a year or a holiday of a year, with the words a
statistics bulletin uses for each ("一季度" or "1-3月", "上半年" for a cumulative second quarter).

`Period.parse` reads what people type in forms and import files: "2021-03", "2021年3月", "2021-Q1",
"2021年一季度", "2021", "2021年", "2021年五一"; `key` is the canonical short form.
"""

import re
from dataclasses import dataclass

from .choices import HOLIDAYS, PeriodKind

CN_QUARTERS = {1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度"}
# A cumulative value at a quarter's end covers the year so far.
CN_CUMULATIVE_QUARTERS = {1: "一季度", 2: "上半年", 3: "前三季度", 4: "全年"}
HOLIDAY_NUMBERS = {name: number for number, name in HOLIDAYS.items()}

MSG_BAD_PERIOD = "期间“{text}”无法识别,请写作2021-03、2021-Q1、2021或2021年五一。"
MSG_BAD_YEAR = "年份须在2000至2100之间。"

_PATTERNS = [
    (re.compile(r"^(\d{4})\s*(?:-|年)\s*(\d{1,2})\s*月?$"), PeriodKind.MONTH),
    (re.compile(r"^(\d{4})\s*-?\s*[Qq]([1-4])$"), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})\s*年?\s*(?:第)?([一二三四1-4])季度$"), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})\s*年?(?:度)?$"), PeriodKind.YEAR),
    (re.compile(r"^(\d{4})\s*年?\s*[-]?\s*(" + "|".join(HOLIDAY_NUMBERS) + r")(?:期间)?$"), PeriodKind.HOLIDAY),
]
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str
    number: int  # month 1–12, quarter 1–4, 0 for the year, holiday number

    def __post_init__(self):
        # Input is held to 2000–2100 by parse(); the years before stay valid periods (with no figures)
        # so that "the same period a year before" of a 2000 or 2001 figure is a question, not an error.
        if not 1990 <= self.year <= 2100:
            raise ValueError(MSG_BAD_YEAR)
        limits = {PeriodKind.MONTH: (1, 12), PeriodKind.QUARTER: (1, 4), PeriodKind.YEAR: (0, 0),
                  PeriodKind.HOLIDAY: (min(HOLIDAYS), max(HOLIDAYS))}
        low, high = limits[PeriodKind(self.kind)]
        if not low <= self.number <= high:
            raise ValueError(f"{PeriodKind(self.kind).label}期间编号须在{low}至{high}之间。")

    # -- reading and writing ---------------------------------------------------------------------
    @classmethod
    def parse(cls, text) -> "Period":
        raw = str(text if text is not None else "").strip().replace("—", "-").replace("－", "-")
        if re.fullmatch(r"\d{4}\.0", raw):  # a year typed in an Excel number cell
            raw = raw[:4]
        for pattern, kind in _PATTERNS:
            m = pattern.match(raw)
            if not m:
                continue
            year = int(m.group(1))
            if kind == PeriodKind.YEAR:
                number = 0
            elif kind == PeriodKind.HOLIDAY:
                number = HOLIDAY_NUMBERS[m.group(2)]
            else:
                digit = m.group(2)
                number = _CN_DIGITS.get(digit) or int(digit)
            if year < 2000:
                raise ValueError(MSG_BAD_YEAR)
            try:
                return cls(year, kind, number)
            except ValueError as exc:
                raise ValueError(str(exc)) from None
        raise ValueError(MSG_BAD_PERIOD.format(text=raw))

    @classmethod
    def of(cls, value) -> "Period":
        """The period of an IndicatorValue (or any object with year, period_kind, period)."""
        return cls(value.year, value.period_kind, value.period)

    @property
    def key(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind == PeriodKind.HOLIDAY:
            return f"{self.year}-{HOLIDAYS[self.number]}"
        return str(self.year)

    def __str__(self):
        return self.label()

    def label(self, cumulative: bool = False) -> str:
        """The period as a bulletin names it: 2021年3月 / 2021年1-3月, 2021年一季度 / 2021年上半年,
        2021年, 2021年五一期间."""
        return f"{self.year}年{self.phrase(cumulative)}"

    def phrase(self, cumulative: bool = False) -> str:
        if self.kind == PeriodKind.MONTH:
            if cumulative and self.number > 1:
                return f"1-{self.number}月"
            return f"{self.number}月"
        if self.kind == PeriodKind.QUARTER:
            return (CN_CUMULATIVE_QUARTERS if cumulative else CN_QUARTERS)[self.number]
        if self.kind == PeriodKind.HOLIDAY:
            return f"“{HOLIDAYS[self.number]}”期间"
        return "全年"

    # -- neighbours --------------------------------------------------------------------------------
    def year_before(self) -> "Period":
        return Period(self.year - 1, self.kind, self.number)

    def previous(self, cumulative: bool = False) -> "Period | None":
        """The period before, for the change in growth: 1-2月 before 1-3月; none before a cumulative
        January or first quarter (a new year starts the count again), nor before a holiday."""
        if self.kind == PeriodKind.MONTH:
            if self.number > 1:
                return Period(self.year, self.kind, self.number - 1)
            return None if cumulative else Period(self.year - 1, self.kind, 12)
        if self.kind == PeriodKind.QUARTER:
            if self.number > 1:
                return Period(self.year, self.kind, self.number - 1)
            return None if cumulative else Period(self.year - 1, self.kind, 4)
        if self.kind == PeriodKind.YEAR:
            return Period(self.year - 1, self.kind, 0)
        return None

    def months(self) -> list[int]:
        """The months a quarter or year spans (empty for a month or a holiday)."""
        if self.kind == PeriodKind.QUARTER:
            return [3 * self.number - 2, 3 * self.number - 1, 3 * self.number]
        if self.kind == PeriodKind.YEAR:
            return list(range(1, 13))
        return []


def period_choices(years) -> list[tuple[str, str]]:
    """(key, label) for the selects of forms and filters, newest first."""
    out = []
    for year in sorted(years, reverse=True):
        out.append((str(year), f"{year}年"))
        out += [(Period(year, PeriodKind.QUARTER, q).key, f"{year}年{CN_QUARTERS[q]}") for q in (4, 3, 2, 1)]
        out += [(Period(year, PeriodKind.MONTH, m).key, f"{year}年{m}月") for m in range(12, 0, -1)]
        out += [(Period(year, PeriodKind.HOLIDAY, h).key, f"{year}年{name}") for h, name in HOLIDAYS.items()]
    return out
