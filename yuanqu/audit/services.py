"""Writes to the security log. The change log itself is written by django-auditlog's signals."""

from auditlog.middleware import AuditlogMiddleware

from .models import SecurityEvent


def client_addr(request) -> str | None:
    if request is None:
        return None
    # Same rule as the change log, so both logs name the same address for one request.
    return AuditlogMiddleware._get_remote_addr(request) or None


def security_event_record(*, kind: str, request=None, actor=None, username: str = "", **detail) -> SecurityEvent:
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        if request.user.is_authenticated:
            actor = request.user
    if actor is not None and not username:
        username = actor.get_username()
    return SecurityEvent.objects.create(
        kind=kind,
        actor=actor,
        username=username[:150],
        remote_addr=client_addr(request),
        path=(request.get_full_path()[:500] if request is not None else ""),
        detail=detail,
    )
