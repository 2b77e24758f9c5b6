"""Tasks: duties with a deadline ("Thành lập Khu kinh tế ... trước năm 2025", "hoàn thành
trong quý II/2024", "chậm nhất ngày 30/6"), with the unit in charge where the text names one.

The stage runs in two ordered steps, each a list of named rules with their examples:

1. `DEADLINE_RULES` find deadline phrases: a limit word before a day ("trước ngày 30/4/2026",
   "chậm nhất ngày 31/8", "trước 15-9-2026") or before a period ("trong quý III/2026",
   "trước tháng 7.2020", "trước năm 2030"), a field ("Thời gian thực hiện: tháng 9/2026"), a
   dated line of a timetable ("Ngày 5/3/2026: ...") and a horizon that states a goal ("Đến năm
   2030, X là tỉnh ..."). A deadline's code follows the gold: a day "2025-06-20", a month
   "T6/2025", a quarter "Q2/2025", a year "2025"; a day or period written without its year takes
   the document's year.
2. `TASK_SHAPES` read a task around each deadline: a timetable row (one cell the deadline, one
   the duty, one the unit in charge), a duty's heading and its fields, or a clause (the duty is
   the clause's words around its deadline; a clause with a quantity is a target, not a task).

A task's lead unit is its clause's subject ("Giao Sở X chủ trì ...", "Phòng Y hoàn thành ...",
"Các chi bộ thôn tổ chức ..."), closed where the predicate opens, not at a capital letter; where
the clause has none, a bracket after it, the subject its sentence shares or the unit heading
of its list names it (chitieu/text/task_units.py). A day written without its year takes the
year of the document's own date line ("..., ngày 03 tháng 02 năm 2026").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate

from chitieu.text.periods import DocumentPeriods, PeriodMention, find_near
from chitieu.text.spans import Mention
from chitieu.text.structure import Structure
from chitieu.text.task_units import (
    AGENT,
    DUTY_VERBS,
    antecedent,
    duty_words,
    lead_unit_elsewhere,
    subject_of,
)
from chitieu.text.tokens import Token


@dataclass(frozen=True)
class Task:
    """A duty: [start, end) in the normalised text, its title (the duty without its
    deadline), deadline code and lead unit (or None)."""

    start: int
    end: int
    title: str
    deadline: str | None
    lead_unit: str | None


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
        if own is not None and own.group(2) != "cả":
            yield Deadline(p.start, p.end, code, bool(own.group(1)))


def _dated_lines(d: _Doc) -> Iterator[Deadline]:
    for m in _DATED_LINE.finditer(d.text):
        code = _day_code(m.group(1), m.group(3), m.group(4), d)
        if code:
            yield Deadline(m.start(), m.end(), code, True, "line")


_CELL_LIMIT = re.compile(rf"(?:(?:{_STRONG}|{_WEAK})\s{{1,3}})?(?:ngày\s{{1,3}})?", re.IGNORECASE)
_CELL_DAY = re.compile(_DAY)


def _timetable_cells(d: _Doc) -> Iterator[Deadline]:
    """A table cell that is a day or a period alone ("Tháng 4/2026", "Trước 31/10/2026")."""
    by_start = {p.start: p for p in d.periods}
    for cells in d.rows.values():
        for a, b in cells:
            lim = _CELL_LIMIT.match(d.text, a, b)
            at = lim.end() if lim else a
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
_LABEL = re.compile(
    r"(?<!\w)(?:(?:thời hạn|thời gian|hạn|tiến độ)(?:\s(?:thực hiện|hoàn thành|hoàn tất|tổ chức))?"
    # "Hạn cuối gửi tài liệu kỳ họp: 25/6/2026": the label names the duty.
    r"|(?:hạn cuối|hạn chót)(?:\s(?P<what>[^:\n]{1,40}?))?)\s{0,2}:\s{0,3}"
    rf"(?:(?:{_STRONG}|{_WEAK})\s{{1,3}})?(?:ngày\s{{1,3}})?",
    re.IGNORECASE,
)
_LABEL_ANCHOR = re.compile(r"(?:thời hạn|thời gian|hạn|tiến độ)[^:\n]{0,44}:", re.IGNORECASE)


def _labels(d: _Doc) -> Iterator[Deadline]:
    by_start = {p.start: p for p in d.periods}
    for a in _LABEL_ANCHOR.finditer(d.text):
        m = _LABEL.match(d.text, a.start())
        if m is None:
            continue
        day = _CELL_DAY.match(d.text, m.end())
        if day is not None and _AFTER_BARE_DAY.match(d.text, day.end()):
            code = _day_code(day.group(1), day.group(3), day.group(4), d)
            if code:
                yield Deadline(m.start(), day.end(), code, True, "label")
            continue
        p = by_start.get(m.end())
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
        sentence = _SENTENCE.search(d.text, p.end)
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
        ),
    ),
    DeadlineRule(
        "a timetable cell",
        _timetable_cells,
        (("1 | Lắp đặt camera an ninh | Công an xã | Quý II/2026", "Q2/2026"), ("Số hóa hồ sơ | Văn phòng | Trước 31/10/2026", "2026-10-31")),
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


def find_deadlines(
    text: str, periods: Sequence[PeriodMention], doc: DocumentPeriods, rows: dict[int, list[tuple[int, int]]] | None = None
) -> list[Deadline]:
    """Every deadline phrase of the text by the rules in order, left to right; where two
    overlap the one found by the earlier rule wins."""
    issued = _issued(text)
    if issued is not None and issued[0] != doc.year:
        doc = replace(doc, year=issued[0])
    d = _Doc(text, periods, doc, _table_rows(text) if rows is None else rows, issued)
    # A deadline that ended before the document was written dates a fact, not a duty:
    # "...; tổ chức thành công Đại hội vào ngày 20/7/2025" in a report of 25 September 2025.
    written = f"{issued[0]:04d}-{issued[1]:02d}-{issued[2]:02d}" if issued else ""
    found: list[Deadline] = []  # kept sorted by start, without overlaps
    starts: list[int] = []
    for rule in DEADLINE_RULES:
        for dl in rule.find(d):
            if written and _last_day(dl.code) < written:
                continue
            k = bisect_left(starts, dl.start)
            if (k > 0 and found[k - 1].end > dl.start) or (k < len(found) and found[k].start < dl.end):
                continue
            found.insert(k, dl)
            starts.insert(k, dl.start)
    return found


# ---- step 2: the task around a deadline -----------------------------------------------

_DUTY = re.compile(rf"\b(?:{DUTY_VERBS})\b", re.IGNORECASE)
# Done already: a report of a duty, not a duty.
_PAST = re.compile(r"\b(?:đã|đã được|được \w+ hoàn thành)\s", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"\.(?!\d)|[;!?\n()…]|,\s*đồng thời|:\s")
_OBJECT_END = re.compile(r"[.,](?!\d)|[;!?\n:()…]|\s(?:để|nhằm|theo|đúng|và|đồng thời|trình)\s")
_LEAD_WORDS = re.compile(
    r"^(?:(?:chủ trì|thực hiện|và|đồng thời|để|khẩn trương|tập trung|tiếp tục|phấn đấu|sẽ|cần|phải|được chọn|được giao|thời gian|dự kiến)(?:[\s,]+|$))+",
    re.IGNORECASE,
)
_BARE_VERB = re.compile(r"(?:hoàn thành|hoàn tất|xong|thực hiện xong)", re.IGNORECASE)
_TAIL = re.compile(r"[,\s]+(?:và\s+)?(?:(?:sẽ|thời gian|dự kiến)(?:\s+|$))?(?:hoàn thành|xong|tổ chức)?$", re.IGNORECASE)
_SENTENCE = re.compile(r"\.(?!\d)|[!?\n…]")
_LIST_MARKER = re.compile(r"\s*(?:\d{1,2}|[a-zđ]|[ivx]{1,4})\s*", re.IGNORECASE)
_CELL = re.compile(r"\t|\s\|\s?|\|")
_DIGIT = re.compile(r"\d")
_MEASURE = re.compile(r"\b(?:đạt|tăng|giảm|chiếm|bằng|còn|là|trên|dưới|tối thiểu|tối đa)\b", re.IGNORECASE)
# A source named before the clause ("Theo báo cáo của UBND xã,", "Báo cáo ... cho thấy,").
_ATTRIBUTION = re.compile(r"^(?:Theo\s[^,;:]{1,120},|[^,;:]{1,120}\s(?:cho thấy|cho biết|cho hay|nêu rõ),)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class _Mentions:
    """Quantity mention spans, asked "does one overlap [a, b)?" by one bisection."""

    starts: list[int]
    reach: list[int]

    @classmethod
    def of(cls, toks: Sequence[Token], mentions: Sequence[Mention]) -> _Mentions:
        spans = sorted((toks[m.pred].start, toks[m.end - 1].end) for m in mentions)
        return cls([a for a, _ in spans], [-1, *accumulate((b for _, b in spans), max)], spans)

    spans: list[tuple[int, int]]

    @classmethod
    def empty(cls) -> _Mentions:
        return cls([], [-1], [])

    def overlap(self, a: int, b: int) -> bool:
        return self.reach[bisect_left(self.starts, b)] > a

    def measured(self, text: str, a: int, b: int) -> bool:
        """True when a quantity in [a, b) is a measure ("thu ngân sách đạt 40.000 tỷ đồng"),
        not the count a duty's verb governs ("khởi công đồng loạt 238 công trình")."""
        if not self.overlap(a, b):
            return False
        k = bisect_left(self.starts, b)
        for s, e in self.spans[max(0, k - 64) : k]:
            if e <= a:
                continue
            digit = _DIGIT.search(text, max(s, a), e)
            seg = text[a : digit.start() if digit else e]
            verbs = list(_DUTY.finditer(seg))
            if not verbs or _MEASURE.search(seg, verbs[-1].end()):
                return True
        return False


