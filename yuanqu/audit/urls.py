from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.entry_list, name="entry_list"),
    path("changes/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("changes/export.xlsx", views.entry_export, name="entry_export"),
    path("events/", views.event_list, name="event_list"),
    path("events/export.xlsx", views.event_export, name="event_export"),
]
