"""Excel import of indicator values: every row through value_save's rules, all rows or none."""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from yuanqu.indicators import services
from yuanqu.indicators.choices import RevisionAction, Source, ValueState
from yuanqu.indicators.imports import (
    MSG_MONEY_UNIT, MSG_UNKNOWN_ENTERPRISE, MSG_UNKNOWN_INDICATOR, MSG_UNKNOWN_ZONE, UNCHANGED, ValueImporter,
)
from yuanqu.indicators.models import Indicator, IndicatorValue, ValueRevision
from yuanqu.indicators.periods import Period
from yuanqu.indicators.services import MSG_REASON_REQUIRED

HEADERS = ["指标", "园区", "产业园", "企业", "期间", "数值", "单位", "填报同比增速(%)", "说明", "修订原因"]
URL = "/indicators/import/"


def xlsx(rows, headers=HEADERS) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("指标数据.xlsx", buffer.getvalue())


def ind(code) -> Indicator:
    return Indicator.objects.get(code=code)


def errors_of(report) -> set[tuple[int, str]]:
    return {(r.number, column) for r in report.rows for column, _ in r.errors}


def messages_of(report) -> list[str]:
    return [m for r in report.rows for _, m in r.errors]


def upload_and_confirm(client, upload):
    preview = client.post(reverse("indicators:value_import"), {"file": upload})
    assert preview.status_code == 200, preview.content.decode()
    return client.post(reverse("indicators:value_import"), {"token": preview.context["token"]})


def test_good_file_saves_every_row_with_an_import_revision(world, login):
    clerk = world["clerk_a"]
    old = services.value_save(actor=clerk, indicator=ind("SJSJ"), zone=world.zone_a, period=Period.parse("2021-Q1"),
                              value=Decimal("20000"))
    rows = [
        ["JGM", "甲园区", "", "", "2021-Q1", 133.8, "亿元", 20, "一季度快报", ""],
        ["规模以上工业企业主营业务收入", "甲经济开发区", "", "", "2021年一季度", "1,103,000", "", "22.8%", "", ""],
        ["SS", "甲园区", "甲电子信息产业园", "", 2020, 3.25, "亿元", "", "", ""],
        ["YYSR", "甲园区", "", world.enterprise_a.credit_code, "2021年五一", 162.95, "万元", 123.93, "", ""],
        ["JDYK", "甲园区", "", world.enterprise_a.name, "2021-五一", 4.01, "万人次", 87.41, "", ""],
        ["SJSJ", "甲园区", "", "", "2021-Q1", 2.4, "亿元", 64.4, "", "快报更正"],
    ]
    response = upload_and_confirm(login("clerk_a"), xlsx(rows))
    assert response.status_code == 302
    figures = {(v.indicator.code, v.subject_key): v for v in IndicatorValue.objects.select_related("indicator")}
    assert len(figures) == 6
    assert figures[("JGM", f"z{world.zone_a.pk}")].value == Decimal("1338000")
    assert figures[("JGM", f"z{world.zone_a.pk}")].reported_growth == Decimal("20")
    assert figures[("GSZYYW", f"z{world.zone_a.pk}")].value == Decimal("1103000")
    assert figures[("SS", f"p{world.park_a.pk}")].value == Decimal("32500")
    assert figures[("SS", f"p{world.park_a.pk}")].year == 2020
    assert figures[("YYSR", f"e{world.enterprise_a.pk}")].value == Decimal("162.95")
    assert figures[("JDYK", f"e{world.enterprise_a.pk}")].value == Decimal("4.01")
    revised = figures[("SJSJ", f"z{world.zone_a.pk}")]
    assert revised.pk == old.pk and revised.value == Decimal("24000") and revised.source == Source.IMPORT
    assert all(v.state == ValueState.CONFIRMED for v in figures.values())
    imported = ValueRevision.objects.filter(source=Source.IMPORT)
    assert imported.count() == 6
    revision = imported.get(value=old)
    assert (revision.action, revision.old_value, revision.new_value, revision.reason) == (
        RevisionAction.REVISE, Decimal("20000"), Decimal("24000"), "快报更正")


def test_a_file_with_bad_rows_saves_nothing_and_names_each_row_and_column(world, login):
    rows = [
        ["JGM", "甲园区", "", "", "2021-Q1", 133.8, "亿元", 20, "", ""],
        ["JGM", "甲园区", "", "", "2021-Q5", 10, "", "", "", ""],
        ["不存在的指标", "甲园区", "", "", "2021-Q1", 10, "", "", "", ""],
        ["SJSJ", "甲园区", "", "", "2021-Q1", "约两亿", "", "二成", "", ""],
        ["GDZCTZ", "甲园区", "", "", "2021-Q1", 14.9, "亿", "", "", ""],
    ]
    client = login("clerk_a")
    response = client.post(reverse("indicators:value_import"), {"file": xlsx(rows)})
    assert response.status_code == 400
    report = response.context["report"]
    assert errors_of(report) == {(3, "期间"), (4, "指标"), (5, "数值"), (5, "填报同比增速(%)"), (6, "单位")}
    assert MSG_UNKNOWN_INDICATOR.format(v="不存在的指标") in messages_of(report)
    assert MSG_MONEY_UNIT in messages_of(report)
    assert "token" not in response.context
    page = response.content.decode()
    assert "第3行" in page and "期间“2021-Q5”无法识别" in page and "“约两亿”不是数字" in page
    # Confirming is refused too (the commit checks the file again), and nothing is saved.
    report = ValueImporter(world["clerk_a"]).commit(xlsx(rows))
    assert report.saved == 0 and len(report.error_rows) == 4
    assert not IndicatorValue.objects.exists() and not ValueRevision.objects.exists()