def find_tasks(
    text: str,
    toks: Sequence[Token],
    st: Structure,
    periods: Sequence[PeriodMention],
    doc: DocumentPeriods,
    mentions: Sequence[Mention],
) -> list[Task]:
    """Return the tasks of the text, one per deadline that closes a duty, in text order; a
    duty repeated word for word (a lead paragraph and the body) is one task."""
    quantities = _Mentions.of(toks, mentions)
    out: list[Task] = []
    seen: set[tuple[str, str]] = set()
    last_end = -1
    rows = _table_rows(text)
    previous = 0
    for dl in find_deadlines(text, periods, doc, rows):
        if dl.start < last_end:
            continue
        row = rows.get(_line_start(text, dl.start))
        task = None
        for shape in TASK_SHAPES:
            task = shape.read(text, dl, row, quantities, previous)
            if task is not None:
                break
        previous = task.end if task is not None else dl.end
        if task is None:
            continue
        key = (" ".join(task.title.lower().split()[-8:]), task.deadline or "")
        if key in seen:
            continue
        seen.add(key)
        out.append(task)
        last_end = task.end
    return out


@dataclass(frozen=True)
class TaskShape:
    """A named way a duty sits around its deadline, with examples (text, (title, deadline,
    lead unit))."""

    name: str
    read: Callable[[str, Deadline, list[tuple[int, int]] | None, _Mentions, int], Task | None]
    examples: tuple[tuple[str, tuple[str, str, str | None]], ...]


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _table_rows(text: str) -> dict[int, list[tuple[int, int]]]:
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


