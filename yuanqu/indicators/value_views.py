"""Pages of the values ledger (经济指标数据): the list with its filters and export, a figure entered,
one figure with its growth checked and its history, a figure revised.

Reads start from the user's scope (selectors: out of scope is a 404); writes go through
services.value_save, whose refusals come back onto the form in Chinese.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common.excel import xlsx_response
from yuanqu.common.forms import add_service_errors
from yuanqu.common.views import PER_PAGE, CappedPaginator, paginate, render_page, require_perm

from . import exports, filters, numbers, selectors, services
from .choices import RevisionAction, ValueState
from .forms import MSG_EXISTS, RevisionForm, ValueForm, plain_decimal
from .growth import ENTERED, Book, Figure, Growth, growth_rate, subject_key
from .models import IndicatorValue
from .periods import Period

VIEW, ENTER, REPORT = selectors.VIEW, selectors.ENTER, selectors.REPORT
MSG_SAVED = "已保存:{what}。"
MSG_REVISED = "已修订:{what},原数据记入修订记录。"


def _asks_reason(exc: ValidationError) -> bool:
    """The service refused a revision of a confirmed figure for want of a reason."""
    return hasattr(exc, "error_dict") and any(e.code == "reason_required" for e in exc.error_dict.get("reason", []))


def _what(v: IndicatorValue) -> str:
    return f"{filters.subject_name(v)} {Period.of(v).label(v.indicator.cumulative)} {v.indicator.name}"


# ---- the list and its export ------------------------------------------------------------------------

class LedgerPaginator(CappedPaginator):
    """Counts up to the cap, on `counter` (the same rows' ids alone, unordered: read off an index,
    no sort only to count)."""

    def __init__(self, object_list, per_page, counter):
        super().__init__(object_list, per_page)
        self.counter = counter

    @cached_property
    def count(self) -> int:
        return self.counter[: self.CAP + 1].count()


class SearchPaginator(LedgerPaginator):
    """Counts further (ids off the foreign-key indexes, ~1 ms for 20,000): up to here the matches
    are few enough to sort outright."""

    CAP = 20000


def _filtered(request):
    """The filter form, its cleaned data (None when invalid) and the user's scoped values."""
    form = filters.ValueFilter(request.GET or None, user=request.user)
    data = (form.cleaned_data if form.is_valid() else None) if form.is_bound else {}
    return form, data, selectors.value_list(request.user)


def _paginator(data: dict | None, base, several_zones: bool) -> Paginator:
    """The filtered rows (filters.ID_COLUMNS) in the list's order, paginated; how they are read and
    counted follows from what the filters leave."""
    if data is None:
        return Paginator(filters.ordered(base.none()).values_list(*filters.ID_COLUMNS), PER_PAGE)
    qs = filters.apply(base, data)
    if data.get("q"):
        # Up to SearchPaginator.CAP matches are sorted outright; more are read in the zone index's order.
        branches = filters.search_branches(data["q"])
        counter = filters.search_ids(qs, branches)
        n = counter[: SearchPaginator.CAP + 1].count()
        paginator = SearchPaginator(filters.searched(qs, branches, few=n <= SearchPaginator.CAP), PER_PAGE, counter)
        paginator.count = n  # counted already
        return paginator
    counter = qs.order_by().values_list("id")
    if data.get("indicator") and not (data.get("zone") or data.get("period")):
        # One indicator across the zones: sorted off its own index while its figures are few, read
        # in the zone index's order when they are many.
        if counter[: SearchPaginator.CAP + 1].count() > SearchPaginator.CAP:
            qs = filters.apply(base, data, walk=True)
    rows = filters.ordered(qs).values_list(*filters.ID_COLUMNS)
    if several_zones and not (data.get("zone") or data.get("period")):
        return LedgerPaginator(rows, PER_PAGE, counter)  # every zone's figures: count up to the cap
    return Paginator(rows, PER_PAGE)


@require_GET
@require_perm(VIEW, REPORT)
def value_list(request):
    form, data, base = _filtered(request)
    paginator = _paginator(data, base, "zone" in form.fields)
    page = paginate(request, None, paginator_class=lambda *args: paginator)
    context = {
        "filter": form, "page": page, "rows": filters.ledger_rows(filters.page_values(page.object_list)),
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
        "can_enter": request.access.has(ENTER), "tolerance": filters.TOLERANCE_PP,
        "reporter": request.access.has(REPORT) and not request.access.has(VIEW),
    }
    return render_page(request, "indicators/value_list.html", context, partial="indicators/_value_table.html")


