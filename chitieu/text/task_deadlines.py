"""Deadline phrases of duties: the first step of chitieu/text/tasks.py.

`DEADLINE_RULES` find them, each a named rule with its examples: a limit word before a day
("trước ngày 30/4/2026", "chậm nhất ngày 31/8", "trước 15-9-2026", "trước 17 giờ ngày 20/9/2025")
or before a period ("trong quý III/2026", "trước tháng 7.2020", "trước năm 2030", "trong giai
đoạn 2026 - 2028"), a field ("Thời gian thực hiện: tháng 9/2026"), a timetable cell or a dated
line ("Ngày 5/3/2026: ..."), and a horizon that states a goal ("Đến năm 2030, X là tỉnh ...").
A deadline's code follows the gold: a day "2025-06-20", a month "T6/2025", a quarter "Q2/2025",
a year "2025". A day or period written without its year takes the year of the document's own
date line ("..., ngày 03 tháng 02 năm 2026"), the first such day on or after it; a deadline
that ended before that date dates a fact, not a duty.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from chitieu.text.periods import DocumentPeriods, PeriodMention, find_near

_DIGIT = re.compile(r"\d")
SENTENCE_BREAK = re.compile(r"\.(?!\d)|[!?\n…]")
@dataclass(frozen=True)
class Deadline:
    """A deadline phrase at [start, end): its code; `strong` when its limit word alone makes a
    duty ("trước", "chậm nhất", "hoàn thành trong"), not when it may only date a fact ("trong",
    "vào"); `shape` the rule's kind of task ("clause", "line", "goal")."""

    start: int
    end: int
    code: str
    strong: bool
    shape: str = "clause"


@dataclass(frozen=True)
class _Doc:
    """What the rules need of the document: its text, period mentions and year."""

    text: str
    periods: Sequence[PeriodMention]
    doc: DocumentPeriods
    rows: dict[int, list[tuple[int, int]]]
    issued: tuple[int, int, int] | None = None  # the document's own date (year, month, day)


# The place and date a document is issued on, under its heading: "Nam Trực, ngày 03 tháng 02
# năm 2026" (a date in the text, "Ngày 20/12/2025, xã đã ...", may be any other day).
_ISSUED = re.compile(r",\s{1,3}ngày\s{1,3}(\d{1,2})\s{1,3}tháng\s{1,3}(\d{1,2})\s{1,3}năm\s{1,3}((?:19|20)\d\d)", re.IGNORECASE)


def _issued(text: str) -> tuple[int, int, int] | None:
    m = _ISSUED.search(text, 0, min(len(text), 600))
    if m is None or not (1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31):
        return None
    return int(m.group(3)), int(m.group(2)), int(m.group(1))


def _last_day(code: str) -> str:
    """The last day a deadline code covers, as "YYYY-MM-DD" ("Q2/2026" -> "2026-06-30")."""
    if len(code) == 10:
        return code
    kind, _, year = code.rpartition("/")
    month = 12 if not kind else int(kind[1:]) if kind[0] == "T" else int(kind[1:]) * 3 if kind[0] == "Q" else int(kind[:-1])
    day = 29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    return f"{year}-{month:02d}-{day:02d}"


@dataclass(frozen=True)
class DeadlineRule:
    """A named way a text writes a deadline, with examples (tests/unit/test_text_tasks.py
    reads every rule's examples)."""

    name: str
    find: Callable[[_Doc], Iterator[Deadline]]
    examples: tuple[tuple[str, str], ...]  # (text, the deadline code it gives)


# ---- step 1: deadline phrases ---------------------------------------------------------

