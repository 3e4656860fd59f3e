"""Permission matrix of the registry pages (see yuanqu/testing/matrix.py)."""

from yuanqu.testing.matrix import Case

# Who holds registry.view, and who also sees departments and officials.
VIEWERS = {
    "city", "leader_a", "leader_b", "dept_a", "dept_b", "liaison_a", "agent_a", "investor_a",
    "enterprise_a", "enterprise_b", "mentor_a", "clerk_a", "sysadmin",
}
OFFICIAL_VIEWERS = {"city", "leader_a", "leader_b", "dept_a", "dept_b", "liaison_a", "agent_a", "investor_a", "clerk_a"}
# Who sees zone A's records; enterprise users see their own enterprise and their zone's parks.
ZONE_A_STAFF = {"city", "leader_a", "dept_a", "liaison_a", "agent_a", "investor_a", "mentor_a", "clerk_a", "sysadmin"}
CHANGERS = {"leader_a", "leader_b", "investor_a", "clerk_a"}
IMPORTERS = {"leader_a", "leader_b", "clerk_a"}
PHONE_A = {"leader_a", "dept_a", "liaison_a", "agent_a", "investor_a", "clerk_a"}


def _pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


CASES = [
    # Zones
    Case("registry:zone_list", ok=VIEWERS),
    Case("registry:zone_export", ok=VIEWERS),
    Case("registry:zone_detail", ok=ZONE_A_STAFF | {"enterprise_a"}, hidden={"leader_b", "dept_b", "enterprise_b"},
         kwargs=_pk("zone_a")),
    Case("registry:zone_create", ok={"sysadmin"}),
    Case("registry:zone_edit", ok={"leader_a", "sysadmin"}, hidden={"leader_b"}, kwargs=_pk("zone_a")),
    # Parks
    Case("registry:park_list", ok=VIEWERS),
    Case("registry:park_export", ok=VIEWERS),
    Case("registry:park_detail", ok=ZONE_A_STAFF | {"enterprise_a"}, hidden={"leader_b", "dept_b", "enterprise_b"},
         kwargs=_pk("park_a")),
    Case("registry:park_create", ok=CHANGERS),
    Case("registry:park_edit", ok={"leader_a", "investor_a", "clerk_a"}, hidden={"leader_b"}, kwargs=_pk("park_a")),
    # Departments (not for enterprises, mentors or admins)
    Case("registry:department_list", ok=OFFICIAL_VIEWERS),
    Case("registry:department_export", ok=OFFICIAL_VIEWERS),
    Case("registry:department_detail", ok=OFFICIAL_VIEWERS - {"leader_b", "dept_b"}, hidden={"leader_b", "dept_b"},
         kwargs=_pk("dept_a")),
    Case("registry:department_create", ok=CHANGERS),
    Case("registry:department_edit", ok={"leader_a", "investor_a", "clerk_a"}, hidden={"leader_b"}, kwargs=_pk("dept_a")),
    # Enterprises: an enterprise user sees its own only
    Case("registry:enterprise_list", ok=VIEWERS),
    Case("registry:enterprise_export", ok=VIEWERS),
    Case("registry:enterprise_detail", ok=ZONE_A_STAFF | {"enterprise_a"},
         hidden={"leader_b", "dept_b", "enterprise_b"}, kwargs=_pk("enterprise_a")),
    Case("registry:enterprise_create", ok=CHANGERS),
    Case("registry:enterprise_edit", ok={"leader_a", "investor_a", "clerk_a"}, hidden={"leader_b"},
         kwargs=_pk("enterprise_a")),
    Case("registry:enterprise_phone", method="post", ok=PHONE_A, hidden={"leader_b", "dept_b"}, kwargs=_pk("enterprise_a")),
    Case("registry:enterprise_import", ok=IMPORTERS),
    Case("registry:enterprise_import_commit", method="post", ok=IMPORTERS, ok_status=302),
    Case("registry:enterprise_import_template", ok=IMPORTERS),
    # Officials
    Case("registry:official_list", ok=OFFICIAL_VIEWERS),
    Case("registry:official_export", ok=OFFICIAL_VIEWERS),
    Case("registry:official_detail", ok=OFFICIAL_VIEWERS - {"leader_b", "dept_b"}, hidden={"leader_b", "dept_b"},
         kwargs=_pk("official_a")),
    Case("registry:official_create", ok=CHANGERS),
    Case("registry:official_edit", ok={"leader_a", "investor_a", "clerk_a"}, hidden={"leader_b"},
         kwargs=_pk("official_a")),
    Case("registry:official_phone", method="post", ok=PHONE_A, hidden={"leader_b", "dept_b"}, kwargs=_pk("official_a")),
    Case("registry:official_import", ok=IMPORTERS),
    Case("registry:official_import_commit", method="post", ok=IMPORTERS, ok_status=302),
    Case("registry:official_import_template", ok=IMPORTERS),
]
