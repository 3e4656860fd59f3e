"""Permission matrix of the board, the queue and the signing → start report (see yuanqu/testing/matrix.py).

The board lists what each viewer may see (an empty list is still a 200), so every holder of
approvals.view reads it; mentors, clerks and the three administrators hold no approvals permission
(403). The queue is for those who act on items: agents, departments, leaders. The report is for the
city and the zones' staff: an enterprise follows its own case on the case's page (403)."""

from yuanqu.testing.matrix import Case

from .fixtures import case_a, case_b

VIEWERS = {"city", "leader_a", "leader_b", "dept_a", "dept_b", "liaison_a", "agent_a", "investor_a",
           "enterprise_a", "enterprise_b"}
ACTORS = {"leader_a", "leader_b", "dept_a", "dept_b", "agent_a"}
STAFF = VIEWERS - {"enterprise_a", "enterprise_b"}


def _cases(w):
    case_a(w), case_b(w)
    return {}


CASES = [
    Case("approvals:case_list", ok=VIEWERS, kwargs=_cases),
    Case("approvals:case_list", ok=VIEWERS, kwargs=_cases, data=lambda w: {"export": "xlsx"}, label="approvals:case_list?export"),
    Case("approvals:queue", ok=ACTORS, kwargs=_cases),
    Case("approvals:timeliness", ok=STAFF, kwargs=_cases),
    Case("approvals:timeliness", ok=STAFF, kwargs=_cases, data=lambda w: {"export": "xlsx"},
         label="approvals:timeliness?export"),
]
