from django.urls import path

from . import views

app_name = "holidays"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("years/", views.year_create, name="year_create"),
    path("days/", views.day_add, name="day_add"),
    path("days/<int:pk>/remove/", views.day_remove, name="day_remove"),
]
