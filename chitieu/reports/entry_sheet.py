"""The data-entry workbook: write a template, and read a filled one back, refusing anything
that is not exactly a filled template.

Pure file handling (openpyxl and the standard library): no database, so every refusal has a
test with a hand-made workbook. The database side (which indicators, writing the figures)
is `chitieu.reports.entry`.

The template has two visible sheets, "Hướng dẫn" (instructions) and "Số liệu" (one row per
indicator). Only the value, stage, source and note cells are unlocked; the sheets and the
workbook structure are protected. Hidden metadata sits in the workbook's custom document
properties: unit code, period, template version, number of rows and a keyed checksum
(HMAC-SHA256) over all of them and the indicator codes and units in the locked cells, so an
edited structure or a forged unit code is detected on import.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from chitieu import archives
from chitieu.core.choices import Stage
from chitieu.core.quantities import QuantityError, format_number, parse_number
from chitieu.reports.cells import put

#: Version 2 added the "Lý do điều chỉnh" column; version 1 templates are refused as old.
TEMPLATE_VERSION = "2"
GUIDE_SHEET = "Hướng dẫn"
DATA_SHEET = "Số liệu"
HEADER_ROW = 6
FIRST_ROW = HEADER_ROW + 1
#: (column letter, heading); only VALUE, STAGE, SOURCE, NOTE and REASON are typed in.
COLUMNS = [
    ("A", "STT"), ("B", "Mã chỉ tiêu"), ("C", "Tên chỉ tiêu"), ("D", "Giá trị"),
    ("E", "Đơn vị tính"), ("F", "Mức độ"), ("G", "Nguồn"), ("H", "Ghi chú"), ("I", "Lý do điều chỉnh"),
]
HEADINGS = dict(COLUMNS)
INPUT_COLUMNS = ("D", "F", "G", "H", "I")
#: The column of the correction reason, needed to change a submitted or approved figure.
REASON_COLUMN = "I"
LAST_COLUMN = len(COLUMNS)
PROP = "chitieu."
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class SheetLine:
    """One indicator row of a template, with the figure already stored, if any (so a
    template sent back untouched changes nothing)."""

    indicator: str
    name: str
    unit: str
    value: float | None = None
    stage: Stage | None = None
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class TemplateSpec:
    unit_code: str
    unit_name: str
    period: str
    period_label: str
    lines: list[SheetLine]


@dataclass(frozen=True)
class EntryRow:
    """One filled row read back: where it was, and what it says."""

    sheet_row: int
    indicator: str
    unit: str
    value: float
    stage: Stage
    source: str
    note: str
    correction_reason: str = ""


@dataclass
class ReadWorkbook:
    unit_code: str
    period: str
    rows: list[EntryRow] = field(default_factory=list)
    template_rows: int = 0


class WorkbookRefused(Exception):
    """The workbook cannot be taken. `errors` maps a place ("Sheet 'Số liệu', dòng 7, cột D
    (Giá trị)" or "tệp") to the Vietnamese reason; `message` sums it up."""

    def __init__(self, message: str, errors: dict[str, str]):
        super().__init__(message)
        self.message = message
        self.errors = errors

    def lines(self) -> list[str]:
        return [f"{where}: {why}" for where, why in self.errors.items()]


def place(row: int, column: str, sheet: str = DATA_SHEET) -> str:
    """"Sheet 'Số liệu', dòng 7, cột D (Giá trị)"; the heading only for known columns."""
    heading = HEADINGS.get(column)
    where = f"Sheet '{sheet}', dòng {row}, cột {column}"
    return f"{where} ({heading})" if heading else where


def checksum(key: bytes, unit_code: str, period: str, version: str, lines: list[tuple[str, str]]) -> str:
    """HMAC-SHA256 (hex) over the template's identity and its locked indicator cells."""
    text = "\x1f".join([version, unit_code, period, str(len(lines))] + [f"{c}\x1e{u}" for c, u in lines])
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


# ---- writing ---------------------------------------------------------------------------------


def _guide(ws, spec: TemplateSpec) -> None:
    lines = [
        "HƯỚNG DẪN NHẬP SỐ LIỆU",
        "",
        f"Đơn vị: {spec.unit_name} (mã {spec.unit_code}). Kỳ báo cáo: {spec.period_label} (mã {spec.period}).",
        f"1. Nhập số liệu ở sheet «{DATA_SHEET}», chỉ vào các ô màu vàng: Giá trị (cột D), Mức độ (cột F), "
        "Nguồn (cột G), Ghi chú (cột H), Lý do điều chỉnh (cột I).",
        "2. Giá trị là số, theo đúng đơn vị tính ở cột E; được gõ 1234,5 hoặc 1.234,5. Không nhập chữ, "
        "không dùng công thức.",
        "3. Mức độ chọn trong danh sách: " + ", ".join(s.label for s in Stage) + ". Để trống là «Ước».",
        "4. Chỉ tiêu chưa có số liệu thì để trống ô Giá trị; dòng đó không được ghi.",
        "5. Không thêm, xóa, ẩn hay đổi thứ tự dòng, cột, sheet; không sửa mã chỉ tiêu, đơn vị tính.",
        "6. Nhập lại cùng một tệp không tạo bản ghi mới; sửa một giá trị rồi nhập lại thì chỉ giá trị đó "
        "được cập nhật.",
        "7. Số liệu đã gửi duyệt hoặc đã duyệt (khóa) chỉ sửa được khi ghi lý do ở cột I (Lý do điều chỉnh); "
        "thiếu lý do thì cả tệp bị từ chối. Số liệu điều chỉnh của người báo cáo được gửi duyệt lại.",
        "8. Nhập tệp: tải lên ở mục «Biểu nhập số liệu (Excel)» của trang Báo cáo (địa chỉ /bao-cao/), "
        "hoặc dùng lệnh chitieu import TỆP.xlsx (thêm --dry-run để kiểm tra mà không ghi). "
        "Mọi lỗi được liệt kê theo sheet, dòng, cột; có lỗi thì không ghi gì.",
    ]
    for i, text in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=text)
        cell.font = Font(name="Times New Roman", size=12, bold=(i == 1))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 120
    ws.protection.sheet = True


