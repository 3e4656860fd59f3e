"""Permission matrix of the supervision pages (see yuanqu/testing/matrix.py)."""

from yuanqu.projects.tests.matrix import HIDDEN_A, _pk
from yuanqu.testing.matrix import Case

# The committee's staff read the ladder; enterprises, mentors and the three administrators do not.
STAFF = {"city", "leader_a", "leader_b", "dept_a", "dept_b", "liaison_a", "agent_a", "investor_a", "clerk_a"}

CASES = [
    Case("supervision:board", ok=STAFF),
    Case("supervision:project_supervise", method="post", ok={"leader_a"}, ok_status=302, hidden=HIDDEN_A, kwargs=_pk,
         data=lambda w: {"supervise-note": "请加快主体施工进度"}),
    Case("supervision:settings_list", ok={"leader_a", "leader_b", "sysadmin"}),
    Case("supervision:settings_edit", ok={"leader_a", "sysadmin"}, hidden={"leader_b"},
         kwargs=lambda w: {"zone_pk": w.zone_a.pk}),
    Case("supervision:settings_edit", method="post", ok={"leader_a", "sysadmin"}, ok_status=302, hidden={"leader_b"},
         kwargs=lambda w: {"zone_pk": w.zone_a.pk},
         data=lambda w: {"yellow_within": "7", "supervise_after": "3", "notify_after": "10"}, label="settings_edit-post"),
]
