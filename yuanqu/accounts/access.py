"""What a signed-in user may do, and where: computed once per request from its role assignments.

`access_for(user).scope("registry.view")` says which zones, parks, departments and enterprises a
permission reaches, so a user who is an enterprise user in one place and a liaison in another gets
each permission only where the role that grants it applies.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from .roles import ROLE_PERMISSIONS, Role


@dataclass
class ScopeSet:
    """Where one permission applies."""

    everywhere: bool = False
    zone_ids: set[int] = field(default_factory=set)
    park_ids: set[int] = field(default_factory=set)  # zone roles limited to one park
    department_ids: set[int] = field(default_factory=set)
    department_zone_ids: set[int] = field(default_factory=set)
    enterprise_ids: set[int] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (
            self.everywhere
            or self.zone_ids
            or self.park_ids
            or self.department_ids
            or self.enterprise_ids
        )


@dataclass
class Access:
    user_id: int | None
    roles: list  # RoleAssignment rows
    scopes: dict[str, ScopeSet]

    @property
    def role_names(self) -> set[str]:
        return {a.role for a in self.roles}

    def has(self, perm: str) -> bool:
        scope = self.scopes.get(perm)
        return scope is not None and not scope.empty

    def scope(self, perm: str) -> ScopeSet:
        return self.scopes.get(perm) or ScopeSet()

    def require(self, perm: str) -> None:
        if not self.has(perm):
            raise PermissionDenied(perm)

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_names & set(roles))


_EMPTY = Access(user_id=None, roles=[], scopes={})


def access_for(user) -> Access:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _EMPTY
    cached = getattr(user, "_yuanqu_access", None)
    if cached is not None:
        return cached
    assignments = list(
        user.roles.select_related("zone", "park", "department__zone", "enterprise__zone")
    )
    scopes: dict[str, ScopeSet] = {}
    for a in assignments:
        for perm in ROLE_PERMISSIONS.get(Role(a.role), ()):
            s = scopes.setdefault(perm, ScopeSet())
            if a.enterprise_id:
                s.enterprise_ids.add(a.enterprise_id)
            elif a.department_id:
                s.department_ids.add(a.department_id)
                s.department_zone_ids.add(a.department.zone_id)
            elif a.park_id:
                s.park_ids.add(a.park_id)
            elif a.zone_id:
                s.zone_ids.add(a.zone_id)
            else:
                s.everywhere = True
    access = Access(user_id=user.pk, roles=assignments, scopes=scopes)
    user._yuanqu_access = access
    return access
