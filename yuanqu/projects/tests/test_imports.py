"""Excel import of the project ledger: one bad row saves nothing; updates keep blank cells' values."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from yuanqu.projects import imports
from yuanqu.projects.imports import ProjectImporter
from yuanqu.projects.models import Project

HEADERS = ["项目名称", "所属园区", "所在产业园", "业主企业", "项目类型", "总投资(万元)", "年度计划投资(万元)",
           "累计完成投资(万元)", "产品", "设计产能", "产能单位", "产能口径", "重点项目", "绿色通道", "联点领导",
           "责任部门", "责任人", "建设内容"]


def sheet(*rows):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("项目台账.xlsx", buffer.getvalue())


def row(name, zone="甲园区", park="", enterprise="", kind="产业项目", total=5000, **extra):
    values = dict(zip(HEADERS, [name, zone, park, enterprise, kind, total, "", "", "液晶显示屏", 2400, "万片", "年产",
                                "是", "", "", "", "", "示例"]))
    values.update(extra)
    return [values[h] for h in HEADERS]


def test_a_good_sheet_creates_projects_through_the_form(world):
    report = ProjectImporter(world["leader_a"]).commit(sheet(
        row("液晶显示屏生产线", park="甲电子信息产业园", enterprise="湖南甲科技有限公司", **{"责任人": "liaison_a", "责任部门": "甲建设局"}),
        row("标准厂房", kind="园区配套", total=""),
    ))
    assert report.saved == 2
    p = Project.objects.get(name="液晶显示屏生产线")
    assert (p.zone, p.park, p.enterprise, p.liaison, p.department, p.is_key) == (
        world.zone_a, world.park_a, world.enterprise_a, world["liaison_a"], world.dept_a, True)
    assert p.capacity_text == "年产2400万片液晶显示屏"
    assert p.stage == "planning"  # the lifecycle is not imported


def test_one_bad_row_saves_nothing_and_names_row_and_column(world):
    report = ProjectImporter(world["leader_a"]).commit(sheet(
        row("液晶显示屏生产线"),
        row("光学玻璃二期", park="乙电力科技产业园"),  # another zone's park
        row("标准厂房", total="三千万"),
    ))
    assert report.saved == 0
    assert {r.number: r.errors for r in report.error_rows} == {
        3: [("所在产业园", imports.MSG_UNKNOWN.format(what="产业园", v="乙电力科技产业园"))],
        4: [("总投资(万元)", imports.MSG_NUMBER)],
    }
    assert not Project.objects.exists()


@pytest.mark.parametrize("field, value, message", [
    ("所属园区", "乙园区", imports.MSG_UNKNOWN_ZONE.format(v="乙园区")),
    ("项目类型", "工业", imports.MSG_CHOICE.format(choices="产业项目、基础设施、园区配套")),
    ("重点项目", "也许", imports.MSG_YES_NO),
    ("责任人", "nobody_here", imports.MSG_UNKNOWN_LIAISON.format(v="nobody_here")),
])
def test_each_bad_cell_is_named(world, field, value, message):
    column = {"所属园区": "所属园区", "项目类型": "项目类型", "重点项目": "重点项目", "责任人": "责任人"}[field]
    report, _ = ProjectImporter(world["leader_a"]).check(sheet(row("某项目", **{field: value})))
    assert report.error_rows[0].errors == [(column, message)]


def test_an_update_row_keeps_what_blank_cells_do_not_mention(world):
    ProjectImporter(world["leader_a"]).commit(sheet(row("液晶显示屏生产线", enterprise="湖南甲科技有限公司")))
    report = ProjectImporter(world["leader_a"]).commit(sheet(
        row("液晶显示屏生产线", total=8000, **{"产品": "", "设计产能": "", "产能单位": "", "产能口径": "", "重点项目": ""})))
    assert report.saved == 1 and report.rows[0].action == "更新"
    p = Project.objects.get()
    assert (p.total_investment, p.enterprise, p.capacity_text, p.is_key) == (8000, world.enterprise_a, "年产2400万片液晶显示屏", True)


def test_the_same_project_twice_in_a_file_is_an_error_on_the_later_row(world):
    report, _ = ProjectImporter(world["leader_a"]).check(sheet(row("液晶显示屏生产线"), row("液晶显示屏生产线")))
    assert [r.number for r in report.error_rows] == [3]


def test_the_import_pages_preview_then_save(world, login):
    client = login("leader_a")
    preview = client.post(reverse("projects:project_import"), {"file": sheet(row("液晶显示屏生产线"))})
    assert preview.status_code == 200
    done = client.post(reverse("projects:project_import_commit"), {"token": preview.context["token"]})
    assert done.status_code == 302 and Project.objects.filter(name="液晶显示屏生产线").exists()


def test_the_template_has_the_columns(world, login):
    response = login("leader_a").get(reverse("projects:project_import_template"))
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in ws[1]] == HEADERS
