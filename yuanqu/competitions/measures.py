"""Raw values of a formula's terms per zone for a period, read from the product's own data.

Counted terms count the projects whose milestone (签约/开工/投产) was reached within the period, by the
milestone's actual date (the lifecycle's named actions set it). Investment is the sum over the
zone's projects of the weekly reports' `investment_in_period` for the weeks starting in the period.
"""

from decimal import Decimal

from django.db.models import Count, Sum

from yuanqu.projects.models import Milestone, WeeklyReport

from .choices import MILESTONE_OF_SOURCE, TermSource

INVESTMENT_NOTE_REPORTS = "期内周报填报的完成投资之和"


def investment_note() -> str:
    return INVESTMENT_NOTE_REPORTS


def milestone_counts(kind: str, start, end) -> dict[int, Decimal]:
    rows = (Milestone.objects.filter(kind=kind, actual__gte=start, actual__lte=end)
            .values("project__zone_id").annotate(n=Count("project_id", distinct=True)))
    return {r["project__zone_id"]: Decimal(r["n"]) for r in rows}


def investment(start, end) -> dict[int, Decimal]:
    # A weekly report counts in the period its week (the report's Monday) starts in.
    rows = (WeeklyReport.objects.filter(week__gte=start, week__lte=end)
            .values("project__zone_id").annotate(s=Sum("investment_in_period")))
    return {r["project__zone_id"]: Decimal(r["s"] or 0) for r in rows}


def indicator_period(period):
    """The indicators' period matching a competition round (a quarter, month or year of dates)."""
    from yuanqu.indicators.choices import PeriodKind
    from yuanqu.indicators.periods import Period

    start, end = period.start, period.end
    if start.year == end.year and start.day == 1:
        months = end.month - start.month + 1
        if months == 12:
            return Period(start.year, PeriodKind.YEAR, 0)
        if months == 3 and start.month % 3 == 1:
            return Period(start.year, PeriodKind.QUARTER, end.month // 3)
        if months == 1:
            return Period(start.year, PeriodKind.MONTH, start.month)
    return None


def growth(indicator, period) -> dict[int, Decimal]:
    """Each zone's year-on-year growth of the indicator for the round: computed from the zone's own
    figures where the prior year is there (a zone cannot score itself by the rate it types), else the
    rate it reported; zones without a figure are absent. A cumulative indicator compares the year so
    far (上半年 against 上半年), as statistics bulletins do."""
    from yuanqu.indicators.growth import Book
    from yuanqu.registry.models import Zone

    target = indicator_period(period)
    if indicator is None or target is None:
        return {}
    zone_ids = list(Zone.objects.values_list("pk", flat=True))
    book = Book.load(indicators=[indicator], years=[target.year, target.year - 1],
                     subjects=[("zone", z) for z in zone_ids])
    out = {}
    for z in zone_ids:
        g = book.growth(indicator, f"z{z}", target, with_previous=False)
        rate = None if g is None else (g.computed if g.computed is not None else g.reported)
        if rate is not None:
            out[z] = rate.quantize(Decimal("0.01"))
    return out


def raw_values(source: str, period, manual: dict[int, Decimal] | None = None, indicator=None) -> dict[int, Decimal]:
    """One term's raw value per zone id (zones with nothing are absent: they count 0)."""
    if source == TermSource.GROWTH:
        return growth(indicator, period)
    if source in MILESTONE_OF_SOURCE:
        return milestone_counts(MILESTONE_OF_SOURCE[source], period.start, period.end)
    if source == TermSource.INVESTMENT:
        return investment(period.start, period.end)
    return dict(manual or {})
