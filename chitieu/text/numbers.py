"""Vietnamese number literals: "89.490,478" -> 89490.478, "13,5" -> 13.5, "6.600" -> 6600."""

from __future__ import annotations

from chitieu.core.quantities import QuantityError
from chitieu.core.quantities import parse_number as core_parse_number

WORD_NUMBERS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10, "nhất": 1, "nhì": 2,
}  # fmt: skip


_NUMBER_CHARS = frozenset("0123456789.,")


def parse_number(literal: str) -> float | None:
    """Return the value of a number token as the text writes it, or None if it is not one.

    The reading is chitieu.core.quantities.parse_number ("." groups thousands, "," marks
    decimals: "89.490,478" -> 89490.478; a lone "." before other than three digits is a
    decimal point: "3.5"). Tokens the core would read but that are not quantities in running
    text are refused here: anything but digits, "." and "," ("5/63"), and an integer part
    with a leading zero ("080", "0225.3821.055": phone numbers and codes).
    """
    s = literal
    if not s or not s[0].isdigit() or not s[-1].isdigit() or not all(c in _NUMBER_CHARS for c in s):
        return None
    head = s.replace(",", ".").split(".")[0]
    if len(head) > 1 and head[0] == "0":
        return None
    try:
        return core_parse_number(s)
    except QuantityError:
        return None


def as_json_number(value: float) -> int | float:
    """Return an int when `value` is whole (6600.0 -> 6600), else the float."""
    if value == int(value) and abs(value) < 1e15:
        return int(value)
    return value


def looks_like_year(s: str) -> bool:
    """True for a four-digit number a year may be ("2025")."""
    return len(s) == 4 and s.isdigit() and 1900 <= int(s) <= 2100
