from django.urls import path

from . import reception_views, score_views, similar_views, views

app_name = "appeals"

urlpatterns = [
    path("", views.appeal_list, name="appeal_list"),
    path("queue/", views.appeal_queue, name="appeal_queue"),
    path("export.xlsx", views.appeal_export, name="appeal_export"),
    path("new/", views.appeal_create, name="appeal_create"),
    path("from-coordination/<int:item_pk>/", views.appeal_from_coordination, name="appeal_from_coordination"),
    path("<int:pk>/", views.appeal_detail, name="appeal_detail"),
    path("<int:pk>/assign/", views.appeal_assign, name="appeal_assign"),
    path("<int:pk>/act/<slug:action>/", views.appeal_act, name="appeal_act"),
    path("<int:pk>/rate/", views.appeal_rate, name="appeal_rate"),
    path("<int:pk>/supervise/", views.appeal_supervise, name="appeal_supervise"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path("categories/", views.category_list, name="category_list"),
    path("categories/new/", views.category_create, name="category_create"),
    path("categories/<int:pk>/edit/", views.category_edit, name="category_edit"),
]
# Reception days (reception_views), similar appeals and clusters (similar_views), department scores
# (score_views): each module owns its own patterns.
urlpatterns += reception_views.urlpatterns + similar_views.urlpatterns + score_views.urlpatterns
