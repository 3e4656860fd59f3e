import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from yuanqu.audit.models import AuditEntry
from yuanqu.testing.factories import UserFactory, grant

ENTERPRISE_HEADERS = ["企业名称", "统一社会信用代码", "所属园区", "所在产业园", "所属行业", "规模", "地址", "联系人", "联系电话", "备注"]
OFFICIAL_HEADERS = ["姓名", "职务", "所属园区", "所在部门", "单位", "电话", "排序"]


@pytest.fixture
def leader_ab(world):
    """A leader of both zones, who may pick either zone's parks and departments in a form."""
    user = UserFactory(username="leader_ab")
    grant(user, "leader", zone=world.zone_a)
    grant(user, "leader", zone=world.zone_b)
    return user


def xlsx_file(rows, name="企业名录.xlsx", *, as_text=True) -> SimpleUploadedFile:
    """An uploaded workbook whose first sheet holds `rows` (strings typed as text, as a user would)."""
    wb = Workbook()
    ws = wb.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if as_text and isinstance(value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def sheet_rows(response, sheet=0) -> list[list]:
    wb = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in wb.worksheets[sheet].iter_rows(values_only=True)]


def audit_actions(obj) -> list[tuple[int, str]]:
    """(action, actor username) of the change log entries about obj, oldest first."""
    return [
        (e.action, e.actor.username if e.actor else "")
        for e in AuditEntry.objects.get_for_object(obj).order_by("timestamp", "id")
    ]
