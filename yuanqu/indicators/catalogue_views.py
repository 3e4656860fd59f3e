"""The indicator catalogue (指标目录): readable by whoever reads the figures, kept by the system
administrator through services.indicator_save."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET

from yuanqu.common.forms import add_service_errors
from yuanqu.common.views import paginate, require_perm

from . import selectors, services
from .forms import IndicatorForm
from .models import Indicator

MSG_SAVED = "指标“{name}”已保存。"


@require_GET
@require_perm(selectors.VIEW, selectors.CATALOGUE)
def indicator_list(request):
    q = request.GET.get("q", "").strip()[:40]
    qs = selectors.indicator_list().order_by("sort_order", "id")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    page = paginate(request, qs, per_page=50)
    context = {"page": page, "q": q, "can_edit": request.access.has(selectors.CATALOGUE)}
    return render(request, "indicators/indicator_list.html", context)


def _form_page(request, indicator: Indicator | None):
    form = IndicatorForm(request.POST or None, instance=indicator)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = services.indicator_save(actor=request.user, data=form.for_service(), indicator=indicator,
                                                version=form.cleaned_data.get("version") if indicator else None)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, MSG_SAVED.format(name=saved.name))
                return redirect("indicators:indicator_list")
    return render(request, "indicators/indicator_form.html", {"form": form, "indicator": indicator}, status=status)


@require_perm(selectors.CATALOGUE)
def indicator_create(request):
    return _form_page(request, None)


@require_perm(selectors.CATALOGUE)
def indicator_edit(request, pk):
    # The catalogue is not scoped: one list for every zone.
    return _form_page(request, get_object_or_404(Indicator, pk=pk))


urlpatterns = [
    path("catalogue/", indicator_list, name="indicator_list"),
    path("catalogue/new/", indicator_create, name="indicator_create"),
    path("catalogue/<int:pk>/edit/", indicator_edit, name="indicator_edit"),
]
