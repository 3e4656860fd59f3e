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
from django.db.models import Case, F, IntegerField, Q, Value, When

from yuanqu.common import clock
from yuanqu.registry.models import Enterprise, Park, Zone

from . import numbers, selectors
from .choices import CONSISTENCY_TOLERANCE_PP, Level, PeriodKind, Source, ValueState
from .growth import Figure, Growth, growth_rate
from .models import Indicator, IndicatorValue
from .periods import Period, period_choices

TOLERANCE_PP = CONSISTENCY_TOLERANCE_PP  # "0.1", as the pages write it
# The month a period ends in, so that within a year 1-4月 comes before 一季度 and 1-3月, and 五一 after
# 1-5月 (a holiday's month; a year ends in December).
HOLIDAY_MONTHS = {1: 1, 2: 2, 3: 4, 4: 5, 5: 6, 6: 9, 7: 10}
END_MONTH = Case(
    When(period_kind=PeriodKind.MONTH, then=F("period")),
    When(period_kind=PeriodKind.QUARTER, then=F("period") * 3),
    When(period_kind=PeriodKind.HOLIDAY, then=Case(
        *[When(period=number, then=Value(month)) for number, month in HOLIDAY_MONTHS.items()], default=Value(12))),
    default=Value(12), output_field=IntegerField())
# Columns of the values table only: a join in the ORDER BY lets the planner start from the joined
# table and sort every row. On a tie the year's figure, then the quarter's, then the month's.
ORDER = ["zone_id", "-year", "-end_month", "-period_kind", "-level", "indicator_id", "id"]
# The columns a page of ids is chosen by: the id and the ORDER columns (a UNION orders by its own).
ID_COLUMNS = ["id", "zone_id", "year", "end_month", "period_kind", "level", "indicator_id"]
# A search's few matches (up to the count's cap) are sorted outright: ordering by an expression of
# zone_id keeps the planner off the zone index, whose walk would pass every zone before the matching ones.
ORDER_MATCHES = [(F("zone_id") + 0).asc(), *ORDER[1:]]
SEARCH_IDS = 500

# Years whose periods are suggested as one types (any year may be typed).
PERIOD_SUGGESTION_YEARS = 3


class PeriodField(forms.CharField):
    """A period typed ("2021年3月", "2021-Q1") or picked from the suggestions of a <datalist
    id="period-options"> the page renders from `period_options`; cleaned to a Period."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={
            "list": "period-options", "autocomplete": "off", "placeholder": "如2021-Q1", "size": 12,
            "maxlength": 20}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)[:20]
        if not text:
            return None
        try:
            return Period.parse(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="period") from None


def recent_years(count: int) -> list[int]:
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
        self.period_options = period_choices(recent_years(PERIOD_SUGGESTION_YEARS))
        zones = selectors.zones_for(user, selectors.VIEW).order_by("sort_order", "id")
        # The zone filter only for those who see several zones (the city); a zone's staff see one.
        if selectors.scope_q(user, selectors.VIEW) is None or zones.count() > 1:
            self.fields["zone"].queryset = zones
        else:
            del self.fields["zone"]

    @property
    def searching(self) -> bool:
        return bool(self.is_bound and self.is_valid() and self.cleaned_data.get("q"))


def _ids(qs, limit: int = SEARCH_IDS):
    """The ids of a small match as a list (so the values are read through their foreign-key indexes),
    or the subquery itself when the name matches too many."""
    qs = qs.order_by()
    ids = list(qs.values_list("pk", flat=True)[: limit + 1])
    return ids if len(ids) <= limit else qs.values("pk")


def search_branches(text: str) -> list[dict]:
    """One set of lookups per kind of name `text` matches: the values of matching zones, parks,
    enterprises, indicators (a kind matching nothing gives none)."""
    text = text.strip()
    branches = []
    for column, named in (
            ("zone_id", Zone.objects.filter(Q(short_name__icontains=text) | Q(name__icontains=text))),
            ("enterprise_id", Enterprise.objects.filter(name__icontains=text)),
            ("indicator_id", Indicator.objects.filter(Q(name__icontains=text) | Q(code__iexact=text)))):
        ids = _ids(named)
        if not isinstance(ids, list) or ids:
            branches.append({f"{column}__in": ids})
    # A park's figures through the (zone, level) index: park_id is empty on most rows, and SQLite's
    # statistics then take "park_id IN (…)" for the whole table.
    parks = list(Park.objects.filter(name__icontains=text).order_by().values_list("pk", "zone_id")[: SEARCH_IDS])
    if parks:
        branches.append({"zone_id__in": sorted({z for _, z in parks}), "level": Level.PARK,
                         "park_id__in": [p for p, _ in parks]})
    return branches


def _unindexed(qs, lookups: dict) -> tuple:
    """(qs with the expressions, a Q of `lookups` on them): each column as column + 0, which no index answers."""
    columns = {key.split("__")[0] for key in lookups}
    qs = qs.alias(**{f"{c}_expr": F(c) + 0 for c in columns if c != "level"})
    return qs, Q(**{(k if k.startswith("level") else k.replace("_id", "_id_expr", 1)): v for k, v in lookups.items()})


def apply(qs, data: dict, walk: bool = False):
    """The queryset narrowed by the cleaned filters, the search aside (see `searched`). `walk`: the
    indicator compared as an expression, which no index answers, so the planner reads the zone
    index in the list's order instead of sorting all of an indicator's figures (200,000 of an
    enterprise-level one at scale) to show thirty."""
    if data.get("zone"):
        qs = qs.filter(zone=data["zone"])
    if data.get("level"):
        qs = qs.filter(level=data["level"])
    if data.get("indicator") and walk:
        qs = qs.alias(indicator_expr=F("indicator_id") + 0).filter(indicator_expr=data["indicator"].pk)
    elif data.get("indicator"):
        qs = qs.filter(indicator=data["indicator"])
    period = data.get("period")
    if period is not None:
        qs = qs.filter(year=period.year, period_kind=period.kind, period=period.number)
    if data.get("state"):
        qs = qs.filter(state=data["state"])
    if data.get("source"):
        qs = qs.filter(source=data["source"])
    return qs


def search_ids(qs, branches: list[dict]):
    """The ids a search finds, to count: a UNION of the branches' ids, each read off its index."""
    if not branches:
        return qs.none().values_list("id")
    first, *rest = [qs.filter(**b).order_by().values_list("id") for b in branches]
    return first.union(*rest) if rest else first


