"""Error pages in Chinese; a 403 is also written to the security log."""

import re

from django.shortcuts import render

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record


_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def permission_denied(request, exception=None):
    reason = str(exception or "")
    security_event_record(kind=SecurityEvent.Kind.DENIED, request=request, reason=reason[:200])
    # A service's own sentence (Chinese: "“环评审批”已交由…承办") tells the user why; a bare
    # permission name ("approvals.view") is for the log only.
    return render(request, "errors/403.html", {"reason": reason if _CHINESE.search(reason) else ""}, status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)
