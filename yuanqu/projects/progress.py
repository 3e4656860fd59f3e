"""How a project's progress is known: sub-works rolled up by the chosen weights (the formula shown
with the figure), a manual override that says so, and a forecast finish from the progress trend."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .choices import RollupMode

HUNDRED = Decimal(100)
MSG_MIXED_UNITS = "各分项单位不同({units}),按工程量占比加权没有意义,建议改为“各分项等权”或“按造价占比”。"


def _pct(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def subwork_rate(sw) -> Decimal | None:
    """Completion of one sub-work in percent, or None when its total is unknown."""
    if not sw.total_quantity:
        return None
    return min(HUNDRED, Decimal(sw.done_quantity) * HUNDRED / Decimal(sw.total_quantity))


@dataclass
class Term:
    name: str
    rate: Decimal
    weight: Decimal


@dataclass
class Rollup:
    computed: Decimal | None
    shown: Decimal | None
    overridden: bool
    mode: str
    terms: list[Term] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)  # sub-works left out, with the reason
    warning: str = ""

    @property
    def formula(self) -> str:
        if not self.terms:
            return "没有可汇总的分项(需填写设计工程量)"
        parts = " + ".join(f"{t.weight:.2f}×{_pct(t.rate)}%" for t in self.terms)
        return f"总进度 = Σ(权重×完成率) = {parts} = {_pct(self.computed)}%"


def rollup(project, subworks) -> Rollup:
    mode = project.rollup_mode
    terms, excluded, weights = [], [], []
    units = set()
    for sw in subworks:
        rate = subwork_rate(sw)
        if rate is None:
            excluded.append(f"{sw.name}(设计工程量未填)")
            continue
        if mode == RollupMode.VALUE:
            if not sw.value:
                excluded.append(f"{sw.name}(造价未填)")
                continue
            raw = Decimal(sw.value)
        elif mode == RollupMode.QUANTITY:
            raw = Decimal(sw.total_quantity)
            units.add(sw.unit)
        else:
            raw = Decimal(1)
        terms.append(Term(sw.name, rate, raw))
        weights.append(raw)
    total = sum(weights, Decimal(0))
    computed = None
    if terms and total:
        # One division of the exact weighted sum, not a sum of rounded shares: three finished
        # sub-works of weight 1/3 would otherwise add up to 99.999…%, below every rate.
        with localcontext() as ctx:
            ctx.prec = 80
            mean = sum((t.weight * t.rate for t in terms), Decimal(0)) / total
        computed = +mean
        for t in terms:
            t.weight = t.weight / total
    warning = MSG_MIXED_UNITS.format(units="、".join(sorted(units))) if len(units) > 1 else ""
    override = project.progress_override
    shown = Decimal(override) if override is not None else computed
    return Rollup(computed, shown, override is not None, mode, terms, excluded, warning)


@dataclass
class Forecast:
    finish: dt.date | None
    rate_per_day: Decimal | None  # percentage points per calendar day
    late: bool
    basis: str


def forecast(records, *, deadline: dt.date | None) -> Forecast:
    """Finish date by extending the least-squares line through the progress records to 100%,
    from the latest record."""
    points = [(r.date, Decimal(r.percent)) for r in records]
    if len(points) < 2:
        return Forecast(None, None, False, "进度记录少于两次,无法推算完工日期")
    last_day, last = points[-1]
    if last >= HUNDRED:
        # Done already: finished when the last run of records at 100% began (no trend needed).
        finish = last_day
        for day, percent in reversed(points):
            if percent < HUNDRED:
                break
            finish = day
        late = deadline is not None and finish > deadline
        return Forecast(finish, None, late, f"进度已于{finish:%Y-%m-%d}达到100%")
    t0 = points[0][0]
    xs = [Decimal((d - t0).days) for d, _ in points]
    ys = [p for _, p in points]
    n = Decimal(len(points))
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return Forecast(None, None, False, "进度记录都在同一天,无法推算")
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    if slope <= 0:
        return Forecast(None, slope, bool(deadline), "近期进度没有增长,按此趋势无法完工")
    days_left = (HUNDRED - last) / slope
    finish = last_day + dt.timedelta(days=int(days_left.to_integral_value(rounding="ROUND_CEILING")))
    late = deadline is not None and finish > deadline
    basis = f"按最近{len(points)}次进度记录的趋势(每天约{slope:.2f}个百分点)推算"
    return Forecast(finish, slope, late, basis)
