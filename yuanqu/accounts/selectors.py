from django.db.models import Q, QuerySet

from .access import access_for
from .models import User


def user_list(actor, *, q: str = "", role: str = "") -> QuerySet[User]:
    """Users, for the security admin only (others get an empty list)."""
    if not access_for(actor).has("accounts.manage"):
        return User.objects.none()
    qs = User.objects.prefetch_related("roles__zone", "roles__park", "roles__department", "roles__enterprise")
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(name__icontains=q))
    if role:
        qs = qs.filter(roles__role=role).distinct()
    return qs.order_by("username")
