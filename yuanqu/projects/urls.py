from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("export.xlsx", views.project_export, name="project_export"),
    path("kanban/", views.project_kanban, name="project_kanban"),
    path("import/", views.project_import, name="project_import"),
    path("import/confirm/", views.project_import_commit, name="project_import_commit"),
    path("import/template.xlsx", views.project_import_template, name="project_import_template"),
    path("new/", views.project_create, name="project_create"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/advance/<slug:action>/", views.project_advance, name="project_advance"),
    path("<int:pk>/milestones/", views.milestone_set, name="milestone_set"),
    path("<int:pk>/progress/", views.progress_add, name="progress_add"),
    path("<int:pk>/subworks/new/", views.subwork_create, name="subwork_create"),
    path("<int:pk>/subworks/<int:subwork_pk>/edit/", views.subwork_edit, name="subwork_edit"),
]

# Weekly reports and coordination items (reporting_views).
from . import reporting_views  # noqa: E402

urlpatterns += [
    path("<int:pk>/reports/", reporting_views.report_list, name="report_list"),
    path("<int:pk>/reports/new/", reporting_views.report_create, name="report_create"),
    path("<int:pk>/reports/<int:report_pk>/", reporting_views.report_detail, name="report_detail"),
    path("<int:pk>/coordination/new/", reporting_views.coordination_create, name="coordination_create"),
    path("coordination/", reporting_views.coordination_list, name="coordination_list"),
    path("coordination/queue/", reporting_views.coordination_queue, name="coordination_queue"),
    path("coordination/export.xlsx", reporting_views.coordination_export, name="coordination_export"),
    path("coordination/<int:pk>/", reporting_views.coordination_detail, name="coordination_detail"),
    path("coordination/<int:pk>/<slug:action>/", reporting_views.coordination_act, name="coordination_act"),
]

# The milestone timeline (进度图, yuanqu/projects/timeline.py).
from . import timeline  # noqa: E402

urlpatterns += [path("timeline/", timeline.project_timeline, name="project_timeline")]
