"""The pack as a Word file in the GB/T 9704 look: it opens, names every project in Chinese, sets the
East-Asian fonts, and (where LibreOffice is installed; required in CI) converts to a PDF whose text
is the Chinese of the pack."""

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from django.urls import reverse

from yuanqu.common import docx as official
from yuanqu.common.clock import frozen
from yuanqu.dispatch import services
from yuanqu.dispatch.document import pack_document
from yuanqu.dispatch.pack import build_pack

from .conftest import D, make_meeting, make_project, make_task

FONTCONFIG = Path(official.__file__).parent / "fontconfig" / "fonts.conf"
NAMES = ["创普开业液晶显示屏生产线项目", "电子信息产业园三期", "电力检测所"]


@pytest.fixture
def may(world):
    april = make_meeting(world.zone_a, D(2021, 4, 1), D(2021, 4, 14))
    for name in NAMES:
        make_project(world.zone_a, name, stage="started", completed_investment=100)
    with frozen(D(2021, 4, 14)):
        services.meeting_hold(actor=world["leader_a"], meeting=april)
    make_project(world.zone_a, "电子信息产业园五期", stage="preliminary")
    make_task(april, "协调电子信息产业园五期土地报批", deadline=D(2021, 4, 30), owner_department=world.dept_a)
    may = make_meeting(world.zone_a, D(2021, 5, 1), D(2021, 5, 14), attendees="管委会主任,各部门负责人")
    make_task(may, "督促电力检测所8月竣工投产", deadline=D(2021, 8, 31), owner_official=world.official_a)
    return may


def docx_bytes(client, meeting) -> bytes:
    with frozen(D(2021, 5, 14)):
        response = client.get(reverse("dispatch:meeting_docx", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == official.DOCX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    return response.content


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_pack_downloads_as_a_word_file_naming_every_project(world, login, may):
    document = Document(io.BytesIO(docx_bytes(login("city"), may)))
    text = all_text(document)
    assert document.paragraphs[0].text == "甲园区2021年5月项目建设调度材料"
    for name in NAMES + ["电子信息产业园五期(新)", "协调电子信息产业园五期土地报批", "督促电力检测所8月竣工投产"]:
        assert name in text
    assert "逾期未办结" in text


def test_the_word_file_is_laid_out_per_gb_t_9704(world, may):
    with frozen(D(2021, 5, 14)):
        document = Document(io.BytesIO(pack_document(build_pack(may)).to_bytes()))
    section = document.sections[0]
    assert [round(m.mm) for m in (section.page_width, section.page_height, section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [210, 297, 37, 35, 28, 26]

    def east_asia(run):
        return run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))

    title = document.paragraphs[0].runs[0]
    assert (east_asia(title), title.font.size.pt) == ("方正小标宋简体", 22)
    assert document.paragraphs[0].alignment == 1  # centred
    body = next(p for p in document.paragraphs if p.text.startswith("与上次调度"))
    assert (east_asia(body.runs[0]), body.runs[0].font.size.pt) == ("仿宋_GB2312", 16)
    heading = next(p for p in document.paragraphs if p.text == "一、项目推进情况")
    assert (east_asia(heading.runs[0]), heading.runs[0].font.size.pt) == ("黑体", 16)
    cell_run = document.tables[0].rows[1].cells[1].paragraphs[0].runs[0]
    assert (east_asia(cell_run), cell_run.font.size.pt) == ("仿宋_GB2312", 12)
    normal = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —") and "PAGE" in footer._p.xml
    fonts = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable").blob.decode()
    assert '<w:name w:val="仿宋_GB2312"' not in fonts  # attributes, not elements
    assert 'w:name="仿宋_GB2312"' in fonts and 'w:altName w:val="仿宋"' in fonts


def _tools_or_skip():
    missing = [tool for tool in ("soffice", "pdftotext") if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs {', '.join(missing)} (libreoffice-writer-nogui, poppler-utils; see .ci/run)")
        pytest.skip(f"{', '.join(missing)} not installed (apt-get install libreoffice-writer-nogui poppler-utils)")


def test_libreoffice_opens_the_word_file_and_prints_its_chinese(world, login, may, tmp_path):
    _tools_or_skip()
    source = tmp_path / "pack.docx"
    source.write_bytes(docx_bytes(login("leader_a"), may))
    env = {**os.environ, "HOME": str(tmp_path), "FONTCONFIG_FILE": str(FONTCONFIG)}
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120, env=env,
    )
    pdf = tmp_path / "pack.pdf"
    assert pdf.exists(), "LibreOffice wrote no PDF"
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          timeout=60).stdout.decode()
    squeezed = "".join(text.split())
    assert "甲园区2021年5月项目建设调度材料" in squeezed
    for name in NAMES:
        assert name in squeezed
    assert "—1—" in squeezed  # the page number