def _timetable_row(text: str, dl: Deadline, row: list[tuple[int, int]] | None, q: _Mentions, previous: int) -> Task | None:
    """A row whose cell is its deadline: "Ra mắt Tổ công nghệ số | Đoàn Thanh niên xã | Tháng 4/2026"."""
    del previous
    if row is None:
        return None
    cell = next(((a, b) for a, b in row if a <= dl.start < b), None)
    if cell is None:
        return None
    words = [(a, b) for a, b in row if (a, b) != cell and not text[a:b].strip().isdigit()]
    units = [(a, b) for a, b in words if AGENT.match(text, a) and len(text[a:b].split()) <= 10]
    duties = [(a, b) for a, b in words if (a, b) not in units and len(text[a:b].split()) >= 2]
    if not duties or q.overlap(duties[0][0], duties[0][1]):
        return None
    a, b = duties[0]
    lead = text[units[0][0] : units[0][1]] if units else None
    return Task(a, max(b, cell[1]), _capital(text[a:b]), dl.code, lead)


def _clause(text: str, dl: Deadline, row: list[tuple[int, int]] | None, q: _Mentions, previous: int) -> Task | None:
    """A clause with its deadline: "Giao Sở X chủ trì rà soát ..., hoàn thành trước ngày 30/6"
    (the duty before), "Các đảng bộ phấn đấu trong tháng 2/2025 sẽ hoàn thành đại hội chi bộ"
    (after), "...; hoàn thành trước ngày 28/02/2025" (a bare verb: the previous clause is
    its object). A clause starts after the previous deadline ("..., đến năm 2045 là ..."),
    and a source named before it ("Theo báo cáo của ...,") is no part of it. A weak deadline
    followed by a comma is the time frame of what follows ("trong 9 tháng đầu năm 2025, ..."),
    not a deadline."""
    if row is not None:
        return None
    if dl.shape == "line":
        return _dated_line(text, dl, q)
    start = max(_clause_start(text, dl.start, _SENTENCE if dl.shape == "label" else _CLAUSE_BREAK), previous)
    attribution = _ATTRIBUTION.match(text[start : dl.start].lstrip(" ,"))
    if attribution:
        start = dl.start - len(text[start : dl.start].lstrip(" ,")) + attribution.end()
    while start < dl.start and text[start] in " ,":
        start += 1
    before = text[start : dl.start]
    if dl.shape == "clause" and text[dl.end : dl.end + 1] == "," and (not dl.strong or re.match(r"(?:đến|tới)", text[dl.start : dl.end], re.IGNORECASE)):
        return _fronted(text, dl, q, start, before)
    obj, obj_end = _object_after(text, dl.end)
    if dl.shape != "goal" and (q.measured(text, start, dl.start) or _MEASURE.match(obj)):
        return None  # a target's horizon: "phấn đấu đến năm 2025 đạt từ 4 đến 5 sao"
    if dl.shape == "goal" and (not obj or q.overlap(start, obj_end)):
        return None
    if _PAST.search(before) and dl.shape == "clause":
        return None
    verb_in_limit = _verb_of_limit(text, dl)
    has_duty = bool(_DUTY.search(before) or verb_in_limit or (obj and _DUTY.match(_LEAD_WORDS.sub("", obj))) or subject_of(before))
    if dl.shape == "clause" and not has_duty and not (dl.strong and len(before.split()) >= 3):
        return None
    before = re.sub(r"^(?:và|còn|đồng thời)\s+", "", before, flags=re.IGNORECASE)
    lead_unit, title_from = _lead_unit(before, whole=bool(verb_in_limit))
    title = _LEAD_WORDS.sub("", before[title_from:].strip(" ,;:–-")).strip(" ,")
    title = _TAIL.sub("", title)
    end = dl.end
    if dl.shape == "goal":
        title, end = obj, obj_end
    elif not title or _BARE_VERB.fullmatch(title) or (not _DUTY.search(title) and obj and _DUTY.match(obj)):
        verb = verb_in_limit or (title if _BARE_VERB.fullmatch(title) else "")
        if obj and q.measured(text, dl.end, obj_end):
            return None
        if obj:
            title, end = f"{verb} {obj}".strip(), obj_end
        elif verb:
            prev = _previous_clause(text, start)
            title = f"{verb} {prev}".strip()
        else:
            title = ""
    if not title and dl.shape == "label":
        label = _LABEL.match(text, dl.start)
        title = (label.group("what") or "") if label else ""
    if not title:
        return None
    if lead_unit is None and dl.shape != "goal":
        lead_unit, end = lead_unit_elsewhere(text, start, end, start)
    elif lead_unit is not None:
        lead_unit = antecedent(text, start, lead_unit)
    return Task(start, end, _capital(title), dl.code, lead_unit)


