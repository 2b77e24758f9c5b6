"""Periods named in Vietnamese text and their codes.

Codes follow the gold contract: "2021" (year), "2021-2025" (span or term), "Q1/2024"
(quarter), "6M/2022" and "9M/2023" (first months of a year), "T9/2023" (one month),
"H1/2024"/"H2/2024" (halves named as such). A mention may lack its year ("quý 1") or its
years ("nhiệm kỳ"); `PeriodRef.code` fills them from the document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_Y = r"((?:19|20)\d\d)(?!\d)"
_NO_SPAN = r"(?!\s{0,3}[-–—]\s{0,3}(?:19|20)\d\d)"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_WORD_N = {"ba": 3, "sáu": 6, "chín": 9}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "span",
        re.compile(
            r"(?:(?:(?:hết |nửa |giữa |cả )?(?:giai đoạn|nhiệm kỳ)|thời kỳ|từ năm|từ|(?:\d{1,2} |hai |ba |bốn |năm )?năm)\s{0,3})?" + _Y + r"\s{0,3}(?:[-–—]|đến(?: năm)?)\s{0,3}" + _Y,
        ),
    ),
    ("quarter", re.compile(r"\bquý\s{0,3}(iv|i{1,3}|[1-4])(?![\w/])(?:\s{0,3}(?:/|năm|-)\s{0,3}" + _Y + r")?")),
    ("quarter", re.compile(r"\bquý\s{0,3}(iv|i{1,3}|[1-4])\s{0,3}/\s{0,3}" + _Y)),
    ("ytd", re.compile(r"(?:(lũy kế|luỹ kế|bình quân|tính chung|cộng dồn|trong) )?(?<![\d.,])(\d{1,2}|ba|sáu|chín) ?tháng( đầu năm| cuối năm| năm)?(?:\s{0,3}" + _Y + r")?")),
    ("month", re.compile(r"\btháng\s{0,3}(\d{1,2})(?![\d,.]\d)(?:\s{0,3}(?:/|năm)\s{0,3}" + _Y + r")?")),
    ("half", re.compile(r"\bnửa (đầu|cuối) năm(?:\s{0,3}" + _Y + r")?")),
    # "2 năm 2024 - 2025" is the span: a year followed by a dash and a year is left to it.
    ("year", re.compile(r"\b(?:cả |trong |của |đến hết |hết )?năm\s{0,3}" + _Y + _NO_SPAN)),
    # A crop season with its year ("vụ Hè Thu 2024") is that year; with two ("vụ Đông Xuân
    # 2023 - 2024") the span pattern reads it. The mention is the year alone, as a span's is:
    # the season stays in the name.
    ("crop", re.compile(r"\bvụ (?:đông xuân|hè thu|thu đông|xuân hè|mùa|chiêm|chiêm xuân|xuân|hè|đông|lúa \w+)\s{0,3}" + _Y + _NO_SPAN)),
    ("term", re.compile(r"\b(?:nửa |giữa |hết |cả )?nhiệm kỳ\b")),
    ("this_year", re.compile(r"\bcả năm\b(?!\s{0,3}\d)")),  # "cả năm": the document's year
    # "Sau 3 năm triển khai" (a review of a plan): the plan's span or term.
    ("term", re.compile(r"\b(?:sau|qua) (?:\d{1,2}|hai|ba|bốn|năm) năm (?:triển khai|thực hiện)")),
    # A dot before the year, as dates are written in some papers ("tháng 4.2020", "quý IV.2019").
    ("month", re.compile(r"\btháng\s{0,3}(\d{1,2})\.(?:\s{0,3})" + _Y)),
    ("quarter", re.compile(r"\bquý\s{0,3}(iv|i{1,3}|[1-4])\.(?:\s{0,3})" + _Y)),
    # An as-of day: "Tính đến ngày 20/7", "đến ngày 19/12/2025", "đến 22/1," (a day with no
    # "ngày" only before a comma or with its year). What it has reached is its month's or,
    # at a quarter's end, the months so far ("đến ngày 30/6": 6M; "31/12": the year).
    # The end of a month reached ("tính đến hết tháng 10", "đến hết tháng 6/2025"): the months
    # of the year so far, as a day at a month's end is.
    ("month_end", re.compile(r"\b(?:đến|tới)\s{1,3}hết\s{1,3}tháng\s{0,3}(\d{1,2})(?![\d,.]\d)(?:\s{0,3}(?:/|năm)\s{0,3}" + _Y + r")?")),
    ("asof", re.compile(r"\b(?:tính\s{1,3})?(?:đến|tới)\s{1,3}(?:hết\s{1,3})?(?:(ngày)\s{1,3})?(\d{1,2})\s?[/.-]\s?(\d{1,2})(?:\s?[/.-]\s?" + _Y + r")?(?![\d/.-]?\d)(?=(\s{0,3},)?)")),
    # The year before the document's: "từ vị trí số 28 của năm ngoái". Not "cùng kỳ năm
    # ngoái", a comparison whose baseline the mention states itself ("năm trước" is left out:
    # "5 năm trước", "năm trước đó" count back from other years).
    ("last_year", re.compile(r"(?<!kỳ )(?<!với )\bnăm ngoái\b")),
]


_NGAY = re.compile("ngày")
_FULL_DATE = re.compile(r"\bngày\s{0,3}\d{1,2}\s{1,3}tháng\s{0,3}\d{1,2}(?:\s{1,3}năm\s{0,3}\d{4})?")


@dataclass(frozen=True, slots=True)
class PeriodRef:
    """A period as named: kind ("year", "span", "quarter", "ytd", "month", "half", "term"),
    its year (or first year), second year for spans, and number (quarter, months, month)."""

    kind: str
    year: int | None = None
    n: int | None = None
    year2: int | None = None
    back: int = 0  # years before the document's ("năm ngoái"), for a ref with no year of its own

    def code(self, default_year: int | None = None, term: str | None = None) -> str | None:
        """Return the period code, filling a missing year from `default_year` and a bare
        "nhiệm kỳ" from `term`; None when a needed part is unknown."""
        y = self.year or (default_year - self.back if default_year and self.back else default_year)
        if self.kind == "span":
            return f"{self.year}-{self.year2}"
        if self.kind == "term":
            return term
        if y is None:
            return None
        if self.kind == "year":
            return str(y)
        if self.kind == "quarter":
            return f"Q{self.n}/{y}"
        if self.kind == "ytd":
            if self.n == 3:
                return f"Q1/{y}"
            if self.n == 12:
                return str(y)
            return f"{self.n}M/{y}"
        if self.kind == "month":
            return f"T{self.n}/{y}"
        if self.kind == "half":
            return f"H{self.n}/{y}"
        return None


@dataclass(frozen=True, slots=True)
class PeriodMention:
    """A period named in the text at [start, end) (normalised offsets)."""

    start: int
    end: int
    ref: PeriodRef
    named_term: bool = False  # "nhiệm kỳ 2020-2025": the span is a term of office
    asof: bool = False  # "Tính đến ngày 20/7": a day reached, which frames only a paragraph it opens


def find_period_mentions(text: str) -> list[PeriodMention]:
    """Return the period mentions in `text`, left to right, without overlaps.

    Where two patterns overlap the longer mention wins ("quý 1/2024" over "năm 2024").
    Durations are not periods: "3 tháng" and "5 năm" are left out; "6 tháng", "9 tháng"
    and "3 tháng đầu năm" are year-to-date periods.
    """
    found: list[PeriodMention] = []
    low = text.lower()
    if len(low) != len(text):  # a rare letter whose lower case is longer ("İ")
        low = text
    # "ngày 05 tháng 7 năm 2024" is a date: nothing inside it names a period.
    dates = [(m.start(), m.end()) for m in find_near(_FULL_DATE, low, _NGAY, 0, 48)]
    for kind, pattern in _PATTERNS:
        for m in _matches(pattern, low):
            ref = _ref(kind, m)
            if ref is not None:
                named = kind == "span" and "nhiệm kỳ" in m.group().lower()
                found.append(PeriodMention(m.start(1) if kind == "crop" else m.start(), m.end(), ref, named, kind == "asof"))
    if dates:
        found = [p for p in found if not any(a <= p.start < b for a, b in dates)]
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    out: list[PeriodMention] = []
    for p in found:
        if out and p.start < out[-1].end:
            continue
        out.append(p)
    return out


# A pattern that does not open with a literal ("\bquý", an optional "cả " before "năm") is
# tried at every character of the text. Each is searched only in windows around a literal
# every match holds (the "quý" of "quý 1", a span's "2021 -"), which finds exactly the
# matches a scan of the whole text finds: (anchor, most characters from a match's start to
# its anchor, most characters from the anchor's end to the end of what the pattern reads).
_NAM = re.compile("năm")
_ANCHORS: dict[str, tuple[re.Pattern[str], int, int]] = {
    _PATTERNS[0][1].pattern: (re.compile(r"(?:19|20)\d\d\s{0,3}(?:[-–—]|đến)"), 32, 40),
    _PATTERNS[1][1].pattern: (re.compile("quý"), 0, 40),
    _PATTERNS[2][1].pattern: (re.compile("quý"), 0, 40),
    _PATTERNS[3][1].pattern: (re.compile(r"tháng"), 24, 40),
    _PATTERNS[4][1].pattern: (re.compile("tháng"), 0, 40),
    _PATTERNS[5][1].pattern: (re.compile("nửa "), 0, 40),
    _PATTERNS[6][1].pattern: (_NAM, 8, 40),  # "đến hết năm 2025"
    _PATTERNS[7][1].pattern: (re.compile("vụ "), 0, 48),
    _PATTERNS[8][1].pattern: (re.compile("nhiệm kỳ"), 5, 40),  # "giữa nhiệm kỳ"
    _PATTERNS[9][1].pattern: (re.compile("cả năm"), 0, 40),
    _PATTERNS[10][1].pattern: (_NAM, 8, 40),  # "sau 3 năm triển khai"
    _PATTERNS[11][1].pattern: (re.compile("tháng"), 0, 40),
    _PATTERNS[12][1].pattern: (re.compile("quý"), 0, 40),
    _PATTERNS[13][1].pattern: (re.compile("tháng"), 16, 40),
    _PATTERNS[14][1].pattern: (re.compile("đến|tới"), 8, 40),
    _PATTERNS[15][1].pattern: (re.compile("năm ngoái"), 0, 16),
}


def _matches(pattern: re.Pattern[str], low: str) -> list[re.Match[str]]:
    """pattern.finditer(low) as a list, searching only near the pattern's anchor if it has one."""
    anchor = _ANCHORS.get(pattern.pattern)
    if anchor is None:
        return list(pattern.finditer(low))
    return find_near(pattern, low, *anchor)


