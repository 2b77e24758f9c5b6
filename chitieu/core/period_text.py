"""Reading periods out of Vietnamese text: the patterns behind `Period.parse` and `find_periods`.

Text is first folded (lower case, diacritics and "đ" removed, every dash made "-", every space
made " ") one character at a time, keeping a map back to the original offsets, so one set of
ASCII patterns serves "Quý IV năm 2023", "quy iv nam 2023" and "QUÝ IV – 2023" alike.

Pure standard library.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from chitieu.core.periods import Period, PeriodError

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}


def fold(text: str) -> tuple[str, list[int]]:
    """Return (folded text, offsets) where offsets[i] is the index in `text` of folded char i.

    offsets has one extra entry, len(text), so a folded end offset maps too.
    """
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DASHES:
            piece = "-"
        elif ch.isspace():
            piece = " "
        elif ch in "đĐ":
            piece = "d"
        else:
            decomposed = unicodedata.normalize("NFD", ch)
            piece = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        out.append(piece)
        offsets.extend([i] * len(piece))
    offsets.append(len(text))
    return "".join(out), offsets


def _number(token: str, text: str, what: str) -> int:
    """An Arabic or Roman (I..VIII) numeral; PeriodError naming `text` otherwise."""
    if token.isdigit():
        return int(token)
    if token in _ROMAN_VALUES:
        return _ROMAN_VALUES[token]
    raise PeriodError(text, f"{what} «{token}» không phải là số")


Builder = Callable[[dict[str, str], str], Period]


@dataclass(frozen=True)
class _Form:
    pattern: re.Pattern[str]
    build: Builder
    free_text: bool  # also searched for in running text by find_periods


def _year(g: dict[str, str], text: str) -> Period:
    return Period.year(int(g["y"]))


def _term(g: dict[str, str], text: str) -> Period:
    first, last = int(g["a"]), int(g["b"])
    if last <= first:
        raise PeriodError(text, f"năm cuối {last} không sau năm đầu {first}")
    return Period.term(first, last)


def _quarter(g: dict[str, str], text: str) -> Period:
    q = _number(g["q"], text, "quý")
    if not 1 <= q <= 4:
        raise PeriodError(text, f"quý {g['q'].upper()} không có; quý phải từ I đến IV (1 đến 4)")
    return Period.quarter(int(g["y"]), q)


def _month(g: dict[str, str], text: str) -> Period:
    m = int(g["m"])
    if not 1 <= m <= 12:
        raise PeriodError(text, f"tháng {m} không có; tháng phải từ 1 đến 12")
    return Period.month(int(g["y"]), m)


def _half(g: dict[str, str], text: str) -> Period:
    h = int(g["h"])
    if h not in (1, 2):
        raise PeriodError(text, f"nửa năm H{h} không có; chỉ có H1 và H2")
    return Period.half(int(g["y"]), h)


def _months(g: dict[str, str], text: str) -> Period:
    n, which, year = int(g["n"]), g.get("w") or "dau", int(g["y"])
    if which == "cuoi":
        if n != 6:
            raise PeriodError(text, "chỉ hiểu «6 tháng cuối năm» (nửa cuối năm)")
        return Period.half(year, 2)
    if not 1 <= n <= 12:
        raise PeriodError(text, f"{n} tháng không có; số tháng phải từ 1 đến 12")
    return Period.year_to_date(year, n)


_Y = r"(?P<y>\d{4})"
_YEAR_SEP = r"(?:\s*[/.-]\s*|\s+nam\s+|\s+)"
_START = r"(?<![\w/.,-])"
_END = r"(?![\w/])(?!\s*-\s*\d)(?!,\d)(?!\.\d)"


def _form(body: str, build: Builder, free_text: bool = True) -> _Form:
    return _Form(re.compile(_START + body + _END), build, free_text)


# Longest forms first: at one position find_periods keeps the longest match anyway, but
# Period.parse takes the first form that matches the whole text.
_FORMS = [
    _form(
        r"(?:(?:giai doan|nhiem ky|thoi ky|ca nhiem ky|cac nam|nam)\s+)(?P<a>\d{4})\s*-\s*(?P<b>\d{4})",
        _term,
    ),
    _form(r"(?P<a>\d{4})\s*-\s*(?P<b>\d{4})", _term),
    _form(r"(?P<n>\d{1,2})\s*thang(?:\s+(?P<w>dau|cuoi))?(?:\s+nam|\s*/|\s*-)?\s*" + _Y, _months),
    _form(r"(?P<n>\d{1,2})m\s*[/-]?\s*" + _Y, _months),
    _form(r"h(?P<h>\d)\s*[/-]?\s*" + _Y, _half),
    _form(_Y + r"\s*-\s*h(?P<h>\d)", _half),
    _form(r"(?:qu[yi]\s*(?P<q>[ivx]+|\d{1,2})|q(?P<q2>\d{1,2}))" + _YEAR_SEP + _Y, _quarter),
    _form(_Y + r"\s*-\s*q(?P<q>\d{1,2})", _quarter),
    _form(r"(?:thang\s*|t)(?P<m>\d{1,2})" + _YEAR_SEP + _Y, _month),
    _form(r"(?P<m>\d{1,2})\s*[/-]\s*" + _Y, _month, free_text=False),
    _form(_Y + r"\s*-\s*(?P<m>\d{1,2})", _month, free_text=False),
    _form(r"nam\s+" + _Y, _year),
    _form(_Y, _year, free_text=False),
]

# Forms that name no year ("quý 1", "6 tháng đầu năm", "tháng 9"): find_periods reads them
# only when the caller knows the year the text is about.
_CONTEXT_FORMS = [
    _form(r"(?P<n>\d{1,2})\s*thang\s+(?P<w>dau|cuoi)\s+nam", _months),
    _form(r"qu[yi]\s*(?P<q>iv|i{1,3}|\d)", _quarter),
    _form(r"thang\s*(?P<m>\d{1,2})", _month),
]

# A term written without "giai đoạn"/"nhiệm kỳ" in running text is more likely a range of
# counts ("2000 - 2100 hộ") when it spans more than this many years.
_MAX_BARE_TERM_YEARS = 30

# Recognised but incomplete: a helpful message instead of "not understood".
_MISSING_YEAR = re.compile(
    r"(?:\d{1,2}\s*thang(?:\s+(?:dau|cuoi))?(?:\s+nam)?|qu[yi]\s*\w+|thang\s*\d{1,2}|nam)\s*"
)


def _groups(m: re.Match[str]) -> dict[str, str]:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    if "q2" in g:
        g["q"] = g.pop("q2")
    return g


def parse_period_text(text: str) -> Period:
    """See `Period.parse`."""
    folded, _ = fold(text.strip())
    folded = re.sub(r"\s+", " ", folded)
    if not folded:
        raise PeriodError(text, "chuỗi rỗng")
    for form in _FORMS:
        m = form.pattern.fullmatch(folded)
        if m:
            try:
                return form.build(_groups(m), text)
            except PeriodError as exc:
                # Constructors name the period they were asked for; name what the user wrote.
                if exc.text == text:
                    raise
                raise PeriodError(text, exc.reason) from exc
    if _MISSING_YEAR.fullmatch(folded):
        raise PeriodError(text, "thiếu năm")
    raise PeriodError(
        text,
        "không đúng dạng nào đã biết (ví dụ: «năm 2021», «quý I/2024», «tháng 9/2023», "
        "«6 tháng đầu năm 2024», «giai đoạn 2021 - 2025», «Q1/2024»)",
    )


def _is_date(folded: str, start: int) -> bool:
    """True when the match at `start` continues a date: "ngày 15 tháng 01 năm 2021"."""
    return re.search(r"ngay\s+\d{1,2}\s*$", folded[max(0, start - 12) : start]) is not None


def find_period_spans(text: str, year: int | None = None) -> list[tuple[int, int, Period]]:
    """See `chitieu.core.periods.find_periods`."""
    folded, offsets = fold(text)
    candidates: list[tuple[int, int, Period]] = []
    dates: list[tuple[int, int]] = []  # "tháng 01 năm 2021" of a full date: no period inside
    forms = [f for f in _FORMS if f.free_text]
    if year is not None:
        forms += _CONTEXT_FORMS
    for form in forms:
        for m in form.pattern.finditer(folded):
            if form.build is _month and _is_date(folded, m.start()):
                dates.append(m.span())
                continue
            groups = _groups(m)
            groups.setdefault("y", str(year))
            if form is _FORMS[1] and int(groups["b"]) - int(groups["a"]) > _MAX_BARE_TERM_YEARS:
                continue
            try:
                period = form.build(groups, m.group(0))
            except PeriodError:
                continue
            candidates.append((m.start(), m.end(), period))
    candidates.sort(key=lambda c: (c[0], -c[1]))
    found: list[tuple[int, int, Period]] = []
    last_end = -1
    for start, end, period in candidates:
        if any(a <= start < b for a, b in dates):
            continue
        if start >= last_end:
            found.append((offsets[start], offsets[end], period))
            last_end = end
    return found
