"""Excel in and out: text stays text, and a file that cannot be read says why."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from yuanqu.common import excel
from yuanqu.common.excel import (
    MSG_EMPTY, MSG_MISSING_COLUMNS, MSG_NOT_XLSX, MSG_TOO_BIG, MSG_TOO_MANY_ROWS, Column, ImportFileError,
    export_workbook, read_rows, template_workbook, xlsx_response,
)

COLUMNS = [Column("企业名称", "name", True), Column("所属园区", "zone", True), Column("联系电话", "phone")]


def saved(workbook) -> io.BytesIO:
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def upload(rows, name="企业.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    return SimpleUploadedFile(name, saved(wb).getvalue())


def file_error(uploaded) -> str:
    with pytest.raises(ImportFileError) as exc:
        read_rows(uploaded, COLUMNS)
    return str(exc.value)


# -- writing --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["=1+1", "=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)"])
def test_exported_text_that_looks_like_a_formula_stays_text(text):
    ws = load_workbook(saved(export_workbook("企业", ["企业名称"], [[text]]))).active
    assert ws["A2"].value == text
    assert ws["A2"].data_type == "s"


def test_export_keeps_numbers_and_dates_typed_and_freezes_the_header():
    rows = [["甲", 3, Decimal("133.8"), dt.date(2021, 5, 13), None]]
    ws = load_workbook(saved(export_workbook("企业", ["名称", "数", "金额", "日期", "空"], rows))).active
    assert [c.value for c in ws[1]] == ["名称", "数", "金额", "日期", "空"]
    assert ws["B2"].value == 3 and ws["B2"].data_type == "n"
    assert ws["C2"].value == pytest.approx(133.8)
    assert ws["D2"].value == dt.datetime(2021, 5, 13)
    assert ws["E2"].value is None
    assert ws.freeze_panes == "A2"


def test_a_long_title_is_cut_to_excels_31_characters():
    assert export_workbook("名" * 40, ["a"], []).active.title == "名" * 31


def test_xlsx_response_names_the_file_in_utf8():
    response = xlsx_response("企业名录.xlsx", export_workbook("企业", ["a"], []))
    assert response["Content-Type"] == excel.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''%E4%BC%81%E4%B8%9A%E5%90%8D%E5%BD%95.xlsx"
    assert load_workbook(io.BytesIO(response.content)).active.title == "企业"


def test_template_has_the_headers_a_dropdown_and_the_instructions_sheet():
    columns = COLUMNS[:2] + [Column("规模", "scale", False, "规上/规下", ["规上", "规下"])]
    wb = load_workbook(saved(template_workbook("企业名录", columns)))
    assert wb.sheetnames == ["企业名录", "填写说明"]
    assert [c.value for c in wb["企业名录"][1]] == ["企业名称", "所属园区", "规模"]
    notes = [[c.value for c in row] for row in wb["填写说明"].iter_rows()]
    assert notes[0] == ["列名", "是否必填", "说明", "可选值"]
    assert notes[1][:2] == ["企业名称", "必填"]
    assert notes[3] == ["规模", "选填", "规上/规下", "规上、规下"]
    validations = wb["企业名录"].data_validations.dataValidation
    assert [v.formula1 for v in validations] == ['"规上,规下"']
    assert str(validations[0].sqref) == f"C2:C{excel.MAX_IMPORT_ROWS + 1}"


# -- reading --------------------------------------------------------------------------------------

def test_rows_come_with_their_excel_row_numbers_and_blank_rows_are_skipped():
    rows = read_rows(upload([
        ["企业名称", "所属园区", "联系电话", "多余的列"],
        [" 湖南甲科技有限公司 ", "甲园区", 13812341234.0, "x"],
        [None, None, None, None],
        ["  ", "", None, None],
        ["湖南乙电力有限公司", "乙园区", None, None],
    ]), COLUMNS)
    assert rows == [
        (2, {"name": "湖南甲科技有限公司", "zone": "甲园区", "phone": 13812341234}),
        (5, {"name": "湖南乙电力有限公司", "zone": "乙园区", "phone": ""}),
    ]


def test_columns_are_found_by_label_in_any_order_and_an_optional_one_may_be_missing():
    rows = read_rows(upload([["所属园区", "企业名称"], ["甲园区", "湖南甲科技有限公司"]]), COLUMNS)
    assert rows == [(2, {"name": "湖南甲科技有限公司", "zone": "甲园区"})]


def test_a_formula_in_an_uploaded_cell_is_read_as_its_text():
    rows = read_rows(upload([["企业名称", "所属园区"], ["=1+1", "甲园区"]]), COLUMNS)
    assert rows[0][1]["name"] == "=1+1"


@pytest.mark.parametrize("content", [b"", b"name,zone\n", b"PK\x03\x04not really a zip",
                                     b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512])
def test_a_file_that_is_not_an_xlsx_workbook_is_refused(content):
    assert file_error(SimpleUploadedFile("企业.xlsx", content)) == MSG_NOT_XLSX


def test_a_zip_that_is_not_a_workbook_is_refused():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("readme.txt", "hello")
    assert file_error(SimpleUploadedFile("企业.xlsx", buffer.getvalue())) == MSG_NOT_XLSX


def test_a_sheet_missing_a_required_column_names_it():
    assert file_error(upload([["企业名称", "联系电话"], ["湖南甲科技有限公司", ""]])) == \
        MSG_MISSING_COLUMNS.format(columns="所属园区")
    assert file_error(upload([["名称"], ["x"]])) == MSG_MISSING_COLUMNS.format(columns="企业名称、所属园区")


def test_an_empty_sheet_or_a_header_alone_is_empty():
    assert file_error(upload([])) == MSG_EMPTY
    assert file_error(upload([["企业名称", "所属园区"]])) == MSG_EMPTY
    assert file_error(upload([["企业名称", "所属园区"], [None, None], ["", " "]])) == MSG_EMPTY


def test_too_many_rows_or_bytes_are_refused(monkeypatch):
    monkeypatch.setattr(excel, "MAX_IMPORT_ROWS", 2)
    rows = [["企业名称", "所属园区"]] + [[f"企业{i}", "甲园区"] for i in range(3)]
    assert file_error(upload(rows)) == MSG_TOO_MANY_ROWS.format(n=2)
    monkeypatch.setattr(excel, "MAX_IMPORT_BYTES", 10)
    assert file_error(upload(rows[:2])) == MSG_TOO_BIG


def test_a_sheet_whose_dimension_tag_understates_its_size_is_read_in_full():
    # Apache POI's streaming writer, behind many government systems' exports, writes
    # <dimension ref="A1"/> whatever the sheet holds; read-only openpyxl trusts it unless told not to.
    import re
    import zipfile

    original = upload([["企业名称", "所属园区"], ["湖南甲科技有限公司", "甲园区"]]).read()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', data)
                assert n == 1
            zout.writestr(item, data)
    rows = read_rows(SimpleUploadedFile("企业.xlsx", out.getvalue()), COLUMNS)
    assert rows == [(2, {"name": "湖南甲科技有限公司", "zone": "甲园区"})]
