"""Working days from signing to construction start, per project and across projects, with each
case's slowest items named (审批时效).

PLACEHOLDER: URL names and paths are fixed; the views are being built."""

from django.http import Http404
from django.urls import path


def timeliness(request, **kwargs):
    raise Http404


urlpatterns = [
    path("timeliness/", timeliness, name="timeliness"),
]