_CLAUSE_END = re.compile(r"\.(?!\d)|[;!?\n]")


def _fronted(text: str, dl: Deadline, q: _Mentions, start: int, before: str) -> Task | None:
    """A time frame fronted before its clause: "Trong tháng 5/2026, Văn phòng HĐND tỉnh chuẩn bị
    ...", "Từ nay đến hết năm 2026, tập trung giải quyết dứt điểm ...". A duty when what follows
    is given to a unit or opens with a duty verb, and neither reports ("đã") nor measures; a
    report's frame ("trong 9 tháng đầu năm 2025, nhà ở xã hội hoàn thành 20 dự án") is none."""
    if len(before.split()) > 3 or _DUTY.search(before) or AGENT.search(before):
        return None
    a = dl.end + 1
    while a < len(text) and text[a] in " \t":
        a += 1
    stop = _CLAUSE_END.search(text, a, min(len(text), a + 400))
    b = stop.start() if stop else min(len(text), a + 400)
    after = text[a:b].rstrip()
    if len(after.split()) < 2 or _PAST.search(after) or q.measured(text, a, a + len(after)):
        return None
    s = subject_of(after)
    if s is not None:
        lead: str | None = after[s.start : s.end]
        title = duty_words(after[s.predicate :])
    else:
        lead, title = None, duty_words(after)
        if not _DUTY.match(title):
            return None
    return Task(start, a + len(after), _capital(title.strip(" ,")), dl.code, lead)


