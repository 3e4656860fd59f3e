"""The 三个提前 checklist of a case: add, edit and delete its lines (the zone's leader or the case's
agent; services.service_task_save / service_task_delete check and write)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from yuanqu.common.forms import add_service_errors
from yuanqu.common.views import require_perm

from . import selectors, services
from .case_views import changeable_case, form_status
from .models import ServiceTask
from .task_forms import ServiceTaskForm

MSG_TASK_SAVED = "三个提前服务“{title}”已保存。"
MSG_TASK_DELETED = "已删除三个提前服务“{title}”。"


def _task_form(request, case, task=None):
    form = ServiceTaskForm(request.POST if request.method == "POST" else None, task=task)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.service_task_save(actor=request.user, case=case, task=task, data=form.data_for_service(),
                                               version=form.cleaned_data.get("version"))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_TASK_SAVED.format(title=saved.title))
            return redirect("approvals:case_detail", pk=case.pk)
    return render(request, "approvals/task_form.html", {"form": form, "case": case, "task": task},
                  status=form_status(request))


@require_perm(selectors.VIEW)
def task_create(request, pk):
    return _task_form(request, changeable_case(request, pk))


@require_perm(selectors.VIEW)
def task_edit(request, pk, task_pk):
    case = changeable_case(request, pk)
    return _task_form(request, case, get_object_or_404(ServiceTask, pk=task_pk, case=case))


@require_perm(selectors.VIEW)
def task_delete(request, pk, task_pk):
    case = changeable_case(request, pk)
    task = get_object_or_404(ServiceTask, pk=task_pk, case=case)
    if request.method == "POST":
        services.service_task_delete(actor=request.user, task=task)
        messages.success(request, MSG_TASK_DELETED.format(title=task.title))
        return redirect("approvals:case_detail", pk=case.pk)
    return render(request, "approvals/task_confirm_delete.html", {"case": case, "task": task})


urlpatterns = [
    path("<int:pk>/tasks/new/", task_create, name="task_create"),
    path("<int:pk>/tasks/<int:task_pk>/edit/", task_edit, name="task_edit"),
    path("<int:pk>/tasks/<int:task_pk>/delete/", task_delete, name="task_delete"),
]
