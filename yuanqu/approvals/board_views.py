"""The case board (审批看板: every case in scope, filtered, paged, exported) and the queue of
items waiting on the signed-in user (审批待办)."""

from django.core.paginator import Paginator
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common import clock
from yuanqu.common.excel import export_workbook, xlsx_response
from yuanqu.common.views import paginate, render_page, require_perm

from . import board, selectors


def _filtered(request, today):
    form = board.BoardFilter(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return form, selectors.case_list(request.user).none()
    return form, board.board_cases(request.user, form.cleaned_data if form.is_bound else {}, today)


@require_GET
@require_perm(selectors.VIEW)
def case_list(request):
    today = clock.today()
    form, qs = _filtered(request, today)
    if request.GET.get("export") == "xlsx":
        workbook = export_workbook("审批办件", board.EXPORT_HEADERS, board.export_rows(qs, today))
        security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="approvals",
                              filters=request.GET.dict())
        return xlsx_response(f"审批办件-{timezone.localtime():%Y%m%d-%H%M}.xlsx", workbook)
    # A search may match thousands: count those only up to the cap.
    searching = bool(form.is_bound and form.is_valid() and form.cleaned_data.get("q"))
    page = paginate(request, qs, per_page=board.PER_PAGE, paginator_class=board.SearchPaginator if searching else Paginator)
    access = request.access
    context = {
        "filter": form, "page": page, "rows": board.board_rows(page.object_list, today),
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
        "can_open": selectors.may(request.user, selectors.OPEN),
        "portal": not board.staff_reader(request.user),
        "many_zones": form.many_zones,
        "can_queue": any(access.has(p) for p in (selectors.AGENT, selectors.HANDLE, selectors.MANAGE)),
        "today": today,
    }
    return render_page(request, "approvals/case_list.html", context, partial="approvals/_board_table.html")


@require_GET
@require_perm(selectors.AGENT, selectors.HANDLE, selectors.MANAGE)
def queue(request):
    today = clock.today()
    page = paginate(request, board.queue_items(request.user), per_page=board.PER_PAGE)
    counts = board.queue_counts(request.user)
    groups = [{"key": g, "slug": board.GROUP_SLUGS[g], "label": label, "help": help_, "count": counts.get(g, 0)}
              for g, (label, help_) in board.GROUPS.items()]
    access = request.access
    # Only the groups the user's roles can fill are named at the top.
    held = {board.MINE: access.has(selectors.AGENT), board.DEPARTMENT: access.has(selectors.HANDLE),
            board.OVERDUE: access.has(selectors.MANAGE)}
    context = {
        "page": page, "sections": board.queue_sections(board.queue_rows(page.object_list, request.user, today)),
        "groups": [g for g in groups if held[g["key"]] or g["count"]],
        "total": sum(counts.values()), "today": today,
    }
    return render_page(request, "approvals/queue.html", context, partial="approvals/_queue_table.html")


urlpatterns = [
    path("", case_list, name="case_list"),
    path("queue/", queue, name="queue"),
]
