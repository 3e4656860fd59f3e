"""The roles of DESIGN.md, what scope each needs, and what each may do.

Permissions are data: a role grants a set of named permissions; the scope (zone, department,
enterprise) limits which objects they apply to. Selectors apply the scope, views check the name.
"""

from django.db import models


class Role(models.TextChoices):
    CITY = "city", "市园区办"
    LEADER = "leader", "园区领导"
    DEPT = "dept", "部门工作人员"
    LIAISON = "liaison", "项目联点责任人"
    AGENT = "agent", "代办员"
    INVESTOR = "investor", "招商专班"
    ENTERPRISE = "enterprise", "企业用户"
    MENTOR = "mentor", "创业导师"
    CLERK = "clerk", "统计员"
    SYSADMIN = "sysadmin", "系统管理员"
    SECADMIN = "secadmin", "安全管理员"
    AUDITOR = "auditor", "审计管理员"


# 三员分立: nobody holds two of these (checked in the service and by a unique index).
ADMIN_TRIO = (Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR)


class Scope(models.TextChoices):
    NONE = "none", "全市"
    ZONE = "zone", "园区"
    DEPARTMENT = "department", "部门"
    ENTERPRISE = "enterprise", "企业"


ROLE_SCOPE = {
    Role.CITY: Scope.NONE,
    Role.LEADER: Scope.ZONE,
    Role.DEPT: Scope.DEPARTMENT,
    Role.LIAISON: Scope.ZONE,
    Role.AGENT: Scope.ZONE,
    Role.INVESTOR: Scope.ZONE,
    Role.ENTERPRISE: Scope.ENTERPRISE,
    Role.MENTOR: Scope.ZONE,
    Role.CLERK: Scope.ZONE,
    Role.SYSADMIN: Scope.NONE,
    Role.SECADMIN: Scope.NONE,
    Role.AUDITOR: Scope.NONE,
}

# Projects: the leader runs the zone's projects; the liaison (联点责任人) advances and reports on the
# projects assigned to it (services check the assignment); departments see the projects they are
# responsible for; enterprises see their own; the rest of the zone's staff read.
PROJECT_READ = {"projects.view"}

# Registry permissions. "view_all" lifts the zone scope (read-only for the city viewer).
REGISTRY_STAFF = {"registry.view", "registry.view_officials", "registry.view_phone"}
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.CITY: frozenset({"registry.view", "registry.view_officials", "registry.view_all"} | PROJECT_READ),
    Role.LEADER: frozenset(
        REGISTRY_STAFF | {"registry.change", "registry.change_zone", "registry.import"}
        | PROJECT_READ | {"projects.change", "projects.advance"}
    ),
    Role.DEPT: frozenset(REGISTRY_STAFF | PROJECT_READ),
    Role.LIAISON: frozenset(REGISTRY_STAFF | PROJECT_READ | {"projects.advance_assigned"}),
    Role.AGENT: frozenset(REGISTRY_STAFF | PROJECT_READ),
    Role.INVESTOR: frozenset(REGISTRY_STAFF | {"registry.change"} | PROJECT_READ | {"projects.change"}),
    Role.ENTERPRISE: frozenset({"registry.view"} | PROJECT_READ),
    Role.MENTOR: frozenset({"registry.view"}),
    Role.CLERK: frozenset(REGISTRY_STAFF | {"registry.change", "registry.import"} | PROJECT_READ),
    Role.SYSADMIN: frozenset(
        {"registry.view", "registry.view_all", "registry.create_zone", "registry.change_zone", "calendar.change"}
    ),
    Role.SECADMIN: frozenset({"accounts.manage"}),
    Role.AUDITOR: frozenset({"audit.view"}),
}

# Monthly dispatch (月调度): the zone's leader runs the meetings and their tasks; the city viewer and
# the zone's staff (departments included: decisions are assigned to them) read the packs. Enterprises
# and mentors do not. Added as a block so each module's grants read in one place.
DISPATCH_GRANTS = {
    Role.CITY: {"dispatch.view"},
    Role.LEADER: {"dispatch.view", "dispatch.run"},
    Role.DEPT: {"dispatch.view"},
    Role.LIAISON: {"dispatch.view"},
    Role.AGENT: {"dispatch.view"},
    Role.INVESTOR: {"dispatch.view"},
    Role.CLERK: {"dispatch.view"},
}
for _role, _perms in DISPATCH_GRANTS.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset(_perms)

# Coordination items (协调事项) raised from projects' weekly reports: a department's staff accept and
# answer the items routed to their department (the zone's leader may do so for any department).
for _role, _perms in {Role.DEPT: {"coordination.handle"}}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset(_perms)

# Enterprise appeals (企业诉求): the zone's leader dispatches, supervises, links similar appeals and
# runs the reception days; departments handle what is routed to them (lead or co-department) and
# see their own scores; the zone's staff take appeals by phone or on visits and read the zone's;
# an enterprise files, follows and rates its own; the city reads all. Categories are the system
# administrator's list.
APPEAL_GRANTS = {
    Role.CITY: {"appeals.view", "appeals.scores"},
    Role.LEADER: {"appeals.view", "appeals.intake", "appeals.dispatch", "appeals.reception", "appeals.scores"},
    Role.DEPT: {"appeals.view", "appeals.handle", "appeals.scores"},
    Role.LIAISON: {"appeals.view", "appeals.intake"},
    Role.AGENT: {"appeals.view", "appeals.intake"},
    Role.INVESTOR: {"appeals.view", "appeals.intake"},
    Role.CLERK: {"appeals.view"},
    Role.ENTERPRISE: {"appeals.view", "appeals.file", "appeals.rate"},
    Role.SYSADMIN: {"appeals.categories"},
}
for _role, _perms in APPEAL_GRANTS.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset(_perms)

# Economic indicators (经济运行): the zone's statistics clerk enters, imports and checks the figures
# (enterprises' own reports wait for the clerk); the leader and the city read them and the cockpit;
# an enterprise reports its own figures; the catalogue is the system administrator's list.
INDICATOR_GRANTS = {
    Role.CITY: {"indicators.view", "indicators.cockpit"},
    Role.LEADER: {"indicators.view", "indicators.cockpit"},
    Role.CLERK: {"indicators.view", "indicators.cockpit", "indicators.enter", "indicators.review"},
    Role.ENTERPRISE: {"indicators.report"},
    Role.SYSADMIN: {"indicators.catalogue"},
}
for _role, _perms in INDICATOR_GRANTS.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset(_perms)

# Joint approvals (联合审批, 全程代办): the zone's leader opens cases, assigns agency officers and may
# take any step; an agency officer (代办员) opens cases and runs the ones assigned to it for the
# enterprise; departments act on the items routed to them; the zone's other staff and the city read;
# an enterprise follows its own cases; the catalogue is the system administrator's list.
APPROVAL_GRANTS = {
    Role.CITY: {"approvals.view"},
    Role.LEADER: {"approvals.view", "approvals.open", "approvals.manage"},
    Role.DEPT: {"approvals.view", "approvals.handle"},
    Role.LIAISON: {"approvals.view"},
    Role.AGENT: {"approvals.view", "approvals.open", "approvals.agent"},
    Role.INVESTOR: {"approvals.view"},
    Role.ENTERPRISE: {"approvals.view"},
    Role.SYSADMIN: {"approvals.catalogue"},
}
for _role, _perms in APPROVAL_GRANTS.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset(_perms)
