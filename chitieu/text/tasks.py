"""Tasks: duties with a deadline ("Thành lập Khu kinh tế ... trước năm 2025", "hoàn thành
trong quý II/2024", "chậm nhất ngày 30/6"), with the unit in charge where the text names one.

The stage runs in two ordered steps, each a list of named rules with their examples:

1. `DEADLINE_RULES` (chitieu/text/task_deadlines.py) find deadline phrases and their codes.
2. `TASK_SHAPES` read a task around each deadline: a timetable row (one cell the deadline, one
   the duty, one the unit in charge), a duty's heading and its fields, or a clause (the duty is
   the clause's words around its deadline; a clause with a quantity is a target, not a task).

A task's lead unit is its clause's subject ("Giao Sở X chủ trì ...", "Phòng Y hoàn thành ...",
"Các chi bộ thôn tổ chức ..."), closed where the predicate opens, not at a capital letter; where
the clause has none, a bracket after it, the subject its sentence shares or the unit heading
of its list names it (chitieu/text/task_units.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from chitieu.text.periods import DocumentPeriods, PeriodMention
from chitieu.text.spans import Mention
from chitieu.text.structure import Structure
from chitieu.text.task_deadlines import (
    LABEL,
    SENTENCE_BREAK,
    Deadline,
    find_deadlines,
    table_rows,
)
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
_LIST_MARKER = re.compile(r"\s*(?:\d{1,2}|[a-zđ]|[ivx]{1,4})\s*", re.IGNORECASE)
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
    rows = table_rows(text)
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


_LEAD_HEADER = re.compile(r"chủ trì|thực hiện|phụ trách", re.IGNORECASE)
_DUTY_HEADER = re.compile(r"nội dung|nhiệm vụ|công việc", re.IGNORECASE)


def _header_of(text: str, at: int, width: int) -> list[tuple[int, int]] | None:
    """The header row of the table whose row holds `at`: the nearest line above, at most 40
    lines and 8000 characters up, with as many cells and a "chủ trì" or "nội dung" column."""
    pos = _line_start(text, at)
    floor = max(0, pos - 8000)
    for _ in range(40):
        if pos <= floor:
            return None
        ps = max(_line_start(text, pos - 1), floor)
        line = text[ps : pos - 1]
        pos = ps
        if "|" not in line and "\t" not in line:
            return None
        if _LEAD_HEADER.search(line) or _DUTY_HEADER.search(line):
            cells = table_rows(line + "\n").get(0)
            return [(ps + a, ps + b) for a, b in cells] if cells and len(cells) == width else None
    return None


def _timetable_row(text: str, dl: Deadline, row: list[tuple[int, int]] | None, q: _Mentions, previous: int) -> Task | None:
    """A row whose cell is its deadline: "Ra mắt Tổ công nghệ số | Đoàn Thanh niên xã | Tháng 4/2026"."""
    del previous
    if row is None:
        return None
    cell = next(((a, b) for a, b in row if a <= dl.start < b), None)
    if cell is None:
        return None
    words = [(a, b) for a, b in row if (a, b) != cell and not text[a:b].strip().isdigit()]
    # The header names the columns: "Đơn vị chủ trì" is the lead's ("Tỉnh đoàn" is a unit though
    # no agent noun opens it), "Nội dung" / "Nhiệm vụ" the duty's.
    header = _header_of(text, dl.start, len(row))
    lead_col = next((k for k, (a, b) in enumerate(header) if _LEAD_HEADER.search(text, a, b)), None) if header else None
    duty_col = next((k for k, (a, b) in enumerate(header) if _DUTY_HEADER.search(text, a, b)), None) if header else None
    units = [(a, b) for a, b in words if AGENT.match(text, a) and len(text[a:b].split()) <= 10]
    duties = [(a, b) for a, b in words if (a, b) not in units and len(text[a:b].split()) >= 2]
    if duty_col is not None:
        duties = [row[duty_col]]
    if not duties or q.overlap(duties[0][0], duties[0][1]):
        return None
    a, b = duties[0]
    lead = text[units[0][0] : units[0][1]] if units else None
    if lead_col is not None:
        lead = text[row[lead_col][0] : row[lead_col][1]]
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
    start = max(_clause_start(text, dl.start, SENTENCE_BREAK if dl.shape == "label" else _CLAUSE_BREAK), previous)
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
    title = _LEAD_WORDS.sub("", before[title_from:].strip(" ,;:–-(")).strip(" ,(")
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
    if dl.shape == "label" and (field := _FIELD.match(before)) is not None and _LEAD_FIELD.fullmatch(field.group(1).strip()):
        return None  # "Chủ trì: Sở Y tế; thời gian: quý I/2026": fields with no duty
    if not title and dl.shape == "label":
        label = LABEL.match(text, dl.start)
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
                # "Chủ trì: Trung tâm ...; phối hợp: các trạm y tế.": the first field's value
                lead = _FIELD_SEP.split(field.group(2), maxsplit=1)[0].strip() or None
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
