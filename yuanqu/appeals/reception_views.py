"""reception_views"""

urlpatterns = []
