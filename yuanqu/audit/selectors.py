from django.db.models import QuerySet

from yuanqu.accounts.access import access_for

from .models import AuditEntry, SecurityEvent


def audit_entry_list(user) -> QuerySet[AuditEntry]:
    if not access_for(user).has("audit.view"):
        return AuditEntry.objects.none()
    return AuditEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-id")


def security_event_list(user) -> QuerySet[SecurityEvent]:
    if not access_for(user).has("audit.view"):
        return SecurityEvent.objects.none()
    return SecurityEvent.objects.select_related("actor").order_by("-timestamp", "-id")
