"""DOCX in the layout of the Party's documents (Hướng dẫn 36-HD/VPTW).

What the guide asks for and where it is done here:
- A4 paper; margins top and bottom 25 mm, left 30 mm, right 15 mm (`_page`).
- Times New Roman throughout; body 14 pt, justified, first-line indent (`_styles`).
- Header table without borders: issuing body top left (parent body 14 pt upright, issuing body
  14 pt bold, then "*"), "ĐẢNG CỘNG SẢN VIỆT NAM" top right (15 pt bold, underlined); below
  them the number and symbol (14 pt) and the place and date (14 pt italic) (`_masthead`).
- The kind of document in capitals 16 pt bold, the subject 14 pt bold, centred (`_title`).
- Page numbers from the second page on, centred at the top, 10 mm from the edge (`_page`).
- "Nơi nhận:" bottom left (12 pt bold italic, recipients 12 pt) and the signature block
  bottom right: authority, title, room for the signature, name (14 pt bold) (`_closing`).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from chitieu.core.choices import SIMULATED_LABEL
from chitieu.reports.document import TABLE_HEADINGS, ReviewReport
from chitieu.reports.exporters import Exporter, register

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 11
PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"


def _font(run, size: float | None = None, *, bold=None, italic=None, underline=None) -> None:
    run.font.name = FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if underline is not None:
        run.underline = underline


def _para(container, text: str = "", size: float = BODY_PT, *, align=None, bold=False, italic=False,
          underline=False, indent: bool = False, after: float = 0, before: float = 0):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if align is not None:
        p.alignment = align
    if text:
        _font(p.add_run(text), size, bold=bold, italic=italic, underline=underline)
    return p


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(0)


def _page_field(paragraph) -> None:
    """Append a PAGE field (the current page number) to `paragraph`."""
    run = paragraph.add_run()
    _font(run, BODY_PT)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "2"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for el in (begin, instr, separate, shown, end):
        run._element.append(el)


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    # The first page carries no number; the others show it centred at the top.
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _widths(table, widths) -> None:
    """Fix column widths in the grid and in every cell: Word reads the cells, LibreOffice
    the grid."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _cell_text(cell, text: str, size: float, **kw) -> None:
    p = cell.paragraphs[0] if not cell.paragraphs[0].text and not cell.paragraphs[0].runs else cell.add_paragraph()
    p.alignment = kw.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    _font(p.add_run(text), size, **kw)


def _masthead(doc, report: ReviewReport) -> None:
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (Cm(8.8), Cm(8.8)))
    left, right = table.rows[0].cells
    _cell_text(left, report.issuer_parent.upper(), BODY_PT)
    _cell_text(left, report.issuer.upper(), BODY_PT, bold=True)
    _cell_text(left, "*", BODY_PT)
    _cell_text(right, PARTY_HEADING, 15, bold=True, underline=True)
    number_cell, date_cell = table.rows[1].cells
    _cell_text(number_cell, report.number, BODY_PT)
    _cell_text(date_cell, report.date_line, BODY_PT, italic=True)


def _title(doc, report: ReviewReport) -> None:
    _para(doc, report.title.upper(), 16, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=18)
    _para(doc, report.subject, BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _para(doc, "-----", BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    if report.simulated:
        p = _para(doc, "", BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
        run = p.add_run(f"{SIMULATED_LABEL}: {report.simulated_note}")
        _font(run, 12, bold=True, italic=True)
        run.font.color.rgb = RGBColor(0xB4, 0x53, 0x09)


def _body(doc, report: ReviewReport) -> None:
    for section in report.sections:
        _para(doc, section.heading, BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY, bold=True,
              indent=True, before=6, after=6)
        for text in section.paragraphs:
            _para(doc, text, BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6)


def _target_table(doc, report: ReviewReport) -> None:
    if not report.table:
        return
    heading = _para(doc, "Phụ lục: Kết quả thực hiện các chỉ tiêu", BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER,
                    bold=True, after=6)
    heading.paragraph_format.page_break_before = True  # the appendix starts on its own page
    table = doc.add_table(rows=1, cols=len(TABLE_HEADINGS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(1.0), Cm(5.2), Cm(1.6), Cm(1.9), Cm(2.0), Cm(1.6), Cm(1.6), Cm(2.0)]
    for cell, heading in zip(table.rows[0].cells, TABLE_HEADINGS, strict=True):
        _cell_text(cell, heading, TABLE_PT, bold=True)
    for row in report.table:
        actual = row.actual + (" (*)" if row.simulated else "")
        values = [row.number, row.name, row.unit, row.plan, actual, row.ratio, row.year_on_year,
                  row.status.label]
        cells = table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.LEFT if i == 1 else WD_ALIGN_PARAGRAPH.CENTER
            _cell_text(cell, value, TABLE_PT, align=align)
    _widths(table, widths)
    if any(r.simulated for r in report.table):
        _para(doc, f"(*) {SIMULATED_LABEL} ({report.simulated_note})", 12,
              align=WD_ALIGN_PARAGRAPH.LEFT, italic=True, before=3)


def _charts(doc, report: ReviewReport) -> None:
    for chart in report.charts:
        p = _para(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER, before=12)
        p.add_run().add_picture(io.BytesIO(chart.png), width=Cm(15))
        _para(doc, chart.title, 12, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, after=6)


def _closing(doc, report: ReviewReport) -> None:
    _para(doc, "", after=6)
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (Cm(8), Cm(8.5)))
    left, right = table.rows[0].cells
    _cell_text(left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in report.recipients:
        _cell_text(left, line, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_text(right, report.signature_authority, BODY_PT, bold=True)
    _cell_text(right, report.signature_title, BODY_PT, bold=True)
    for _ in range(4):
        _cell_text(right, "", BODY_PT)
    _cell_text(right, report.signer_name, BODY_PT, bold=True)


def render_docx(report: ReviewReport) -> bytes:
    """Return the report as DOCX bytes. Sections, charts and the table appear only when the
    report has them; the masthead, title and closing are always there."""
    doc = Document()
    _styles(doc)
    _page(doc)
    # The default document starts empty; the masthead table comes first.
    _masthead(doc, report)
    _title(doc, report)
    _body(doc, report)
    _charts(doc, report)
    _closing(doc, report)
    # The target table is the appendix (phụ lục), after the signature as in the office's reports.
    _target_table(doc, report)
    buffer = io.BytesIO()
    doc.core_properties.title = f"{report.title} {report.subject}"
    doc.core_properties.author = report.issuer
    doc.save(buffer)
    return buffer.getvalue()


@register
class DocxExporter(Exporter):
    format = "docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    extension = "docx"

    def export(self, report: ReviewReport) -> bytes:
        return render_docx(report)
