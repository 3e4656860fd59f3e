"""The values ledger as an Excel sheet: the rows of the list with its filters, capped.

Each chunk of rows fetches its prior-year figures in one query (as the list's page does), so the
computed growth in the sheet is the one the page shows.
"""

from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook

from yuanqu.common.excel import export_workbook

from .filters import ledger_rows, page_values

MAX_ROWS = 20000
CHUNK = 200
HEADERS = ["园区", "层级", "对象", "指标代码", "指标", "期间", "数值", "计量单位", "通报写法", "填报同比增速(%)",
           "计算同比增速(%)", "增速核对", "状态", "来源", "示意数据", "说明"]
MSG_TRUNCATED = "仅导出前{n}条,其余未导出;请按园区、指标或期间筛选后分批导出。"


def _rate(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _line(r: dict) -> list:
    v, g = r["v"], r["growth"]
    check = ""
    if g.mismatch:
        check = f"填报与计算相差{abs(g.difference)}个百分点"
    elif g.implied_prior is not None:
        check = "无上年同期数"
    return [v.zone.short_name, v.get_level_display(), r["subject"], v.indicator.code, v.indicator.name, r["period"],
            v.value, v.indicator.get_unit_display(), r["amount"], v.reported_growth, _rate(g.computed), check,
            v.get_state_display(), v.get_source_display(), "是" if v.is_illustrative else "", v.note]


def values_workbook(rows) -> Workbook:
    """The list's rows (filters.ID_COLUMNS, ordered) in full; past MAX_ROWS a last line says the
    sheet stops there. The ids first (the values table alone), then each chunk's values by key
    with their prior-year figures: two queries a chunk."""
    keys = list(rows[: MAX_ROWS + 1])
    lines = []
    for start in range(0, min(len(keys), MAX_ROWS), CHUNK):
        lines += [_line(r) for r in ledger_rows(page_values(keys[start:min(start + CHUNK, MAX_ROWS)]))]
    if len(keys) > MAX_ROWS:
        lines.append([MSG_TRUNCATED.format(n=MAX_ROWS)])
    return export_workbook("经济指标数据", HEADERS, lines)
