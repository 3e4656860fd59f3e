"""Excel import of the enterprise and official ledgers: preview row errors, commit all or nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yuanqu.audit.models import SecurityEvent
from yuanqu.common.excel import MSG_EMPTY, MSG_MISSING_COLUMNS, MSG_NOT_XLSX
from yuanqu.common.imports import MSG_DUPLICATE_IN_FILE, MSG_FILE_GONE
from yuanqu.common.validators import MSG_CREDIT_CODE_CHECK, MSG_PHONE, credit_code_check_char
from yuanqu.registry import imports
from yuanqu.registry.imports import (
    MSG_EXISTS_ELSEWHERE, MSG_UNKNOWN_DEPARTMENT, MSG_UNKNOWN_PARK, MSG_UNKNOWN_SCALE, MSG_UNKNOWN_ZONE,
    EnterpriseImporter, OfficialImporter,
)
from yuanqu.registry.models import Enterprise, Official
from yuanqu.registry.views import MSG_IMPORT_FAILED, MSG_IMPORTED
from yuanqu.testing.factories import EnterpriseFactory, make_credit_code

from .conftest import ENTERPRISE_HEADERS, OFFICIAL_HEADERS, sheet_rows, xlsx_file

IMPORT, COMMIT = "registry:enterprise_import", "registry:enterprise_import_commit"
CODES = [make_credit_code(70000 + i) for i in range(5)]
BAD_CODE = CODES[1][:17] + ("0" if CODES[1][17] != "0" else "1")


def ent(name, code="", zone="甲园区", park="", industry="电子信息", scale="", phone="", note=""):
    return [name, code, zone, park, industry, scale, "湘乡市", "王经理", phone, note]


def enterprise_sheet(*rows, name="企业名录.xlsx"):
    return xlsx_file([ENTERPRISE_HEADERS, *rows], name)


def upload(client, sheet, kind="enterprise"):
    return client.post(reverse(f"registry:{kind}_import"), {"file": sheet})


def errors_by_row(response) -> dict[int, list[tuple[str, str]]]:
    return {r.number: r.errors for r in response.context["report"].error_rows}


def three_rows(bad_code=BAD_CODE):
    return [
        ent("湖南创普开业科技有限公司", CODES[0], scale="规上", phone="13812345678"),
        ent("湖南振添光学玻璃科技有限公司", bad_code),
        ent("湘君子电子", CODES[2]),
    ]


# -- the "done when": one bad row saves nothing and the preview names row and column ----------

def test_a_bad_credit_code_in_one_row_saves_no_row_and_names_the_row_and_column(world, login):
    response = upload(login("leader_a"), enterprise_sheet(*three_rows()))
    assert response.status_code == 400
    expected = MSG_CREDIT_CODE_CHECK.format(expected=credit_code_check_char(BAD_CODE[:17]))
    assert errors_by_row(response) == {3: [("统一社会信用代码", expected)]}
    body = response.content.decode()
    assert "第3行" in body and "统一社会信用代码" in body and expected in body
    assert "token" not in response.context
    assert Enterprise.objects.count() == 2


def test_committing_a_sheet_with_a_bad_row_saves_not_even_the_good_rows(world):
    report = EnterpriseImporter(world["leader_a"]).commit(enterprise_sheet(*three_rows()))
    assert report.saved == 0
    assert [r.number for r in report.error_rows] == [3]
    assert not Enterprise.objects.filter(name__in=["湖南创普开业科技有限公司", "湘君子电子"]).exists()


def test_a_failure_while_saving_rolls_back_the_rows_already_saved(world, monkeypatch):
    calls = []

    def failing_create(*, actor, data):
        calls.append(data["name"])
        if len(calls) == 2:
            raise ValidationError("数据库拒绝了这一行")
        return real_create(actor=actor, data=data)

    real_create = imports.enterprise_create
    monkeypatch.setattr(imports, "enterprise_create", failing_create)
    report = EnterpriseImporter(world["leader_a"]).commit(enterprise_sheet(*three_rows(CODES[1])))
    assert calls == ["湖南创普开业科技有限公司", "湖南振添光学玻璃科技有限公司"]
    assert report.saved == 0
    assert [(r.number, r.errors) for r in report.error_rows] == [(3, [("整行", "数据库拒绝了这一行")])]
    assert Enterprise.objects.count() == 2


# -- the two steps through the pages ------------------------------------------------------------

def test_upload_previews_then_confirm_saves_every_row(world, login):
    client = login("leader_a")
    preview = upload(client, enterprise_sheet(*three_rows(CODES[1])))
    assert preview.status_code == 200
    report = preview.context["report"]
    assert report.ok and report.counts == {"total": 3, "errors": 0, "create": 3, "update": 0}
    assert [r.action for r in report.rows] == ["新增", "新增", "新增"]
    assert Enterprise.objects.count() == 2  # the preview saves nothing
    token = preview.context["token"]
    assert f'value="{token}"' in preview.content.decode()

    response = client.post(reverse(COMMIT), {"token": token})
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:enterprise_list")
    created = Enterprise.objects.get(name="湖南创普开业科技有限公司")
    assert (created.zone, created.scale, created.credit_code, created.contact_phone) == (
        world.zone_a, "above", CODES[0], "13812345678")
    assert Enterprise.objects.count() == 5
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.IMPORT)
    assert event.detail == {"what": "enterprise", "total": 3, "errors": 0, "create": 3, "update": 0}
    assert MSG_IMPORTED.format(create=3, update=0) in client.get(response["Location"]).content.decode()


def test_a_token_works_once(world, login):
    client = login("leader_a")
    token = upload(client, enterprise_sheet(*three_rows(CODES[1]))).context["token"]
    assert client.post(reverse(COMMIT), {"token": token}).status_code == 302
    again = client.post(reverse(COMMIT), {"token": token}, follow=True)
    assert again.redirect_chain == [(reverse(IMPORT), 302)]
    assert MSG_FILE_GONE in again.content.decode()
    assert Enterprise.objects.count() == 5


def test_a_token_of_another_user_or_kind_is_refused(world, login):
    token = upload(login("leader_a"), enterprise_sheet(*three_rows(CODES[1]))).context["token"]
    other = login("clerk_a").post(reverse(COMMIT), {"token": token}, follow=True)
    assert MSG_FILE_GONE in other.content.decode()
    official = login("leader_a").post(reverse("registry:official_import_commit"), {"token": token}, follow=True)
    assert MSG_FILE_GONE in official.content.decode()
    assert Enterprise.objects.count() == 2


def test_confirm_checks_again_and_saves_nothing_if_a_row_went_bad_meanwhile(world, login):
    client = login("leader_a")
    token = upload(client, enterprise_sheet(*three_rows(CODES[1]))).context["token"]
    EnterpriseFactory(zone=world.zone_b, name="另一家企业", credit_code=CODES[2])  # registered in between
    response = client.post(reverse(COMMIT), {"token": token})
    assert response.status_code == 400
    assert MSG_IMPORT_FAILED.format(errors=1) in response.content.decode()
    assert errors_by_row(response) == {4: [("整行", Enterprise._meta.constraints[0].violation_error_message)]}
    assert Enterprise.objects.count() == 3
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.IMPORT).exists()


# -- formula text stays text ---------------------------------------------------------------------

@pytest.mark.parametrize("as_text", [True, False], ids=["typed-as-text", "typed-as-formula"])
def test_a_name_like_a_formula_is_imported_as_text_and_exported_as_text(world, login, as_text):
    client = login("leader_a")
    sheet = xlsx_file([ENTERPRISE_HEADERS, ent("=1+1", note="=HYPERLINK(\"http://x\",\"点我\")")], as_text=as_text)
    token = upload(client, sheet).context["token"]
    assert client.post(reverse(COMMIT), {"token": token}).status_code == 302
    assert Enterprise.objects.get(name="=1+1").note == "=HYPERLINK(\"http://x\",\"点我\")"

    from openpyxl import load_workbook
    import io

    response = client.get(reverse("registry:enterprise_export"), {"q": "=1+1"})
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A2"].value == "=1+1"
    assert ws["A2"].data_type == "s"
    assert ws["J2"].data_type == "s"


# -- file-level errors --------------------------------------------------------------------------

def test_a_file_that_is_not_xlsx_is_refused(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = upload(login("leader_a"), SimpleUploadedFile("企业名录.xls", "企业名称,所属园区\n".encode("gbk")))
    assert response.status_code == 400
    assert response.context["report"].file_error == MSG_NOT_XLSX
    assert MSG_NOT_XLSX in response.content.decode()


def test_a_sheet_missing_a_required_column_is_refused(world, login):
    sheet = xlsx_file([["企业名称", "所属行业"], ["湘君子电子", "电子信息"]])
    response = upload(login("leader_a"), sheet)
    assert response.status_code == 400
    assert response.context["report"].file_error == MSG_MISSING_COLUMNS.format(columns="所属园区")
    assert Enterprise.objects.count() == 2


def test_an_empty_sheet_is_refused(world, login):
    response = upload(login("leader_a"), xlsx_file([ENTERPRISE_HEADERS]))
    assert response.status_code == 400
    assert response.context["report"].file_error == MSG_EMPTY
    assert MSG_EMPTY in response.content.decode()


def test_no_file_at_all_is_refused(world, login):
    response = login("leader_a").post(reverse(IMPORT), {"file": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["这个字段是必填项。"]


# -- row errors -------------------------------------------------------------------------------

def test_duplicate_names_or_codes_within_the_file_are_errors_on_the_later_row(world, login):
    response = upload(login("leader_a"), enterprise_sheet(
        ent("湘君子电子", CODES[0]),
        ent("维泰科技", CODES[1]),
        ent("湘君子电子", CODES[2]),
        ent("宜合兴", CODES[1]),
    ))
    assert response.status_code == 400
    assert errors_by_row(response) == {
        4: [("企业名称", MSG_DUPLICATE_IN_FILE.format(row=2))],
        5: [("统一社会信用代码", MSG_DUPLICATE_IN_FILE.format(row=3))],
    }


def test_an_unknown_zone_or_one_outside_the_importers_scope_is_an_error(world, login):
    response = upload(login("leader_a"), enterprise_sheet(
        ent("湘君子电子", zone="不存在园区"),
        ent("维泰科技", zone="乙园区"),
        ent("宜合兴", zone=world.zone_b.name),
        ent("新天源", zone=""),
    ))
    assert errors_by_row(response) == {
        2: [("所属园区", MSG_UNKNOWN_ZONE.format(v="不存在园区"))],
        3: [("所属园区", MSG_UNKNOWN_ZONE.format(v="乙园区"))],
        4: [("所属园区", MSG_UNKNOWN_ZONE.format(v=world.zone_b.name))],
        5: [("所属园区", MSG_UNKNOWN_ZONE.format(v=""))],
    }


def test_a_zone_may_be_named_in_full(world, login):
    response = upload(login("leader_a"), enterprise_sheet(ent("湘君子电子", zone=world.zone_a.name)))
    assert response.status_code == 200
    assert response.context["report"].ok


def test_an_unknown_park_scale_or_phone_is_an_error_in_its_column(world, login):
    response = upload(login("leader_a"), enterprise_sheet(
        ent("湘君子电子", park=world.park_b.name),
        ent("维泰科技", scale="大型"),
        ent("宜合兴", phone="12345"),
    ))
    assert errors_by_row(response) == {
        2: [("所在产业园", MSG_UNKNOWN_PARK.format(v=world.park_b.name))],
        3: [("规模", MSG_UNKNOWN_SCALE)],
        4: [("联系电话", MSG_PHONE)],
    }


def test_a_missing_name_is_an_error_in_the_name_column(world, login):
    response = upload(login("leader_a"), enterprise_sheet(ent("", CODES[0])))
    assert errors_by_row(response) == {2: [("企业名称", "这个字段是必填项。")]}


def test_an_existing_enterprise_is_updated_by_name(world, login):
    client = login("leader_a")
    name = world.enterprise_a.name
    preview = upload(client, enterprise_sheet(
        ent(name, world.enterprise_a.credit_code, park=world.park_a.name, industry="电气装备", scale="规上",
            phone=13812341234),
        ent("湘君子电子", CODES[0]),
    ))
    assert [r.action for r in preview.context["report"].rows] == ["更新", "新增"]
    assert client.post(reverse(COMMIT), {"token": preview.context["token"]}).status_code == 302
    updated = Enterprise.objects.get(name=name)
    assert (updated.industry, updated.scale, updated.park, updated.contact_phone, updated.version) == (
        "电气装备", "above", world.park_a, "13812341234", 2)
    assert Enterprise.objects.count() == 3
    assert SecurityEvent.objects.get(kind=SecurityEvent.Kind.IMPORT).detail["update"] == 1


def test_an_enterprise_registered_in_a_zone_the_importer_cannot_change_is_not_touched(world, login):
    response = upload(login("leader_a"), enterprise_sheet(ent(world.enterprise_b.name)))
    assert errors_by_row(response) == {2: [("企业名称", MSG_EXISTS_ELSEWHERE.format(v=world.enterprise_b.name))]}
    world.enterprise_b.refresh_from_db()
    assert world.enterprise_b.version == 1


# -- templates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, headers", [("enterprise", ENTERPRISE_HEADERS), ("official", OFFICIAL_HEADERS)])
def test_the_template_opens_with_the_headers_and_instructions(world, login, kind, headers):
    response = login("leader_a").get(reverse(f"registry:{kind}_import_template"))
    assert response.status_code == 200
    assert sheet_rows(response) == [headers]
    notes = sheet_rows(response, sheet=1)
    assert notes[0] == ["列名", "是否必填", "说明", "可选值"]
    assert [r[0] for r in notes[1:]] == headers
    zone_note = next(r for r in notes if r[0] == "所属园区")
    assert zone_note[1:] == ["必填", "园区简称或全称", "甲园区"]  # only the zones the user may change


def test_the_template_fills_in_cleanly(world, login):
    """The downloaded template, filled in and uploaded, passes the check."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    client = login("clerk_a")
    wb = load_workbook(io.BytesIO(client.get(reverse("registry:enterprise_import_template")).content))
    wb.worksheets[0].append(ent("湘君子电子", CODES[0], scale="规下"))
    buffer = io.BytesIO()
    wb.save(buffer)
    response = upload(client, SimpleUploadedFile("企业名录.xlsx", buffer.getvalue()))
    assert response.status_code == 200
    assert response.context["report"].counts["create"] == 1