def write_template(spec: TemplateSpec, *, key: bytes) -> bytes:
    """Return the template workbook (XLSX bytes) for `spec`, signed with `key`."""
    wb = Workbook()
    guide = wb.active
    guide.title = GUIDE_SHEET
    _guide(guide, spec)
    ws = wb.create_sheet(DATA_SHEET)
    heads = [
        ("BIỂU NHẬP SỐ LIỆU CHỈ TIÊU", True),
        (f"Đơn vị: {spec.unit_name} (mã {spec.unit_code})", False),
        (f"Kỳ báo cáo: {spec.period_label} (mã {spec.period})", False),
        ("Chỉ nhập vào các ô màu vàng; xem sheet «Hướng dẫn».", False),
    ]
    for i, (text, bold) in enumerate(heads, start=1):
        ws.cell(row=i, column=1, value=text).font = Font(name="Times New Roman", size=12, bold=bold)
    widths = [6, 28, 60, 16, 16, 14, 24, 30, 30]
    for (letter, heading), width in zip(COLUMNS, widths, strict=True):
        cell = ws[f"{letter}{HEADER_ROW}"]
        cell.value = heading
        cell.font = Font(name="Times New Roman", size=11, bold=True)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[letter].width = width
    for n, line in enumerate(spec.lines, start=1):
        r = FIRST_ROW + n - 1
        for letter, value in zip("ABCE", (n, line.indicator, line.name, line.unit), strict=True):
            put(ws[f"{letter}{r}"], value)
        if line.value is not None:
            ws[f"D{r}"] = line.value
            ws[f"F{r}"] = (line.stage or Stage.ESTIMATE).label
            # Text typed by reporters ("=HYPERLINK(…)") is written as text, never a formula.
            put(ws[f"G{r}"], line.source or None)
            put(ws[f"H{r}"], line.note or None)
        # The reason is never pre-filled: a template sent back untouched corrects nothing.
        for letter in INPUT_COLUMNS:
            cell = ws[f"{letter}{r}"]
            cell.protection = Protection(locked=False)
            cell.fill = INPUT_FILL
        ws[f"D{r}"].number_format = "#,##0.###"
    last = FIRST_ROW + max(len(spec.lines), 1) - 1
    number_rule = DataValidation(
        type="decimal", operator="between", formula1="-1E+15", formula2="1E+15", allow_blank=True,
        showErrorMessage=True, errorTitle="Giá trị không hợp lệ", error="Chỉ nhập số (không nhập chữ, công thức).",
    )
    stage_rule = DataValidation(
        type="list", formula1='"' + ",".join(s.label for s in Stage) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle="Mức độ không hợp lệ", error="Chọn Ước, Sơ bộ hoặc Chính thức.",
    )
    ws.add_data_validation(number_rule)
    ws.add_data_validation(stage_rule)
    number_rule.add(f"D{FIRST_ROW}:D{last}")
    stage_rule.add(f"F{FIRST_ROW}:F{last}")
    ws.freeze_panes = f"D{FIRST_ROW}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column is harmless
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 1
    signature = checksum(key, spec.unit_code, spec.period, TEMPLATE_VERSION,
                         [(line.indicator, line.unit) for line in spec.lines])
    for name, value in (("unit", spec.unit_code), ("period", spec.period), ("version", TEMPLATE_VERSION),
                        ("checksum", signature)):
        wb.custom_doc_props.append(StringProperty(name=PROP + name, value=value))
    wb.custom_doc_props.append(IntProperty(name=PROP + "rows", value=len(spec.lines)))
    wb.properties.title = f"Biểu nhập số liệu {spec.unit_code} {spec.period}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# ---- reading ---------------------------------------------------------------------------------


