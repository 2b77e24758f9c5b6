"""Tables flattened to text: one row a line, cells split by tabs or "|".

A header row names the columns ("Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2023", "Ước thực
hiện năm 2023", "So sánh TH/KH (%)"); each number in a data row is one item, its kind and
period read from its column header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.core.choices import ItemKind
from chitieu.text.normalize import fold
from chitieu.text.numbers import parse_number
from chitieu.text.periods import DocumentPeriods, find_period_mentions

_SPLIT = re.compile(r"\t|\s\|\s?|\|")
_BARE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class TableValue:
    """A number in a table cell: [start, end) in the normalised text and what it states."""

    start: int
    end: int
    indicator: str
    kind: str
    value: float
    unit: str
    period: str | None
    baseline: str | None


@dataclass(frozen=True)
class _Column:
    role: str  # "name", "unit", "index", "value", "ratio"
    kind: str
    period: str | None


def find_table_values(text: str, doc: DocumentPeriods) -> tuple[list[TableValue], list[tuple[int, int]]]:
    """Return the numbers stated in the text's tables and the (start, end) of every table
    line, so the prose reader can leave those lines alone."""
    values: list[TableValue] = []
    lines: list[tuple[int, int]] = []
    columns: list[_Column] | None = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        cells = _cells(line, start)
        if len(cells) < 3:
            columns = None
            continue
        lines.append((start, start + len(line)))
        if columns is None or _is_header(cells):
            if _is_header(cells):
                columns = [_column(c, doc) for _, _, c in cells]
            continue
        values.extend(_row(cells, columns))
    return values, lines


def _cells(line: str, offset: int) -> list[tuple[int, int, str]]:
    if "\t" not in line and "|" not in line:
        return []
    out: list[tuple[int, int, str]] = []
    at = 0
    for m in _SPLIT.finditer(line):
        out.append((offset + at, offset + m.start(), line[at : m.start()]))
        at = m.end()
    out.append((offset + at, offset + len(line), line[at:]))
    trimmed = []
    for s, _e, c in out:
        lead = len(c) - len(c.lstrip())
        trimmed.append((s + lead, s + lead + len(c.strip()), c.strip()))
    return trimmed


def _is_header(cells: list[tuple[int, int, str]]) -> bool:
    folded = [fold(c) for _, _, c in cells]
    return any("chi tieu" in f or "don vi" in f or f in ("stt", "tt", "dvt", "noi dung") for f in folded) and not any(
        parse_number(c) is not None for _, _, c in cells[1:] if c
    )


def _column(header: str, doc: DocumentPeriods) -> _Column:
    f = fold(header)
    periods = find_period_mentions(header)
    bare_year = _BARE_YEAR.search(header)  # "TH 2022", "KH 2023": a header's bare year is its period
    if periods:
        period = periods[0].ref.code(doc.year, doc.term)
    elif bare_year:
        period = bare_year.group()
    else:
        period = doc.default
    if f in ("stt", "tt", "so tt"):
        return _Column("index", "", None)
    if "don vi" in f or f == "dvt":
        return _Column("unit", "", None)
    if "chi tieu" in f and not any(ch.isdigit() for ch in f) or "noi dung" in f or f.startswith("ten"):
        return _Column("name", "", None)
    if "so sanh" in f or "%" in f or "ty le" in f or "/" in f:
        return _Column("ratio", ItemKind.RESULT.value, period)
    if re.search(r"\b(ke hoach|kh|muc tieu|chi tieu|nghi quyet|nq|du toan)\b", f) and not re.search(r"\b(thuc hien|uoc|th|ket qua)\b", f):
        return _Column("value", ItemKind.TARGET.value, period)
    return _Column("value", ItemKind.RESULT.value, period)


def _row(cells: list[tuple[int, int, str]], columns: list[_Column]) -> list[TableValue]:
    name = unit = ""
    for (_, _, c), col in zip(cells, columns, strict=False):
        if col.role == "name":
            name = c
        elif col.role == "unit":
            unit = c
    if not name:
        name = next((c for _, _, c in cells if c and c[0].isalpha()), "")
    if not name:
        return []
    out: list[TableValue] = []
    for (s, e, c), col in zip(cells, columns, strict=False):
        if col.role not in ("value", "ratio") or not c:
            continue
        v = parse_number(c.rstrip("%").strip())
        if v is None:
            continue
        if col.role == "ratio":
            out.append(TableValue(s, e, f"{name} so với kế hoạch", col.kind, v, "%", col.period, "kế hoạch"))
        else:
            out.append(TableValue(s, e, name, col.kind, v, unit, col.period, None))
    return out
