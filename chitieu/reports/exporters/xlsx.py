"""XLSX of a review: the target table with real numbers (so the office can sort and sum),
the at-risk targets and the overdue tasks, each on its own sheet.

Numbers are stored as numbers with a number format; Excel shows them with the reader's
separators. Simulated figures are marked in their own column and in the sheet's heading.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from chitieu.core.choices import SIMULATED_LABEL
from chitieu.reports.cells import put
from chitieu.reports.document import TABLE_HEADINGS, ReviewReport
from chitieu.reports.exporters import Exporter, register

FONT = "Times New Roman"
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")

TARGET_COLUMNS = [*TABLE_HEADINGS, "Mức độ số liệu", "Đơn vị chủ trì", "Nguồn"]


def _heading_rows(ws, report: ReviewReport, title: str, width: int) -> int:
    """Write the sheet's title lines; return the next free row."""
    lines = [
        (f"{report.issuer_parent.upper()} – {report.issuer.upper()}", False),
        (title, True),
        (report.subject, True),
        (f"Tính đến ngày {report.as_of.strftime('%d/%m/%Y')}", False),
    ]
    if report.simulated:
        lines.append((f"{SIMULATED_LABEL}: {report.simulated_note}", True))
    for i, (text, bold) in enumerate(lines, start=1):
        ws.cell(row=i, column=1, value=text).font = Font(name=FONT, size=12, bold=bold)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=width)
    return len(lines) + 2


def _table(ws, start: int, headings: list[str], rows: list[list], widths: list[int]) -> None:
    for col, (heading, width) in enumerate(zip(headings, widths, strict=True), start=1):
        cell = ws.cell(row=start, column=col, value=heading)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.fill = HEAD_FILL
        cell.border = BOX
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(rows, start=start + 1):
        for col, value in enumerate(values, start=1):
            cell = put(ws.cell(row=r, column=col), value)  # names and notes stay text
            cell.font = Font(name=FONT, size=11)
            cell.border = BOX
            cell.alignment = Alignment(wrap_text=isinstance(value, str), vertical="top")
            if isinstance(value, float):
                cell.number_format = "#,##0.00"
    ws.freeze_panes = ws.cell(row=start + 1, column=3)


def render_xlsx(report: ReviewReport) -> bytes:
    """Return the review as XLSX bytes: sheets "Chỉ tiêu", "Nguy cơ không đạt",
    "Nhiệm vụ quá hạn". Empty cells stand for figures that do not exist (no ratio for a
    zero target, no year-on-year figure without last year's data)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    start = _heading_rows(ws, report, f"{report.title.upper()} – {report.kind.label.upper()}", len(TARGET_COLUMNS))
    rows = [
        [
            r.number, r.name, r.unit, r.plan, r.actual_value if r.actual_value is not None else r.actual,
            r.ratio_value, r.year_on_year_value if r.year_on_year_value is not None else r.year_on_year or None,
            r.status.label, r.stage, r.lead_unit, SIMULATED_LABEL if r.simulated else "",
        ]
        for r in report.table
    ]
    _table(ws, start, TARGET_COLUMNS, rows, [6, 48, 12, 16, 14, 12, 12, 20, 12, 28, 16])
    summary_row = start + len(rows) + 2
    ws.cell(row=summary_row, column=2, value=report.counts_sentence).font = Font(name=FONT, size=12, italic=True)

    risk = wb.create_sheet("Nguy cơ không đạt")
    start = _heading_rows(risk, report, "CHỈ TIÊU CÓ NGUY CƠ KHÔNG ĐẠT HOẶC KHÔNG ĐẠT", 5)
    _table(risk, start, ["STT", "Chỉ tiêu", "Đánh giá", "Đơn vị chủ trì", "Ghi chú"],
           [[i.number, i.name, i.status.label, i.lead_unit, ". ".join(x for x in (i.detail, i.follow_up) if x)] for i in report.at_risk],
           [6, 48, 22, 30, 40])

    tasks = wb.create_sheet("Nhiệm vụ quá hạn")
    start = _heading_rows(tasks, report, "NHIỆM VỤ QUÁ HẠN", 5)
    _table(tasks, start, ["Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Số ngày quá hạn", "Tiến độ (%)"],
           [[t.title, t.lead_unit, t.deadline, t.days_late, t.progress] for t in report.overdue_tasks],
           [60, 30, 14, 14, 12])

    wb.properties.title = report.subject
    wb.properties.creator = report.issuer
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@register
class XlsxExporter(Exporter):
    format = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = "xlsx"

    def export(self, report: ReviewReport) -> bytes:
        return render_xlsx(report)
