"""Writing text into a spreadsheet cell so that it stays text (formula injection).

A note typed as `=HYPERLINK("http://…", "Bấm vào đây")` would otherwise come back from an
export as a live formula. Text that Excel or LibreOffice would take for a formula (a leading
"=", "+", "-", "@", or a tab or line end before one) is written as a string cell with the
"quote prefix" style, the cell Excel makes when someone types an apostrophe first: the text
is shown exactly as typed, and stays text when the cell is edited. The text itself is not
changed, so an untouched export reads back the same (chitieu.reports.entry_sheet).
"""

from __future__ import annotations

from typing import Any

#: What a spreadsheet reads as the start of a formula.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n")


def formula_like(value: Any) -> bool:
    """Whether `value` is text a spreadsheet would take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_LEADS)


def put(cell: Any, value: Any) -> Any:
    """Set `cell` (openpyxl) to `value`; formula-like text is kept as text. Returns the cell."""
    cell.value = value
    if formula_like(value):
        cell.data_type = "s"  # openpyxl made it a formula ("f") on assignment
        cell.quotePrefix = True
    return cell
