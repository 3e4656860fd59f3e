from . import board_views, case_views, catalogue_views, detail_views, report_views, task_views

app_name = "approvals"

# Each module owns its patterns: the board and the queue (board_views), the signing → start report
# (report_views), a case's page, actions and plan (detail_views), opening and editing cases
# (case_views), the 三个提前 checklist (task_views) and the catalogue (catalogue_views).
urlpatterns = (board_views.urlpatterns + report_views.urlpatterns + catalogue_views.urlpatterns
               + case_views.urlpatterns + task_views.urlpatterns + detail_views.urlpatterns)
