"""A case's page (its items, their clocks and lights, what is asked of the enterprise, the
三个提前 checklist, the log), the form of each named item action, and the plan (critical path).

PLACEHOLDER: URL names and paths are fixed; the views are being built."""

from django.http import Http404
from django.urls import path


def case_detail(request, **kwargs):
    raise Http404


def case_plan(request, **kwargs):
    raise Http404


def item_action(request, **kwargs):
    raise Http404


urlpatterns = [
    path("<int:pk>/", case_detail, name="case_detail"),
    path("<int:pk>/plan/", case_plan, name="case_plan"),
    path("<int:pk>/items/<int:item_pk>/act/<slug:action>/", item_action, name="item_action"),
]
