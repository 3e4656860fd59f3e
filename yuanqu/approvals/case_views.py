"""Opening and editing a case: its project or event, agent, dates and items (add, route to a
department, plan on commitment, remove one picked by mistake).

PLACEHOLDER: URL names and paths are fixed; the views are being built."""

from django.http import Http404
from django.urls import path


def case_create(request, **kwargs):
    raise Http404


def case_edit(request, **kwargs):
    raise Http404


def case_items_add(request, **kwargs):
    raise Http404


def case_item_edit(request, **kwargs):
    raise Http404


def case_item_remove(request, **kwargs):
    raise Http404


urlpatterns = [
    path("new/", case_create, name="case_create"),
    path("<int:pk>/edit/", case_edit, name="case_edit"),
    path("<int:pk>/items/add/", case_items_add, name="case_items_add"),
    path("<int:pk>/items/<int:item_pk>/edit/", case_item_edit, name="case_item_edit"),
    path("<int:pk>/items/<int:item_pk>/remove/", case_item_remove, name="case_item_remove"),
]
