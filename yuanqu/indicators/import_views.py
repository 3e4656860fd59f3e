"""Pages of figures arriving from outside the ledger form: the Excel import (the shared flow of
common/import_views), enterprises reporting their own figures, and the statistics clerk's check.

Thin views: the import's rows go through imports.ValueImporter (the same rules as value_save), a
report through report_forms.ReportForm and services.value_save, a check through review.report_confirm
or review.report_return. Out of scope is a 404 (selectors), without the permission a 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common import import_views
from yuanqu.common.excel import export_workbook, xlsx_response
from yuanqu.common.forms import add_service_errors
from yuanqu.common.import_views import ImportPage
from yuanqu.common.views import paginate, render_page, require_perm

from . import numbers, review, selectors, services
from .imports import ValueImporter, value_template_workbook
from .periods import Period
from .report_forms import ReportFilter, ReportForm, ReviewActionForm, ReviewFilter

MSG_REPORTED = "已报送{what},等待园区统计员审核。"
MSG_CONFIRMED = "已核定:{enterprise} {what}。"
MSG_RETURNED = "已退回:{enterprise} {what},企业将收到退回原因。"
MSG_REVIEW_FAILED = "{verb}未执行({enterprise} {what}):{reason}"
REVIEW_ACTIONS = {"confirm": "核定", "return": "退回"}
REPORT_HEADERS = ["指标", "期间", "数值", "单位", "填报同比增速(%)", "状态", "退回原因", "说明", "更新时间"]


def _what(value) -> str:
    return f"{value.indicator.name} {Period.of(value).label(value.indicator.cumulative)}"


# -- Excel import ------------------------------------------------------------------------------------

def _import_page(request) -> ImportPage:
    url = reverse("indicators:value_import")
    return ImportPage(importer=ValueImporter(request.user), back_url=reverse("indicators:value_list"),
                      back_label="经济指标", upload_url=url, commit_url=url,
                      template_url=reverse("indicators:value_import_template"))


@require_GET
@require_perm(selectors.ENTER)
def value_import_template(request):
    importer = ValueImporter(request.user)
    return xlsx_response(f"{importer.title}导入模板.xlsx", value_template_workbook(importer))


@require_perm(selectors.ENTER)
def value_import(request):
    """GET: the upload form; POST with a file: the preview; POST with the preview's token: the import."""
    page = _import_page(request)
    if request.method == "POST" and "token" in request.POST and not request.FILES:
        return import_views.import_commit(request, page)
    return import_views.import_upload(request, page)


# -- an enterprise's own figures -------------------------------------------------------------------

@require_GET
@require_perm(selectors.REPORT)
def report_list(request):
    form = ReportFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = review.report_list(request.user, state=filters.get("state") or "", year=filters.get("year"))
    if request.GET.get("export") == "xlsx":
        rows = ([v.indicator.name, Period.of(v).label(v.indicator.cumulative), v.value, v.indicator.get_unit_display(),
                 v.reported_growth, v.get_state_display(), v.return_reason, v.note,
                 timezone.localtime(v.updated_at).replace(tzinfo=None)] for v in qs.iterator(chunk_size=2000))
        security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="indicator_reports",
                              filters=request.GET.dict())
        return xlsx_response(f"指标填报-{timezone.localtime():%Y%m%d-%H%M}.xlsx",
                             export_workbook("指标填报", REPORT_HEADERS, rows))
    page = paginate(request, qs)
    rows = [{"obj": v, "period": Period.of(v).label(v.indicator.cumulative),
             "amount": numbers.amount(v.value, v.indicator.unit),
             "growth": numbers.signed_rate(v.reported_growth, reported=True) if v.reported_growth is not None else ""}
            for v in page.object_list]
    context = {"filter": form, "page": page, "rows": rows, "enterprises": review.own_enterprises(request.user),
               "filtered": any(v for k, v in request.GET.items() if k != "page")}
    return render_page(request, "indicators/report_list.html", context, partial="indicators/report_table.html")


@require_perm(selectors.REPORT)
def report_create(request):
    """Report a figure, or correct and resubmit one (?value=<pk>: one of the user's own, pending or returned)."""
    value = review.report_detail(request.user, request.GET["value"]) if request.GET.get("value", "").isdigit() else None
    form = ReportForm(request.POST or None, user=request.user, value=value)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.value_save(actor=request.user, **form.data_for_service())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, MSG_REPORTED.format(what=_what(saved)))
            return redirect("indicators:report_list")
    status = 400 if request.method == "POST" else 200
    return render(request, "indicators/report_form.html", {"form": form, "value": value}, status=status)


# -- the statistics clerk's check --------------------------------------------------------------------

def _review_context(request, errors: dict | None = None) -> dict:
    form = ReviewFilter(request.GET or None)
    qs = selectors.review_queue(request.user).select_related("entered_by").order_by("updated_at", "id")
    if form.is_valid():
        if form.cleaned_data.get("q"):
            qs = qs.filter(enterprise__name__contains=form.cleaned_data["q"])
        if form.cleaned_data.get("indicator"):
            qs = qs.filter(indicator=form.cleaned_data["indicator"])
    page = paginate(request, qs)
    return {"filter": form, "page": page, "rows": review.review_rows(page.object_list), "errors": errors or {},
            "filtered": any(v for k, v in request.GET.items() if k != "page")}


@require_GET
@require_perm(selectors.REVIEW)
def review_list(request):
    return render_page(request, "indicators/review_list.html", _review_context(request),
                       partial="indicators/review_table.html")


@require_POST
@require_perm(selectors.REVIEW)
def value_review(request, pk, action):
    if action not in REVIEW_ACTIONS:
        raise Http404
    value = selectors.value_detail(request.user, pk)
    form = ReviewActionForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        if action == "confirm":
            done = review.report_confirm(actor=request.user, value=value, version=data.get("version"))
        else:
            done = review.report_return(actor=request.user, value=value, reason=data.get("reason") or "",
                                        version=data.get("version"))
    except ValidationError as exc:
        messages.error(request, MSG_REVIEW_FAILED.format(
            verb=REVIEW_ACTIONS[action], enterprise=value.enterprise.name if value.enterprise_id else value.zone,
            what=_what(value), reason="".join(exc.messages)))
        context = _review_context(request, errors={value.pk: exc.messages})
        return render(request, "indicators/review_list.html", context, status=400)
    text = MSG_CONFIRMED if action == "confirm" else MSG_RETURNED
    messages.success(request, text.format(enterprise=done.enterprise.name if done.enterprise_id else done.zone,
                                          what=_what(done)))
    back = request.POST.get("next", "")
    return redirect(back if back.startswith(reverse("indicators:review_list")) else "indicators:review_list")


urlpatterns = [
    path("import/", value_import, name="value_import"),
    path("import/template.xlsx", value_import_template, name="value_import_template"),
    path("report/", report_list, name="report_list"),
    path("report/new/", report_create, name="report_create"),
    path("review/", review_list, name="review_list"),
    path("<int:pk>/review/<slug:action>/", value_review, name="value_review"),
]
