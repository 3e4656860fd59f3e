"""Logins, logouts, failed logins and lockouts go to the security log."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import SecurityEvent
from .services import security_event_record


@receiver(user_logged_in, dispatch_uid="yuanqu_audit_login")
def on_login(sender, request, user, **kwargs):
    security_event_record(kind=SecurityEvent.Kind.LOGIN, request=request, actor=user)


@receiver(user_logged_out, dispatch_uid="yuanqu_audit_logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        security_event_record(kind=SecurityEvent.Kind.LOGOUT, request=request, actor=user)


@receiver(user_login_failed, dispatch_uid="yuanqu_audit_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    security_event_record(
        kind=SecurityEvent.Kind.LOGIN_FAILED, request=request, username=credentials.get("username") or ""
    )


@receiver(user_locked_out, dispatch_uid="yuanqu_audit_lockout")
def on_lockout(sender, request, username, ip_address, **kwargs):
    security_event_record(kind=SecurityEvent.Kind.LOCKOUT, request=request, username=username or "")
