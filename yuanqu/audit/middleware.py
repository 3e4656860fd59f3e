from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware

from .services import client_addr


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog's middleware, recording the same well-formed address as the security log."""

    @staticmethod
    def _get_remote_addr(request):
        return client_addr(request)
