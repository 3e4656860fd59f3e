"""Pages of weekly reports and coordination items: thin views over yuanqu.projects.reporting."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common import clock, routing
from yuanqu.common.excel import export_workbook, xlsx_response
from yuanqu.common.forms import add_service_errors
from yuanqu.common.views import paginate, render_page, require_perm

from . import reporting, selectors
from .reporting_forms import ActionForm, CoordinationFilter, CoordinationForm, CoordinationFormSet, ReportForm

MSG_REPORT_SAVED = "周报已提交。"
MSG_RAISED = "协调事项已提出。"
VIEW_PERMS = ("projects.view", "coordination.handle")
EXPORT_HEADERS = ["编号", "事项", "项目", "园区", "承办部门", "办理时限", "状态", "是否逾期", "提出人", "提出时间", "答复"]


def _project(request, pk):
    return get_object_or_404(reporting.internal_projects(request.user).select_related("zone"), pk=pk)


def _filled(form) -> bool:
    return form.has_changed()


# -- weekly reports -------------------------------------------------------------------------------

@require_perm("projects.advance", "projects.advance_assigned")
def report_create(request, pk):
    project = _project(request, pk)
    if not reporting.can_report(request.user, project):
        raise PermissionDenied(reporting.MSG_NO_REPORT_RIGHT)
    reported = {r.week for r in project.weekly_reports.only("week")}
    form = ReportForm(request.POST or None, reported=reported)
    items = CoordinationFormSet(request.POST or None, project=project, prefix="items")
    if request.method == "POST":
        # A row left blank is no item; a row begun must be valid.
        filled = [f for f in items.forms if _filled(f)] if items.is_bound and items.management_form.is_valid() else []
        rows_ok = items.is_bound and items.management_form.is_valid() and all(f.is_valid() for f in filled)
        if form.is_valid() and rows_ok:
            try:
                with transaction.atomic():
                    report = reporting.report_submit(actor=request.user, project=project, **form.cleaned_data)
                    for f in filled:
                        reporting.coordination_raise(actor=request.user, project=project, report=report,
                                                     **f.data_for_service())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, MSG_REPORT_SAVED + (f"另提出协调事项{len(filled)}项。" if filled else ""))
                return redirect("projects:report_detail", pk=project.pk, report_pk=report.pk)
        elif not rows_ok and items.is_bound and not items.management_form.is_valid():
            form.add_error(None, "表单不完整,请刷新页面后重新填写。")
    status = 400 if request.method == "POST" else 200
    return render(request, "projects/report_form.html",
                  {"form": form, "items": items, "project": project, "reported_weeks": reported}, status=status)


@require_GET
@require_perm("projects.view")
def report_list(request, pk):
    project = _project(request, pk)
    page = paginate(request, reporting.report_list(request.user, project), per_page=20)
    return render(request, "projects/report_list.html", {
        "project": project, "page": page, "can_report": reporting.can_report(request.user, project),
        "this_week": reporting.week_of(clock.today()),
    })


@require_GET
@require_perm("projects.view")
def report_detail(request, pk, report_pk):
    project = _project(request, pk)
    report = reporting.report_detail(request.user, project, report_pk)
    items = report.coordination_items.select_related("owner_department")
    return render(request, "projects/report_detail.html", {"project": project, "report": report, "items": items})


# -- coordination items ---------------------------------------------------------------------------

@require_perm("projects.advance", "projects.advance_assigned")
def coordination_create(request, pk):
    project = _project(request, pk)
    if not selectors.can_advance(request.user, project):
        raise PermissionDenied(reporting.MSG_NO_RAISE_RIGHT)
    form = CoordinationForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            item = reporting.coordination_raise(actor=request.user, project=project, **form.data_for_service())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_RAISED)
            return redirect("projects:coordination_detail", pk=item.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "projects/coordination_form.html", {"form": form, "project": project}, status=status)


def _filtered(request, **extra):
    form = CoordinationFilter(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return form, reporting.coordination_list(request.user).none()
    filters = {**(form.cleaned_data if form.is_bound else {}), **extra}
    return form, reporting.coordination_list(request.user, filters)


def _rows(items) -> list[dict]:
    today = clock.today()
    return [{
        "obj": i, "overdue": i.is_open and i.deadline < today,
        "department": i.owner_department.name if i.owner_department else "",
    } for i in items]


def _list_page(request, *, queue: bool):
    form, qs = _filtered(request, awaiting=queue)
    page = paginate(request, qs)
    context = {"filter": form, "page": page, "rows": _rows(page.object_list), "queue": queue,
               "filtered": any(v for k, v in request.GET.items() if k != "page")}
    return render_page(request, "projects/coordination_list.html", context, partial="projects/coordination_table.html")


@require_GET
@require_perm(*VIEW_PERMS)
def coordination_list(request):
    return _list_page(request, queue=False)


@require_GET
@require_perm(*VIEW_PERMS)
def coordination_queue(request):
    return _list_page(request, queue=True)


@require_GET
@require_perm(*VIEW_PERMS)
def coordination_export(request):
    _, qs = _filtered(request)
    today = clock.today()
    rows = ([i.pk, i.title, i.project.name, i.zone.short_name, i.owner_department.name if i.owner_department else "未指派",
             i.deadline, i.get_state_display(), "逾期" if i.is_open and i.deadline < today else "",
             i.raised_by.display_name if i.raised_by else "", timezone.localtime(i.created_at).replace(tzinfo=None),
             i.answer] for i in qs.iterator(chunk_size=2000))
    workbook = export_workbook("协调事项", EXPORT_HEADERS, rows)
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="coordination", filters=request.GET.dict())
    return xlsx_response(f"协调事项-{timezone.localtime():%Y%m%d-%H%M}.xlsx", workbook)


@require_GET
@require_perm(*VIEW_PERMS)
def coordination_detail(request, pk):
    item = reporting.coordination_detail(request.user, pk)
    return render(request, "projects/coordination_detail.html", {
        "item": item, "overdue": reporting.is_overdue(item),
        "actions": reporting.coordination_actions(request.user, item),
        "transitions": item.transitions.select_related("actor"),
        "action_form": ActionForm(item=item),
        "can_take_appeal": _can_take_appeal(request.user, item),
    })


def _can_take_appeal(user, item) -> bool:
    """A coordination need of the project's enterprise may become that enterprise's appeal."""
    from yuanqu.accounts.access import access_for

    intake = access_for(user).scope("appeals.intake")
    return bool(item.project.enterprise_id) and (intake.everywhere or item.zone_id in intake.zone_ids)


@require_POST
@require_perm(*VIEW_PERMS)
def coordination_act(request, pk, action):
    item = reporting.coordination_detail(request.user, pk)
    if action not in routing.STEPS:
        raise Http404
    form = ActionForm(request.POST, item=item)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("projects:coordination_detail", pk=pk)
    try:
        reporting.coordination_act(actor=request.user, item=item, action=action, note=form.cleaned_data["note"],
                                   department=form.cleaned_data["department"])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return render(request, "projects/coordination_detail.html", {
            "item": item, "overdue": reporting.is_overdue(item),
            "actions": reporting.coordination_actions(request.user, item),
            "transitions": item.transitions.select_related("actor"), "action_form": form,
        }, status=400)
    messages.success(request, f"已{routing.STEPS[action].label}。")
    return redirect("projects:coordination_detail", pk=pk)