def too_big(size: int, max_bytes: int) -> str:
    """"Tệp nặng 50,0 MB, vượt giới hạn 20 MB.": the reason a file of `size` bytes is refused,
    the numbers written the Vietnamese way."""
    mb = 1024 * 1024
    return f"Tệp nặng {format_number(size / mb, 1)} MB, vượt giới hạn {format_number(max_bytes // mb)} MB."


def check_container(data: bytes, *, max_bytes: int) -> None:
    """Refuse, before any parsing, a file that is too big, is not a ZIP (XLSX) file, is not a
    workbook, carries macros or is beyond the archive limits (chitieu.archives: entries,
    size unpacked, unpacked against packed)."""
    if len(data) > max_bytes:
        raise WorkbookRefused("Tệp quá lớn.", {"tệp": too_big(len(data), max_bytes)})
    if not data.startswith(ZIP_MAGIC):
        raise WorkbookRefused("Tệp không phải là bảng tính Excel (.xlsx).", {
            "tệp": "Không phải tệp .xlsx (thiếu chữ ký ZIP); hãy dùng mẫu tải từ hệ thống."
        })
    try:
        names = archives.checked_names(data, archives.WORKBOOK)
    except archives.ArchiveRefused as exc:
        if exc.damaged:
            raise WorkbookRefused("Tệp .xlsx bị hỏng.", {"tệp": "Không mở được tệp nén .xlsx (tệp hỏng)."}) from None
        raise WorkbookRefused("Tệp nén bất thường.", {"tệp": exc.message}) from None
    if "xl/workbook.xml" not in names:
        raise WorkbookRefused("Tệp không phải là bảng tính Excel.", {"tệp": "Tệp nén không chứa bảng tính Excel."})
    if "xl/vbaProject.bin" in names:
        raise WorkbookRefused("Tệp chứa macro.", {"tệp": "Tệp có macro (VBA); chỉ nhận mẫu .xlsx không macro."})


def _props(wb) -> dict[str, str]:
    return {p.name[len(PROP):]: str(p.value) for p in wb.custom_doc_props.props if p.name.startswith(PROP)}


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_number(value, where: str, errors: dict[str, str]) -> float | None:
    """A cell's number (a numeric cell, or Vietnamese-written text), or None with the reason
    under `where` in `errors`: booleans, non-finite numbers and text that is no number."""
    if isinstance(value, bool):
        errors[where] = f"«{value}» không phải là số"
        return None
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            errors[where] = f"«{value}» không phải là số hữu hạn"
            return None
        return float(value)
    try:
        return parse_number(str(value))
    except (QuantityError, ValueError):
        errors[where] = f"«{value}» không phải là số"
        return None


def read_workbook(data: bytes, *, key: bytes, max_bytes: int,
                  progress: Callable[[int, int], None] | None = None) -> ReadWorkbook:
    """Return the filled rows of a template workbook, or raise WorkbookRefused listing every
    problem found. Rows with an empty value are left out (nothing to record).

    Refused: too big, not a workbook, macros, unknown or old template version, missing or
    hidden or extra sheets, an edited structure (checksum), formulas anywhere, cells outside
    the input area, rows below the template's last row, values that are not numbers, unknown
    stages. `progress(done, total)` is called as rows are read.
    """
    check_container(data, max_bytes=max_bytes)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise WorkbookRefused("Không đọc được bảng tính.", {"tệp": f"Bảng tính hỏng hoặc không đúng định dạng ({exc.__class__.__name__})."}) from None
    try:
        return _read(wb, key=key, progress=progress)
    finally:
        wb.close()


