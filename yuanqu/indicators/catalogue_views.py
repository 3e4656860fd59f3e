"""Placeholder: its owner replaces this module."""

from django.http import Http404
from django.urls import path



def indicator_list(request, **kwargs):
    raise Http404


def indicator_create(request, **kwargs):
    raise Http404


def indicator_edit(request, **kwargs):
    raise Http404


urlpatterns = [
    path("catalogue/", indicator_list, name="indicator_list"),
    path("catalogue/new/", indicator_create, name="indicator_create"),
    path("catalogue/<int:pk>/edit/", indicator_edit, name="indicator_edit"),
]
