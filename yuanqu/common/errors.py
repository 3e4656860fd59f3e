"""Error pages in Chinese; a 403 is also written to the security log."""

from django.shortcuts import render

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record


def permission_denied(request, exception=None):
    security_event_record(kind=SecurityEvent.Kind.DENIED, request=request, reason=str(exception or "")[:200])
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)
