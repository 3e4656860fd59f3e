"""score_views"""

urlpatterns = []
