"""Helpers for the spreadsheet tests: make a unit's template, change it like a user would."""

from __future__ import annotations

import io
from collections.abc import Callable

from openpyxl import load_workbook

from chitieu.reports.entry import make_template

SHEET = "Số liệu"


def template(unit: str = "so-tai-chinh", period: str = "Q2/2024") -> bytes:
    data, _name = make_template(unit, period)
    return data


def edit(data: bytes, change: Callable) -> bytes:
    """Open the workbook as Excel would, apply `change(wb)`, save it again."""
    wb = load_workbook(io.BytesIO(data))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def fill(data: bytes, cells: dict[str, object]) -> bytes:
    """Type values into cells of the "Số liệu" sheet."""

    def change(wb):
        for ref, value in cells.items():
            wb[SHEET][ref] = value

    return edit(data, change)
