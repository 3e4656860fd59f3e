"""Permission matrix of the REST API (see yuanqu/testing/matrix.py).

The API answers as the pages do (appeal A and the persona groups are the appeal pages' own), except
that a signed-out caller gets 401, not a redirect to the sign-in page. The OpenAPI document and its
page need only a sign-in; the API's root is ninja's placeholder, a 404 for everyone.
Bodies here are form-encoded (the matrix's client sends forms); the API reads them as it reads JSON.
"""

from yuanqu.appeals.tests.matrix_core import HIDDEN_A, SEES_A, VIEWERS, appeal_a
from yuanqu.testing.matrix import EVERYONE, Case

STAFF_INTAKE_A = {"leader_a", "liaison_a", "agent_a", "investor_a"}
STAFF_INTAKE = STAFF_INTAKE_A | {"leader_b"}


def _category(w):
    from yuanqu.appeals.models import AppealCategory

    return AppealCategory.objects.get(name="交通出行").pk


def _appeal(w):
    return {"appeal_id": appeal_a(w).pk}


def _answered(w):
    return {"appeal_id": appeal_a(w, "answered").pk}


CASES = [
    Case("api:api-root", ok=set(), hidden=EVERYONE, anon_status=404),
    Case("api:openapi-json", ok=EVERYONE),
    Case("api:openapi-view", ok=EVERYONE),
    Case("api:appeal_list", ok=VIEWERS, anon_status=401),
    # Filing for one's own enterprise: the enterprise is implied; staff must name one (400).
    Case("api:appeal_list", method="post", ok={"enterprise_a", "enterprise_b"}, ok_status=201, anon_status=401,
         special={p: 400 for p in STAFF_INTAKE}, label="api:appeal_list (POST, portal)",
         data=lambda w: {"category": _category(w), "title": "厂门前驾考路线调整", "content": "影响员工通勤。"}),
    # Staff take enterprise A's appeal by phone: zone A's staff may; enterprise users may only use the
    # portal and zone B's leader may not name zone A's enterprise (400, as the page's form).
    Case("api:appeal_list", method="post", ok=STAFF_INTAKE_A, ok_status=201, anon_status=401,
         special={"enterprise_a": 400, "enterprise_b": 400, "leader_b": 400}, label="api:appeal_list (POST, phone)",
         data=lambda w: {"enterprise": w.enterprise_a.pk, "category": _category(w), "title": "用电增容",
                         "content": "新厂房需要增容。", "channel": "phone"}),
    Case("api:appeal_detail", ok=SEES_A, hidden=HIDDEN_A, anon_status=401, kwargs=_appeal),
    # Only the appeal's own enterprise rates; others who see it are refused (403).
    Case("api:appeal_rate", method="post", ok={"enterprise_a"}, hidden=HIDDEN_A, anon_status=401,
         kwargs=_answered, data=lambda w: {"level": 5}),
]


# Indicators: the catalogue for anyone working with figures; the figures as on the pages (the
# city and zone A's leader and clerk see zone A's; enterprises only their own, so zone A's figure is a
# 404 to them); the clerk enters for its zone, an enterprise reports for itself (400 when it names a
# zone, as an enterprise cannot; the clerk without a zone is a 400 too).
INDICATOR_READERS = {"city", "leader_a", "leader_b", "clerk_a", "enterprise_a", "enterprise_b"}


def _zone_a_figure(w):
    from yuanqu.indicators.models import Indicator, IndicatorValue

    value = IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code="JGM"), zone=w.zone_a, level="zone", subject_key=f"z{w.zone_a.pk}",
        year=2021, period_kind="quarter", period=1, value=1338000)
    return {"value_id": value.pk}


CASES += [
    Case("api:indicator_list", ok=INDICATOR_READERS | {"sysadmin"}, anon_status=401),
    Case("api:indicator_value_list", ok=INDICATOR_READERS, anon_status=401),
    Case("api:indicator_value_list", method="post", ok={"clerk_a"}, ok_status=201, anon_status=401,
         special={"enterprise_a": 400, "enterprise_b": 400}, label="api:indicator_value_list (POST, clerk)",
         data=lambda w: {"indicator": "JGM", "zone": w.zone_a.pk, "period": "2021-Q1", "value": "5"}),
    Case("api:indicator_value_list", method="post", ok={"enterprise_a", "enterprise_b"}, ok_status=201,
         anon_status=401, special={"clerk_a": 400}, label="api:indicator_value_list (POST, enterprise)",
         data=lambda w: {"indicator": "YYSR", "period": "2021-Q1", "value": "5"}),
    Case("api:indicator_value_detail", ok={"city", "leader_a", "clerk_a"},
         hidden={"leader_b", "enterprise_a", "enterprise_b"}, anon_status=401, kwargs=_zone_a_figure),
]


# Approvals: the catalogue for whoever works with approvals or keeps the catalogue; the cases as on
# the pages (zone A's staff, the city, department A with an item of case A and enterprise A see case
# A; zone B's leader, department B and enterprise B get a 404); a department's step on an item routed
# to department A (环评审批 in case A) only for the zone's leader and department A — not the case's
# agent, whose steps are the enterprise's side — and a 403 for others who see the case.
APPROVAL_VIEWERS = {"city", "leader_a", "leader_b", "dept_a", "dept_b", "liaison_a", "agent_a", "investor_a",
                    "enterprise_a", "enterprise_b"}
SEES_CASE_A = {"city", "leader_a", "dept_a", "liaison_a", "agent_a", "investor_a", "enterprise_a"}
HIDDEN_CASE_A = {"leader_b", "dept_b", "enterprise_b"}


def _case_a(w):
    from yuanqu.approvals.tests.fixtures import case_a

    return {"case_id": case_a(w).pk}


def _eia_a(w):
    from yuanqu.approvals.tests.fixtures import case_a, item

    case = case_a(w)
    return {"case_id": case.pk, "item_id": item(case, "环评审批").pk}


CASES += [
    Case("api:approval_item_list", ok=APPROVAL_VIEWERS | {"sysadmin"}, anon_status=401),
    Case("api:approval_case_list", ok=APPROVAL_VIEWERS, anon_status=401),
    Case("api:approval_case_detail", ok=SEES_CASE_A, hidden=HIDDEN_CASE_A, anon_status=401, kwargs=_case_a),
    Case("api:approval_item_act", method="post", ok={"leader_a", "dept_a"}, hidden=HIDDEN_CASE_A,
         anon_status=401, kwargs=_eia_a, data=lambda w: {"action": "review"}),
]
