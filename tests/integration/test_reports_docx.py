"""The DOCX report in the Party's document layout, opened and read back with python-docx."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from chitieu.errors import Invalid
from chitieu.reports.build import build_report
from chitieu.reports.document import TABLE_HEADINGS
from chitieu.reports.exporters import EXPORTERS, exporter_for
from tests.integration.reports_world import AS_OF, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    world = make_world()
    return build_report("6thang", world.resolution, as_of=AS_OF)


@pytest.fixture
def doc(report):
    return Document(io.BytesIO(exporter_for("docx").export(report)))


def runs_of(paragraphs):
    return [run for p in paragraphs for run in p.runs if run.text.strip()]


def test_page_is_a4_with_the_party_margins(doc):
    section = doc.sections[0]
    mm = [round(x.mm) for x in (section.page_width, section.page_height, section.top_margin,
                                 section.bottom_margin, section.left_margin, section.right_margin)]
    assert mm == [210, 297, 25, 25, 30, 15]


def test_body_is_times_new_roman_14(doc):
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    body = [p for p in doc.paragraphs if p.text.startswith("Tính đến ngày")]
    assert body, "the opening paragraph is there"
    for run in body[0].runs:
        assert run.font.name == "Times New Roman" and run.font.size == Pt(14)


def test_masthead_has_the_issuing_body_left_and_the_party_heading_right(doc, report):
    masthead = doc.tables[0]
    left, right = masthead.rows[0].cells
    assert [p.text for p in left.paragraphs] == ["ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "THÀNH ỦY", "*"]
    issuer_run = left.paragraphs[1].runs[0]
    assert issuer_run.bold and issuer_run.font.size == Pt(14)
    assert not left.paragraphs[0].runs[0].bold
    heading = right.paragraphs[0].runs[0]
    assert heading.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert heading.bold and heading.underline and heading.font.size == Pt(15)
    number, date = masthead.rows[1].cells
    assert number.text.startswith("Số ") and number.text.endswith("-BC/TU")
    assert date.text == "Hải Phòng, ngày 30 tháng 6 năm 2024"
    assert runs_of(date.paragraphs) and all(run.italic for run in runs_of(date.paragraphs))


def test_title_and_subject_are_centred_and_bold(doc, report):
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold and title.runs[0].font.size == Pt(16)
    subject = next(p for p in doc.paragraphs if p.text == report.subject)
    assert subject.runs[0].bold and "6 tháng đầu năm 2024" in subject.text


def test_page_numbers_are_a_page_field_in_the_header_from_page_two(doc):
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    xml = section.header._element.xml
    assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_closing_has_recipients_and_the_signature_block(doc):
    closing = doc.tables[1]
    left, right = closing.rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:" and left.paragraphs[0].runs[0].italic
    assert "- Lưu Văn phòng Thành ủy." in [p.text for p in left.paragraphs]
    texts = [p.text for p in right.paragraphs if p.text]
    assert texts[:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]


def test_target_table_has_the_headings_and_the_figures(doc):
    appendix = next(p for p in doc.paragraphs if p.text.startswith("Phụ lục"))
    assert appendix.paragraph_format.page_break_before
    table = doc.tables[2]
    assert [c.text for c in table.rows[0].cells] == TABLE_HEADINGS
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["2"] == ["2", "Tổng thu ngân sách", "tỷ đồng", "≥ 1.000", "336", "33,6", "+36,59%", "Có nguy cơ không đạt"]
    # The simulated GRDP figure is starred and the star explained under the table.
    assert rows["1"][4] == "9,32 (*)"
    assert any(p.text.startswith("(*) Số liệu mô phỏng") for p in doc.paragraphs)


def test_charts_are_embedded_as_images(doc, report):
    assert len(doc.inline_shapes) == len(report.charts) == 2


def test_simulated_note_is_printed_under_the_title(doc):
    assert any(p.text.startswith("Số liệu mô phỏng: báo cáo có dùng số liệu mô phỏng") for p in doc.paragraphs)


def test_xlsx_export_keeps_numbers_as_numbers(report):
    wb = load_workbook(io.BytesIO(exporter_for("xlsx").export(report)))
    assert wb.sheetnames == ["Chỉ tiêu", "Nguy cơ không đạt", "Nhiệm vụ quá hạn"]
    ws = wb["Chỉ tiêu"]
    header = next(r for r in range(1, 15) if ws.cell(row=r, column=1).value == "STT")
    assert [ws.cell(row=header, column=c).value for c in range(1, 9)] == TABLE_HEADINGS
    revenue = [ws.cell(row=header + 2, column=c).value for c in range(1, 12)]
    assert revenue[:3] == ["2", "Tổng thu ngân sách", "tỷ đồng"]
    assert revenue[4] == 336 and revenue[5] == pytest.approx(33.6) and revenue[6] == pytest.approx(36.585, abs=1e-3)
    assert ws.cell(row=header + 1, column=11).value == "Số liệu mô phỏng"
    assert any("Số liệu mô phỏng" in str(ws.cell(row=r, column=1).value) for r in range(1, header))
    tasks = wb["Nhiệm vụ quá hạn"]
    assert any(c.value == "Thành lập Khu kinh tế ven biển phía Nam" for row in tasks.iter_rows() for c in row)


def test_exporters_register_by_format_and_refuse_unknown_ones():
    assert set(EXPORTERS) == {"docx", "pdf", "xlsx"}
    with pytest.raises(Invalid) as err:
        exporter_for("odt")
    assert "docx, pdf, xlsx" in err.value.errors["format"]
