"""Writes to the security log. The change log itself is written by django-auditlog's signals."""

import ipaddress

from django.conf import settings

from .models import SecurityEvent


def _valid_ip(value) -> str | None:
    text = str(value).strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:4431
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.5:4431
        text = text.split(":")[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_addr(request) -> str | None:
    """The client's address as the logs record it. X-Forwarded-For is believed only as far as the
    operator says proxies of its own stand in front (YUANQU_TRUSTED_PROXIES, default none): each
    trusted proxy appends the address it saw, so the client is the N-th entry from the end; what a
    client writes at the front of the header is ignored. Only well-formed addresses are kept (a junk
    value would also break the write on PostgreSQL, whose inet column refuses it).
    audit.middleware gives the change log the same address."""
    if request is None:
        return None
    trusted = getattr(settings, "YUANQU_TRUSTED_PROXIES", 0)
    if trusted:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= trusted:
            forwarded = _valid_ip(hops[-trusted])
            if forwarded:
                return forwarded
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


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
