"""One set of URLs per kind of record: /registry/enterprises/, /registry/enterprises/3/edit/ …

Named `<kind>_<action>` (enterprise_list, official_import …) so links and the permission matrix
name each page plainly.
"""

from django.urls import path

from . import views
from .imports import IMPORTERS
from .kinds import KINDS

app_name = "registry"

urlpatterns = []
for key in KINDS:
    k = {"kind": key}
    urlpatterns += [
        path(f"{key}s/", views.object_list, k, name=f"{key}_list"),
        path(f"{key}s/export.xlsx", views.object_export, k, name=f"{key}_export"),
        path(f"{key}s/new/", views.object_create, k, name=f"{key}_create"),
        path(f"{key}s/<int:pk>/", views.object_detail, k, name=f"{key}_detail"),
        path(f"{key}s/<int:pk>/edit/", views.object_edit, k, name=f"{key}_edit"),
    ]
    if key in ("enterprise", "official"):
        urlpatterns.append(path(f"{key}s/<int:pk>/phone/", views.object_phone, k, name=f"{key}_phone"))
    if key in IMPORTERS:
        urlpatterns += [
            path(f"{key}s/import/", views.import_upload, k, name=f"{key}_import"),
            path(f"{key}s/import/confirm/", views.import_commit, k, name=f"{key}_import_commit"),
            path(f"{key}s/import/template.xlsx", views.import_template, k, name=f"{key}_import_template"),
        ]
