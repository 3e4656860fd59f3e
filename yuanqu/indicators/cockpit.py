"""The leader cockpit (领导驾驶舱): what its cards and charts show, read for one user, zone choice,
period and indicator.

A fixed number of queries whatever the number of zones or rows: the zones in scope, the catalogue,
the default period (two, only when none is asked for), the figures (one, plus one per lower level a
summing indicator adds up from), the projects (two), the appeals (two) and the bulletin of one zone
(a few). Figures are read only for the periods the charts draw: `figure_book` asks the database for
exactly the rows `Book` needs to resolve them (a cumulative quarter is its last month's value, a
period quarter its three months), so a province of 200 zones with ten years of monthly values
reads a few thousand rows, not 720,000.

The city's total over zones is summed here in Python from each zone's resolved figure (Book sums
only run from a zone down to its parks and enterprises).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote, urlencode

from django.db.models import OuterRef, Q, Subquery
from django.http import Http404
from django.urls import get_script_prefix, reverse

from yuanqu.accounts.access import access_for
from yuanqu.registry.models import Zone

from . import numbers
from .choices import Level, PeriodKind, Unit, ValueState
from .growth import Book, Figure, growth_rate, subject_key
from .models import Indicator, IndicatorValue
from .periods import CN_QUARTERS, Period
from .selectors import COCKPIT

MSG_PERIOD_KIND = "驾驶舱按月、季度或年度查看,请选择如2021-Q1、2021-03或2021的期间。"
MSG_INDICATOR = "所选指标不存在或已停用,已改为显示第一个重点指标。"
MSG_ZONE = "所选园区不存在或不在您的查看范围内。"
MSG_YEAR = "驾驶舱可查看{year}年及以后的期间(同比需要上一年的数据)。"
MSG_EMPTY = "尚无已核定的指标数据,请统计员录入或导入"
MSG_NO_ZONES = "您的权限范围内没有整个园区的数据可供驾驶舱展示"
MSG_NO_PERIOD_FIGURES = "{period}尚无已核定的指标数据,请选择其他期间,或请统计员录入或导入。"

TREND_LENGTH = {PeriodKind.QUARTER: 8, PeriodKind.MONTH: 12, PeriodKind.YEAR: 5}
MAX_LINES = 8  # one trend line per zone up to this many zones; beyond, the total
QUARTER_END_MONTHS = [3, 6, 9, 12]
# Periods start in 2000 (periods.Period): the earliest year whose year before is still a period.
FIRST_YEAR = 2001
HUNDRED = Decimal(100)


# ---- controls -------------------------------------------------------------------------------------

@dataclass
class Controls:
    """What the page shows: the zones in scope, the one chosen (None: all of them), the period and
    the indicator of the comparison charts, and what was wrong with the request's choices."""

    zones: list
    zone: Zone | None
    period: Period | None
    indicator: Indicator | None
    indicators: list
    key_indicators: list
    errors: list = field(default_factory=list)
    first_year: int | None = None
    last_year: int | None = None

    @property
    def shown_zones(self) -> list:
        return [self.zone] if self.zone else self.zones

    @property
    def single(self) -> bool:
        return len(self.shown_zones) == 1

    @property
    def compare_zones(self) -> list:
        """Zones the comparison charts set side by side: every zone in scope (the chosen one is
        highlighted), so a city viewer picking one zone still sees where it stands."""
        return self.zones

    def period_options(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(year label, [(key, label)]) for the period select, newest first: the year, its quarters
        and its months, for the years holding figures (and the chosen one)."""
        years = set()
        if self.first_year is not None:
            years |= set(range(self.first_year, self.last_year + 1))
        if self.period:
            years.add(self.period.year)
        out = []
        for year in sorted(years, reverse=True):
            options = [(str(year), f"{year}年全年")]
            options += [(Period(year, PeriodKind.QUARTER, q).key, f"{year}年{CN_QUARTERS[q]}") for q in (4, 3, 2, 1)]
            options += [(Period(year, PeriodKind.MONTH, m).key, f"{year}年{m}月") for m in range(12, 0, -1)]
            out.append((f"{year}年", options))
        return out


def cockpit_zones(user) -> list[Zone]:
    """Zones whose cockpit the user reads: the city every zone, a zone's leader or clerk its own."""
    scope = access_for(user).scope(COCKPIT)
    qs = Zone.objects.only("id", "name", "short_name", "sort_order").order_by("sort_order", "id")
    if not scope.everywhere:
        qs = qs.filter(pk__in=scope.zone_ids)
    return list(qs)


def _everywhere(user) -> bool:
    return access_for(user).scope(COCKPIT).everywhere


def read_controls(user, params) -> Controls:
    """The choices of the request (?zone=, ?period=, ?indicator=). A zone outside the user's scope is
    a 404; a period or indicator that cannot be read is said in Chinese and the default shown."""
    zones = cockpit_zones(user)
    zone = None
    raw_zone = (params.get("zone") or "").strip()
    if raw_zone:
        zone = next((z for z in zones if str(z.pk) == raw_zone), None)
        if zone is None:
            raise Http404(MSG_ZONE)
    if len(zones) == 1:
        zone = zones[0]
    indicators = [i for i in Indicator.objects.filter(is_active=True).order_by("sort_order", "id")]
    key = [i for i in indicators if i.is_key] or indicators[:4]
    errors = []
    indicator = key[0] if key else None
    raw_indicator = (params.get("indicator") or "").strip()
    if raw_indicator:
        found = next((i for i in indicators if str(i.pk) == raw_indicator or i.code == raw_indicator), None)
        if found is None:
            errors.append(MSG_INDICATOR)
        else:
            indicator = found
    controls = Controls(zones=zones, zone=zone, period=None, indicator=indicator, indicators=indicators,
                        key_indicators=key, errors=errors)
    raw_period = (params.get("period") or "").strip()
    if raw_period:
        try:
            period = Period.parse(raw_period)
            if period.kind == PeriodKind.HOLIDAY:
                raise ValueError(MSG_PERIOD_KIND)
            if period.year < FIRST_YEAR:
                raise ValueError(MSG_YEAR.format(year=FIRST_YEAR))
            controls.period = period
        except ValueError as exc:
            errors.append(str(exc))
    _latest(controls, everywhere=_everywhere(user), need_default=controls.period is None)
    return controls


def _latest(controls: Controls, *, everywhere: bool, need_default: bool) -> None:
    """The first and last years holding zone-level figures of the key indicators in scope and (when
    no period was chosen) the latest quarter of the last: a quarter's own value or its last month's.
    Two queries: each key indicator's ends, read from the two ends of the (indicator, level, kind,
    year) index by correlated subqueries, then the quarters present in the last year."""
    ids = [i.pk for i in controls.key_indicators]
    zone_ids = [z.pk for z in controls.shown_zones]
    if not ids or not zone_ids:
        return
    scoped = not (everywhere and controls.zone is None)

    def ends(kind):
        qs = IndicatorValue.objects.filter(level=Level.ZONE, period_kind=kind, state=ValueState.CONFIRMED)
        if kind == PeriodKind.MONTH:
            qs = qs.filter(period__in=QUARTER_END_MONTHS)
        return qs.filter(zone_id__in=zone_ids) if scoped else qs

    def year(kind, order):
        return Subquery(ends(kind).filter(indicator_id=OuterRef("pk")).order_by(order).values("year")[:1])

    found = (Indicator.objects.filter(pk__in=ids).order_by()
             .annotate(ql=year(PeriodKind.QUARTER, "-year"), ml=year(PeriodKind.MONTH, "-year"),
                       qf=year(PeriodKind.QUARTER, "year"), mf=year(PeriodKind.MONTH, "year"))
             .values_list("ql", "ml", "qf", "mf"))
    lasts = [y for row in found for y in row[:2] if y is not None]
    firsts = [y for row in found for y in row[2:] if y is not None]
    if not lasts:
        return
    last = max(lasts)
    controls.last_year = max(FIRST_YEAR, last)
    controls.first_year = max(FIRST_YEAR, min(firsts))
    if need_default and last >= FIRST_YEAR:
        # Within the last year: a handful of (kind, number) pairs.
        pairs = ((ends(PeriodKind.QUARTER) | ends(PeriodKind.MONTH)).filter(indicator_id__in=ids, year=last)
                 .order_by().values_list("period_kind", "period").distinct())
        best = max(n if kind == PeriodKind.QUARTER else n // 3 for kind, n in pairs)
        controls.period = Period(last, PeriodKind.QUARTER, best)


# ---- periods --------------------------------------------------------------------------------------

def _shift(period: Period, steps: int) -> Period | None:
    """The period `steps` months, quarters or years away (of the same kind); None before FIRST_YEAR."""
    if period.kind == PeriodKind.YEAR:
        year, number = period.year + steps, 0
    else:
        per_year = 12 if period.kind == PeriodKind.MONTH else 4
        index = period.year * per_year + period.number - 1 + steps
        year, number = index // per_year, index % per_year + 1
    return Period(year, period.kind, number) if year >= FIRST_YEAR else None


def _last(period: Period, n: int) -> list[Period]:
    return [p for p in (_shift(period, i) for i in range(1 - n, 1)) if p is not None]


def trend_periods(period: Period) -> list[Period]:
    """The last 8 quarters, 12 months or 5 years up to `period`, oldest first."""
    return _last(period, TREND_LENGTH[period.kind])


def recent_periods(period: Period) -> list[Period]:
    """One zone's bars beside last year's: the last 4 quarters, 6 months or 4 years up to `period`."""
    return _last(period, {PeriodKind.QUARTER: 4, PeriodKind.MONTH: 6, PeriodKind.YEAR: 4}[period.kind])


def period_dates(period: Period) -> tuple[dt.date, dt.date]:
    if period.kind == PeriodKind.MONTH:
        months = [period.number]
    else:
        months = period.months()
    first = dt.date(period.year, months[0], 1)
    after = dt.date(period.year + 1, 1, 1) if months[-1] == 12 else dt.date(period.year, months[-1] + 1, 1)
    return first, after - dt.timedelta(days=1)


def short_label(period: Period) -> str:
    """Axis labels: 2021Q1, 2021-03, 2021."""
    if period.kind == PeriodKind.QUARTER:
        return f"{period.year}Q{period.number}"
    return period.key


# ---- figures --------------------------------------------------------------------------------------

def _rows_needed(period: Period, indicator: Indicator) -> set[tuple]:
    """(year, kind, number) of the stored values Book may resolve `period` from (see Book._resolve)."""
    y = period.year
    out = {(y, period.kind, period.number)}
    if period.kind == PeriodKind.QUARTER:
        months = period.months()
        out |= {(y, PeriodKind.MONTH, m) for m in (months[-1:] if indicator.cumulative else months)}
    elif period.kind == PeriodKind.YEAR:
        if indicator.cumulative:
            out |= {(y, PeriodKind.MONTH, 12), (y, PeriodKind.QUARTER, 4)}
        else:
            out |= {(y, PeriodKind.QUARTER, q) for q in (1, 2, 3, 4)}
            out |= {(y, PeriodKind.MONTH, m) for m in range(1, 13)}
    return out


def figure_book(needs: dict, zone_ids: list[int], everywhere: bool) -> Book:
    """A Book of the zones' figures for {indicator: periods}: one query for the zone-level values
    (only the rows those periods resolve from) and one per lower level a summing indicator adds up
    from. `everywhere` reads every zone without listing them."""
    indicators = list(needs)
    if not indicators or not zone_ids:
        return Book(indicators)
    by_rows = defaultdict(list)
    for ind, periods in needs.items():
        rows = set()
        for p in periods:
            rows |= _rows_needed(p, ind)
        by_rows[frozenset(rows)].append(ind.pk)
    q = Q()
    for rows, ids in by_rows.items():
        grouped = defaultdict(set)
        for year, kind, number in rows:
            grouped[(year, kind)].add(number)
        for (year, kind), numbers_ in sorted(grouped.items()):
            # Each term names the index's columns in order, so every one is an index range.
            q |= Q(indicator_id__in=sorted(ids), period_kind=kind, year=year, period__in=sorted(numbers_))
    base = IndicatorValue.objects.filter(q, state=ValueState.CONFIRMED)
    zone_rows = base.filter(level=Level.ZONE)
    if not everywhere:
        zone_rows = zone_rows.filter(zone_id__in=zone_ids)
    entered = {}
    for ind, key, year, kind, number, value, reported, pk in zone_rows.values_list(
            "indicator_id", "subject_key", "year", "period_kind", "period", "value", "reported_growth", "id"):
        entered[(ind, key, year, kind, number)] = Figure(value, reported, "", pk)
    summed = Book._sums(base, indicators, [(Level.ZONE, z) for z in zone_ids])
    return Book(indicators, entered, summed)


def zkey(zone) -> str:
    return subject_key(Level.ZONE, zone.pk)


@dataclass
class Stat:
    """An indicator over a scope (one zone, or the sum of several) in one period, with its growth."""

    value: Decimal | None = None
    prior: Decimal | None = None
    rate: Decimal | None = None
    reported: bool = False
    mismatch: bool = False
    difference: Decimal | None = None
    implied: bool = False
    how: str = ""
    zones: int = 0  # zones with a figure (a sum)
    compared: int = 0  # zones whose growth entered the sum's growth
    mismatched: int = 0

    @property
    def tone(self) -> str:
        if self.rate is None:
            return "none"
        if numbers.is_flat(self.rate, self.reported):
            return "flat"
        return "up" if self.rate > 0 else "down"

    @property
    def rate_text(self) -> str:
        return numbers.signed_rate(self.rate, self.reported)


def zone_stat(book: Book, indicator, zone, period: Period) -> Stat:
    """One zone's stat, remembered on the book: the cards, the bars and the ranking ask for the same."""
    memo = book.__dict__.setdefault("_cockpit_stats", {})
    key = (indicator.pk, zone.pk, period)
    if key not in memo:
        memo[key] = _zone_stat(book, indicator, zone, period)
    return memo[key]


def _zone_stat(book: Book, indicator, zone, period: Period) -> Stat:
    g = book.growth(indicator, zkey(zone), period, with_previous=False)
    if g is None:
        return Stat()
    prior = g.prior.value if g.prior else g.implied_prior
    return Stat(value=g.figure.value, prior=prior, rate=g.rate, reported=g.is_reported, mismatch=g.mismatch,
                difference=g.difference, implied=g.prior is None and prior is not None, how=g.figure.how,
                zones=1, compared=int(prior is not None), mismatched=int(g.mismatch))


def scope_stat(book: Book, indicator, zones: list, period: Period) -> Stat:
    """One zone's stat, or the sum over zones: the growth of the sum compares the zones that have a
    prior-year figure (or a reported rate's implied base) with that base, so a zone new this year does
    not read as growth."""
    if len(zones) == 1:
        return zone_stat(book, indicator, zones[0], period)
    stats = [zone_stat(book, indicator, z, period) for z in zones]
    with_value = [s for s in stats if s.value is not None]
    if not with_value:
        return Stat()
    total = Stat(value=sum(s.value for s in with_value), zones=len(with_value),
                 mismatched=sum(s.mismatched for s in with_value))
    if indicator.aggregation != "sum":
        return Stat(zones=total.zones)  # a rate or a count that does not add up across zones
    compared = [s for s in with_value if s.prior is not None]
    if compared:
        now = sum(s.value for s in compared)
        base = sum(s.prior for s in compared)
        total.prior = base
        total.rate = growth_rate(now, base)
        total.compared = len(compared)
        total.implied = any(s.implied for s in compared)
    total.how = "各园区合计"
    return total


# ---- links ----------------------------------------------------------------------------------------

_REVERSED: dict = {}


def _reverse(name: str) -> str:
    """reverse() once per name and script prefix: a province's charts link a thousand figures."""
    key = (name, get_script_prefix())
    if key not in _REVERSED:
        _REVERSED[key] = reverse(name)
    return _REVERSED[key]


def value_list_url(*, indicator=None, period: Period | None = None, zone=None) -> str:
    """The value list behind a figure (the ledger's GET filters: zone, indicator, period). Ids and
    period keys (2021-Q1, 2021-03, 2021) need no quoting; a province's charts link a thousand."""
    parts = []
    if zone is not None:
        parts.append(f"zone={zone.pk}")
    if indicator is not None:
        parts.append(f"indicator={indicator.pk}")
    if period is not None:
        parts.append(f"period={quote(period.key)}")
    url = _reverse("indicators:value_list")
    return f"{url}?{'&'.join(parts)}" if parts else url


def stored_period(book: Book, indicator, key: str, period: Period) -> Period | None:
    """The period of the stored value a figure was read from, for the value list's exact period
    filter: the period itself, or a cumulative period's last month (or fourth quarter); None when the
    figure adds up several periods (the list then shows the indicator's figures newest first)."""
    candidates = [period]
    if indicator.cumulative and period.kind in (PeriodKind.QUARTER, PeriodKind.YEAR):
        candidates.append(Period(period.year, PeriodKind.MONTH, period.months()[-1]))
        if period.kind == PeriodKind.YEAR:
            candidates.append(Period(period.year, PeriodKind.QUARTER, 4))
    for table in (book.entered, book.summed):
        for c in candidates:
            if (indicator.pk, key, c.year, c.kind, c.number) in table:
                return c
    return None


def figure_url(book: Book, indicator, zone, period: Period, zones=None) -> str:
    """The value list behind one zone's figure, or (zone None) behind the total of `zones`."""
    for z in ([zone] if zone is not None else zones or []):
        found = stored_period(book, indicator, zkey(z), period)
        if found is not None:
            return value_list_url(indicator=indicator, period=found, zone=zone)
    return value_list_url(indicator=indicator, zone=zone)


def cockpit_url(controls: Controls, **changes) -> str:
    query = {"zone": controls.zone.pk if controls.zone and len(controls.zones) > 1 else "",
             "period": controls.period.key if controls.period else "",
             "indicator": controls.indicator.pk if controls.indicator else ""}
    query.update(changes)
    query = {k: v for k, v in query.items() if v not in ("", None)}
    return reverse("indicators:cockpit") + ("?" + urlencode(query) if query else "")


# ---- charts ---------------------------------------------------------------------------------------

def chart_scale(unit: str, values) -> tuple[str, Decimal]:
    """The unit a chart's axis is written in and what to divide by: 亿元 once any value reaches 1亿."""
    biggest = max((abs(v) for v in values if v is not None), default=Decimal(0))
    if unit == Unit.WAN_YUAN:
        return ("亿元", numbers.YI) if biggest >= numbers.YI else ("万元", Decimal(1))
    if unit == Unit.SQM and biggest >= numbers.WAN:
        return "万平方米", numbers.WAN
    return Unit(unit).label, Decimal(1)


def _num(value: Decimal | None, divisor: Decimal = Decimal(1), places: int = 2) -> float | None:
    if value is None:
        return None
    return round(float(value / divisor), places)


def _rate(stat: "Stat") -> float | None:
    """A growth for a chart, to the places it is quoted with: as reported (two), or computed (one)."""
    return None if stat.rate is None else round(float(stat.rate), 2 if stat.reported else 1)


def kpi_cards(book: Book, controls: Controls) -> list[dict]:
    cards = []
    zones, period = controls.shown_zones, controls.period
    for ind in controls.key_indicators:
        s = scope_stat(book, ind, zones, period)
        number, unit = numbers.amount_parts(s.value, ind.unit) if s.value is not None else ("—", "")
        notes = []
        if s.how and s.how != "各园区合计":
            notes.append(s.how)
        if s.zones > 1:
            notes.append(f"{s.zones}个园区合计")
            if s.compared and s.compared < s.zones:
                notes.append(f"增速按有上年同期数的{s.compared}个园区计算")
        if s.implied:
            notes.append("上年基数由填报增速推算")
        mismatch = ""
        if s.zones == 1 and s.mismatch:
            mismatch = f"填报增速与按上年数计算的增速相差{numbers.rate(s.difference, True)}个百分点"
        elif s.mismatched:
            mismatch = f"{s.mismatched}个园区的填报增速与按上年数计算的不一致"
        cards.append({
            "indicator": ind, "name": ind.name, "number": number, "unit": unit,
            "period": period.label(ind.cumulative), "growth": s.rate_text if s.rate is not None else "",
            "tone": s.tone, "reported": s.reported and s.zones == 1, "mismatch": mismatch, "notes": notes,
            "url": figure_url(book, ind, controls.zone, period, zones),
            "selected": controls.indicator is not None and ind.pk == controls.indicator.pk,
            "select_url": cockpit_url(controls, indicator=ind.pk),
        })
    return cards


def yoy_chart(book: Book, controls: Controls) -> dict | None:
    """This period beside the same period last year, as bars, with the growth as a line: by zone when
    several zones are in scope, else by the periods of the year for the one zone."""
    ind, period = controls.indicator, controls.period
    if len(controls.zones) > 1:
        rows = []
        for z in controls.compare_zones:
            s = zone_stat(book, ind, z, period)
            if s.value is None:
                continue
            rows.append((z.short_name, s, z, period))
        rows.sort(key=lambda r: r[1].value, reverse=True)
        by = "zone"
    else:
        zone = controls.zones[0]
        rows = []
        for p in recent_periods(period):
            s = zone_stat(book, ind, zone, p)
            if s.value is not None:
                rows.append((p.label(ind.cumulative), s, zone, p))
        by = "period"
    if not rows:
        return None
    unit, div = chart_scale(ind.unit, [v for _, s, _, _ in rows for v in (s.value, s.prior)])
    highlight = controls.zone.pk if controls.zone and len(controls.zones) > 1 else None
    return {
        "by": by, "unit": unit, "indicator": ind.name,
        "names": ["本期", "上年同期"] if by == "period"
        else [period.label(ind.cumulative), period.year_before().label(ind.cumulative)],
        "categories": [short_label(p) if by == "period" else name for name, _, _, p in rows],
        "current": [{"value": _num(s.value, div), "url": figure_url(book, ind, z, p),
                     "hl": z.pk == highlight} for _, s, z, p in rows],
        "prior": [{"value": _num(s.prior, div), "url": figure_url(book, ind, z, p.year_before()),
                   "implied": s.implied} for _, s, z, p in rows],
        "growth": [{"value": _rate(s), "url": figure_url(book, ind, z, p)}
                   for _, s, z, p in rows],
        "table": [{"name": name, "value": numbers.amount(s.value, ind.unit),
                   "prior": numbers.amount(s.prior, ind.unit) + ("(推算)" if s.implied else "") if s.prior is not None else "—",
                   "growth": s.rate_text, "tone": s.tone, "url": figure_url(book, ind, z, p)}
                  for name, s, z, p in rows],
    }


def trend_chart(book: Book, controls: Controls) -> dict | None:
    """The indicator over the last 8 quarters (12 months, 5 years): a line per zone for up to 8 zones,
    else the total of the zones."""
    ind, zones = controls.indicator, controls.shown_zones
    periods = trend_periods(controls.period)
    lines = []
    if len(zones) <= MAX_LINES:
        for z in zones:
            figs = [book.figure(ind, zkey(z), p) for p in periods]
            if any(f is not None for f in figs):
                lines.append((z.short_name, z, [f.value if f else None for f in figs]))
    else:
        totals = []
        for p in periods:
            found = [f.value for f in (book.figure(ind, zkey(z), p) for z in zones) if f is not None]
            totals.append(sum(found) if found else None)
        if any(t is not None for t in totals):
            lines.append((f"{len(zones)}个园区合计", None, totals))
    if not lines:
        return None
    unit, div = chart_scale(ind.unit, [v for _, _, values in lines for v in values])
    series = [{"name": name, "data": [{"value": _num(v, div), "url": figure_url(book, ind, z, p, zones)}
                                      for v, p in zip(values, periods)]}
              for name, z, values in lines]
    return {
        "unit": unit, "indicator": ind.name,
        # A cumulative value restarts each January: each year is a line of its own, not a sawtooth.
        "segment": ind.cumulative and controls.period.kind != PeriodKind.YEAR,
        "years": [p.year for p in periods],
        "categories": [short_label(p) for p in periods],
        "series": series,
        "rows": [{"label": p.label(ind.cumulative), "cells": [s["data"][i] for s in series]}
                 for i, p in enumerate(periods)],
    }


def ranking_chart(book: Book, controls: Controls) -> dict | None:
    """Zones by the indicator's growth, best first (only when several zones are in scope)."""
    if len(controls.zones) < 2:
        return None
    ind, period = controls.indicator, controls.period
    rows, without = [], 0
    for z in controls.compare_zones:
        s = zone_stat(book, ind, z, period)
        if s.rate is None:
            without += s.value is not None
            continue
        rows.append((z, s))
    if not rows:
        return None
    rows.sort(key=lambda r: r[1].rate, reverse=True)
    highlight = controls.zone.pk if controls.zone else None
    return {
        "indicator": ind.name, "without": without,
        "categories": [z.short_name for z, _ in rows],
        "data": [{"value": _rate(s), "url": figure_url(book, ind, z, period),
                  "label": s.rate_text, "hl": z.pk == highlight} for z, s in rows],
        "table": [{"rank": n, "name": z.short_name, "growth": s.rate_text, "tone": s.tone,
                   "value": numbers.amount(s.value, ind.unit), "url": figure_url(book, ind, z, period)}
                  for n, (z, s) in enumerate(rows, start=1)],
    }


# ---- bulletin -------------------------------------------------------------------------------------

def bulletin_panel(user, controls: Controls) -> dict | None:
    """The zone's bulletin paragraph when one zone is shown, from the bulletin page's generator."""
    if not controls.single:
        return None
    zone, period = controls.shown_zones[0], controls.period
    from .bulletins import zone_bulletin

    try:
        bulletin = zone_bulletin(user, zone, period)
    except Http404:  # a cockpit reader whose indicators.view does not reach the whole zone
        return None
    query = urlencode({"subject": zkey(zone), "period": period.key})
    return {"bulletin": bulletin, "text": bulletin.text if bulletin else "",
            "url": reverse("indicators:bulletin") + "?" + query}


# ---- the page -------------------------------------------------------------------------------------

def cockpit_for(user, params) -> dict:
    """Everything the cockpit page shows, as template context."""
    from . import cockpit_panels as panels  # the panels read this module's controls and links

    controls = read_controls(user, params)
    context = {"controls": controls, "empty": True, "empty_message": MSG_EMPTY if controls.zones else MSG_NO_ZONES}
    if controls.period is None or controls.indicator is None or not controls.zones:
        return context
    period, ind = controls.period, controls.indicator
    needs = defaultdict(set)
    for key in controls.key_indicators:
        needs[key] |= {period, period.year_before()}
    needs[ind] |= {period, period.year_before(), *trend_periods(period)}
    if len(controls.zones) == 1:
        needs[ind] |= {p2 for p in recent_periods(period) for p2 in (p, p.year_before())}
    book = figure_book(dict(needs), [z.pk for z in controls.zones], everywhere=_everywhere(user))
    cards = kpi_cards(book, controls)
    charts = {"yoy": yoy_chart(book, controls), "trend": trend_chart(book, controls),
              "ranking": ranking_chart(book, controls)}
    has_figures = any(c["number"] != "—" for c in cards) or any(charts.values())
    context.update({
        "empty": not has_figures,
        "empty_message": MSG_EMPTY if controls.last_year is None
        else MSG_NO_PERIOD_FIGURES.format(period=period.label()),
        "cards": cards, "charts": charts,
        "projects": panels.project_panel(user, controls),
        "appeals": panels.appeal_panel(user, controls),
        "bulletin": bulletin_panel(user, controls) if has_figures else None,
    })
    return context
