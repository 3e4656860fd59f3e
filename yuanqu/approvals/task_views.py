"""The 三个提前 checklist of a case: add, edit and delete its lines.

PLACEHOLDER: URL names and paths are fixed; the views are being built."""

from django.http import Http404
from django.urls import path


def task_create(request, **kwargs):
    raise Http404


def task_edit(request, **kwargs):
    raise Http404


def task_delete(request, **kwargs):
    raise Http404


urlpatterns = [
    path("<int:pk>/tasks/new/", task_create, name="task_create"),
    path("<int:pk>/tasks/<int:task_pk>/edit/", task_edit, name="task_edit"),
    path("<int:pk>/tasks/<int:task_pk>/delete/", task_delete, name="task_delete"),
]
