"""Placeholder: its owner replaces this module."""

from django.http import Http404
from django.urls import path



def bulletin(request, **kwargs):
    raise Http404


def bulletin_docx(request, **kwargs):
    raise Http404


urlpatterns = [
    path("bulletin/", bulletin, name="bulletin"),
    path("bulletin.docx", bulletin_docx, name="bulletin_docx"),
]