def _dated_line(text: str, dl: Deadline, q: _Mentions) -> Task | None:
    """"- Ngày 5/3/2026: Hội đồng bầu cử quốc gia, Ủy ban bầu cử nhận xét, giải quyết khiếu
    nại ...": the line after its day is the duty, opened by its units."""
    stop = re.compile(r"[\n(;]|\.(?!\d)").search(text, dl.end)
    end = stop.start() if stop else len(text)
    at = dl.end + len(text[dl.end : end]) - len(text[dl.end : end].lstrip())
    body = text[at:end].rstrip()
    if len(body.split()) < 3 or q.overlap(at, at + len(body)):
        return None
    lead_unit, title_from = _lead_unit(body)
    title = _LEAD_WORDS.sub("", body[title_from:].strip(" ,;:–-"))
    return Task(_line_start(text, dl.start) if text[_line_start(text, dl.start) :].lstrip(" \t-–+•*").startswith(("Ngày", "ngày")) else dl.start,
                at + len(body), _capital(title or body), dl.code, lead_unit)


_FIELD = re.compile(r"[ \t]*[-–+•*]?[ \t]*([^:\n]{2,40}?)\s*:[ \t]*([^\n]*)")
_LEAD_FIELD = re.compile(r"(?:đơn vị|cơ quan)?\s*chủ trì(?: thực hiện)?|(?:đơn vị|cơ quan|trách nhiệm) thực hiện|phân công|giao", re.IGNORECASE)
_ITEM_MARKER = re.compile(r"[ \t]*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[-–+•*])?[ \t]*")


def _labelled_block(text: str, dl: Deadline, row: list[tuple[int, int]] | None, q: _Mentions, previous: int) -> Task | None:
    """A duty written as a heading and its fields: "1. Cập nhật dữ liệu ...\n- Đơn vị chủ trì:
    X.\n- Thời gian thực hiện: tháng 9/2026". The heading is the duty, the "chủ trì" field its
    unit."""
    del row, previous
    if dl.shape != "label":
        return None
    # A field line is short: a longer line is read from its last 600 characters (and a long
    # text of one line stays linear).
    ls = max(_line_start(text, dl.start), dl.start - 600)
    if text[ls : dl.start].strip(" \t-–+•*"):
        return _inline_fields(text, dl, ls, q)
    pos, lead = ls, None
    for _ in range(8):
        if pos == 0:
            return None
        ps = _line_start(text, pos - 1)
        line = text[ps : pos - 1]
        pos = ps
        if not line.strip():
            return None
        field = _FIELD.fullmatch(line)
        if field is not None and len(field.group(1).split()) <= 5:
            if _LEAD_FIELD.fullmatch(field.group(1).strip()):
                lead = field.group(2).strip().rstrip(".;") or None
            continue
        a = ps + _ITEM_MARKER.match(line).end()  # type: ignore[union-attr]
        title = text[a : ps + len(line)].strip().rstrip(":.;")
        if len(title.split()) < 2 or q.overlap(a, ps + len(line)):
            return None
        return Task(a, dl.end, _capital(title), dl.code, lead)
    return None


