"""The case board (审批看板: every case in scope, filtered, paged, exported) and the queue of
items waiting on the signed-in user (待我办理).

PLACEHOLDER: URL names and paths are fixed; the views are being built."""

from django.http import Http404
from django.urls import path


def case_list(request, **kwargs):
    raise Http404


def queue(request, **kwargs):
    raise Http404


urlpatterns = [
    path("", case_list, name="case_list"),
    path("queue/", queue, name="queue"),
]
