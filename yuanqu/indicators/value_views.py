"""Placeholder: its owner replaces this module."""

from django.http import Http404
from django.urls import path



def value_list(request, **kwargs):
    raise Http404


def value_export(request, **kwargs):
    raise Http404


def value_create(request, **kwargs):
    raise Http404


def value_detail(request, **kwargs):
    raise Http404


def value_edit(request, **kwargs):
    raise Http404


urlpatterns = [
    path("", value_list, name="value_list"),
    path("export.xlsx", value_export, name="value_export"),
    path("new/", value_create, name="value_create"),
    path("<int:pk>/", value_detail, name="value_detail"),
    path("<int:pk>/edit/", value_edit, name="value_edit"),
]
