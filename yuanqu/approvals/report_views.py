"""Working days from signing to construction start, per project and across projects, with each
case's slowest items named (审批时效)."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common import clock, workdays
from yuanqu.common.excel import export_workbook, xlsx_response
from yuanqu.common.views import paginate, render_page, require_perm

from . import board, selectors

MSG_STAFF_ONLY = "审批时效统计供园区和市级工作人员查看;企业可在自己的办件页查看各事项进度。"


@require_GET
@require_perm(selectors.VIEW)
def timeliness(request):
    if not board.may_read_timeliness(request.user):
        raise PermissionDenied(MSG_STAFF_ONLY)
    today = clock.today()
    form = board.TimelinessFilter(request.GET or None, user=request.user, years=board.timeliness_years(request.user))
    if form.is_bound and not form.is_valid():
        qs = selectors.case_list(request.user).none()
    else:
        qs = board.timeliness_cases(request.user, form.cleaned_data if form.is_bound else {})
    if request.GET.get("export") == "xlsx":
        workbook = export_workbook("签约到开工", board.TIMELINESS_HEADERS, board.timeliness_export_rows(qs, today))
        security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="approvals_timeliness",
                              filters=request.GET.dict())
        return xlsx_response(f"审批时效-{timezone.localtime():%Y%m%d-%H%M}.xlsx", workbook)
    counter = workdays.SpanCounter()
    page = paginate(request, qs, per_page=board.PER_PAGE)
    context = {
        "filter": form, "page": page, "summary": board.timeliness_summary(qs, counter),
        "rows": board.timeliness_rows(page.object_list, today, counter),
        "many_zones": "zone" in form.fields,
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
    }
    return render_page(request, "approvals/timeliness.html", context, partial="approvals/_timeliness_table.html")


urlpatterns = [
    path("timeliness/", timeliness, name="timeliness"),
]