_STRONG = r"trước|chậm nhất(?: là)?(?: trước| vào| đến hết| tới hết| đến| trong)?|đến hết|tới hết|hết|(?:hoàn thành|hoàn tất|xong)(?: trước| trong| vào| đến hết)?"
# "trình ... tại phiên họp tháng 4/2026": the meeting a duty is brought to is its deadline.
_WEAK = r"trong|vào|vào đầu|vào cuối|đến|tới|tại (?:phiên họp|kỳ họp|hội nghị|cuộc họp)"
_DAY = r"(\d{1,2})\s?(?P<sep>[/.-])\s?(\d{1,2})(?:\s?(?P=sep)\s?((?:19|20)\d\d))?(?![\d/.-]?\d)"
# An hour before the day ("trước 17 giờ ngày 20/9/2025", "trước 12h00 ngày 21/9"): the day is the deadline.
_HOUR = r"(?:\d{1,2}\s?(?:giờ|h)(?:\s?\d{1,2}(?:\s?phút)?)?,?\s{1,3})?"
_DAY_LIMIT = re.compile(
    rf"(?<!\w)(?:({_STRONG})|({_WEAK}))\s{{1,3}}{_HOUR}(?:(ngày|dịp)\s{{1,3}})?{_DAY}",
    re.IGNORECASE,
)
_DAY_WORDS = re.compile(
    rf"(?<!\w)(?:({_STRONG})|({_WEAK}))\s{{1,3}}{_HOUR}ngày\s{{1,3}}(\d{{1,2}})\s{{1,3}}tháng\s{{1,3}}(\d{{1,2}})(?:\s{{1,3}}năm\s{{1,3}}((?:19|20)\d\d))?",
    re.IGNORECASE,
)
_PERIOD_LIMIT = re.compile(rf"(?<!\w)(?:({_STRONG})|({_WEAK}))\s{{1,3}}$", re.IGNORECASE)
# A period mention that opens with its own limit word ("trong năm 2026", "đến hết năm 2025").
_OWN_LIMIT = re.compile(r"(?:(đến hết|hết)|(trong|cả))\s", re.IGNORECASE)
_DATED_LINE = re.compile(rf"^[ \t]*(?:[-–+•*][ \t]*)?(?:Ngày|ngày)\s{{1,3}}{_DAY}\s{{0,3}}:", re.MULTILINE)
_HORIZON = re.compile(r"(?:^|(?<=[\s,(]))(?:đến|tới)\s{1,3}$", re.IGNORECASE)
_STRIVE = re.compile(r"phấn đấu\s{1,3}(?:đến|tới)\s{1,3}$", re.IGNORECASE)
_GOAL_COPULA = re.compile(r"(?:\S+\s+){0,4}?(?:là|trở thành)\s", re.IGNORECASE)


def _day_code(day: str, month: str, year: str | None, doc: _Doc) -> str | None:
    """A day's code; without its year, the first such day on or after the document's date
    ("trước ngày 15/1" in a letter of 20 December 2025 is 2026-01-15), else in its year."""
    d, m = int(day), int(month)
    y = int(year) if year else doc.doc.year
    if not year and doc.issued is not None:
        y = doc.issued[0] + ((m, d) < doc.issued[1:])
    if y is None or not (1 <= m <= 12 and 1 <= d <= (29 if m == 2 else 30 if m in (4, 6, 9, 11) else 31)):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


_AFTER_BARE_DAY = re.compile(r"\s*(?:[.,;)\n]|$|(?:để|và)(?!\w))")


# Every day phrase holds its digits ("30/4") or its "tháng": the patterns are searched only
# near them (the limit and "ngày" at most 40 characters before).
_DAY_ANCHOR = re.compile(r"\d{1,2}\s?[/.-]\s?\d")
_THANG = re.compile("tháng", re.IGNORECASE)


def _days(d: _Doc) -> Iterator[Deadline]:
    for m in find_near(_DAY_LIMIT, d.text, _DAY_ANCHOR, 48, 24):
        strong, weak, ngay, day, _sep, month, year = m.groups()
        # Without "ngày" only a full date is a day ("trước 15-9-2026"); "1/5" alone may be a
        # fraction, and a weak limit needs "ngày" ("vào ngày 19.12").
        # A strong limit makes "trước 30/6" a day when nothing after it reads as a count
        # ("trước 30/6." or "xong trước 15/7, ..."; not "trước 2/3 số xã").
        bare_day = ngay is None and year is None and strong and _AFTER_BARE_DAY.match(d.text, m.end()) is not None
        if (ngay is None and (year is None or weak) and not bare_day) or (weak and weak.lower() in ("đến", "tới") and not year):
            continue
        code = _day_code(day, month, year, d)
        if code:
            yield Deadline(m.start(), m.end(), code, bool(strong))
    for m in find_near(_DAY_WORDS, d.text, _THANG, 64, 24):
        code = _day_code(m.group(3), m.group(4), m.group(5), d)
        if code:
            yield Deadline(m.start(), m.end(), code, bool(m.group(1)))


