"""Word documents in the official-document look of GB/T 9704-2012 (党政机关公文格式), through python-docx.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the title in 方正小标宋简体 二号 (22 pt)
centred; body text in 仿宋_GB2312 三号 (16 pt) with a two-character first-line indent; first-level
headings in 黑体 三号, second-level in 楷体_GB2312 三号; tables in 仿宋 小四 (12 pt); page numbers
"— 1 —" in 宋体 四号 at the foot.

Fonts degrade gracefully: every run names its East-Asian font (w:eastAsia, which is what Chinese
text is set in; w:ascii/w:hAnsi only cover Latin), and the document's font table gives each GB font
an alternative name and the GB2312 character set, so Word and LibreOffice substitute the nearest
font they have (仿宋_GB2312 → 仿宋 → a serif CJK font) instead of a Latin one with missing glyphs.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
TABLE_FONT = "仿宋_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"

SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_SMALL_4 = Pt(12)  # 小四

# Font table entries: (name, alternative name Word tries when the font is missing, generic family).
FONT_TABLE = [
    (TITLE_FONT, "小标宋", "roman"),
    (BODY_FONT, "仿宋", "modern"),
    (HEADING2_FONT, "楷体", "modern"),
    (HEADING_FONT, "SimHei", "modern"),
    (PAGE_NUMBER_FONT, "SimSun", "auto"),
]


def set_run_font(run, east_asia: str, size=None, bold: bool | None = None, latin: str = LATIN_FONT) -> None:
    """Name the fonts of a run for Latin and East-Asian text alike (python-docx's font.name sets only Latin)."""
    run.font.name = latin
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold


def _style_font(style, east_asia: str, size) -> None:
    style.font.name = LATIN_FONT
    style.font.size = size
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _font_table(document) -> None:
    """Declare the GB fonts with alternative names and the GB2312 charset (86) for substitution."""
    part = next((r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    existing = {f.get(qn("w:name")) for f in root.findall("w:font", ns)}
    for name, alt, family in FONT_TABLE:
        if name in existing:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, val in (("w:altName", alt), ("w:charset", "86"), ("w:family", family), ("w:pitch", "variable")):
            el = etree.SubElement(font, qn(tag))
            el.set(qn("w:val"), val)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number_footer(section) -> None:
    """"— 1 —": an em dash each side of a PAGE field, 宋体 四号, centred."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def text(t):
        set_run_font(paragraph.add_run(t), PAGE_NUMBER_FONT, SIZE_4)

    def field(kind: str, content: str = ""):
        run = paragraph.add_run()
        set_run_font(run, PAGE_NUMBER_FONT, SIZE_4)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = content
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._element.append(el)
        return run

    text("— ")
    field("begin")
    field("instr", " PAGE ")
    field("separate")
    set_run_font(paragraph.add_run("1"), PAGE_NUMBER_FONT, SIZE_4)
    field("end")
    text(" —")


class OfficialDocument:
    """A Word document laid out per GB/T 9704; add a title, headings, paragraphs and tables, then `to_bytes()`."""

    def __init__(self):
        self.document = Document()
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.footer_distance = Mm(20)
        normal = self.document.styles["Normal"]
        _style_font(normal, BODY_FONT, SIZE_3)
        fmt = normal.paragraph_format
        # 22 lines a page of 28 characters: a fixed line pitch of about 28.9 pt on the 225 mm text block.
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(28.9)
        fmt.space_before = fmt.space_after = Pt(0)
        _font_table(self.document)
        _page_number_footer(section)

    def title(self, text: str) -> None:
        p = self.document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.line_spacing = Pt(35)
        p.paragraph_format.space_after = Pt(14)
        set_run_font(p.add_run(text), TITLE_FONT, SIZE_2)

    def subtitle(self, text: str) -> None:
        """A centred line under the title (the meeting's date and place), in 楷体."""
        p = self.document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_run_font(p.add_run(text), HEADING2_FONT, SIZE_3)

    def heading(self, text: str, level: int = 1) -> None:
        """一、… in 黑体 (level 1); (一)… in 楷体 (level 2); both 三号 with the body's indent."""
        p = self.document.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        set_run_font(p.add_run(text), HEADING_FONT if level == 1 else HEADING2_FONT, SIZE_3)

    def paragraph(self, text: str, *, bold_lead: str = "", indent: bool = True) -> None:
        p = self.document.add_paragraph()
        if indent:
            p.paragraph_format.first_line_indent = Pt(32)  # two characters of 三号
        if bold_lead:
            set_run_font(p.add_run(bold_lead), BODY_FONT, SIZE_3, bold=True)
        set_run_font(p.add_run(text), BODY_FONT, SIZE_3)

    def table(self, headers: list[str], rows: list[list[str]], widths_mm: list[float] | None = None,
              highlight: list[set[int]] | None = None) -> None:
        """A bordered table in 仿宋 小四; `highlight[i]` names the columns of row i to set in bold red."""
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, header in zip(table.rows[0].cells, headers):
            self._cell(cell, header, bold=True, center=True)
        self._repeat_header(table.rows[0])
        for i, values in enumerate(rows):
            cells = table.add_row().cells
            marks = highlight[i] if highlight and i < len(highlight) else set()
            for j, (cell, value) in enumerate(zip(cells, values)):
                self._cell(cell, value, red=j in marks)
        if widths_mm:
            # Both the grid (what LibreOffice lays out by) and each cell (what Word reads) carry the width.
            table.autofit = False
            for column, width in zip(table.columns, widths_mm):
                column.width = Mm(width)
            for row in table.rows:
                for cell, width in zip(row.cells, widths_mm):
                    cell.width = Mm(width)
        self.document.add_paragraph()

    @staticmethod
    def _cell(cell, text: str, *, bold: bool = False, center: bool = False, red: bool = False) -> None:
        p = cell.paragraphs[0]
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text or "")
        set_run_font(run, HEADING_FONT if bold else TABLE_FONT, SIZE_SMALL_4, bold=bold or red or None)
        if red:
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)

    @staticmethod
    def _repeat_header(row) -> None:
        trpr = row._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        trpr.append(el)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def docx_response(filename: str, document: OfficialDocument):
    from urllib.parse import quote

    from django.http import HttpResponse

    response = HttpResponse(document.to_bytes(), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
