from django.urls import include, path

urlpatterns = [
    path("", include("yuanqu.dashboard.urls")),
    path("accounts/", include("yuanqu.accounts.urls")),
    path("registry/", include("yuanqu.registry.urls")),
    path("projects/", include("yuanqu.projects.urls")),
    path("inbox/", include("yuanqu.inbox.urls")),
    path("supervision/", include("yuanqu.supervision.urls")),
    path("dispatch/", include("yuanqu.dispatch.urls")),
    path("competitions/", include("yuanqu.competitions.urls")),
    path("appeals/", include("yuanqu.appeals.urls")),
    path("indicators/", include("yuanqu.indicators.urls")),
    path("approvals/", include("yuanqu.approvals.urls")),
    path("api/", include("yuanqu.api.urls")),
    path("audit/", include("yuanqu.audit.urls")),
    path("calendar/", include("yuanqu.holidays.urls")),
]

handler400 = "yuanqu.common.errors.bad_request"
handler403 = "yuanqu.common.errors.permission_denied"
handler404 = "yuanqu.common.errors.page_not_found"
handler500 = "yuanqu.common.errors.server_error"