# -- officials --------------------------------------------------------------------------------

def official(name, position="管委会副主任", zone="甲园区", department="", unit="", phone="", order=""):
    return [name, position, zone, department, unit, phone, order]


def test_officials_are_imported_and_updated_by_name_within_the_zone(world, login):
    client = login("leader_a")
    preview = upload(client, xlsx_file([
        OFFICIAL_HEADERS,
        official("黄韧", "党工委副书记、管委会主任", department="甲建设局", phone="0731-58588888", order=2),
        official("甲干部", "管委会常务副主任"),
        official("杨德明", "工程师", unit="市林业局林业综合服务中心"),
    ], "干部名录.xlsx"), kind="official")
    assert preview.status_code == 200
    assert [r.action for r in preview.context["report"].rows] == ["新增", "更新", "新增"]
    assert client.post(reverse("registry:official_import_commit"), {"token": preview.context["token"]}).status_code == 302
    huang = Official.objects.get(name="黄韧")
    assert (huang.department, huang.phone, huang.sort_order, huang.zone) == (world.dept_a, "0731-58588888", 2, world.zone_a)
    world.official_a.refresh_from_db()
    assert (world.official_a.position, world.official_a.version) == ("管委会常务副主任", 2)
    assert Official.objects.get(name="杨德明").unit == "市林业局林业综合服务中心"
    assert Official.objects.filter(name="乙干部").count() == 1


