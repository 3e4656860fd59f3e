"""Who may do what with competitions.

The city (市园区办) organises: it sets competitions up, enters manual terms, computes, publishes and
gives awards, and sees draft rankings. A zone's staff read the published rankings of every zone (a
ranking is a comparison; each zone sees where it stands among the others). Enterprises, mentors and
the three administrators have no business here. Kept beside the app rather than in accounts/roles.py
because these are roles, not scoped permissions: a ranking has no zone to scope it to.
"""

from yuanqu.accounts.access import access_for
from yuanqu.accounts.roles import Role

MANAGERS = frozenset({Role.CITY})
READERS = MANAGERS | {Role.LEADER, Role.DEPT, Role.LIAISON, Role.AGENT, Role.INVESTOR, Role.CLERK}


def can_read(user) -> bool:
    return access_for(user).has_role(*READERS)


def can_manage(user) -> bool:
    return access_for(user).has_role(*MANAGERS)
