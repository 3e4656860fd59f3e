"""Raw values of a formula's terms per zone for a period, read from the product's own data.

Counted terms count the projects whose milestone (签约/开工/投产) was reached within the period, by the
milestone's actual date (the lifecycle's named actions set it). Investment is the sum over the
zone's projects of `investment_in_period` of the weekly reports dated in the period when the
projects app has weekly reports; before it had them, the projects' cumulative completed investment
(as stored today, not as of the period's end) stands in, and the term's note says so.
"""

from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Sum

from yuanqu.projects.models import Milestone, Project

from .choices import MILESTONE_OF_SOURCE, TermSource

INVESTMENT_NOTE_REPORTS = "期内周报填报的完成投资之和"
INVESTMENT_NOTE_CUMULATIVE = "项目累计完成投资(当前值;周报投资数据接入后改为期内完成额)"


def _weekly_report_model():
    try:
        model = apps.get_model("projects", "WeeklyReport")
    except LookupError:
        return None
    names = {f.name for f in model._meta.get_fields()}
    return model if {"investment_in_period", "project"} <= names else None


def _report_date_field(model) -> str | None:
    names = {f.name for f in model._meta.get_fields()}
    # A weekly report counts in the period its week starts in (`week` is the report's Monday).
    for candidate in ("week", "week_start", "date"):
        if candidate in names:
            return candidate
    return None


def investment_note() -> str:
    model = _weekly_report_model()
    return INVESTMENT_NOTE_REPORTS if model and _report_date_field(model) else INVESTMENT_NOTE_CUMULATIVE


def milestone_counts(kind: str, start, end) -> dict[int, Decimal]:
    rows = (Milestone.objects.filter(kind=kind, actual__gte=start, actual__lte=end)
            .values("project__zone_id").annotate(n=Count("project_id", distinct=True)))
    return {r["project__zone_id"]: Decimal(r["n"]) for r in rows}


def investment(start, end) -> dict[int, Decimal]:
    model = _weekly_report_model()
    date_field = _report_date_field(model) if model else None
    if model and date_field:
        rows = (model.objects.filter(**{f"{date_field}__gte": start, f"{date_field}__lte": end})
                .values("project__zone_id").annotate(s=Sum("investment_in_period")))
        return {r["project__zone_id"]: Decimal(r["s"] or 0) for r in rows}
    rows = Project.objects.values("zone_id").annotate(s=Sum("completed_investment"))
    return {r["zone_id"]: Decimal(r["s"] or 0) for r in rows}


def raw_values(source: str, period, manual: dict[int, Decimal] | None = None) -> dict[int, Decimal]:
    """One term's raw value per zone id (zones with nothing are absent: they count 0)."""
    if source in MILESTONE_OF_SOURCE:
        return milestone_counts(MILESTONE_OF_SOURCE[source], period.start, period.end)
    if source == TermSource.INVESTMENT:
        return investment(period.start, period.end)
    return dict(manual or {})