def _read(wb, *, key: bytes, progress) -> ReadWorkbook:
    props = _props(wb)
    if not {"unit", "period", "version", "checksum", "rows"} <= props.keys():
        raise WorkbookRefused("Không phải mẫu nhập liệu của hệ thống.", {
            "tệp": "Tệp thiếu thông tin mẫu (mã đơn vị, kỳ, phiên bản); hãy tải mẫu bằng lệnh chitieu template."
        })
    if props["version"] != TEMPLATE_VERSION:
        raise WorkbookRefused("Mẫu nhập liệu đã cũ.", {
            "tệp": f"Mẫu phiên bản «{props['version']}», hệ thống cần phiên bản «{TEMPLATE_VERSION}»; hãy tải mẫu mới."
        })
    errors: dict[str, str] = {}
    names = wb.sheetnames
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            errors[f"Sheet '{ws.title}'"] = "Sheet đang bị ẩn; mẫu không có sheet ẩn."
    extra = [n for n in names if n not in (GUIDE_SHEET, DATA_SHEET)]
    for name in extra:
        errors.setdefault(f"Sheet '{name}'", "Sheet thừa, không có trong mẫu.")
    if DATA_SHEET not in names:
        errors[f"Sheet '{DATA_SHEET}'"] = "Thiếu sheet số liệu của mẫu."
        raise WorkbookRefused("Bảng tính không đúng mẫu.", errors)
    try:
        # LibreOffice writes the integer property back as a float ("3.0").
        expected_rows = int(float(props["rows"]))
    except ValueError:
        expected_rows = -1
    result = ReadWorkbook(unit_code=props["unit"], period=props["period"], template_rows=expected_rows)
    locked: list[tuple[str, str]] = []
    last_row = FIRST_ROW + expected_rows - 1
    ws = wb[DATA_SHEET]
    # The streaming reader stops at the sheet's declared <dimension>, which any tool (or
    # person) can write too small: rows past it were silently left out. Read every row there is.
    ws.reset_dimensions()
    total = max(expected_rows, 1)
    for r, cells in enumerate(ws.iter_rows(min_row=1, max_col=None), start=1):
        values = {}
        for cell in cells:
            if cell is None or getattr(cell, "value", None) is None:
                continue
            letter = cell.column_letter
            col = cell.column
            # A formula is refused; text that only looks like one (a note "=HYPERLINK(…)" that
            # the template wrote as text, chitieu.reports.cells) is text, and reads back as it was.
            if cell.data_type == "f":
                errors[place(r, letter)] = "ô chứa công thức; chỉ nhận giá trị nhập tay"
                continue
            if col > LAST_COLUMN and not _blank(cell.value):
                errors[place(r, letter)] = f"«{cell.value}» nằm ngoài vùng nhập liệu (chỉ đến cột I)"
                continue
            values[letter] = cell.value
        if r == HEADER_ROW:
            for letter, heading in COLUMNS:
                if str(values.get(letter) or "").strip() != heading:
                    errors[place(r, letter)] = f"tiêu đề cột phải là «{heading}»"
        if r < FIRST_ROW:
            continue
        if r > last_row:
            if any(not _blank(v) for v in values.values()):
                errors[f"Sheet '{DATA_SHEET}', dòng {r}"] = (
                    f"dòng thừa ngoài mẫu (mẫu có {expected_rows} chỉ tiêu, đến dòng {last_row}); không thêm dòng"
                )
            continue
        code = str(values.get("B") or "").strip()
        unit = str(values.get("E") or "").strip()
        locked.append((code, unit))
        if progress and (r - FIRST_ROW) % 1000 == 0:
            progress(r - FIRST_ROW, total)
        raw = values.get("D")
        if _blank(raw):
            continue
        value = read_number(raw, place(r, "D"), errors)
        raw_stage = values.get("F")
        stage = Stage.ESTIMATE
        if not _blank(raw_stage):
            try:
                stage = Stage.parse(str(raw_stage))
            except ValueError:
                labels = ", ".join(s.label for s in Stage)
                errors[place(r, "F")] = f"«{raw_stage}» không hợp lệ; chọn một trong: {labels}"
        if value is not None:
            result.rows.append(EntryRow(r, code, unit, value, stage, str(values.get("G") or "").strip(),
                                        str(values.get("H") or "").strip(),
                                        str(values.get(REASON_COLUMN) or "").strip()))
    if progress:
        progress(total, total)
    if len(locked) != expected_rows or not hmac.compare_digest(
        checksum(key, props["unit"], props["period"], props["version"], locked), props["checksum"]
    ):
        errors["tệp"] = (
            "Cấu trúc mẫu đã bị sửa (mã chỉ tiêu, đơn vị tính, số dòng hoặc thông tin mẫu không khớp); "
            "hãy tải mẫu mới và nhập lại."
        )
    if errors:
        count = len(errors)
        raise WorkbookRefused(f"Bảng tính có {count} lỗi; không ghi số liệu nào.", errors)
    return result