def test_an_official_in_a_department_of_another_zone_is_an_error(world, login):
    response = upload(login("leader_a"), xlsx_file([
        OFFICIAL_HEADERS, official("黄韧", department="乙交警大队"), official("胡海军", position=""),
    ], "干部名录.xlsx"), kind="official")
    assert response.status_code == 400
    assert errors_by_row(response) == {
        2: [("所在部门", MSG_UNKNOWN_DEPARTMENT.format(v="乙交警大队"))],
        3: [("职务", "这个字段是必填项。")],
    }
    assert not Official.objects.filter(name__in=["黄韧", "胡海军"]).exists()


def test_the_official_importer_is_scoped_like_the_enterprise_one(world):
    importer = OfficialImporter(world["clerk_a"])
    assert importer.lookup.choices() == ["甲园区"]


def test_the_same_official_twice_in_one_zone_is_an_error_on_the_later_row(world, login):
    # Officials are matched by name within a zone, so a repeated name would create two records
    # (or update one twice); the same name in another zone is another person.
    response = upload(login("leader_a"), xlsx_file([
        OFFICIAL_HEADERS,
        official("黄韧", "管委会主任"),
        official("甲干部", "管委会副主任"),
        official("黄韧", "党工委副书记", zone=world.zone_a.name),
        official("甲干部", "管委会常务副主任"),
    ], "干部名录.xlsx"), kind="official")
    assert response.status_code == 400
    assert errors_by_row(response) == {
        4: [("姓名", MSG_DUPLICATE_IN_FILE.format(row=2))],
        5: [("姓名", MSG_DUPLICATE_IN_FILE.format(row=3))],
    }
    assert not Official.objects.filter(name="黄韧").exists()


