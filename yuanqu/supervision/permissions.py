"""Who may supervise and who may set a zone's thresholds.

A zone's leaders are the users holding the leader role for the whole zone (not limited to a park):
they supervise its projects by hand, receive its 督办 and 通报, and set its thresholds. The system
administrator may set any zone's thresholds. The ladder and supervision notes are the committee's
internal work: its staff read them (those who may see officials), enterprises do not.
"""

from yuanqu.accounts.access import access_for
from yuanqu.accounts.roles import Role


def leader_zone_ids(user) -> set[int]:
    return {a.zone_id for a in access_for(user).roles if a.role == Role.LEADER and a.park_id is None}


def can_supervise(user, project) -> bool:
    return project.zone_id in leader_zone_ids(user)


def can_set_any_zone(user) -> bool:
    return access_for(user).has_role(Role.SYSADMIN)


def can_read_supervision(user) -> bool:
    access = access_for(user)
    return access.has("projects.view") and access.has("registry.view_officials")
