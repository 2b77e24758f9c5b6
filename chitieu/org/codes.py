"""Where the two official lists of the 2025 codes disagree.

The units formed on 1/7/2025 take their national code (`Unit.admin_code`) from the
`vietnam-provinces` package, the one source of administrative divisions (DESIGN.md). For five
of Hải Phòng's 114 the statistics office's list of the new codes (CV 1027/CTK-CSCL) gives
another; `data/code_discrepancies.json` holds them with that source, and every place that
shows a unit's code says so beside it (`code_note`). A code never identifies a unit alone.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

DATA_PATH = Path(__file__).resolve().parent / "data" / "code_discrepancies.json"


@cache
def _discrepancies() -> tuple[date, str, dict[tuple[int, str], int]]:
    data = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    other = {(u["package"], u["name"]): u["statistics_office"] for u in data["units"]}
    return date.fromisoformat(data["valid_from"]), data["source"], other


def code_note(unit) -> str:
    """"Danh mục của Cục Thống kê ghi mã 10891" for a unit whose code the two lists give
    differently (matched by code, name and the day it was formed: the old unit that had the
    same code is another unit), else ""."""
    valid_from, _source, other = _discrepancies()
    if unit.admin_code is None or unit.valid_from != valid_from:
        return ""
    code = other.get((unit.admin_code, unit.name))
    return f"Danh mục của Cục Thống kê (CV 1027/CTK-CSCL) ghi mã {code}" if code is not None else ""
