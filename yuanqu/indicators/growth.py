"""Figures and their year-on-year growth, resolved from confirmed values loaded in a few queries.

A `Book` holds the confirmed values of some subjects (zones, parks, enterprises) for some indicators
and years. Asked for a figure it answers, in this order: the value entered for that subject and
period; one derived from the subject's other periods (a cumulative indicator's first quarter is its
1-3月 value, its year the 1-12月 value; a period indicator's quarter is the sum of its three months,
its year the sum of its four quarters or twelve months); or, for an indicator that sums upward, the
sum of the values entered below (a zone's parks or enterprises, a park's enterprises), each marked
with how it was obtained.

Growth compares a figure with the same period a year before, resolved the same way, so cumulative
and period values alike compare like with like. A growth rate reported with the value is checked
against the computed one (flagged beyond 0.1 percentage point); with no prior-year figure, the base
the reported rate implies is derived and marked as derived.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from .choices import CONSISTENCY_TOLERANCE_PP, Aggregation, Level, PeriodKind, ValueState
from .models import IndicatorValue
from .periods import Period

TOLERANCE = Decimal(CONSISTENCY_TOLERANCE_PP)
HUNDRED = Decimal(100)

# How a figure was obtained, shown beside it.
ENTERED = ""
FROM_MONTH = "由累计月值得出"
FROM_MONTHS = "由分月数合计"
FROM_QUARTERS = "由分季数合计"
SUMMED = "由下级数据汇总"


def subject_key(level: str, pk: int) -> str:
    return {Level.ZONE: "z", Level.PARK: "p", Level.ENTERPRISE: "e"}[level] + str(pk)


@dataclass(frozen=True)
class Figure:
    value: Decimal
    reported_growth: Decimal | None = None
    how: str = ENTERED
    value_id: int | None = None

    @property
    def derived(self) -> bool:
        return self.how != ENTERED


@dataclass
class Growth:
    """A figure beside the same period a year before."""

    figure: Figure
    prior: Figure | None
    computed: Decimal | None  # % from the prior-year figure
    previous_rate: Decimal | None = None  # the growth of the period before (for the change in points)

    @property
    def reported(self) -> Decimal | None:
        return self.figure.reported_growth

    @property
    def rate(self) -> Decimal | None:
        """The growth to quote: the reported one where there is one, else the computed one."""
        return self.reported if self.reported is not None else self.computed

    @property
    def is_reported(self) -> bool:
        return self.reported is not None

    @property
    def mismatch(self) -> bool:
        """A reported rate more than 0.1 percentage point from what the prior-year figure gives."""
        if self.reported is None or self.computed is None:
            return False
        return abs(self.reported - self.computed) > TOLERANCE

    @property
    def difference(self) -> Decimal | None:
        if self.reported is None or self.computed is None:
            return None
        return (self.reported - self.computed).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def implied_prior(self) -> Decimal | None:
        """With no prior-year figure, the base the reported rate implies: value ÷ (1 + rate)."""
        if self.prior is not None or self.reported is None or self.reported <= -HUNDRED:
            return None
        return self.figure.value / (1 + self.reported / HUNDRED)

    @property
    def change_pp(self) -> Decimal | None:
        """Percentage points gained or lost against the growth of the previous period."""
        if self.rate is None or self.previous_rate is None:
            return None
        return self.rate - self.previous_rate


def growth_rate(value: Decimal, prior: Decimal | None) -> Decimal | None:
    if prior is None or prior <= 0:
        return None
    return (value / prior - 1) * HUNDRED


class Book:
    """Confirmed values keyed by (indicator id, subject key, year, period kind, period)."""

    def __init__(self, indicators, entered: dict | None = None, summed: dict | None = None):
        self.indicators = {i.pk: i for i in indicators}
        self.entered = entered or {}
        self.summed = summed or {}

    # -- loading ------------------------------------------------------------------------------
    @classmethod
    def load(cls, *, indicators, years, subjects: list[tuple[str, int]], kinds=None, sums: bool = True) -> "Book":
        """Values of `subjects` ([(level, pk)]) for `indicators` in `years`: one query for the values
        entered, and for zone and park subjects one grouped query per lower level for the sums."""
        indicators = list(indicators)
        ids = [i.pk for i in indicators]
        years = sorted(set(years))
        keys = [subject_key(level, pk) for level, pk in subjects]
        base = IndicatorValue.objects.filter(indicator_id__in=ids, year__in=years, state=ValueState.CONFIRMED)
        if kinds:
            base = base.filter(period_kind__in=kinds)
        entered = {}
        rows = base.filter(subject_key__in=keys).values_list(
            "indicator_id", "subject_key", "year", "period_kind", "period", "value", "reported_growth", "id")
        for ind, key, year, kind, period, value, reported, pk in rows:
            entered[(ind, key, year, kind, period)] = Figure(value, reported, ENTERED, pk)
        summed = cls._sums(base, indicators, subjects) if sums else {}
        return cls(indicators, entered, summed)

    @staticmethod
    def _sums(base, indicators, subjects) -> dict:
        """Sums of the values entered at each summing indicator's own level, per zone or park subject."""
        zone_ids = [pk for level, pk in subjects if level == Level.ZONE]
        park_ids = [pk for level, pk in subjects if level == Level.PARK]
        summed = {}
        by_level = defaultdict(list)
        for i in indicators:
            if i.aggregation == Aggregation.SUM and i.level != Level.ZONE:
                by_level[i.level].append(i.pk)
        groups = []
        if zone_ids and by_level[Level.PARK]:
            # A park's phases are parts of it: the zone counts its top-level parks.
            groups.append(("z", "zone_id", Q(zone_id__in=zone_ids, indicator_id__in=by_level[Level.PARK],
                                              level=Level.PARK, park__parent__isnull=True)))
        if zone_ids and by_level[Level.ENTERPRISE]:
            groups.append(("z", "zone_id", Q(zone_id__in=zone_ids, indicator_id__in=by_level[Level.ENTERPRISE],
                                              level=Level.ENTERPRISE)))
        if park_ids and by_level[Level.ENTERPRISE]:
            groups.append(("p", "enterprise__park_id", Q(enterprise__park_id__in=park_ids,
                                                         indicator_id__in=by_level[Level.ENTERPRISE],
                                                         level=Level.ENTERPRISE)))
            groups.append(("p", "enterprise__park__parent_id", Q(enterprise__park__parent_id__in=park_ids,
                                                                 indicator_id__in=by_level[Level.ENTERPRISE],
                                                                 level=Level.ENTERPRISE)))
        for prefix, column, q in groups:
            rows = (base.filter(q).order_by().values_list("indicator_id", column, "year", "period_kind", "period")
                    .annotate(total=Sum("value"), n=Count("id")))
            for ind, owner, year, kind, period, total, n in rows:
                key = (ind, f"{prefix}{owner}", year, kind, period)
                before = summed.get(key)
                summed[key] = Figure(total + (before.value if before else 0), None, SUMMED)
        return summed

    # -- figures ------------------------------------------------------------------------------
    def figure(self, indicator, key: str, period: Period) -> Figure | None:
        ind = indicator if isinstance(indicator, int) else indicator.pk
        for table in (self.entered, self.summed):
            found = self._resolve(table, ind, key, period)
            if found is not None:
                return found
        return None

    def _resolve(self, table: dict, ind: int, key: str, period: Period) -> Figure | None:
        here = table.get((ind, key, period.year, period.kind, period.number))
        if here is not None:
            return here
        indicator = self.indicators.get(ind)
        if indicator is None or period.kind in (PeriodKind.MONTH, PeriodKind.HOLIDAY):
            return None
        how = table is self.summed and SUMMED
        if indicator.cumulative:
            # A cumulative value at the period's last month (or last quarter) is the period's.
            last = table.get((ind, key, period.year, PeriodKind.MONTH, period.months()[-1]))
            if last is None and period.kind == PeriodKind.YEAR:
                last = table.get((ind, key, period.year, PeriodKind.QUARTER, 4))
            # It is the same figure, so the growth reported with it holds for the period too.
            return Figure(last.value, last.reported_growth, how or FROM_MONTH, last.value_id) \
                if last is not None else None
        if indicator.aggregation != Aggregation.SUM:
            return None
        if period.kind == PeriodKind.YEAR:
            quarters = [table.get((ind, key, period.year, PeriodKind.QUARTER, q)) for q in (1, 2, 3, 4)]
            if all(q is not None for q in quarters):
                return Figure(sum(q.value for q in quarters), None, how or FROM_QUARTERS)
        months = [table.get((ind, key, period.year, PeriodKind.MONTH, m)) for m in period.months()]
        if all(m is not None for m in months):
            return Figure(sum(m.value for m in months), None, how or FROM_MONTHS)
        return None

    def growth(self, indicator, key: str, period: Period, with_previous: bool = True) -> Growth | None:
        fig = self.figure(indicator, key, period)
        if fig is None:
            return None
        prior = self.figure(indicator, key, period.year_before())
        g = Growth(fig, prior, growth_rate(fig.value, prior.value if prior else None))
        if with_previous:
            ind = self.indicators[indicator if isinstance(indicator, int) else indicator.pk]
            before = period.previous(ind.cumulative)
            previous = self.growth(ind.pk, key, before, with_previous=False) if before else None
            g.previous_rate = previous.rate if previous else None
        return g
