"""Placeholder: its owner replaces this module."""

from django.http import Http404
from django.urls import path



def cockpit(request, **kwargs):
    raise Http404


urlpatterns = [
    path("cockpit/", cockpit, name="cockpit"),
]