def test_revising_a_confirmed_value_needs_a_reason_and_an_identical_row_changes_nothing(world):
    clerk = world["clerk_a"]
    services.value_save(actor=clerk, indicator=ind("JGM"), zone=world.zone_a, period=Period.parse("2021-Q1"),
                        value=Decimal("1338000"), reported_growth=Decimal("20"))
    rows = [["JGM", "甲园区", "", "", "2021-Q1", 140, "亿元", 20, "", ""],
            ["JGM", "甲园区", "", "", "2021-03", 140, "亿元", "", "", ""]]
    report = ValueImporter(clerk).commit(xlsx(rows))
    assert report.saved == 0
    assert errors_of(report) == {(2, "修订原因")}
    assert report.rows[0].errors == [("修订原因", MSG_REASON_REQUIRED)]
    assert IndicatorValue.objects.get().value == Decimal("1338000")
    assert IndicatorValue.objects.count() == 1
    # The same figure again is 不变: skipped, so a file can be imported twice.
    same = [["技工贸收入", "甲园区", "", "", "2021年一季度", 1338000, "万元", 20, "", ""]]
    report = ValueImporter(clerk).commit(xlsx(same))
    assert report.rows[0].action == UNCHANGED and not report.error_rows
    assert ValueRevision.objects.count() == 1


def test_rows_outside_the_clerks_zone_or_level_are_refused(world):
    rows = [
        ["JGM", "乙园区", "", "", "2021-Q1", 10, "", "", "", ""],
        ["YYSR", "甲园区", "", world.enterprise_b.name, "2021-Q1", 10, "", "", "", ""],
        ["JGM", "甲园区", "", world.enterprise_a.name, "2021-Q1", 10, "", "", "", ""],
        ["SS", "甲园区", "乙电力科技产业园", "", "2021-Q1", 10, "", "", "", ""],
        ["JDYK", "甲园区", "", world.enterprise_a.name, "2021-Q1", 10, "万元", "", "", ""],
    ]
    report = ValueImporter(world["clerk_a"]).commit(xlsx(rows))
    assert report.saved == 0
    assert errors_of(report) == {(2, "园区"), (3, "企业"), (4, "指标"), (5, "产业园"), (6, "单位")}
    assert MSG_UNKNOWN_ZONE.format(v="乙园区") in messages_of(report)
    assert MSG_UNKNOWN_ENTERPRISE.format(v=world.enterprise_b.name) in messages_of(report)
    assert any("按园区填报,不能填报到企业" in m for m in messages_of(report))
    assert not IndicatorValue.objects.exists()


def test_the_same_figure_twice_in_a_file_is_refused_however_it_is_spelled(world):
    rows = [["JGM", "甲园区", "", "", "2021-Q1", 10, "", "", "", ""],
            ["技工贸收入", "甲经济开发区", "", "", "2021年一季度", 11, "", "", "", ""],
            ["YYSR", "甲园区", "", world.enterprise_a.name, "2021-03", 1, "", "", "", ""],
            ["YYSR", "甲园区", "", world.enterprise_a.credit_code, "2021年3月", 2, "", "", "", ""]]
    report = ValueImporter(world["clerk_a"]).commit(xlsx(rows))
    assert report.saved == 0
    assert [(r.number, r.errors) for r in report.error_rows] == [(3, [("整行", "与第2行重复")]),
                                                                  (5, [("整行", "与第4行重复")])]
    assert not IndicatorValue.objects.exists()


def test_the_template_downloads_and_imports_once_filled(world, login):
    client = login("clerk_a")
    response = client.get(reverse("indicators:value_import_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    sheet, notes = wb.worksheets[0], wb["填写说明"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.max_row == 1  # no example row that would be imported by mistake
    listed = [row for row in notes.iter_rows(values_only=True)]
    assert ("JGM", "技工贸收入", "万元(可填万元或亿元)", "累计", "园区", "启用") in listed
    assert any(row[0] == "季度" and "2021-Q1" in row[1] for row in listed)
    sheet.append(["JGM", "甲园区", None, None, "2021-Q1", 133.8, "亿元", 20, None, None])
    # "2021-03" typed in a General cell: Excel stores a date, read back as the month.
    sheet.append(["YYSR", "甲园区", None, world.enterprise_a.name, dt.datetime(2021, 3, 1), 88.79, "万元", None, None,
                  None])
    buffer = io.BytesIO()
    wb.save(buffer)
    done = upload_and_confirm(client, SimpleUploadedFile("填好的模板.xlsx", buffer.getvalue()))
    assert done.status_code == 302 and done["Location"] == reverse("indicators:value_list")
    assert IndicatorValue.objects.count() == 2
    march = IndicatorValue.objects.get(indicator__code="YYSR")
    assert (march.year, march.period_kind, march.period) == (2021, "month", 3)


def test_the_preview_saves_nothing_and_a_stale_token_is_refused(world, login):
    client = login("clerk_a")
    preview = client.post(URL, {"file": xlsx([["JGM", "甲园区", "", "", "2021-Q1", 133.8, "亿元", 20, "", ""]])})
    assert preview.status_code == 200 and "检查通过" in preview.content.decode()
    assert not IndicatorValue.objects.exists() and not ValueRevision.objects.exists()
    gone = client.post(URL, {"token": "no-such-token"}, follow=True)
    assert "导入文件已过期或不存在" in gone.content.decode()
    assert not IndicatorValue.objects.exists()
