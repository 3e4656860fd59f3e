"""The REST API (django-ninja) with its OpenAPI document; see yuanqu/api/api.py.

Names live under the "api" namespace: api:appeal_list, api:openapi-json, api:openapi-view …"""

from django.urls import path

from .api import api

urlpatterns = [path("", api.urls)]
