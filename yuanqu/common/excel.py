"""Excel in and out, through openpyxl.

Writing: every string is written as text, so a value such as "=1+1" stays the text "=1+1" in the
exported sheet and never becomes a formula (CSV/formula injection). Reading: a sheet's header row is
matched to the expected column labels; a missing column, an empty sheet or a file that is not an
.xlsx workbook is an ImportFileError with a message fit for the user.
"""

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = 5 * 1024 * 1024

MSG_NOT_XLSX = "文件不是有效的Excel工作簿(.xlsx)。请下载导入模板,填写后另存为.xlsx再上传。"
MSG_TOO_BIG = "文件过大(超过5MB)。请分批导入。"
MSG_EMPTY = "工作表没有数据行。请在表头下方逐行填写。"
MSG_MISSING_COLUMNS = "缺少必需的列:{columns}。请使用导入模板,不要修改表头。"
MSG_TOO_MANY_ROWS = "一次最多导入{n}行,请分批导入。"

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


class ImportFileError(Exception):
    """The uploaded file as a whole cannot be read (as opposed to an error in one row)."""


def _cell_value(value):
    if isinstance(value, Decimal):
        return float(value) if value == value.to_integral_value() or abs(value) < 1e15 else str(value)
    if isinstance(value, (dt.datetime, dt.date, int, float, bool)) or value is None:
        return value
    return str(value)


def write_sheet(ws, headers: list[str], rows, widths: list[int] | None = None) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            cell.value = _cell_value(value)
            if isinstance(cell.value, str):
                # openpyxl treats a leading "=" as a formula; force text so it round-trips as typed.
                cell.data_type = "s"
            elif isinstance(cell.value, (dt.date, dt.datetime)):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    for i, header in enumerate(headers, start=1):
        width = widths[i - 1] if widths and i <= len(widths) else max(10, min(40, len(header) * 2 + 4))
        ws.column_dimensions[get_column_letter(i)].width = width


def xlsx_response(filename: str, workbook: Workbook) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def export_workbook(title: str, headers: list[str], rows) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    write_sheet(ws, headers, rows)
    return wb


@dataclass
class Column:
    """One column of an import template: its label, whether it is required, a hint and allowed values."""

    label: str
    field: str
    required: bool = False
    hint: str = ""
    choices: list[str] | None = None
    width: int = 18
    text: bool = False  # long digit strings (credit codes, phones): the template formats the column as text


def template_workbook(title: str, columns: list[Column], example: list | None = None) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    write_sheet(ws, [c.label for c in columns], [example] if example else [], [c.width for c in columns])
    for i, col in enumerate(columns, start=1):
        if col.choices and sum(len(x) + 1 for x in col.choices) < 250:
            dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=not col.required)
            dv.error, dv.errorTitle = f"请从下拉列表中选择{col.label}", "取值不正确"
            ws.add_data_validation(dv)
            letter = get_column_letter(i)
            dv.add(f"{letter}2:{letter}{MAX_IMPORT_ROWS + 1}")
    for i, col in enumerate(columns, start=1):
        if col.text:
            # Excel keeps only 15 significant digits of a number; as text an 18-digit code survives.
            ws.column_dimensions[get_column_letter(i)].number_format = "@"
    notes = wb.create_sheet("填写说明")
    write_sheet(
        notes,
        ["列名", "是否必填", "说明", "可选值"],
        [[c.label, "必填" if c.required else "选填", c.hint, "、".join(c.choices or [])] for c in columns],
        [18, 10, 50, 60],
    )
    return wb


def read_rows(uploaded, columns: list[Column]) -> list[tuple[int, dict]]:
    """The data rows of the first sheet as (Excel row number, {field: value}); blank rows skipped."""
    if getattr(uploaded, "size", 0) > MAX_IMPORT_BYTES:
        raise ImportFileError(MSG_TOO_BIG)
    try:
        wb = load_workbook(uploaded, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ImportFileError(MSG_NOT_XLSX) from exc
    try:
        ws = wb.worksheets[0]
        # Read-only mode trusts the sheet's <dimension> tag, which some writers (Apache POI's
        # streaming one among them) leave at "A1": without this, such a ledger reads as one cell.
        ws.reset_dimensions()
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ImportFileError(MSG_EMPTY)
        labels = [str(h).strip() if h is not None else "" for h in header]
        missing = [c.label for c in columns if c.required and c.label not in labels]
        if missing:
            raise ImportFileError(MSG_MISSING_COLUMNS.format(columns="、".join(missing)))
        index = {c.field: labels.index(c.label) for c in columns if c.label in labels}
        out = []
        for number, row in enumerate(rows, start=2):
            if row is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                continue
            if len(out) >= MAX_IMPORT_ROWS:
                raise ImportFileError(MSG_TOO_MANY_ROWS.format(n=MAX_IMPORT_ROWS))
            values = {}
            for field, i in index.items():
                v = row[i] if i < len(row) else None
                if isinstance(v, str):
                    v = v.strip()
                elif isinstance(v, float) and v.is_integer():
                    v = int(v)
                values[field] = "" if v is None else v
            out.append((number, values))
        if not out:
            raise ImportFileError(MSG_EMPTY)
        return out
    finally:
        wb.close()
