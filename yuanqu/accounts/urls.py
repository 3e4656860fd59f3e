from django.urls import path

from . import twofactor_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("me/", views.profile_view, name="profile"),
    path("me/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("2fa/verify/", twofactor_views.verify, name="twofactor_verify"),
    path("2fa/setup/", twofactor_views.setup, name="twofactor_setup"),
    path("2fa/remove/", twofactor_views.remove_own, name="twofactor_remove"),
    path("users/", views.user_list_view, name="user_list"),
    path("users/new/", views.user_create_view, name="user_create"),
    path("users/<int:pk>/", views.user_detail_view, name="user_detail"),
    path("users/<int:pk>/edit/", views.user_edit_view, name="user_edit"),
    path("users/<int:pk>/password/", views.user_password_view, name="user_password"),
    path("users/<int:pk>/active/", views.user_active_view, name="user_active"),
    path("users/<int:pk>/roles/", views.role_assign_view, name="role_assign"),
    path("users/<int:pk>/2fa/reset/", twofactor_views.reset_for_user, name="twofactor_reset"),
    path("users/<int:pk>/roles/<int:assignment_pk>/revoke/", views.role_revoke_view, name="role_revoke"),
]
