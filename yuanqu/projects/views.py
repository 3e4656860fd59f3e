"""Project pages: the ledger, its kanban, a project's page, and the named lifecycle actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from yuanqu.audit.models import SecurityEvent
from yuanqu.common import clock, import_views
from yuanqu.common.forms import add_service_errors
from yuanqu.common.import_views import ImportPage
from yuanqu.audit.services import security_event_record
from yuanqu.common.excel import export_workbook, xlsx_response
from yuanqu.common.views import paginate, render_page, require_perm

from . import selectors, services
from .choices import STAGE_ORDER
from .filters import ProjectFilter
from .imports import ProjectImporter
from .forms import AdvanceForm, MilestoneForm, ProgressForm, ProjectForm, SubWorkForm
from .models import SubWork
from .tables import EXPORT_HEADERS, card_rows, project_export_rows, project_rows

MSG_SAVED = "已保存。"
KANBAN_CARDS = 20  # per column: a board of a province shows where the mass is, the ledger lists them all


def _filtered(request):
    fs = ProjectFilter(request.GET or None, queryset=selectors.project_list(request.user), user=request.user)
    if fs.is_bound and not fs.is_valid():
        return fs, fs.queryset.none()
    return fs, fs.qs


@require_GET
@require_perm("projects.view")
def project_list(request):
    fs, qs = _filtered(request)
    page = paginate(request, qs)
    context = {
        "filter": fs, "page": page, "rows": project_rows(page.object_list),
        "can_create": selectors.zones_for_change(request.user).exists(),
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
    }
    return render_page(request, "projects/list.html", context, partial="projects/_list_table.html")


@require_GET
@require_perm("projects.view")
def project_export(request):
    _, qs = _filtered(request)
    workbook = export_workbook("项目台账", EXPORT_HEADERS, project_export_rows(qs.iterator(chunk_size=2000)))
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="project", filters=request.GET.dict())
    return xlsx_response(f"项目台账-{timezone.localtime():%Y%m%d-%H%M}.xlsx", workbook)


@require_GET
@require_perm("projects.view")
def project_kanban(request):
    fs, qs = _filtered(request)
    # Counts in one grouped query; each column's first cards in one query per stage (a fixed nine).
    counts = dict(qs.order_by().values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    # A card needs the zone and owner only: joining the ledger's seven tables nine times made
    # PostgreSQL spend more time planning than running these queries.
    cards_qs = qs.select_related(None).select_related("zone", "enterprise").order_by("-is_key", "id")
    picked = {s.value: list(cards_qs.filter(stage=s)[:KANBAN_CARDS]) if counts.get(s.value) else [] for s in STAGE_ORDER}
    cards = card_rows(picked)
    board = [{"stage": s.label, "key": s.value, "cards": cards[s.value], "count": counts.get(s.value, 0)} for s in STAGE_ORDER]
    return render(request, "projects/kanban.html", {"filter": fs, "board": board, "querystring": request.GET.urlencode(),
                                                    "per_column": KANBAN_CARDS})


@require_GET
@require_perm("projects.view")
def project_detail(request, pk):
    project = selectors.project_detail(request.user, pk)
    context = {
        "project": project,
        "milestones": selectors.milestone_rows(project),
        "durations": selectors.durations(project),
        "subworks": [{"obj": sw, "rate": selectors.subwork_rate(sw)} for sw in project.subworks.all()],
        "progress": selectors.progress_summary(project),
        "transitions": project.transitions.select_related("actor"),
        "actions": services.actions_available(project.stage) if selectors.can_advance(request.user, project) else [],
        "can_change": selectors.can_change(request.user, project),
        "can_work": selectors.can_change(request.user, project) or selectors.can_advance(request.user, project),
        "advance_form": AdvanceForm(),
        "milestone_form": MilestoneForm(),
        "progress_form": ProgressForm(initial={"date": clock.today()}),
        "progress_records": list(project.progress_records.all())[::-1][:12],
    }
    return render(request, "projects/detail.html", context)


def _project_form(request, project=None):
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if project is None:
                    project = services.project_create(actor=request.user, data=form.data_for_service())
                else:
                    project = services.project_update(actor=request.user, project=project,
                                                      version=form.cleaned_data.get("version"), data=form.data_for_service())
                services.project_batches_set(actor=request.user, project=project, batches=form.batches_for_service())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_SAVED)
            return redirect("projects:project_detail", pk=project.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "projects/form.html", {"form": form, "project": project}, status=status)


@require_perm("projects.change")
def project_create(request):
    if not selectors.zones_for_change(request.user).exists():
        raise PermissionDenied("projects.change")
    return _project_form(request)


@require_perm("projects.change")
def project_edit(request, pk):
    project = get_object_or_404(selectors.project_list(request.user), pk=pk)
    if not selectors.can_change(request.user, project):
        raise PermissionDenied("projects.change")
    return _project_form(request, project)


@require_POST
@require_perm("projects.advance", "projects.advance_assigned")
def project_advance(request, pk, action):
    project = get_object_or_404(selectors.project_list(request.user), pk=pk)
    if action not in services.ACTIONS:
        raise Http404
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写发生日期。")
        return redirect("projects:project_detail", pk=pk)
    try:
        services.project_advance(actor=request.user, project=project, action=action, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"已记录:{services.ACTIONS[action].label}。")
    return redirect("projects:project_detail", pk=pk)


@require_POST
@require_perm("projects.change")
def milestone_set(request, pk):
    project = get_object_or_404(selectors.project_list(request.user), pk=pk)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_plan(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, MSG_SAVED)
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("projects:project_detail", pk=pk)


def _subwork_form(request, project, subwork=None):
    form = SubWorkForm(request.POST or None, instance=subwork)
    if request.method == "POST" and form.is_valid():
        try:
            services.subwork_save(actor=request.user, project=project, subwork=subwork,
                                  version=form.cleaned_data.get("version"), data=form.data_for_service())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_SAVED)
            return redirect("projects:project_detail", pk=project.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "projects/subwork_form.html", {"form": form, "project": project, "subwork": subwork}, status=status)


@require_perm("projects.change", "projects.advance_assigned")
def subwork_create(request, pk):
    project = get_object_or_404(selectors.project_list(request.user), pk=pk)
    if not (selectors.can_change(request.user, project) or selectors.can_advance(request.user, project)):
        raise PermissionDenied("projects.change")
    return _subwork_form(request, project)


@require_perm("projects.change", "projects.advance_assigned")
def subwork_edit(request, pk, subwork_pk):
    project = get_object_or_404(selectors.project_list(request.user), pk=pk)
    subwork = get_object_or_404(SubWork, pk=subwork_pk, project=project)
    if not (selectors.can_change(request.user, project) or selectors.can_advance(request.user, project)):
        raise PermissionDenied("projects.change")
    return _subwork_form(request, project, subwork)


@require_POST
@require_perm("projects.change", "projects.advance_assigned")
def progress_add(request, pk):
    project = get_object_or_404(selectors.project_list(request.user), pk=pk)
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            services.progress_record(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, MSG_SAVED)
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("projects:project_detail", pk=pk)


# -- Excel import of the ledger: the shared flow of common/import_views ---------------------------


def _import_page(request) -> ImportPage:
    if not selectors.zones_for_change(request.user).exists():
        raise PermissionDenied("projects.change")
    return ImportPage(
        importer=ProjectImporter(request.user), back_url=reverse("projects:project_list"), back_label="项目台账",
        upload_url=reverse("projects:project_import"), commit_url=reverse("projects:project_import_commit"),
        template_url=reverse("projects:project_import_template"),
    )


@require_GET
@require_perm("projects.change")
def project_import_template(request):
    return import_views.import_template(_import_page(request))


@require_perm("projects.change")
def project_import(request):
    return import_views.import_upload(request, _import_page(request))


@require_POST
@require_perm("projects.change")
def project_import_commit(request):
    return import_views.import_commit(request, _import_page(request))
