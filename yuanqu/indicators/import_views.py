"""Placeholder: its owner replaces this module."""

from django.http import Http404
from django.urls import path



def value_import(request, **kwargs):
    raise Http404


def value_import_template(request, **kwargs):
    raise Http404


def report_list(request, **kwargs):
    raise Http404


def report_create(request, **kwargs):
    raise Http404


def review_list(request, **kwargs):
    raise Http404


def value_review(request, **kwargs):
    raise Http404


urlpatterns = [
    path("import/", value_import, name="value_import"),
    path("import/template.xlsx", value_import_template, name="value_import_template"),
    path("report/", report_list, name="report_list"),
    path("report/new/", report_create, name="report_create"),
    path("review/", review_list, name="review_list"),
    path("<int:pk>/review/<slug:action>/", value_review, name="value_review"),
]