_DUTY_FIELD = re.compile(r"nhiệm vụ|nội dung(?: công việc)?|công việc|tên nhiệm vụ", re.IGNORECASE)
_FIELD_SEP = re.compile(r"[.;](?!\d)\s*")


def _inline_fields(text: str, dl: Deadline, ls: int, q: _Mentions) -> Task | None:
    """The same fields in one line: "- Tổ chức hội nghị sơ kết. Cơ quan chủ trì: Sở Nội vụ.
    Thời gian: tháng 6/2026." Without a "chủ trì" field the clause shape reads the line."""
    at = _ITEM_MARKER.match(text, ls).end()  # type: ignore[union-attr]
    duty: tuple[int, int] | None = None
    lead = None
    pos = at
    while pos < dl.start:
        sep = _FIELD_SEP.search(text, pos, dl.start)
        a, b = pos, (sep.start() if sep else dl.start)
        pos = sep.end() if sep else dl.start
        part = text[a:b].strip()
        if not part:
            continue
        field = _FIELD.fullmatch(part)
        if field is not None and len(field.group(1).split()) <= 5 and not _DUTY_FIELD.fullmatch(field.group(1).strip()):
            if _LEAD_FIELD.fullmatch(field.group(1).strip()):
                lead = field.group(2).strip() or None
            continue
        if field is not None:  # "Nhiệm vụ: Rà soát ...": the duty is the field's value
            a += part.index(field.group(2)) + (len(text[a:b]) - len(text[a:b].lstrip()))
        if duty is not None:
            return None  # two duties before one deadline: no one of them is its
        duty = (a, a + len(text[a:b].rstrip()))
    if duty is None or lead is None or q.overlap(*duty) or len(text[duty[0] : duty[1]].split()) < 2:
        return None
    return Task(duty[0], dl.end, _capital(text[duty[0] : duty[1]].strip(" ,")), dl.code, lead)


TASK_SHAPES: tuple[TaskShape, ...] = (
    TaskShape(
        "a duty's heading and its fields",
        _labelled_block,
        (
            (
                "1. Cập nhật dữ liệu vào hồ sơ sức khỏe điện tử\n- Đơn vị chủ trì: Trung tâm Kiểm soát bệnh tật tỉnh.\n- Thời gian thực hiện: tháng 9/2026.",
                ("Cập nhật dữ liệu vào hồ sơ sức khỏe điện tử", "T9/2026", "Trung tâm Kiểm soát bệnh tật tỉnh"),
            ),
            (
                "- Tổ chức hội nghị sơ kết Nghị quyết. Cơ quan chủ trì: Sở Nội vụ. Thời gian: tháng 6/2026.",
                ("Tổ chức hội nghị sơ kết Nghị quyết", "T6/2026", "Sở Nội vụ"),
            ),
        ),
    ),
    TaskShape(
        "a timetable row",
        _timetable_row,
        (("1 | Lắp đặt camera an ninh | Công an xã | Quý II/2026", ("Lắp đặt camera an ninh", "Q2/2026", "Công an xã")),),
    ),
    TaskShape(
        "a clause with its deadline",
        _clause,
        (
            ("Giao Công an xã chủ trì cấp tài khoản định danh, hoàn thành chậm nhất ngày 30/6/2026.", ("Cấp tài khoản định danh", "2026-06-30", "Công an xã")),
            ("Các đảng bộ này phấn đấu trong tháng 2/2025 sẽ hoàn thành đại hội chi bộ.", ("Hoàn thành đại hội chi bộ", "T2/2025", "Các đảng bộ này")),
            ("- Ngày 10/3/2026: Cơ quan lập danh sách cử tri giải quyết khiếu nại.", ("Giải quyết khiếu nại", "2026-03-10", "Cơ quan lập danh sách cử tri")),
        ),
    ),
)


