"""Permission matrix of the audit pages: only the audit admin reads them."""

from yuanqu.testing.matrix import Case


def _entry(w):
    from yuanqu.audit.models import AuditEntry

    return {"pk": AuditEntry.objects.order_by("id").first().pk}


AUD = {"auditor"}

CASES = [
    Case("audit:entry_list", ok=AUD),
    Case("audit:entry_detail", ok=AUD, kwargs=_entry),
    Case("audit:entry_export", ok=AUD),
    Case("audit:event_list", ok=AUD),
    Case("audit:event_export", ok=AUD),
]


