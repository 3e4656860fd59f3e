"""Opening and editing a case: its project or event, agent, dates and items (add, route to a
department, plan on commitment, remove one picked by mistake).

Views stay thin: the forms offer the zone's choices, the services check and write (one transaction
each), their refusals go back onto the form's fields."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from yuanqu.common.forms import add_service_errors
from yuanqu.common.views import require_perm
from yuanqu.projects.models import Project

from . import selectors, services
from .case_forms import CaseEditForm, CaseItemForm, CaseOpenForm, ItemsAddForm, open_zones
from .choices import ItemState

MSG_OPENED = "已新建审批办件“{title}”,共{n}个审批事项。"
MSG_CASE_SAVED = "办件信息已保存。"
MSG_ITEMS_ADDED = "已增加{n}个审批事项。"
MSG_ITEM_SAVED = "“{name}”已保存。"
MSG_ITEM_REMOVED = "已移除“{name}”。"
MSG_PROJECT_HAS_CASE = "该项目已有审批办件,可在办件中增加事项。"


def form_status(request) -> int:
    return 400 if request.method == "POST" else 200


def changeable_case(request, pk):
    """The case if the user sees it (else 404) and may change it (else 403)."""
    case = selectors.case_detail(request.user, pk)
    if not selectors.may_change_case(request.user, case):
        raise PermissionDenied(services.MSG_NO_CHANGE_RIGHT)
    return case


def changeable_item(request, pk, item_pk):
    case_item = selectors.case_item_for(request.user, pk, item_pk)
    if not selectors.may_change_case(request.user, case_item.case):
        raise PermissionDenied(services.MSG_NO_CHANGE_RIGHT)
    return case_item


@require_perm(selectors.OPEN)
def case_create(request):
    zones = open_zones(request.user)
    if not zones.exists():  # a role limited to one park reads cases but opens none
        raise PermissionDenied(services.MSG_NO_OPEN_RIGHT)
    project = None
    raw = request.GET.get("project", "")
    if raw.isdigit():
        project = Project.objects.filter(pk=int(raw), zone__in=zones).select_related("approval_case").first()
        if project is None:
            raise Http404("项目不存在或不在您可办件的园区。")
        if hasattr(project, "approval_case"):
            messages.info(request, MSG_PROJECT_HAS_CASE)
            return redirect("approvals:case_detail", pk=project.approval_case.pk)
    initial = {"kind": request.GET["kind"]} if request.GET.get("kind") == "event" else {}
    form = CaseOpenForm(request.POST if request.method == "POST" else None, user=request.user, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, **form.data_for_service())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_OPENED.format(title=case.title, n=case.items.count()))
            return redirect("approvals:case_detail", pk=case.pk)
    return render(request, "approvals/case_form.html", {"form": form, "project": project}, status=form_status(request))


@require_perm(selectors.VIEW)
def case_edit(request, pk):
    case = changeable_case(request, pk)
    form = CaseEditForm(request.POST if request.method == "POST" else None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(actor=request.user, case=case, data=form.data_for_service(),
                                 version=form.cleaned_data.get("version"))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_CASE_SAVED)
            return redirect("approvals:case_detail", pk=case.pk)
    return render(request, "approvals/case_form.html", {"form": form, "case": case}, status=form_status(request))


@require_perm(selectors.VIEW)
def case_items_add(request, pk):
    case = changeable_case(request, pk)
    form = ItemsAddForm(request.POST if request.method == "POST" else None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            rows = services.case_items_add(actor=request.user, case=case, **form.items_for_service())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_ITEMS_ADDED.format(n=len(rows)))
            return redirect("approvals:case_detail", pk=case.pk)
    return render(request, "approvals/case_items_form.html", {"form": form, "case": case}, status=form_status(request))


@require_perm(selectors.VIEW)
def case_item_edit(request, pk, item_pk):
    case_item = changeable_item(request, pk, item_pk)
    form = CaseItemForm(request.POST if request.method == "POST" else None, case_item=case_item)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_item_update(actor=request.user, case_item=case_item, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_ITEM_SAVED.format(name=case_item.item.name))
            return redirect("approvals:case_detail", pk=case_item.case_id)
    return render(request, "approvals/case_item_form.html",
                  {"form": form, "case_item": case_item, "case": case_item.case}, status=form_status(request))


@require_perm(selectors.VIEW)
def case_item_remove(request, pk, item_pk):
    case_item = changeable_item(request, pk, item_pk)
    # Said before the button, not only after it: the service refuses the same (and is the check).
    started = case_item.state != ItemState.PENDING or case_item.transitions.exists()
    error = services.MSG_REMOVE_STARTED.format(name=case_item.item.name) if started else ""
    if request.method == "POST":
        try:
            services.case_item_remove(actor=request.user, case_item=case_item)
        except ValidationError as exc:
            error = "；".join(exc.messages)
        else:
            messages.success(request, MSG_ITEM_REMOVED.format(name=case_item.item.name))
            return redirect("approvals:case_detail", pk=case_item.case_id)
    return render(request, "approvals/case_item_confirm_remove.html",
                  {"case_item": case_item, "case": case_item.case, "error": error, "started": started},
                  status=form_status(request))


urlpatterns = [
    path("new/", case_create, name="case_create"),
    path("<int:pk>/edit/", case_edit, name="case_edit"),
    path("<int:pk>/items/add/", case_items_add, name="case_items_add"),
    path("<int:pk>/items/<int:item_pk>/edit/", case_item_edit, name="case_item_edit"),
    path("<int:pk>/items/<int:item_pk>/remove/", case_item_remove, name="case_item_remove"),
]
