"""Who made a change, for change-log rows written outside a request.

Inside a request AuditlogMiddleware names the signed-in user. A service called from a management
command, a timer or another service has no request, so its rows would name nobody although the
service was told its actor; `records_actor` fills that gap. (auditlog's own set_actor is not used
here: it replaces the request's context, remote address included, for the rest of the request.)
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

_actor: ContextVar = ContextVar("yuanqu_audit_actor", default=None)


def current_actor():
    return _actor.get()


@contextmanager
def acting_as(actor):
    token = _actor.set(actor if getattr(actor, "is_authenticated", False) else None)
    try:
        yield
    finally:
        _actor.reset(token)


def records_actor(service):
    """For a service called as service(*, actor, ...): its change-log rows name that actor."""

    @wraps(service)
    def wrapped(*args, actor, **kwargs):
        with acting_as(actor):
            return service(*args, actor=actor, **kwargs)

    return wrapped
