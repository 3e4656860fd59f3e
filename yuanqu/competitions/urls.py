from django.urls import path

from . import views

app_name = "competitions"

urlpatterns = [
    path("", views.competition_list, name="competition_list"),
    path("new/", views.competition_create, name="competition_create"),
    path("<int:pk>/", views.competition_detail, name="competition_detail"),
    path("<int:pk>/terms/", views.term_add, name="term_add"),
    path("<int:pk>/terms/<int:term_pk>/delete/", views.term_delete, name="term_delete"),
    path("<int:pk>/periods/", views.period_add, name="period_add"),
    path("periods/<int:pk>/", views.period_detail, name="period_detail"),
    path("periods/<int:pk>/export.xlsx", views.period_export, name="period_export"),
    path("periods/<int:pk>/manual/<int:term_pk>/", views.manual_values_set, name="manual_values_set"),
    path("periods/<int:pk>/compute/", views.period_compute, name="period_compute"),
    path("periods/<int:pk>/publish/", views.period_publish, name="period_publish"),
    path("periods/<int:pk>/awards/", views.award_give, name="award_give"),
]