def _capital(s: str) -> str:
    s = s.strip()
    return s[:1].upper() + s[1:]


def _verb_of_limit(text: str, dl: Deadline) -> str:
    """The verb inside a deadline phrase ("hoàn thành trong quý III/2024"), or ""."""
    m = re.match(r"(?:hoàn thành|hoàn tất|xong)\b", text[dl.start : dl.end], re.IGNORECASE)
    return m.group().lower() if m else ""


def _object_after(text: str, at: int) -> tuple[str, int]:
    """The duty's words after its deadline, up to the clause's end: ("đề án ...", end)."""
    while at < len(text) and text[at] in ":, ":
        at += 1
    stop = _OBJECT_END.search(text, at, min(len(text), at + 200))
    end = stop.start() if stop else min(len(text), at + 200)
    obj = text[at:end].strip()
    if not obj or not obj[:1].isalpha() or len(obj.split()) < 2:
        return "", at
    end = at + len(text[at:end].rstrip())
    obj = re.sub(r"^(?:(?:sẽ|là|việc|phải)\s+)+", "", obj, flags=re.IGNORECASE)
    return obj, end


def _previous_clause(text: str, start: int) -> str:
    """The clause before a bare "hoàn thành ..." ("Đại hội các chi bộ ... không quá 1 ngày;
    hoàn thành trước ngày 28/02/2025"), up to its first limit ("không quá", "bắt đầu")."""
    if start < 2 or text[start - 1] not in "; " or text[:start].rstrip()[-1:] not in ";,":
        return ""
    end = len(text[:start].rstrip()) - 1
    prev = text[_clause_start(text, end) : end]
    # Its duty without its own subject and deadline: "Các bệnh viện phải hoàn thành triển khai
    # bệnh án điện tử trước ngày 31/12/2025; các cơ sở còn lại hoàn thành chậm nhất ..."
    s = subject_of(prev)
    if s is not None:
        prev = duty_words(prev[s.predicate :])
    prev = re.split(r"\s(?:không quá|bắt đầu|từ|trong thời gian|trước|chậm nhất|trong|vào|đến hết)\s", prev, maxsplit=1)[0].strip(" ,")
    prev = re.sub(r"^(?:hoàn thành|hoàn tất|xong)\s+", "", prev, flags=re.IGNORECASE)
    return prev[:1].lower() + prev[1:] if prev else ""


def _clause_start(text: str, at: int, breaks: re.Pattern[str] | None = None) -> int:
    """Start of the clause ending at `at`: after the last sentence/semicolon break. A bracket
    closed inside the clause ("báo cáo UBND phường (qua Văn phòng) trước ngày 15/12") is part
    of it; a list marker "(1)" or "a)" is a break."""
    lo = max(0, at - 400)
    start = lo
    pattern = breaks or _CLAUSE_BREAK
    pos = lo
    while (m := pattern.search(text, pos, at)) is not None:
        pos = m.end()
        if m.group() == "(":
            close = text.find(")", m.end(), at)
            if close >= 0 and not _LIST_MARKER.fullmatch(text, m.end(), close) and "\n" not in text[m.end() : close]:
                pos = close + 1
                continue
        start = m.end()
    while start < at and text[start] in " \t-–+•*":
        start += 1
    return start


def _lead_unit(duty: str, whole: bool = False) -> tuple[str | None, int]:
    """Return (lead unit, where the duty's title starts) for "Giao Sở X chủ trì ..." or
    "Phòng Y hoàn thành ..." (the clause's subject, chitieu/text/task_units.py); (None, 0) when
    no unit opens the clause. With `whole`, the deadline phrase holds the verb ("Sở X hoàn
    thành trong quý III"): a unit may fill the duty."""
    s = subject_of(duty, whole=whole)
    if s is None:
        return None, 0
    rest = duty_words(duty[s.predicate :])
    return duty[s.start : s.end], len(duty) - len(rest)
