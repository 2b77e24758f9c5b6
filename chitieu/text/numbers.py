"""Vietnamese number literals: "89.490,478" -> 89490.478, "13,5" -> 13.5, "6.600" -> 6600."""

from __future__ import annotations

WORD_NUMBERS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10, "nhất": 1, "nhì": 2,
}  # fmt: skip


_NUMBER_CHARS = frozenset("0123456789.,")


def parse_number(literal: str) -> float | None:
    """Return the value of a Vietnamese-style number literal, or None if it is not one.

    "." groups thousands and "," marks decimals ("89.490,478"). A lone "." followed by other
    than three digits is read as an English decimal point ("3.5"); several commas are read
    as English thousands ("1,234,567"). Phone-like forms ("0225.3821.055") and leading-zero
    integers ("080") are not numbers.
    """
    s = literal
    if not s or not s[0].isdigit() or not s[-1].isdigit() or s.strip("0123456789.,"):
        return None
    if not all(c in _NUMBER_CHARS for c in s):
        return None
    if ".." in s or ",," in s or ".," in s or ",." in s:
        return None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        if s.rfind(",") < s.rfind("."):  # English "1,234.5"
            int_part, _, dec = s.rpartition(".")
            groups = int_part.split(",")
        else:
            int_part, _, dec = s.rpartition(",")
            groups = int_part.split(".")
        if not _thousands(groups) or "," in dec or "." in dec:
            return None
        return float("".join(groups) + "." + dec)
    if commas:
        parts = s.split(",")
        if commas == 1:
            if len(parts[0]) > 1 and parts[0][0] == "0":
                return None
            return float(parts[0] + "." + parts[1])
        return float("".join(parts)) if _thousands(parts) else None
    if dots:
        parts = s.split(".")
        if _thousands(parts):
            return float("".join(parts))
        if dots == 1 and not (len(parts[0]) > 1 and parts[0][0] == "0"):
            return float(parts[0] + "." + parts[1])
        return None
    if len(s) > 1 and s[0] == "0":
        return None
    return float(s)


def _thousands(groups: list[str]) -> bool:
    """Return True when `groups` read as thousands groups: 1-3 digits, then threes."""
    head = groups[0]
    if not (1 <= len(head) <= 3) or (len(head) > 1 and head[0] == "0"):
        return False
    return all(len(g) == 3 for g in groups[1:])


def as_json_number(value: float) -> int | float:
    """Return an int when `value` is whole (6600.0 -> 6600), else the float."""
    if value == int(value) and abs(value) < 1e15:
        return int(value)
    return value