_SPAN_WORD = re.compile(r"(?:giai đoạn|thời kỳ|các năm)\s", re.IGNORECASE)


def _periods(d: _Doc) -> Iterator[Deadline]:
    for p in d.periods:
        if p.ref.kind == "term":
            continue
        # A span is due at its end: "hoàn thành trong giai đoạn 2026 - 2028" is due in 2028.
        code = str(p.ref.year2) if p.ref.kind == "span" and p.ref.year2 else p.ref.code(d.doc.year, d.doc.term)
        if not code or (p.ref.kind == "span" and not _SPAN_WORD.match(d.text, p.start)):
            continue
        lead = d.text[max(0, p.start - 40) : p.start]
        lim = _PERIOD_LIMIT.search(lead)
        if lim is not None:
            yield Deadline(p.start - (len(lead) - lim.start()), p.end, code, bool(lim.group(1)))
            continue
        own = _OWN_LIMIT.match(d.text, p.start)
        if own is not None and (own.group(2) or "").lower() != "cả":
            yield Deadline(p.start, p.end, code, bool(own.group(1)))


def _dated_lines(d: _Doc) -> Iterator[Deadline]:
    for m in _DATED_LINE.finditer(d.text):
        code = _day_code(m.group(1), m.group(3), m.group(4), d)
        if code:
            yield Deadline(m.start(), m.end(), code, True, "line")


_CELL_LIMIT = re.compile(rf"(?:(?:{_STRONG}|{_WEAK})\s{{1,3}})?(?:ngày\s{{1,3}})?", re.IGNORECASE)
_CELL_DAY = re.compile(_DAY)


_ALL_ALONG = re.compile(r"(?:cả|hằng|hàng|mỗi|thường xuyên|liên tục)(?!\w)", re.IGNORECASE)
_MONTH_RANGE = re.compile(r"(?:tháng\s{1,3})?(\d{1,2})\s?[-–]\s?(\d{1,2})\s?/\s?((?:19|20)\d\d)", re.IGNORECASE)


def _timetable_cells(d: _Doc) -> Iterator[Deadline]:
    """A table cell that is a day or a period alone ("Tháng 4/2026", "Trước 31/10/2026")."""
    by_start = {p.start: p for p in d.periods}
    for cells in d.rows.values():
        for a, b in cells:
            if _ALL_ALONG.match(d.text, a, b):
                continue  # "Cả năm", "Hằng quý", "Thường xuyên": no one deadline
            lim = _CELL_LIMIT.match(d.text, a, b)
            at = lim.end() if lim else a
            months = _MONTH_RANGE.fullmatch(d.text, at, b)
            if months is not None and 1 <= int(months.group(1)) < int(months.group(2)) <= 12:
                yield Deadline(a, b, f"T{int(months.group(2))}/{months.group(3)}", True)  # "Tháng 5 - 6/2026": due at its end
                continue
            day = _CELL_DAY.fullmatch(d.text, at, b)
            if day is not None:
                code = _day_code(day.group(1), day.group(3), day.group(4), d)
                if code:
                    yield Deadline(a, b, code, True)
                continue
            p = by_start.get(at)
            if p is not None and p.end == b and p.ref.kind not in ("span", "term") and (code := p.ref.code(d.doc.year, d.doc.term)):
                yield Deadline(a, b, code, True)


# A deadline written as a field: "Thời gian thực hiện: tháng 9/2026", "- Thời hạn: trước ngày
# 30/6/2026", "...; thời hạn hoàn thành: 30/4/2026".
LABEL = re.compile(
    r"(?<!\w)(?:(?:thời hạn|thời gian|hạn|tiến độ)(?:\s(?:thực hiện|hoàn thành|hoàn tất|tổ chức))?"
    # "Hạn cuối gửi tài liệu kỳ họp: 25/6/2026": the label names the duty.
    r"|(?:hạn cuối|hạn chót)(?:\s(?P<what>[^:\n]{1,40}?))?)\s{0,2}:\s{0,3}"
    rf"(?:(?:{_STRONG}|{_WEAK})\s{{1,3}})?(?:ngày\s{{1,3}})?",
    re.IGNORECASE,
)
_LABEL_ANCHOR = re.compile(r"(?:thời hạn|thời gian|hạn|tiến độ)[^:\n]{0,44}:", re.IGNORECASE)


