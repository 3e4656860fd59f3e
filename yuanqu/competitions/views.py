"""Competition pages: the list, a competition with its formula and history, a period's ranking, and
the organiser's POST-only actions (terms, periods, manual values, compute, publish, awards)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common.excel import export_workbook, xlsx_response

from . import permissions, selectors, services
from .choices import PeriodState, TermSource
from .forms import AwardForm, CompetitionForm, ManualValuesForm, PeriodForm, TermForm
from .models import Term

MSG_SAVED = "已保存。"


def _require(check):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied("competitions")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


readers = _require(permissions.can_read)
managers = _require(permissions.can_manage)


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def _form_errors(form) -> list[str]:
    out = []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        out += [f"{label}:{e}" if label else e for e in errors]
    return out


@require_GET
@readers
def competition_list(request):
    items = selectors.competition_list(request.user).prefetch_related("terms")
    return render(request, "competitions/list.html", {
        "competitions": items, "can_manage": permissions.can_manage(request.user),
    })


@managers
def competition_create(request):
    form = CompetitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            competition = services.competition_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "竞赛已创建,请设置计分公式。")
            return redirect("competitions:competition_detail", pk=competition.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "competitions/form.html", {"form": form}, status=status)


def _competition_page(request, competition, status=200, errors=None, term_form=None, period_form=None):
    periods = list(selectors.period_list(request.user, competition))
    history = selectors.history(periods)
    terms = list(competition.terms.select_related("indicator"))
    chart = {
        "periods": [p.label for p in history["periods"]],
        "series": [{"name": r["zone"].short_name, "ranks": [c.rank if c else None for c in r["cells"]],
                    "totals": [float(c.total) if c else None for c in r["cells"]]} for r in history["rows"]],
    }
    context = {
        "competition": competition, "terms": terms, "periods": periods, "history": history,
        "formula": services.scoring.formula_text(services._specs(terms)),
        "awards": selectors.awards(periods), "chart": chart if history["periods"] else None,
        "can_manage": permissions.can_manage(request.user), "errors": errors or [],
        "term_form": term_form or TermForm(), "period_form": period_form or PeriodForm(),
        "published_exists": any(p.state == PeriodState.PUBLISHED for p in periods),
    }
    return render(request, "competitions/detail.html", context, status=status)


@require_GET
@readers
def competition_detail(request, pk):
    return _competition_page(request, selectors.competition_detail(request.user, pk))


@require_POST
@managers
def term_add(request, pk):
    competition = selectors.competition_detail(request.user, pk)
    form = TermForm(request.POST)
    if form.is_valid():
        try:
            services.term_add(actor=request.user, competition=competition, data=form.cleaned_data)
        except ValidationError as exc:
            return _competition_page(request, competition, 400, _errors(exc), term_form=form)
        messages.success(request, MSG_SAVED)
        return redirect("competitions:competition_detail", pk=pk)
    return _competition_page(request, competition, 400, _form_errors(form), term_form=form)


@require_POST
@managers
def term_delete(request, pk, term_pk):
    competition = selectors.competition_detail(request.user, pk)
    term = get_object_or_404(Term, pk=term_pk, competition=competition)
    try:
        services.term_delete(actor=request.user, term=term)
    except ValidationError as exc:
        return _competition_page(request, competition, 400, _errors(exc))
    messages.success(request, f"已删除评分项“{term.label}”。")
    return redirect("competitions:competition_detail", pk=pk)


@require_POST
@managers
def period_add(request, pk):
    competition = selectors.competition_detail(request.user, pk)
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            period = services.period_create(actor=request.user, competition=competition, **form.cleaned_data)
        except ValidationError as exc:
            return _competition_page(request, competition, 400, _errors(exc), period_form=form)
        messages.success(request, f"已新增{period.label}。")
        return redirect("competitions:period_detail", pk=period.pk)
    return _competition_page(request, competition, 400, _form_errors(form), period_form=form)


def _period_page(request, period, status=200, errors=None, manual_forms=None, award_form=None):
    competition = period.competition
    scores = selectors.ranking(period)
    can_manage = permissions.can_manage(request.user)
    zones = selectors.zones()
    values = selectors.manual_values(period)
    manual = []
    if can_manage:
        for term in selectors.manual_terms(competition):
            form = (manual_forms or {}).get(term.pk) or ManualValuesForm(
                zones=zones, initial_values={z: mv.value for (t, z), mv in values.items() if t == term.pk})
            manual.append({"term": term, "form": form})
    periods = list(selectors.period_list(request.user, competition))
    terms = period.terms_snapshot if period.state != PeriodState.DRAFT else None
    context = {
        "period": period, "competition": competition, "scores": scores, "terms_snapshot": terms,
        "formula": period.formula_text or services.scoring.formula_text(services._specs(competition.terms.all())),
        "awards": [a for a in selectors.awards([period])], "can_manage": can_manage, "manual": manual,
        "errors": errors or [], "award_form": award_form or AwardForm(), "periods": periods,
        "chart": {"zones": [s.zone.short_name for s in scores], "totals": [float(s.total) for s in scores]} if scores else None,
        "open": period.state != PeriodState.PUBLISHED,
    }
    return render(request, "competitions/period.html", context, status=status)


@require_GET
@readers
def period_detail(request, pk):
    return _period_page(request, selectors.period_detail(request.user, pk))


@require_POST
@managers
def manual_values_set(request, pk, term_pk):
    period = selectors.period_detail(request.user, pk)
    term = get_object_or_404(Term, pk=term_pk, competition=period.competition_id, source=TermSource.MANUAL)
    form = ManualValuesForm(request.POST, zones=selectors.zones())
    if form.is_valid():
        try:
            services.manual_values_set(actor=request.user, period=period, term=term, values=form.values())
        except ValidationError as exc:
            return _period_page(request, period, 400, _errors(exc), manual_forms={term.pk: form})
        messages.success(request, f"已保存“{term.label}”。重新计算后计入排名。")
        return redirect("competitions:period_detail", pk=pk)
    return _period_page(request, period, 400, _form_errors(form), manual_forms={term.pk: form})


@require_POST
@managers
def period_compute(request, pk):
    period = selectors.period_detail(request.user, pk)
    try:
        services.period_compute(actor=request.user, period=period)
    except ValidationError as exc:
        return _period_page(request, period, 400, _errors(exc))
    messages.success(request, "已按公式计算各园区得分和名次。")
    return redirect("competitions:period_detail", pk=pk)


@require_POST
@managers
def period_publish(request, pk):
    period = selectors.period_detail(request.user, pk)
    try:
        services.period_publish(actor=request.user, period=period)
    except ValidationError as exc:
        return _period_page(request, period, 400, _errors(exc))
    messages.success(request, "排名已发布,各园区可见;本期不能再修改。")
    return redirect("competitions:period_detail", pk=pk)


@require_POST
@managers
def award_give(request, pk):
    period = selectors.period_detail(request.user, pk)
    form = AwardForm(request.POST)
    if form.is_valid():
        try:
            services.award_give(actor=request.user, period=period, **form.cleaned_data)
        except ValidationError as exc:
            return _period_page(request, period, 400, _errors(exc), award_form=form)
        messages.success(request, "奖项已授予。")
        return redirect("competitions:period_detail", pk=pk)
    return _period_page(request, period, 400, _form_errors(form), award_form=form)


EXPORT_HEADERS = ["名次", "园区", "综合得分"]


@require_GET
@readers
def period_export(request, pk):
    period = selectors.period_detail(request.user, pk)
    scores = selectors.ranking(period)
    labels = [p["label"] for p in (period.terms_snapshot or [])]
    headers = EXPORT_HEADERS + [h for label in labels for h in (f"{label}(原始值)", f"{label}(得分)")]
    rows = []
    for s in scores:
        parts = {p["label"]: p for p in s.parts}
        row = [s.rank, s.zone.short_name, s.total]
        for label in labels:
            p = parts.get(label, {})
            row += [float(p["raw"]) if "raw" in p else None, float(p["score"]) if "score" in p else None]
        rows.append(row)
    wb = export_workbook(f"{period.label}排名", headers, rows)
    notes = wb.create_sheet("计分公式")
    notes.append([period.competition.name])
    notes.append([period.label])
    notes.append([period.formula_text or "(尚未计算)"])
    for t in period.terms_snapshot or []:
        notes.append([t["label"], t["source_label"], t["weight"], t["normalisation_label"], t.get("note", "")])
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="competition_ranking", period=period.pk)
    return xlsx_response(f"{period.competition.name}-{period.label}排名-{timezone.localtime():%Y%m%d-%H%M}.xlsx", wb)