@require_GET
@require_perm(VIEW, REPORT)
def value_export(request):
    form, data, base = _filtered(request)
    workbook = exports.values_workbook(_paginator(data, base, "zone" in form.fields).object_list)
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="indicator_values",
                          filters=request.GET.dict())
    return xlsx_response(f"经济指标数据-{timezone.localtime():%Y%m%d-%H%M}.xlsx", workbook)


# ---- entering and revising --------------------------------------------------------------------------

def _create_initial(request) -> dict:
    initial = {k: request.GET[k] for k in ("indicator", "zone", "park", "enterprise") if request.GET.get(k, "").isdigit()}
    if request.GET.get("period"):
        initial["period"] = request.GET["period"][:20]
    return initial


def _existing(data: dict) -> IndicatorValue | None:
    subject = data.get("enterprise") or data.get("park") or data["zone"]
    level = "enterprise" if data.get("enterprise") else "park" if data.get("park") else "zone"
    period = data["period"]
    return (IndicatorValue.objects.select_related("indicator")
            .filter(indicator=data["indicator"], subject_key=subject_key(level, subject.pk), year=period.year,
                    period_kind=period.kind, period=period.number).first())


@require_perm(ENTER)
def value_create(request):
    form = ValueForm(request.POST or None, user=request.user, initial=_create_initial(request))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                value = services.value_save(actor=request.user, **form.for_service())
            except ValidationError as exc:
                add_service_errors(form, exc)
                if _asks_reason(exc):
                    # The figure is there already: saving revises it, which wants the reason.
                    existing = _existing(form.cleaned_data)
                    if existing is not None:
                        form.add_error(None, MSG_EXISTS.format(
                            amount=numbers.amount(existing.value, existing.indicator.unit)))
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or services.MSG_NO_RIGHT)
                status = 403
            else:
                template = MSG_REVISED if value.version > 1 else MSG_SAVED
                messages.success(request, template.format(what=_what(value)))
                return redirect("indicators:value_detail", pk=value.pk)
    return render(request, "indicators/value_form.html", {"form": form, "creating": True}, status=status)


def may_revise(user, value: IndicatorValue) -> bool:
    """Staff who enter figures for its subject; an enterprise its own figure until it is confirmed."""
    if selectors.may(user, ENTER, value):
        return True
    return bool(value.enterprise_id) and value.state != ValueState.CONFIRMED and selectors.may(user, REPORT, value)


@require_perm(ENTER, REPORT)
def value_edit(request, pk):
    value = selectors.value_detail(request.user, pk)
    if not may_revise(request.user, value):
        raise PermissionDenied(services.MSG_NO_RIGHT)
    form = RevisionForm(request.POST or None, value=value)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = services.value_save(
                    actor=request.user, indicator=value.indicator, zone=value.zone, park=value.park,
                    enterprise=value.enterprise, period=Period.of(value), version=form.cleaned_data["version"],
                    **form.figure())
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or services.MSG_NO_RIGHT)
                status = 403
            else:
                messages.success(request, MSG_REVISED.format(what=_what(saved)))
                return redirect("indicators:value_detail", pk=saved.pk)
    context = {"form": form, "creating": False, "value": value, "what": _what(value),
               "amount": numbers.amount(value.value, value.indicator.unit)}
    return render(request, "indicators/value_form.html", context, status=status)


# ---- one figure ---------------------------------------------------------------------------------------

def _points(d) -> str:
    """A reported rate's distance from the computed one: 填报高4个百分点 / 填报低0.05个百分点 / 一致."""
    if d is None:
        return ""
    if d == 0:
        return "0个百分点"
    return f"填报{'高' if d > 0 else '低'}{plain_decimal(abs(d))}个百分点"


