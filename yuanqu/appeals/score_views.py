"""Department scores of appeals (三率 and the on-time rate): the page with its trend chart, and its
Excel export. Thin: read the filter, call scores.py, render."""

import datetime as dt

from django import forms
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common import clock
from yuanqu.common.excel import export_workbook, write_sheet, xlsx_response
from yuanqu.common.views import require_perm

from . import scores

MSG_MONTH = "请按“年-月”选择月份,如2021-05。"


class ScoreFilter(forms.Form):
    month = forms.CharField(label="分派月份", required=False,
                            widget=forms.TextInput(attrs={"type": "month", "placeholder": "2021-05"}))
    zone = forms.ModelChoiceField(label="园区", queryset=None, required=False, empty_label="全部园区")

    def __init__(self, *args, zones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones

    def clean_month(self):
        value = (self.cleaned_data.get("month") or "").strip()
        if not value:
            return None
        try:
            year, month = (int(x) for x in value.split("-")[:2])
            return dt.date(year, month, 1)
        except (TypeError, ValueError):
            raise forms.ValidationError(MSG_MONTH, code="invalid") from None


def _read(request):
    """The filter, the chosen month (this month by default) and the chosen zone (None: all in scope).
    A bad value falls back to the default rather than failing the page."""
    zones = scores.score_zones(request.user)
    form = ScoreFilter(request.GET or None, zones=zones)
    month = zone = None
    if form.is_bound and form.is_valid():
        month, zone = form.cleaned_data["month"], form.cleaned_data["zone"]
    month = month or scores.month_start(clock.today())
    if not form.is_bound:
        form = ScoreFilter(initial={"month": f"{month:%Y-%m}"}, zones=zones)
    return form, month, zone


def _table(request, month, zone, months):
    departments = list(scores.score_departments(request.user, zone.pk if zone else None))
    n_by_zone = scores.response_workdays_by_zone({d.zone_id for d in departments})
    data = scores.department_scores(departments, months, n_by_zone=n_by_zone)
    return departments, data, n_by_zone


@require_GET
@require_perm(scores.PERM)
def appeal_scores(request):
    form, month, zone = _read(request)
    months = scores.trend_months(month)
    departments, data, n_by_zone = _table(request, month, zone, months)
    rows = [data[(d.pk, month)] for d in departments]
    chart = {
        "months": [f"{m:%Y-%m}" for m in months],
        "rates": [{"key": r.key, "name": r.name} for r in scores.RATES],
        "series": [{"name": _dept_label(d, departments),
                    "values": {r.key: [data[(d.pk, m)].rates[r.key].pct for m in months] for r in scores.RATES}}
                   for d in departments],
    }
    return render(request, "appeals/scores.html", {
        "filter": form, "month": month, "zone": zone, "rows": rows, "rates": scores.RATES,
        "cohort_note": scores.COHORT_NOTE, "window": scores.window_label(n_by_zone),
        "show_zone": len({d.zone_id for d in departments}) > 1, "chart": chart if departments else None,
        "provisional": scores.provisional(months), "zone_filter": form.fields["zone"].queryset.count() > 1,
        "export_query": request.GET.urlencode(),
    })


def _dept_label(department, departments) -> str:
    # Two zones may both have a 建设局: name the zone when the chart mixes zones.
    if len({d.zone_id for d in departments}) > 1:
        return f"{department.zone.short_name}·{department.name}"
    return department.name


@require_GET
@require_perm(scores.PERM)
def appeal_scores_export(request):
    _, month, zone = _read(request)
    departments, data, n_by_zone = _table(request, month, zone, [month])
    headers = ["园区", "部门", "分派月份", "分派数"]
    for r in scores.RATES:
        headers += [r.numerator, r.denominator, f"{r.name}(%)"]
    headers.append("其中默认评价")
    rows = []
    for d in departments:
        s = data[(d.pk, month)]
        row = [d.zone.short_name, d.name, f"{month:%Y-%m}", s.assignments]
        for _, fig in s.rows():
            row += [fig.num, fig.den, fig.pct if fig.pct is not None else "—"]
        row.append(s.auto_ratings)
        rows.append(row)
    workbook = export_workbook(f"部门诉求办理{month:%Y年%m月}", headers, rows)
    notes = [[r.name, r.formula, r.note] for r in scores.RATES]
    notes[0][2] += f"响应时限:{scores.window_label(n_by_zone) or '—'}。"
    notes.append(["统计口径", "", scores.COHORT_NOTE])
    write_sheet(workbook.create_sheet("指标口径"), ["指标", "计算公式", "说明"], notes, [12, 32, 90])
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="appeal_scores",
                          filters=request.GET.dict())
    return xlsx_response(f"部门诉求办理评分-{month:%Y%m}-{timezone.localtime():%Y%m%d-%H%M}.xlsx", workbook)


urlpatterns = [
    path("scores/", appeal_scores, name="appeal_scores"),
    path("scores/export.xlsx", appeal_scores_export, name="appeal_scores_export"),
]
