"""Dispatch pages: meetings per zone, a meeting's pack (page and Word), its decisions as tasks, and the
open tasks across meetings. Thin: scoped get, bind form, call one service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common import clock
from yuanqu.common.docx import docx_response
from yuanqu.common.excel import export_workbook, xlsx_response
from yuanqu.common.forms import add_service_errors
from yuanqu.common.views import paginate, render_page, require_perm
from yuanqu.registry.selectors import zone_list

from . import selectors, services
from .choices import TaskState
from .document import pack_document
from .forms import MeetingFilter, MeetingForm, NoteForm, TaskFilter, TaskForm
from .pack import build_pack

MSG_CREATED = "已创建调度会。"
MSG_HELD = "已标记为已召开,本次快照已固定,下次调度将与之比较。"
MSG_TASK_ADDED = "已记录议定事项。"
MSG_DONE = "任务已办结。"
MSG_CANCELLED = "任务已撤销。"


def _visible_zones(user):
    zones = selectors.visible_zone_ids(user)
    qs = zone_list(user, "dispatch.view")
    return qs if zones is None else qs.filter(pk__in=zones)


@require_GET
@require_perm("dispatch.view")
def meeting_list(request):
    form = MeetingFilter(request.GET or None, zones=_visible_zones(request.user))
    qs = selectors.meeting_list(request.user)
    if form.is_bound:
        qs = form.apply(qs)
    page = paginate(request, qs)
    context = {"filter": form, "page": page, "can_create": selectors.run_zones(request.user).exists()}
    return render_page(request, "dispatch/meeting_list.html", context, partial="dispatch/_meeting_table.html")


@require_perm("dispatch.run")
def meeting_create(request):
    zones = selectors.run_zones(request.user)
    if not zones.exists():
        raise PermissionDenied("dispatch.run")
    today = clock.today()
    initial = {"month": f"{today:%Y-%m}", "held_on": today, "zone": zones.first() if zones.count() == 1 else None}
    form = MeetingForm(request.POST or None, zones=zones, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_CREATED)
            return redirect("dispatch:meeting_detail", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "dispatch/meeting_form.html", {"form": form}, status=status)


def _pack_context(request, meeting, task_form=None):
    pack = build_pack(meeting)
    can_run = selectors.can_run(request.user, meeting.zone_id)
    return {
        "meeting": meeting, "pack": pack, "can_run": can_run,
        "task_form": task_form or (TaskForm(meeting=meeting) if can_run else None),
        "today": clock.today(),
        "with_light": any(r.now.light for r in pack.rows),
        "with_coordination": any(r.now.open_coordination is not None for r in pack.rows),
    }


@require_GET
@require_perm("dispatch.view")
def meeting_detail(request, pk):
    meeting = selectors.meeting_get(request.user, pk)
    return render(request, "dispatch/meeting_detail.html", _pack_context(request, meeting))


@require_POST
@require_perm("dispatch.run")
def meeting_hold(request, pk):
    meeting = selectors.meeting_get(request.user, pk)
    try:
        services.meeting_hold(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, MSG_HELD)
    return redirect("dispatch:meeting_detail", pk=pk)


@require_GET
@require_perm("dispatch.view")
def meeting_docx(request, pk):
    meeting = selectors.meeting_get(request.user, pk)
    document = pack_document(build_pack(meeting))
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="dispatch_pack", filters={"meeting": pk})
    return docx_response(f"{meeting.zone.short_name}{meeting.month:%Y年%m月}调度材料.docx", document)


@require_POST
@require_perm("dispatch.run")
def task_create(request, pk):
    meeting = selectors.meeting_get(request.user, pk)
    if not selectors.can_run(request.user, meeting.zone_id):
        raise PermissionDenied("dispatch.run")
    form = TaskForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.task_create(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_TASK_ADDED)
            return redirect("dispatch:meeting_detail", pk=pk)
    return render(request, "dispatch/meeting_detail.html", _pack_context(request, meeting, form), status=400)


def _task_action(request, pk, service, done_message):
    task = selectors.task_get(request.user, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, task=task, note=form.cleaned_data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done_message)
            back = request.POST.get("next", "")
            if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                return redirect(back)
            return redirect("dispatch:task_list")
    return render(request, "dispatch/task_action.html", {"task": task, "form": form, "action": done_message}, status=400)


@require_POST
@require_perm("dispatch.view")
def task_done(request, pk):
    return _task_action(request, pk, services.task_done, MSG_DONE)


@require_POST
@require_perm("dispatch.run")
def task_cancel(request, pk):
    return _task_action(request, pk, services.task_cancel, MSG_CANCELLED)


def _filtered_tasks(request):
    data = request.GET.copy() if request.GET else {"state": TaskState.OPEN}
    form = TaskFilter(data, zones=_visible_zones(request.user))
    return form, form.apply(selectors.task_list(request.user), clock.today())


@require_GET
@require_perm("dispatch.view")
def task_list(request):
    form, qs = _filtered_tasks(request)
    page = paginate(request, qs)
    today = clock.today()
    rows = [{"task": t, "overdue": selectors.is_overdue(t, today), "can_close": selectors.can_close(request.user, t),
             "can_cancel": selectors.can_run(request.user, t.meeting.zone_id)} for t in page.object_list]
    context = {"filter": form, "page": page, "rows": rows, "querystring": request.GET.urlencode()}
    return render_page(request, "dispatch/task_list.html", context, partial="dispatch/_task_table.html")


EXPORT_HEADERS = ["园区", "调度会", "议定事项", "相关项目", "责任部门", "责任人", "其他责任单位", "完成时限", "状态",
                  "是否逾期", "办结/撤销日期", "办理结果"]


@require_GET
@require_perm("dispatch.view")
def task_export(request):
    _, qs = _filtered_tasks(request)
    today = clock.today()
    rows = (
        [t.meeting.zone.short_name, t.meeting.title, t.content, t.project.name if t.project else "",
         t.owner_department.name if t.owner_department else "", t.owner_official.name if t.owner_official else "",
         t.owner_other, t.deadline, TaskState(t.state).label, "逾期" if selectors.is_overdue(t, today) else "",
         t.closed_on, t.result]
        for t in qs.iterator(chunk_size=2000)
    )
    workbook = export_workbook("调度任务", EXPORT_HEADERS, rows)
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="dispatch_task", filters=request.GET.dict())
    return xlsx_response(f"调度任务-{timezone.localtime():%Y%m%d-%H%M}.xlsx", workbook)

