"""Permission matrix of the core appeal pages (see yuanqu/testing/matrix.py).

Appeal A: enterprise A's, in zone A, routed to department A. The city and zone A's staff see it;
department A sees it as its lead; enterprise A sees its own; zone B's leader and department,
and enterprise B, get a 404; roles without appeals.view (mentor, the three administrators,
nobody) a 403. Each persona's request is rolled back, so every POST meets the same appeal.
"""

import base64

from django.core.files.uploadedfile import SimpleUploadedFile

from yuanqu.testing.matrix import Case

VIEWERS = {"city", "leader_a", "leader_b", "dept_a", "dept_b", "liaison_a", "agent_a", "investor_a", "clerk_a",
           "enterprise_a", "enterprise_b"}
SEES_A = {"city", "leader_a", "dept_a", "liaison_a", "agent_a", "investor_a", "clerk_a", "enterprise_a"}
HIDDEN_A = {"leader_b", "dept_b", "enterprise_b"}
INTAKE = {"leader_a", "leader_b", "liaison_a", "agent_a", "investor_a", "enterprise_a", "enterprise_b"}
# A 1×1 PNG: real bytes, so the content check accepts it.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def appeal_a(w, state="assigned"):
    from yuanqu.appeals import services
    from yuanqu.appeals.models import Appeal, AppealCategory
    from yuanqu.common.clock import frozen

    title = f"矩阵测试诉求({state})"
    found = Appeal.objects.filter(title=title).first()
    if found:
        return found
    with frozen("2021-05-13"):
        appeal = services.appeal_create(
            actor=w["enterprise_a"], enterprise=w.enterprise_a, category=AppealCategory.objects.get(name="交通出行"),
            title=title, content="厂门前驾考车辆多,影响员工通勤。", channel="portal")
        appeal = services.appeal_assign(actor=w["leader_a"], appeal=appeal, lead_department=w.dept_a,
                                        deadline_kind="month_end")
        if state == "answered":
            appeal = services.appeal_act(actor=w["dept_a"], appeal=appeal, action="accept")
            appeal = services.appeal_act(actor=w["dept_a"], appeal=appeal, action="answer", note="已调整。")
    return appeal


def _appeal(w):
    return {"pk": appeal_a(w).pk}


def _answered(w):
    return {"pk": appeal_a(w, "answered").pk}


def _act(action):
    return lambda w: {"pk": appeal_a(w).pk, "action": action}


def _attachment(w):
    from yuanqu.appeals.attachments import attachment_add

    appeal = appeal_a(w)
    attachment = appeal.attachments.first() or attachment_add(
        actor=w["enterprise_a"], appeal=appeal, upload=SimpleUploadedFile("现场照片.png", PNG, "image/png"))
    return {"pk": appeal.pk, "attachment_pk": attachment.pk}


def _item(w):
    from yuanqu.projects.tests.matrix import _item as coordination_item

    return {"item_pk": coordination_item(w)["pk"]}


def _category(w):
    from yuanqu.appeals.models import AppealCategory

    return {"pk": AppealCategory.objects.get(name="其他").pk}


CASES = [
    Case("appeals:appeal_list", ok=VIEWERS),
    Case("appeals:appeal_queue", ok=VIEWERS),
    Case("appeals:appeal_export", ok=VIEWERS),
    Case("appeals:appeal_create", ok=INTAKE),
    # Staff of zone A take a coordination item of project A (enterprise A's) as an appeal; zone B's
    # leader cannot see the item; departments and enterprises hold no intake permission.
    Case("appeals:appeal_from_coordination", ok={"leader_a", "liaison_a", "agent_a", "investor_a"},
         hidden={"leader_b"}, kwargs=_item),
    Case("appeals:appeal_detail", ok=SEES_A, hidden=HIDDEN_A, kwargs=_appeal),
    Case("appeals:appeal_assign", method="post", ok={"leader_a"}, ok_status=302, hidden={"leader_b"}, kwargs=_appeal,
         data=lambda w: {"lead_department": w.dept_a.pk, "deadline_kind": "workdays", "deadline_workdays": "5"}),
    # Only the lead department accepts; other viewers of appeal A are refused the step (403).
    Case("appeals:appeal_act", method="post", ok={"dept_a"}, ok_status=302, hidden=HIDDEN_A, kwargs=_act("accept"),
         special={"mentor_a": 403, "sysadmin": 403, "secadmin": 403, "auditor": 403, "nobody": 403}),
    Case("appeals:appeal_rate", method="post", ok={"enterprise_a"}, ok_status=302, hidden={"enterprise_b"},
         kwargs=_answered, data=lambda w: {"level": "5", "comment": "满意"}),
    Case("appeals:appeal_supervise", method="post", ok={"leader_a"}, ok_status=302, hidden={"leader_b"},
         kwargs=_appeal, data=lambda w: {"note": "请加快办理", "deadline": "2099-01-01"}),
    # Attaching: the appeal's parties (its enterprise, the dispatcher, the lead department).
    Case("appeals:attachment_upload", method="post", ok={"enterprise_a", "leader_a", "dept_a"}, ok_status=302,
         hidden=HIDDEN_A, kwargs=_appeal,
         data=lambda w: {"attachments": SimpleUploadedFile("补充材料.png", PNG, "image/png")}),
    Case("appeals:attachment_download", ok=SEES_A, hidden=HIDDEN_A, kwargs=_attachment),
    Case("appeals:category_list", ok={"sysadmin"}),
    Case("appeals:category_create", ok={"sysadmin"}),
    Case("appeals:category_edit", ok={"sysadmin"}, kwargs=_category),
]
