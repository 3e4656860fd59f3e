from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from yuanqu.audit.models import SecurityEvent
from yuanqu.common import clock

from .selectors import home_panels


@login_required
def home(request):
    panels = home_panels(request.user)
    return render(request, "dashboard/home.html", {"panels": panels, "today": clock.today(), "kinds": SecurityEvent.Kind})
