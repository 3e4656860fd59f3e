"""The catalogue of approval items (审批事项目录): the system administrator's list and form.

PLACEHOLDER: URL names and paths are fixed; the views are being built."""

from django.http import Http404
from django.urls import path


def item_list(request, **kwargs):
    raise Http404


def item_create(request, **kwargs):
    raise Http404


def item_edit(request, **kwargs):
    raise Http404


urlpatterns = [
    path("catalogue/", item_list, name="item_list"),
    path("catalogue/new/", item_create, name="item_create"),
    path("catalogue/<int:pk>/edit/", item_edit, name="item_edit"),
]
