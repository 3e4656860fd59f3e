"""The catalogue of approval items (审批事项目录): the system administrator's list and form.

The catalogue is one list for every zone (not scoped), kept by the system administrator through
services.approval_item_save; everyone else gets a 403. The list exports to Excel with its filters
(?export=xlsx on the same URL)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common.excel import export_workbook, xlsx_response
from yuanqu.common.forms import add_service_errors
from yuanqu.common.views import paginate, require_perm

from . import selectors, services
from .catalogue_forms import ApprovalItemForm, CatalogueFilter
from .models import ApprovalItem

MSG_SAVED = "审批事项“{name}”已保存。"
EXPORT_HEADERS = ["排序", "审批事项", "类别", "审批部门", "法定时限(工作日)", "承诺时限(工作日)", "时限为默认值",
                  "前置事项", "开工前须办结", "可承诺制", "承诺核查期限(工作日)", "申报材料", "状态"]


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _export_rows(items):
    for i in items:
        yield [i.sort_order, i.name, i.get_category_display(), i.department_name, i.statutory_days, i.promised_days,
               _yes(i.limits_default), "、".join(p.name for p in i.prerequisites.all()), _yes(i.before_start),
               _yes(i.commitment_allowed), i.followup_days if i.commitment_allowed else "", "\n".join(i.material_list),
               "启用" if i.is_active else "停用"]


@require_GET
@require_perm(selectors.CATALOGUE)
def item_list(request):
    form = CatalogueFilter(request.GET)
    qs = form.filter(ApprovalItem.objects.prefetch_related("prerequisites").order_by("sort_order", "id"))
    if request.GET.get("export") == "xlsx":
        workbook = export_workbook("审批事项目录", EXPORT_HEADERS, _export_rows(qs))
        security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="approval_items",
                              filters=request.GET.dict())
        return xlsx_response(f"审批事项目录-{timezone.localtime():%Y%m%d-%H%M}.xlsx", workbook)
    page = paginate(request, qs, per_page=50)
    context = {
        "filter": form, "page": page,
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
        "defaults": ApprovalItem.objects.filter(limits_default=True).count(),
    }
    return render(request, "approvals/item_list.html", context)


def _form_page(request, item: ApprovalItem | None):
    form = ApprovalItemForm(request.POST or None, item=item)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = services.approval_item_save(
                    actor=request.user, item=item, data=form.for_service(),
                    prerequisites=form.cleaned_data["prerequisites"],
                    version=form.cleaned_data.get("version") if item else None)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, MSG_SAVED.format(name=saved.name))
                return redirect("approvals:item_list")
    return render(request, "approvals/item_form.html", {"form": form, "item": item}, status=status)


@require_perm(selectors.CATALOGUE)
def item_create(request):
    return _form_page(request, None)


@require_perm(selectors.CATALOGUE)
def item_edit(request, pk):
    return _form_page(request, get_object_or_404(ApprovalItem, pk=pk))


urlpatterns = [
    path("catalogue/", item_list, name="item_list"),
    path("catalogue/new/", item_create, name="item_create"),
    path("catalogue/<int:pk>/edit/", item_edit, name="item_edit"),
]
