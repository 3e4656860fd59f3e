from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from yuanqu.audit.models import SecurityEvent
from yuanqu.common import clock

from .selectors import home_panels


@login_required
def home(request):
    panels = home_panels(request.user)
    zones = panels.get("zones") or []
    chart = None
    if len(zones) > 1:
        # Zones side by side for the city viewer: what ECharts draws from (json_script escapes it).
        chart = {
            "zones": [z.short_name for z in zones],
            "enterprises": [z.enterprise_count for z in zones],
            "above": [z.above_count for z in zones],
            "urls": [f"/registry/enterprises/?zone={z.pk}" for z in zones],
        }
    context = {"panels": panels, "today": clock.today(), "kinds": SecurityEvent.Kind, "chart": chart}
    return render(request, "dashboard/home.html", context)
