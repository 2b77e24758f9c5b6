"""Tasks: duties with a deadline ("Thành lập Khu kinh tế ... trước năm 2025", "hoàn thành
trong quý II/2024"), with the unit in charge where the text names one."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from chitieu.text.periods import DocumentPeriods, PeriodMention
from chitieu.text.spans import Mention
from chitieu.text.structure import Structure
from chitieu.text.tokens import Token

# A deadline: a limit word, then a period mention (checked by position) or a date.
_LIMIT = re.compile(r"\b(?:trước|chậm nhất(?: là)?(?: trước| vào| trong)?|hoàn thành trong|xong trong|hoàn thành vào|trong)\s{1,3}(?:ngày\s{1,3})?$", re.IGNORECASE)
_DATE = re.compile(r"\b(?:trước|chậm nhất(?: là)?(?: trước| vào)?)\s{1,3}(?:ngày\s{1,3})?(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b", re.IGNORECASE)
_DUTY = re.compile(r"\b(?:hoàn thành|hoàn tất|xong|thành lập|triển khai|xây dựng|ban hành|trình|báo cáo|khởi công|đưa vào|bàn giao|tổ chức|nghiên cứu|lập|rà soát|giải ngân|thực hiện|đầu tư|cấp)\b", re.IGNORECASE)
_ORG = re.compile(
    r"(?:Giao\s{1,3}(?:cho\s{1,3})?)?(?=(?:UBND|HĐND|MTTQ|Ủy ban|Uỷ ban|Sở|Ban|Phòng|Văn phòng|Thành ủy|Tỉnh ủy|Huyện ủy|Quận ủy|Đảng ủy|Công an|Bộ|Cục|Chi cục|Trung tâm|Hội|Đoàn|Mặt trận|Liên đoàn|Kho bạc|Chi nhánh|Ngân hàng|Trường)\b)"
)
_UNIT_END = re.compile(r"\s(?:chủ trì|phối hợp|thực hiện|khẩn trương|tập trung|tiếp tục|chỉ đạo|lãnh đạo|giao|yêu cầu|đề nghị|quyết định|thống nhất|cần|phải|sẽ|đã)\b|,|\s(?=(?:hoàn thành|hoàn tất|xong|thành lập|triển khai|ban hành|trình|báo cáo|khởi công|đưa vào|bàn giao|nghiên cứu|rà soát|giải ngân|theo dõi)\b)")
_CLAUSE_BREAK = re.compile(r"[.;!?\n]|,\s*đồng thời|:\s")


@dataclass(frozen=True)
class Task:
    """A duty: [start, end) in the normalised text, its title (the duty without its
    deadline), deadline period code and lead unit (or None)."""

    start: int
    end: int
    title: str
    deadline: str | None
    lead_unit: str | None


def find_tasks(
    text: str,
    toks: Sequence[Token],
    st: Structure,
    periods: Sequence[PeriodMention],
    doc: DocumentPeriods,
    mentions: Sequence[Mention],
) -> list[Task]:
    """Return the tasks of the text: each clause that states a duty and ends its duty with
    a deadline. Clauses that state a quantity are targets, not tasks, and are left out."""
    # Mention spans by start; reach[k]: the furthest end among the first k of them, so "does
    # a mention overlap [start, d0)" is one bisection, not a scan of every mention.
    spans = sorted((toks[m.pred].start, toks[m.end - 1].end) for m in mentions)
    span_starts = [a for a, _ in spans]
    reach = [-1, *accumulate((b for _, b in spans), max)]
    deadlines: list[tuple[int, int, str]] = []
    for p in periods:
        lead = text[max(0, p.start - 40) : p.start]
        lim = _LIMIT.search(lead)
        if lim is None:
            continue
        code = p.ref.code(doc.year, doc.term)
        if code:
            deadlines.append((p.start - (len(lead) - lim.start()), p.end, code))
    for m in _DATE.finditer(text):
        deadlines.append((m.start(), m.end(), f"T{int(m.group(2))}/{m.group(3)}"))
    deadlines.sort()
    out: list[Task] = []
    last_end = -1
    for d0, d1, code in deadlines:
        if d0 < last_end:
            continue
        start = _clause_start(text, d0)
        duty = text[start:d0]
        if not _DUTY.search(duty + _verb_of_limit(text, d0, d1)) or reach[bisect_left(span_starts, d0)] > start:
            continue
        lead_unit, title_from = _lead_unit(duty, whole=bool(_verb_of_limit(text, d0, d1)))
        title = duty[title_from:].strip(" ,;:–-")
        title = re.sub(r"^(?:chủ trì|thực hiện|và|đồng thời|để|khẩn trương|tập trung|tiếp tục)\s+", "", title, flags=re.IGNORECASE).strip(" ,")
        title = re.sub(r"^(?:khẩn trương|tập trung)\s+", "", title, flags=re.IGNORECASE)
        end = d1
        verb = _verb_of_limit(text, d0, d1) or (title if _BARE_VERB.fullmatch(title) else "")
        if (not title or _BARE_VERB.fullmatch(title)) and verb:
            # "Sở X hoàn thành trong quý III/2024 đề án ...", "..., hoàn thành trước năm 2025
            # việc xây dựng ...": the duty's object follows its deadline.
            obj, end = _object_after(text, d1)
            title = f"{verb} {obj}".strip() if obj else ""
        title = re.sub(r"[,\s]+(?:và\s+)?(?:hoàn thành|xong)$", "", title, flags=re.IGNORECASE)
        if not title:
            continue
        out.append(Task(start, end, title[:1].upper() + title[1:], code, lead_unit))
        last_end = end
    return out


_BARE_VERB = re.compile(r"(?:hoàn thành|hoàn tất|xong|thực hiện xong)", re.IGNORECASE)
_OBJECT_END = re.compile(r"[.,](?!\d)|[;!?\n:(]|\s(?:để|nhằm|theo|đúng|và|đồng thời|trình)\s")


def _verb_of_limit(text: str, d0: int, d1: int) -> str:
    """The verb inside a deadline phrase ("hoàn thành trong quý III/2024"), or ""."""
    m = re.match(r"(?:hoàn thành|xong)\b", text[d0:d1], re.IGNORECASE)
    return m.group().lower() if m else ""


def _object_after(text: str, at: int) -> tuple[str, int]:
    """The duty's object after its deadline, up to the clause's end: ("đề án ...", end)."""
    stop = _OBJECT_END.search(text, at, min(len(text), at + 200))
    end = stop.start() if stop else min(len(text), at + 200)
    obj = text[at:end].strip()
    if not obj or not obj[:1].islower() or len(obj.split()) < 2:
        return "", at
    end = at + len(text[at:end].rstrip())
    obj = re.sub(r"^việc\s+", "", obj, flags=re.IGNORECASE)
    return obj, end


def _clause_start(text: str, at: int) -> int:
    """Start of the clause ending at `at`: after the last sentence/semicolon break."""
    lo = max(0, at - 400)
    start = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, at):
        start = m.end()
    while start < at and text[start] in " \t-–+•*":
        start += 1
    return start


def _lead_unit(duty: str, whole: bool = False) -> tuple[str | None, int]:
    """Return (lead unit, where the duty's title starts) for "Giao Sở X chủ trì ..." or
    "Phòng Y hoàn thành ..."; (None, 0) when no unit opens the clause. With `whole`, the
    deadline phrase holds the verb ("Sở X hoàn thành trong quý III"): a unit may fill the
    duty."""
    shift = len(duty) - len(duty.lstrip())
    g = re.search(r"\b(?:giao|yêu cầu|đề nghị|chỉ đạo)\s{1,3}(?:cho\s{1,3})?", duty, re.IGNORECASE)
    if g is not None and _ORG.match(duty, g.end()) is not None:
        shift = g.end()
    m = _ORG.match(duty, shift)
    if m is None:
        return None, 0
    e = _UNIT_END.search(duty, m.end())
    if e is None and whole and 0 < len(duty[m.end() :].split()) <= 12:
        return duty[m.end() :].strip(), len(duty)
    if e is None or len(duty[m.end() : e.start()].split()) > 12:
        return None, 0
    unit = duty[m.end() : e.start()].strip()
    rest = duty[e.start() :]
    cut = re.match(r"[\s,]*(?:chủ trì|thực hiện|phối hợp|chỉ đạo|lãnh đạo|yêu cầu|đề nghị|giao|quyết định|thống nhất|cần|phải|sẽ)?[\s,]*", rest)
    return unit, e.start() + (cut.end() if cut else 0)
