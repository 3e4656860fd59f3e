from django.urls import path

from . import views

app_name = "inbox"

urlpatterns = [
    path("", views.message_list, name="message_list"),
    path("<int:pk>/", views.message_open, name="message_open"),
    path("read-all/", views.mark_all_read, name="mark_all_read"),
]