def searched(qs, branches: list[dict], few: bool):
    """The rows (ID_COLUMNS) a search finds, ordered. `few`: a UNION of one query per branch, each on
    its own foreign-key index, the matches then sorted (an OR of the branches lets SQLite's planner
    scan the whole table, or walk the zone index through every zone before a matching one); else the
    branches on expressions no index answers, so the zone index is read in the list's order, for a
    search matching so much that the first zones fill a page."""
    if not branches:
        return ordered(qs.none()).values_list(*ID_COLUMNS)
    if not few:
        conditions = []
        for b in branches:
            qs, q = _unindexed(qs, b)
            conditions.append(q)
        return ordered(qs.filter(reduce(or_, conditions))).values_list(*ID_COLUMNS)
    if len(branches) == 1:
        return ordered(qs.filter(**branches[0]), few=True).values_list(*ID_COLUMNS)
    first, *rest = [qs.filter(**b).annotate(end_month=END_MONTH).order_by().values_list(*ID_COLUMNS)
                    for b in branches]
    return first.union(*rest).order_by(*ORDER)


def ordered(qs, few: bool = False):
    return qs.annotate(end_month=END_MONTH).order_by(*(ORDER_MATCHES if few else ORDER))


def page_values(rows) -> list[IndicatorValue]:
    """The values of a page of rows (ID_COLUMNS), with what their rows show, in the page's order. The
    page is chosen on the values table alone (index order, no joins); its 30 rows are then read by key."""
    ids = [r[0] for r in rows]
    found = IndicatorValue.objects.select_related("indicator", "zone", "park", "enterprise").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


# ---- rows with growth --------------------------------------------------------------------------------

def _prior_key(v) -> tuple:
    return (v.indicator_id, v.subject_key, v.year - 1, v.period_kind, v.period)


def priors_for(values) -> dict:
    """The confirmed prior-year figure of each value's subject and period, in one query: each column
    IN the values' own (the unique index answers it), the exact matches kept."""
    keys = {_prior_key(v) for v in values}
    if not keys:
        return {}
    columns = ("indicator_id", "subject_key", "year", "period_kind", "period")
    rows = (IndicatorValue.objects.filter(state=ValueState.CONFIRMED, **{
        f"{column}__in": sorted({k[i] for k in keys}) for i, column in enumerate(columns)})
        .order_by().values_list(*columns, "value"))
    found = {}
    for *parts, value in rows:
        key = tuple(parts)
        if key in keys:
            found[key] = value
    return found


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