def find_near(pattern: re.Pattern[str], text: str, anchor: re.Pattern[str], before: int, after: int) -> list[re.Match[str]]:
    """pattern.finditer(text) as a list, found by searching only the windows around the
    matches of `anchor`. Exact when every match of `pattern` holds a match of `anchor` that
    starts at most `before` characters after it does and ends at most `after` characters
    before the end of what the pattern reads (the match and any lookahead after it)."""
    windows: list[list[int]] = []
    for a in anchor.finditer(text):
        lo, hi = max(0, a.start() - before), min(len(text), a.end() + after)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    out: list[re.Match[str]] = []
    last = 0
    for lo, hi in windows:
        for m in pattern.finditer(text, max(lo, last), hi):
            out.append(m)
            last = m.end()
    return out


def _ref(kind: str, m: re.Match[str]) -> PeriodRef | None:
    g = m.groups()
    if kind == "span":
        y1, y2 = int(g[0]), int(g[1])
        return PeriodRef("span", y1, None, y2) if 0 < y2 - y1 <= 30 else None
    if kind == "quarter":
        q = g[0].lower()
        n = _ROMAN[q] if q in _ROMAN else int(q)
        return PeriodRef("quarter", _int(g[1]), n)
    if kind == "ytd":
        lead = g[0]
        raw = g[1].lower()
        n = _WORD_N[raw] if raw in _WORD_N else int(raw)
        tail = (g[2] or "").strip().lower()
        year = _int(g[3])
        if tail == "cuối năm" and n == 6:
            return PeriodRef("half", year, 2)
        if not 1 <= n <= 12:
            return None
        if n in (6, 9) or tail in ("đầu năm", "năm") or year or (lead and n > 1):
            return PeriodRef("ytd", year, n)
        return None
    if kind == "month":
        n = int(g[0])
        return PeriodRef("month", _int(g[1]), n) if 1 <= n <= 12 else None
    if kind == "month_end":
        n = int(g[0])
        return PeriodRef("ytd", _int(g[1]), n) if 1 <= n <= 12 else None
    if kind == "half":
        return PeriodRef("half", _int(g[1]), 1 if g[0].lower() == "đầu" else 2)
    if kind == "asof":
        ngay, day, month, year_s, comma = g
        d, n = int(day), int(month)
        if not (1 <= n <= 12 and 1 <= d <= 31) or (ngay is None and year_s is None and comma is None):
            return None
        if (n, d) in ((3, 31), (6, 30), (9, 30)):
            return PeriodRef("ytd", _int(year_s), n)
        if (n, d) == (12, 31):
            return PeriodRef("year", _int(year_s))
        return PeriodRef("month", _int(year_s), n)
    if kind in ("year", "crop"):
        return PeriodRef("year", int(g[0]))
    if kind == "this_year":
        return PeriodRef("year")
    if kind == "last_year":
        return PeriodRef("year", back=1)
    return PeriodRef("term")