def test_the_same_official_name_in_two_zones_is_two_people(world, client, leader_ab):
    client.force_login(leader_ab)
    response = upload(client, xlsx_file([
        OFFICIAL_HEADERS, official("王伟", zone="甲园区"), official("王伟", zone="乙园区"),
    ], "干部名录.xlsx"), kind="official")
    assert response.status_code == 200
    assert client.post(reverse("registry:official_import_commit"), {"token": response.context["token"]}).status_code == 302
    assert set(Official.objects.filter(name="王伟").values_list("zone__short_name", flat=True)) == {"甲园区", "乙园区"}


# -- updates keep what a blank cell does not mention; codes stored as numbers are refused ----------

def test_a_blank_cell_in_an_update_row_keeps_the_recorded_value(world):
    e = world.enterprise_a
    code, phone = e.credit_code, e.contact_phone
    row = ent(e.name, "", industry="新材料")
    report = EnterpriseImporter(world["leader_a"]).commit(enterprise_sheet(row))
    assert report.saved == 1
    e.refresh_from_db()
    assert (e.industry, e.credit_code, e.contact_phone, e.park_id) == ("新材料", code, phone, world.park_a.pk)


def test_a_credit_code_stored_as_a_number_is_refused_with_the_reason(world):
    row = ent("湖南数字格式有限公司", 914303000000000000)
    report, _ = EnterpriseImporter(world["leader_a"]).check(enterprise_sheet(row))
    assert report.error_rows[0].errors == [("统一社会信用代码", imports.MSG_NUMERIC_CODE)]


def test_a_credit_code_repeated_in_other_case_is_a_duplicate_in_the_file(world):
    lower = CODES[3][:17].lower() + CODES[3][17].lower()
    report, _ = EnterpriseImporter(world["leader_a"]).check(
        enterprise_sheet(ent("湖南大写有限公司", CODES[3]), ent("湖南小写有限公司", lower))
    )
    assert [r.number for r in report.error_rows] == [3]


def test_the_template_keeps_credit_code_and_phone_columns_as_text(world, login):
    import io

    from openpyxl import load_workbook

    response = login("leader_a").get(reverse("registry:enterprise_import_template"))
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert ws.column_dimensions["B"].number_format == "@"  # 统一社会信用代码
    assert ws.column_dimensions["I"].number_format == "@"  # 联系电话
