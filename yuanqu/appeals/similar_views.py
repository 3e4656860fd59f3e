"""similar_views"""

urlpatterns = []
