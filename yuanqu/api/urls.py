"""The REST API (django-ninja) with its OpenAPI document; see yuanqu/api/api.py."""

urlpatterns = []
