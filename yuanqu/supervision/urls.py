from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.board, name="board"),
    path("projects/<int:pk>/supervise/", views.project_supervise, name="project_supervise"),
    path("settings/", views.settings_list, name="settings_list"),
    path("settings/<int:zone_pk>/", views.settings_edit, name="settings_edit"),
]