_FROM_TO = re.compile(r"từ\s[^\n:;]{1,40}?\s(?:đến|tới)(?:\s(?:hết|ngày))?\s{1,3}", re.IGNORECASE)


def _labels(d: _Doc) -> Iterator[Deadline]:
    by_start = {p.start: p for p in d.periods}
    for a in _LABEL_ANCHOR.finditer(d.text):
        m = LABEL.match(d.text, a.start())
        if m is None:
            continue
        # "Thời gian: Từ tháng 3/2026 đến tháng 5/2026": due at the end of the range.
        at = m.end()
        span = _FROM_TO.match(d.text, at)
        if span is not None:
            at = span.end()
        day = _CELL_DAY.match(d.text, at)
        if day is not None and _AFTER_BARE_DAY.match(d.text, day.end()):
            code = _day_code(day.group(1), day.group(3), day.group(4), d)
            if code:
                yield Deadline(m.start(), day.end(), code, True, "label")
            continue
        p = by_start.get(at)
        if p is not None and p.ref.kind not in ("span", "term") and (code := p.ref.code(d.doc.year, d.doc.term)):
            yield Deadline(m.start(), p.end, code, True, "label")


def _horizons(d: _Doc) -> Iterator[Deadline]:
    for p in d.periods:
        if p.ref.kind != "year" or p.ref.year is None:
            continue
        if _HORIZON.search(d.text, max(0, p.start - 8), p.start) is None:
            continue
        after = d.text[p.end : p.end + 80].lstrip(" ,")
        # "Phấn đấu đến năm 2027 xã đạt chuẩn nông thôn mới kiểu mẫu": a goal with no quantity.
        striving = _STRIVE.search(d.text, max(0, p.start - 20), p.start) is not None
        sentence = SENTENCE_BREAK.search(d.text, p.end)
        unmeasured = not _DIGIT.search(d.text, p.end, sentence.start() if sentence else len(d.text))
        if _GOAL_COPULA.match(after) or (striving and unmeasured):
            lim = _HORIZON.search(d.text, max(0, p.start - 8), p.start)
            assert lim is not None
            yield Deadline(lim.start(), p.end, str(p.ref.year), True, "goal")


