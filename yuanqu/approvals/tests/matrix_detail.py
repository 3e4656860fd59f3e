"""Permission matrix of a case's page, its plan and the item actions (see yuanqu/testing/matrix.py).

Case A is zone A's (enterprise A's project), run by agent A, with 立项备案 and 环评审批 routed to
department A and 用地预审与选址意见 to no department (the agent deals with it). Zone A's staff, the
city, department A (an item is routed to it) and enterprise A see it; zone B's leader and
department and enterprise B do not (404); roles without approvals.view get a 403.

An action is open to the parties of its step only: 启动申报 to the case's agent and the zone's
leader; 进入审查 on 环评审批, routed to department A, to department A and the leader (the agent records
the approving side's steps only for an item routed to no department). Other viewers of the case are
refused (403).
"""

from yuanqu.testing.matrix import Case

SEES_A = {"city", "leader_a", "dept_a", "liaison_a", "agent_a", "investor_a", "enterprise_a"}
HIDDEN_A = {"leader_b", "dept_b", "enterprise_b"}


def _case(w):
    from .fixtures import case_a

    return {"pk": case_a(w).pk}


def _act(name, action):
    def kwargs(w):
        from .fixtures import case_a, item

        case = case_a(w)
        return {"pk": case.pk, "item_pk": item(case, name).pk, "action": action}

    return kwargs


CASES = [
    Case("approvals:case_detail", ok=SEES_A, hidden=HIDDEN_A, kwargs=_case),
    Case("approvals:case_plan", ok=SEES_A, hidden=HIDDEN_A, kwargs=_case),
    Case("approvals:item_action", ok={"leader_a", "agent_a"}, hidden=HIDDEN_A,
         kwargs=_act("用地预审与选址意见", "prepare"), label="approvals:item_action GET prepare"),
    Case("approvals:item_action", method="post", ok={"leader_a", "agent_a"}, ok_status=302, hidden=HIDDEN_A,
         kwargs=_act("用地预审与选址意见", "prepare"), data=lambda w: {"date": "2021-03-10"},
         label="approvals:item_action POST prepare"),
    Case("approvals:item_action", ok={"leader_a", "dept_a"}, hidden=HIDDEN_A,
         kwargs=_act("环评审批", "review"), label="approvals:item_action GET review"),
    Case("approvals:item_action", method="post", ok={"leader_a", "dept_a"}, ok_status=302,
         hidden=HIDDEN_A, kwargs=_act("环评审批", "review"), data=lambda w: {"date": "2021-03-09"},
         label="approvals:item_action POST review"),
]