def _int(s: str | None) -> int | None:
    return int(s) if s else None


_DATE_LINE = re.compile(r"\b(?:date\s{1,3})?((?:19|20)\d\d)-(\d\d)(?:-\d\d)?\b|\b\d{1,2}/(\d{1,2})/((?:19|20)\d\d)\b")


@dataclass(frozen=True, slots=True)
class DocumentPeriods:
    """What the document says about time overall: its date's year, its dominant year,
    its term ("2020-2025") and its default period code."""

    year: int | None
    term: str | None
    default: str | None
    named_term: bool = False  # the term is a named "nhiệm kỳ", not just a "giai đoạn"
    terms: tuple[str, ...] = ()  # every named term ("nhiệm kỳ 2015 - 2020", "nhiệm kỳ 2020 - 2025")


_ANY_DAY = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]((?:19|20)\d\d)\b")
_BASELINE_BEFORE = re.compile(r"(?:\bso(?: với)?|\bcùng kỳ)\s{1,3}$")


def _baseline(low: str, at: int) -> str:
    """"same_period" for a period after "cùng kỳ" ("so với cùng kỳ năm 2024"), "other" after
    "so với" ("so với năm 2020"), "" when the period is no baseline."""
    m = _BASELINE_BEFORE.search(low, max(0, at - 24), at)
    if m is None:
        return ""
    return "same_period" if "cùng kỳ" in m.group() else "other"


