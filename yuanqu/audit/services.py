"""Writes to the security log. The change log itself is written by django-auditlog's signals."""

import ipaddress

from auditlog.middleware import AuditlogMiddleware

from .models import SecurityEvent


def _valid_ip(value) -> str | None:
    try:
        return str(ipaddress.ip_address(str(value).strip()))
    except ValueError:
        return None


def client_addr(request) -> str | None:
    """auditlog's rule (the first X-Forwarded-For entry, else REMOTE_ADDR), kept to well-formed
    addresses: a forged header must not put junk in the logs, nor break the write on PostgreSQL,
    whose inet column refuses it. audit.middleware gives the change log the same address."""
    if request is None:
        return None
    forwarded = AuditlogMiddleware._get_remote_addr(request)
    return _valid_ip(forwarded) or _valid_ip(request.META.get("REMOTE_ADDR", ""))


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
