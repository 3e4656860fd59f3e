from . import bulletin_views, catalogue_views, cockpit_views, import_views, value_views

app_name = "indicators"

# Each module owns its patterns: the values ledger (value_views), the catalogue (catalogue_views),
# Excel import, enterprises' reports and their check (import_views), bulletins (bulletin_views) and
# the leader cockpit (cockpit_views).
urlpatterns = (value_views.urlpatterns + catalogue_views.urlpatterns + import_views.urlpatterns
               + bulletin_views.urlpatterns + cockpit_views.urlpatterns)
