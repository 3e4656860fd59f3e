"""The values ledger: the filters its list and its export share, the order it reads in, and its rows
with their year-on-year growth.

The search resolves names to ids first (zones, parks, enterprises, indicators are small tables next to
the values), so the values are filtered on indexed foreign keys instead of a LIKE across four joins.

Order: zone by zone (the zone's index gives that order, so a page of the city's 900,000 figures
reads one zone's few thousand rows instead of sorting all of them), and in each zone the newest
period first: the year's figure, its quarters, its months, then holidays; the zone's own figures
before its parks' and enterprises'.
"""

from functools import reduce
from operator import or_

from django import forms
from django.db.models import Q

from yuanqu.common import clock
from yuanqu.registry.models import Enterprise, Park, Zone

from . import numbers, selectors
from .choices import CONSISTENCY_TOLERANCE_PP, Level, Source, ValueState
from .growth import Figure, Growth, growth_rate
from .models import Indicator, IndicatorValue
from .periods import Period, period_choices

TOLERANCE_PP = CONSISTENCY_TOLERANCE_PP  # "0.1", as the pages write it
ORDER = ["zone_id", "-year", "-period_kind", "-period", "-level", "indicator__sort_order", "id"]

# Years offered in the period select: this one and the nine before (typed periods reach any year).
YEARS_OFFERED = 10


class PeriodField(forms.CharField):
    """A period picked from the select or typed ("2021年3月", "2021-Q1"), cleaned to a Period."""

    def __init__(self, *args, years=(), **kwargs):
        kwargs.setdefault("widget", forms.Select(choices=[("", "全部期间"), *period_choices(years)]))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return Period.parse(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="period") from None


def recent_years(count: int = YEARS_OFFERED) -> list[int]:
    this = clock.today().year
    return list(range(this, this - count, -1))


class ValueFilter(forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=60,
                        widget=forms.TextInput(attrs={"placeholder": "园区、产业园、企业或指标名称", "type": "search"}))
    zone = forms.ModelChoiceField(label="园区", queryset=Zone.objects.none(), required=False, empty_label="全部园区")
    level = forms.ChoiceField(label="层级", required=False, choices=[("", "全部层级"), *Level.choices])
    indicator = forms.ModelChoiceField(label="指标", queryset=Indicator.objects.all(), required=False,
                                       empty_label="全部指标")
    period = PeriodField(label="期间", required=False)
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *ValueState.choices])
    source = forms.ChoiceField(label="来源", required=False, choices=[("", "全部来源"), *Source.choices])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].widget.choices = [("", "全部期间"), *period_choices(recent_years())]
        zones = selectors.zones_for(user, selectors.VIEW).order_by("sort_order", "id")
        # The zone filter only for those who see several zones (the city); a zone's staff see one.
        if selectors.scope_q(user, selectors.VIEW) is None or zones.count() > 1:
            self.fields["zone"].queryset = zones
        else:
            del self.fields["zone"]

    @property
    def searching(self) -> bool:
        return bool(self.is_bound and self.is_valid() and self.cleaned_data.get("q"))


def _search_q(text: str) -> Q:
    """Values whose subject (zone, park, enterprise) or indicator is named like `text`."""
    return (Q(zone_id__in=Zone.objects.filter(Q(short_name__icontains=text) | Q(name__icontains=text)).values("pk"))
            | Q(park_id__in=Park.objects.filter(name__icontains=text).values("pk"))
            | Q(enterprise_id__in=Enterprise.objects.filter(name__icontains=text).values("pk"))
            | Q(indicator_id__in=Indicator.objects.filter(name__icontains=text).values("pk")))


def apply(qs, data: dict):
    """The queryset narrowed by the cleaned filters."""
    if data.get("zone"):
        qs = qs.filter(zone=data["zone"])
    if data.get("level"):
        qs = qs.filter(level=data["level"])
    if data.get("indicator"):
        qs = qs.filter(indicator=data["indicator"])
    period = data.get("period")
    if period is not None:
        qs = qs.filter(year=period.year, period_kind=period.kind, period=period.number)
    if data.get("state"):
        qs = qs.filter(state=data["state"])
    if data.get("source"):
        qs = qs.filter(source=data["source"])
    if data.get("q"):
        qs = qs.filter(_search_q(data["q"].strip()))
    return qs


def ordered(qs):
    return qs.order_by(*ORDER)


# ---- rows with growth --------------------------------------------------------------------------------

def _prior_key(v) -> tuple:
    return (v.indicator_id, v.subject_key, v.year - 1, v.period_kind, v.period)


def priors_for(values) -> dict:
    """The confirmed prior-year figure of each value's subject and period, in one query."""
    keys = {_prior_key(v) for v in values}
    if not keys:
        return {}
    q = reduce(or_, (Q(indicator_id=i, subject_key=s, year=y, period_kind=k, period=p) for i, s, y, k, p in keys))
    rows = (IndicatorValue.objects.filter(q, state=ValueState.CONFIRMED).order_by()
            .values_list("indicator_id", "subject_key", "year", "period_kind", "period", "value"))
    return {tuple(r[:5]): r[5] for r in rows}


def subject_name(v) -> str:
    if v.enterprise_id:
        return v.enterprise.name
    if v.park_id:
        return v.park.name
    return v.zone.short_name


def row(v, prior) -> dict:
    """One ledger row: the value as the bulletin writes it, the reported and the computed growth, and
    whether they disagree by more than 0.1 percentage point."""
    g = Growth(Figure(v.value, v.reported_growth), Figure(prior) if prior is not None else None,
               growth_rate(v.value, prior))
    return {
        "v": v, "subject": subject_name(v), "period": Period.of(v).label(v.indicator.cumulative),
        "amount": numbers.amount(v.value, v.indicator.unit), "growth": g,
        "reported": numbers.signed_rate(g.reported, reported=True) if g.reported is not None else "",
        "computed": numbers.signed_rate(g.computed) if g.computed is not None else "",
    }


def ledger_rows(values) -> list[dict]:
    values = list(values)
    priors = priors_for(values)
    return [row(v, priors.get(_prior_key(v))) for v in values]