DEADLINE_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        "a deadline written as a field",
        _labels,
        (
            ("1. Tập huấn sử dụng phần mềm\n- Đơn vị chủ trì: Phòng Nghiệp vụ Y.\n- Thời gian thực hiện: quý III/2026.", "Q3/2026"),
            ("Sở Nông nghiệp hướng dẫn thủ tục chuyển mục đích sử dụng rừng; thời hạn hoàn thành: 30/4/2026.", "2026-04-30"),
            ("Các Ban thẩm tra các báo cáo. Hạn cuối gửi tài liệu kỳ họp: 25/6/2026.", "2026-06-25"),
            ("1. Tổ chức tiêm chủng mở rộng\n- Thời gian: Từ tháng 3/2026 đến tháng 5/2026.", "T5/2026"),
        ),
    ),
    DeadlineRule(
        "a timetable cell",
        _timetable_cells,
        (
            ("1 | Lắp đặt camera an ninh | Công an xã | Quý II/2026", "Q2/2026"),
            ("Số hóa hồ sơ | Văn phòng | Trước 31/10/2026", "2026-10-31"),
            ("1 | Biên soạn đề cương tuyên truyền | Ban Tuyên giáo | Tháng 5 - 6/2026", "T6/2026"),
        ),
    ),
    DeadlineRule(
        "a limit word before a day",
        _days,
        (
            ("Hoàn thành rà soát trước ngày 30/4/2026.", "2026-04-30"),
            ("Trạm Y tế xã triển khai bệnh án điện tử trước 15-9-2026.", "2026-09-15"),
            ("Tổ chức đại hội điểm, hoàn thành trước ngày 10.3.2020.", "2020-03-10"),
            ("Hoàn thành xóa nhà tạm chậm nhất ngày 31 tháng 8 năm 2025.", "2025-08-31"),
            ("Chủ tịch UBND các xã ven biển tổ chức sơ tán người dân, hoàn thành trước 12 giờ ngày 21/9/2025.", "2025-09-21"),
        ),
    ),
    DeadlineRule(
        "a horizon that states a goal",
        _horizons,
        (("Đến năm 2030, Tuyên Quang là tỉnh phát triển khá.", "2030"), ("Phấn đấu đến năm 2027 xã đạt chuẩn nông thôn mới kiểu mẫu.", "2027")),
    ),
    DeadlineRule(
        "a limit word before a period",
        _periods,
        (
            ("Phòng Kinh tế xây dựng bản đồ số trong quý III/2026.", "Q3/2026"),
            ("Ban Quản lý dự án hoàn thành cải tạo đê biển trong giai đoạn 2026 - 2028.", "2028"),
            ("Đại hội Đảng bộ huyện hoàn thành trước tháng 7.2020.", "T7/2020"),
            ("Phấn đấu hoàn thành nhựa hóa tuyến đường trước năm 2028.", "2028"),
            ("Các tuyến đường dự kiến hoàn thành trong năm 2026.", "2026"),
        ),
    ),
    DeadlineRule(
        "a timetable line opened by its day",
        _dated_lines,
        (("- Ngày 10/3/2026: Cơ quan lập danh sách cử tri giải quyết khiếu nại.", "2026-03-10"),),
    ),
)


# A day that comes back is no one deadline: "trước ngày 15/6 và 15/12 hằng năm".
_RECURRING = re.compile(r"[^.;\n]{0,24}?(?<!\w)(?:hằng|hàng)\s(?:năm|tháng|quý|tuần)(?!\w)", re.IGNORECASE)


def find_deadlines(
    text: str, periods: Sequence[PeriodMention], doc: DocumentPeriods, rows: dict[int, list[tuple[int, int]]] | None = None
) -> list[Deadline]:
    """Every deadline phrase of the text by the rules in order, left to right; where two
    overlap the one found by the earlier rule wins."""
    issued = _issued(text)
    if issued is not None and issued[0] != doc.year:
        doc = replace(doc, year=issued[0])
    d = _Doc(text, periods, doc, table_rows(text) if rows is None else rows, issued)
    # A deadline that ended before the document was written dates a fact, not a duty:
    # "...; tổ chức thành công Đại hội vào ngày 20/7/2025" in a report of 25 September 2025.
    written = f"{issued[0]:04d}-{issued[1]:02d}-{issued[2]:02d}" if issued else ""
    found: list[Deadline] = []  # kept sorted by start, without overlaps
    starts: list[int] = []
    for rule in DEADLINE_RULES:
        for dl in rule.find(d):
            if (written and _last_day(dl.code) < written) or _RECURRING.match(text, dl.end):
                continue
            k = bisect_left(starts, dl.start)
            if (k > 0 and found[k - 1].end > dl.start) or (k < len(found) and found[k].start < dl.end):
                continue
            found.insert(k, dl)
            starts.insert(k, dl.start)
    return found



_CELL = re.compile(r"\t|\s\|\s?|\|")


def table_rows(text: str) -> dict[int, list[tuple[int, int]]]:
    """The cells of each line split by tabs or "|" into three or more, by the line's start."""
    rows: dict[int, list[tuple[int, int]]] = {}
    pos = 0
    for line in text.split("\n"):
        if "|" in line or "\t" in line:
            cells: list[tuple[int, int]] = []
            at = 0
            for m in [*_CELL.finditer(line), None]:
                end = m.start() if m else len(line)
                raw = line[at:end]
                lead = len(raw) - len(raw.lstrip())
                if raw.strip():
                    cells.append((pos + at + lead, pos + at + lead + len(raw.strip())))
                at = m.end() if m else at
            if len(cells) >= 3:
                rows[pos] = cells
        pos += len(line) + 1
    return rows


