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
