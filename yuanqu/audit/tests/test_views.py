"""The audit admin's read-only pages: what they show, their filters, exports and query counts."""

import html
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from yuanqu.accounts import services as accounts
from yuanqu.audit.context import acting_as
from yuanqu.audit.models import AuditEntry, SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common.excel import XLSX_CONTENT_TYPE
from yuanqu.registry import services as registry
from yuanqu.registry.models import Enterprise
from yuanqu.testing.factories import PASSWORD, make_credit_code

Kind = SecurityEvent.Kind
LOGIN = reverse("accounts:login")
ENTRIES, EVENTS = reverse("audit:entry_list"), reverse("audit:event_list")


def text(response) -> str:
    return html.unescape(response.content.decode())


def sign_in(username, addr="10.1.1.1") -> Client:
    client = Client(REMOTE_ADDR=addr)
    assert client.post(LOGIN, {"username": username, "password": PASSWORD}).status_code == 302
    return client


def enterprise_workbook(rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(["企业名称", "统一社会信用代码", "所属园区", "所在产业园", "所属行业", "规模"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "企业台账.xlsx"
    return buffer


def import_enterprises(client, rows):
    preview = client.post(reverse("registry:enterprise_import"), {"file": enterprise_workbook(rows)})
    assert preview.status_code == 200, text(preview)
    done = client.post(reverse("registry:enterprise_import_commit"), {"token": preview.context["token"]})
    assert done.status_code == 302
    return done


@pytest.fixture
def auditor(world):
    return sign_in("auditor", "10.3.3.3")


# -- what the auditor sees -----------------------------------------------------------------------


def test_auditor_sees_an_import_logins_and_a_failed_login(world):
    Client(REMOTE_ADDR="10.6.6.6").post(LOGIN, {"username": "leader_a", "password": "Wrong#pass1"})
    leader = sign_in("leader_a", "10.2.2.2")
    import_enterprises(leader, [
        ["湖南导入科技有限公司", make_credit_code(9001), "甲园区", "甲电子信息产业园", "新材料", "规上"],
        ["湘潭导入电气有限公司", "", "甲园区", "", "电气装备", "规下"],
    ])
    assert Enterprise.objects.filter(name__contains="导入").count() == 2
    client = sign_in("auditor", "10.3.3.3")

    changes = text(client.get(ENTRIES))
    for expected in ["湖南导入科技有限公司", "湘潭导入电气有限公司", "新增", "leader_a", "10.2.2.2"]:
        assert expected in changes, expected
    entry = AuditEntry.objects.get(object_repr="湖南导入科技有限公司", actor=world["leader_a"], remote_addr="10.2.2.2")
    assert entry.changes["industry"] == [None, "新材料"]
    # The list shows a few changed fields; the detail page shows them all.
    assert "新材料" in text(client.get(reverse("audit:entry_detail", args=[entry.pk])))

    events = text(client.get(EVENTS))
    for expected in ["导入", "登录", "登录失败", "10.6.6.6", "10.2.2.2", "auditor"]:
        assert expected in events, expected
    imported = SecurityEvent.objects.get(kind=Kind.IMPORT)
    assert (imported.actor, imported.detail["create"], imported.detail["what"]) == (world["leader_a"], 2, "enterprise")


def test_entry_detail_shows_every_change(world, auditor):
    accounts.user_update(actor=world["secadmin"], user=world["nobody"], version=1, name="无名氏", email="w@example.com")
    entry = AuditEntry.objects.latest("id")
    page = text(auditor.get(reverse("audit:entry_detail", args=[entry.pk])))
    for expected in ["nobody", "无名氏", "w@example.com", "secadmin", "修改"]:
        assert expected in page, expected


def test_entry_detail_of_an_unknown_entry_is_404(auditor):
    assert auditor.get(reverse("audit:entry_detail", args=[999999])).status_code == 404


# -- filters -------------------------------------------------------------------------------------


@pytest.fixture
def two_changes(world):
    """secadmin renames nobody; leader_b changes enterprise B's industry to 氢能."""
    accounts.user_update(actor=world["secadmin"], user=world["nobody"], version=1, name="无名氏")
    e = world.enterprise_b
    with acting_as(world["leader_b"]):
        registry.enterprise_update(actor=world["leader_b"], enterprise=e, version=e.version, data={"industry": "氢能"})


def rows_of(response) -> str:
    return text(response).split("<tbody>")[1].split("</tbody>")[0]


def test_entries_filter_by_actor(two_changes, auditor):
    rows = rows_of(auditor.get(ENTRIES, {"actor": "leader_b"}))
    assert "氢能" in rows and "无名氏" not in rows


def test_entries_filter_by_object(two_changes, auditor):
    rows = rows_of(auditor.get(ENTRIES, {"q": "乙电力"}))
    assert "氢能" in rows and "无名氏" not in rows


def test_entries_filter_by_action(world, two_changes, auditor):
    rows = rows_of(auditor.get(ENTRIES, {"action": "1"}))
    assert "氢能" in rows and "无名氏" in rows
    assert "新增" not in rows


def test_entries_filter_by_type(two_changes, auditor):
    ct = ContentType.objects.get_for_model(Enterprise)
    rows = rows_of(auditor.get(ENTRIES, {"content_type": ct.pk}))
    assert "氢能" in rows and "无名氏" not in rows


def test_entries_filter_by_date(two_changes, auditor):
    assert "没有符合条件的记录" in text(auditor.get(ENTRIES, {"until": "2000-01-01"}))
    assert "氢能" in rows_of(auditor.get(ENTRIES, {"since": "2000-01-01"}))


def test_events_filter_by_kind_and_username(world, auditor):
    Client().post(LOGIN, {"username": "leader_a", "password": "Wrong#pass1"})
    sign_in("leader_b")
    rows = rows_of(auditor.get(EVENTS, {"kind": Kind.LOGIN_FAILED}))
    assert "leader_a" in rows and "leader_b" not in rows and "auditor" not in rows
    rows = rows_of(auditor.get(EVENTS, {"username": "leader_b"}))
    assert "leader_b" in rows and "leader_a" not in rows


def test_entries_partial_for_htmx(two_changes, auditor):
    response = auditor.get(ENTRIES, {"actor": "leader_b"}, headers={"HX-Request": "true", "HX-Target": "list-table"})
    assert "<html" not in text(response) and "氢能" in text(response)


# -- exports -------------------------------------------------------------------------------------


def sheet_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert ".xlsx" in response["Content-Disposition"]
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_entry_export_is_an_xlsx_with_the_filter_applied(two_changes, auditor, world):
    rows = sheet_rows(auditor.get(reverse("audit:entry_export"), {"actor": "leader_b"}))
    assert rows[0][:3] == ("时间", "操作人", "来源地址")
    assert len(rows) == 2
    assert rows[1][1] == "leader_b" and rows[1][4] == "湖南乙电力有限公司" and "氢能" in rows[1][6]


def test_event_export_is_an_xlsx_and_is_itself_recorded(world, auditor):
    rows = sheet_rows(auditor.get(reverse("audit:event_export"), {"kind": Kind.LOGIN}))
    assert rows[0][:3] == ("时间", "类型", "用户名")
    assert [r[2] for r in rows[1:]] == ["auditor"]
    export = SecurityEvent.objects.get(kind=Kind.EXPORT)
    assert (export.actor, export.detail) == (world["auditor"], {"what": "security_events", "filters": {"kind": "login"}})


def test_entry_export_is_recorded(world, auditor):
    auditor.get(reverse("audit:entry_export"))
    assert SecurityEvent.objects.get(kind=Kind.EXPORT).detail["what"] == "audit_entries"


def test_registry_export_is_recorded(world, login):
    login("leader_a").get(reverse("registry:enterprise_export"), {"q": "甲"})
    export = SecurityEvent.objects.get(kind=Kind.EXPORT)
    assert (export.actor, export.detail) == (world["leader_a"], {"what": "enterprise", "filters": {"q": "甲"}})


# -- read-only -----------------------------------------------------------------------------------


def audit_urls():
    return [reverse(n) for n in ("audit:entry_list", "audit:entry_export", "audit:event_list", "audit:event_export")]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_audit_url_refuses_writes(world, auditor, method):
    accounts.user_update(actor=world["secadmin"], user=world["nobody"], version=1, name="改过")
    entry = AuditEntry.objects.latest("id")
    before = (AuditEntry.objects.count(), SecurityEvent.objects.count())
    for url in audit_urls() + [reverse("audit:entry_detail", args=[entry.pk])]:
        assert getattr(auditor, method)(url).status_code == 405, url
    assert (AuditEntry.objects.count(), SecurityEvent.objects.count()) == before
    assert AuditEntry.objects.get(pk=entry.pk).changes == entry.changes


# -- query counts --------------------------------------------------------------------------------


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_entry_list_query_count_does_not_grow_with_rows(world, auditor):
    accounts.user_update(actor=world["secadmin"], user=world["nobody"], version=1, name="0")
    queries(auditor, ENTRIES)
    few = queries(auditor, ENTRIES)
    # Rows of several types and actors, more than a page.
    for i in range(1, 20):
        accounts.user_update(actor=world["secadmin"], user=world["nobody"], version=i + 1, name=str(i))
        e = world.enterprise_a if i % 2 else world.enterprise_b
        with acting_as(world["leader_a"] if i % 2 else world["leader_b"]):
            registry.enterprise_update(actor=world["leader_a"] if i % 2 else world["leader_b"],
                                       enterprise=e, version=None, data={"industry": f"行业{i}"})
    assert AuditEntry.objects.count() > 40
    assert queries(auditor, ENTRIES) == few


def test_event_list_query_count_does_not_grow_with_rows(world, auditor):
    queries(auditor, EVENTS)
    few = queries(auditor, EVENTS)
    for i in range(40):
        security_event_record(kind=Kind.LOGIN, actor=world[["leader_a", "leader_b", "dept_a"][i % 3]])
    assert queries(auditor, EVENTS) == few
