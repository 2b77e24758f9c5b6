"""The workbook of a target's shares ("giao chỉ tiêu" by Excel): written with the units and
their current shares, read back into (row, unit code, share, maximum).

Pure file handling; the rules of shares are chitieu.monitoring.shares.give_shares. The file
checks (size, ZIP, archive limits, macros) are the entry workbook's (entry_sheet.check_container)
and every problem is named by sheet, row and column.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Font, PatternFill

from chitieu.reports.cells import put
from chitieu.reports.entry_sheet import WorkbookRefused, check_container, read_number

SHEET = "Phần giao"
HEADER_ROW = 4
COLUMNS = [("A", "Mã đơn vị"), ("B", "Tên đơn vị"), ("C", "Phần giao"), ("D", "Tối đa (chỉ tiêu dạng khoảng)")]
HEADINGS = dict(COLUMNS)
PROP = "chitieu.target"
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")


def place(row: int, column: str | None = None) -> str:
    """"Sheet 'Phần giao', dòng 7, cột C (Phần giao)"."""
    where = f"Sheet '{SHEET}', dòng {row}"
    return f"{where}, cột {column} ({HEADINGS[column]})" if column else where


@dataclass(frozen=True)
class ShareLine:
    unit_code: str
    unit_name: str
    value: float | None = None
    value_max: float | None = None


@dataclass(frozen=True)
class ReadShare:
    row: int
    unit_code: str
    value: float
    value_max: float | None


def write_sheet(target_key: str, title: str, lines: list[ShareLine]) -> bytes:
    """The workbook for the target `target_key` ("hp-2021/13"): a title, then one row per
    unit with its share (empty when it has none); the office fills column C (and D for a
    range) and sends it back."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    put(ws["A1"], title).font = Font(bold=True, size=13)
    put(ws["A2"], "Điền phần giao ở cột C (cột D chỉ cho chỉ tiêu dạng khoảng); để trống: đơn vị không được giao.")
    for letter, heading in COLUMNS:
        put(ws[f"{letter}{HEADER_ROW}"], heading).font = Font(bold=True)
    for i, line in enumerate(lines, start=HEADER_ROW + 1):
        put(ws[f"A{i}"], line.unit_code)
        put(ws[f"B{i}"], line.unit_name)
        put(ws[f"C{i}"], line.value).fill = INPUT_FILL
        put(ws[f"D{i}"], line.value_max).fill = INPUT_FILL
    for letter, width in zip("ABCD", (28, 40, 16, 16), strict=True):
        ws.column_dimensions[letter].width = width
    wb.custom_doc_props.append(StringProperty(name=PROP, value=target_key))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def read_sheet(data: bytes, *, target_key: str, max_bytes: int) -> list[ReadShare]:
    """The filled rows of a shares workbook for `target_key`, or WorkbookRefused listing
    every problem by place: not this target's workbook, no sheet "Phần giao", formulas, values
    that are not numbers. Rows without a share are left out."""
    check_container(data, max_bytes=max_bytes)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise WorkbookRefused("Không đọc được bảng tính.", {"tệp": f"Bảng tính hỏng ({exc.__class__.__name__})."}) from None
    try:
        props = {p.name: str(p.value) for p in wb.custom_doc_props.props}
        if props.get(PROP) != target_key:
            raise WorkbookRefused("Không phải bảng giao của chỉ tiêu này.", {
                "tệp": f"Bảng tính không phải mẫu giao chỉ tiêu {target_key}; hãy tải mẫu từ trang giao chỉ tiêu."})
        if SHEET not in wb.sheetnames:
            raise WorkbookRefused("Thiếu sheet.", {"tệp": f"Không có sheet '{SHEET}'."})
        errors: dict[str, str] = {}
        out: list[ReadShare] = []
        for r, row in enumerate(wb[SHEET].iter_rows(min_row=HEADER_ROW + 1, max_col=4), start=HEADER_ROW + 1):
            cells = {c.column_letter: c for c in row if hasattr(c, "column_letter")}
            formulas = [letter for letter, cell in cells.items() if cell.data_type == "f"]
            for letter in formulas:
                errors[place(r, letter)] = "Ô có công thức; chỉ nhận giá trị."
            if formulas:
                continue
            code = cells.get("A")
            value_cell, max_cell = cells.get("C"), cells.get("D")
            raw, raw_max = (value_cell.value if value_cell else None), (max_cell.value if max_cell else None)
            if code is None or code.value in (None, "") or raw in (None, "") and raw_max in (None, ""):
                continue
            value = read_number(raw, place(r, "C"), errors) if raw not in (None, "") else None
            value_max = read_number(raw_max, place(r, "D"), errors) if raw_max not in (None, "") else None
            if value is None and place(r, "C") not in errors:
                errors[place(r, "C")] = "Có mức tối đa nhưng chưa có phần giao."
            if value is not None:
                out.append(ReadShare(r, str(code.value).strip(), value, value_max))
        if errors:
            raise WorkbookRefused(f"Bảng giao có {len(errors)} ô chưa hợp lệ.", errors)
        return out
    finally:
        wb.close()