def _next_year(year: int | None, date_year: int | None) -> bool:
    """True when `year` is the dated document's own year or the next one: a year-end
    conference of 2024 that sets "nhiệm vụ năm 2025" names the year, not the term ending then."""
    return year is not None and date_year is not None and date_year <= year <= date_year + 1


def document_periods(text: str, mentions: list[PeriodMention]) -> DocumentPeriods:
    """Return the document's year (its date line, else its most named year), its term (the
    most named span) and its default period (the most named period, else the year).

    The date line is a full date ("04/12/2021", "2024-04") in the first 400 characters.
    """
    date_year: int | None = None
    m = _DATE_LINE.search(text, 0, min(len(text), 400))
    if m:
        date_year = int(m.group(1) or m.group(4))
    low = text.lower()
    baselines = {id(p): "asof" if p.asof else _baseline(low, p.start) for p in mentions}
    # A year compared against ("so với cùng kỳ năm 2024", "so với năm 2020") is no year of the
    # document's; "cùng kỳ năm 2024" says the document's own period is of the next year.
    years = Counter(p.ref.year for p in mentions if p.ref.year and p.ref.kind != "span" and not baselines[id(p)])
    years.update(p.ref.year + 1 for p in mentions if p.ref.year and baselines[id(p)] == "same_period")
    spans = Counter(p.ref.code() for p in mentions if p.ref.kind == "span" and p.named_term)
    named_term = bool(spans)
    if not spans:
        spans = Counter(p.ref.code() for p in mentions if p.ref.kind == "span")
    year = date_year or (years.most_common(1)[0][0] if years else None)
    if year is None:  # no period names a year: the last full day written does ("trước ngày 20/8/2025")
        days = _ANY_DAY.findall(text)
        year = int(days[-1]) if days else None
    term = spans.most_common(1)[0][0] if spans else None
    codes: Counter[str] = Counter()
    for p in mentions:
        if baselines[id(p)]:
            continue
        c = p.ref.code(year, term)
        if c and named_term and term and p.ref.kind == "year" and term.endswith(f"-{p.ref.year}") and not _next_year(p.ref.year, date_year):
            c = term  # "đến năm 2025" in a 2020-2025 term's document names the term
        if c:
            codes[c] += 1
    default: str | None = None
    if codes:
        best, n = codes.most_common(1)[0]
        if date_year is not None and codes[str(date_year)] == n:
            best = str(date_year)  # a tie goes to the year of the document's date
        if n >= 2:
            default = best
    if default is None and year is not None:
        default = str(year)
    terms = tuple(sorted({c for p in mentions if p.named_term and (c := p.ref.code())}))
    return DocumentPeriods(year, term, default, named_term, terms)