def growth_panel(v: IndicatorValue) -> dict:
    """The figure beside the same period a year before (entered, derived or summed, resolved as the
    bulletin resolves it), the growth computed and reported, and the change against the period before.
    One Book over the subject's years y, y-1 and y-2 (the period before a January is last December,
    whose own growth needs the year before that)."""
    ind, period = v.indicator, Period.of(v)
    level_pk = v.enterprise_id or v.park_id or v.zone_id
    book = Book.load(indicators=[ind], years=[period.year, period.year - 1, period.year - 2],
                     subjects=[(v.level, level_pk)])
    key = v.subject_key
    # The figure itself, whatever its state: the book holds confirmed figures only.
    here = Figure(v.value, v.reported_growth, ENTERED, v.pk)
    prior = book.figure(ind, key, period.year_before())
    g = Growth(here, prior, growth_rate(here.value, prior.value if prior else None))
    before = period.previous(ind.cumulative)
    previous = book.growth(ind, key, before, with_previous=False) if before else None
    g.previous_rate = previous.rate if previous else None
    last = book.growth(ind, key, period.year_before(), with_previous=False) if prior else None
    unit = ind.unit
    return {
        "g": g, "unit": unit, "cumulative": ind.cumulative,
        "period": period.label(ind.cumulative), "prior_period": period.year_before().label(ind.cumulative),
        "previous_period": before.label(ind.cumulative) if before else "",
        "here_amount": numbers.amount(here.value, unit),
        "prior_amount": numbers.amount(prior.value, unit) if prior else "",
        "implied_amount": numbers.amount(g.implied_prior, unit) if g.implied_prior is not None else "",
        "computed": numbers.signed_rate(g.computed) if g.computed is not None else "",
        "reported": numbers.signed_rate(g.reported, reported=True) if g.reported is not None else "",
        "difference": _points(g.difference), "tolerance": filters.TOLERANCE_PP,
        "phrase": numbers.growth_phrase(g.rate, reported=g.is_reported),
        "previous": previous,
        "previous_rate": numbers.signed_rate(previous.rate, reported=previous.is_reported) if previous and previous.rate is not None else "",
        "points": numbers.points_phrase(g.change_pp),
        "last": last,
        "last_rate": numbers.signed_rate(last.rate, reported=last.is_reported) if last and last.rate is not None else "",
        "prior_prior_period": period.year_before().year_before().label(ind.cumulative),
        "prior_prior_amount": numbers.amount(last.prior.value, unit) if last and last.prior else "",
    }


def _history(value: IndicatorValue) -> list[dict]:
    """Each revision with its figures as typed and their unit: "1338000万元 → 1340000万元", "20% → 20.5%"."""
    unit = value.indicator.get_unit_display()

    def amount(x):
        return f"{plain_decimal(x)}{unit}" if x is not None else ""

    def rate(x):
        return f"{plain_decimal(x)}%" if x is not None else ""

    rows = []
    for r in selectors.value_history(value):
        # A check (核定, 退回) leaves the figure as it was: one figure, no arrow.
        changed = r.old_value is not None and r.action not in (RevisionAction.CONFIRM, RevisionAction.RETURN)
        rows.append({"r": r, "changed": changed, "old": amount(r.old_value), "new": amount(r.new_value),
                     "old_growth": rate(r.old_growth) or "—", "new_growth": rate(r.new_growth) or "—"})
    return rows


@require_GET
@require_perm(VIEW, REPORT)
def value_detail(request, pk):
    value = selectors.value_detail(request.user, pk)
    context = {
        "value": value, "what": _what(value), "subject": filters.subject_name(value),
        "period": Period.of(value).label(value.indicator.cumulative),
        "amount": numbers.amount(value.value, value.indicator.unit),
        "plain_value": plain_decimal(value.value), "plain_growth": plain_decimal(value.reported_growth),
        "in_yi": value.indicator.is_money and value.value >= numbers.YI,
        "panel": growth_panel(value), "history": _history(value),
        "can_revise": may_revise(request.user, value),
        "can_review": value.state == ValueState.PENDING and selectors.may(request.user, selectors.REVIEW, value),
    }
    return render(request, "indicators/value_detail.html", context)


urlpatterns = [
    path("", value_list, name="value_list"),
    path("export.xlsx", value_export, name="value_export"),
    path("new/", value_create, name="value_create"),
    path("<int:pk>/", value_detail, name="value_detail"),
    path("<int:pk>/edit/", value_edit, name="value_edit"),
]
