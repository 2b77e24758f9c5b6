"""Tasks: duties with a deadline ("Thành lập Khu kinh tế ... trước năm 2025", "hoàn thành
trong quý II/2024"), with the unit in charge where the text names one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

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
_UNIT_END = re.compile(r"\s(?:chủ trì|phối hợp|thực hiện|khẩn trương|tập trung|tiếp tục)\b|,|\s(?=(?:hoàn thành|hoàn tất|xong|thành lập|triển khai|ban hành|trình|báo cáo|khởi công|đưa vào|bàn giao|nghiên cứu|rà soát|giải ngân|theo dõi)\b)")
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
    spans = [(toks[m.pred].start, toks[m.end - 1].end) for m in mentions]
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
        if not _DUTY.search(duty) or any(a < d0 and b > start for a, b in spans):
            continue
        lead_unit, title_from = _lead_unit(duty)
        title = duty[title_from:].strip(" ,;:–-")
        title = re.sub(r"^(?:chủ trì|thực hiện|và|đồng thời|để|khẩn trương|tập trung|tiếp tục)\s+", "", title, flags=re.IGNORECASE).strip(" ,")
        title = re.sub(r"^(?:khẩn trương|tập trung)\s+", "", title, flags=re.IGNORECASE)
        title = re.sub(r"[,\s]+(?:và\s+)?(?:hoàn thành|xong)$", "", title, flags=re.IGNORECASE)
        if not title:
            continue
        out.append(Task(start, d1, title[:1].upper() + title[1:], code, lead_unit))
        last_end = d1
    return out


def _clause_start(text: str, at: int) -> int:
    """Start of the clause ending at `at`: after the last sentence/semicolon break."""
    lo = max(0, at - 400)
    start = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, at):
        start = m.end()
    while start < at and text[start] in " \t-–+•*":
        start += 1
    return start


def _lead_unit(duty: str) -> tuple[str | None, int]:
    """Return (lead unit, where the duty's title starts) for "Giao Sở X chủ trì ..." or
    "Phòng Y hoàn thành ..."; (None, 0) when no unit opens the clause."""
    shift = len(duty) - len(duty.lstrip())
    g = re.search(r"\b(?:giao|yêu cầu|đề nghị|chỉ đạo)\s{1,3}(?:cho\s{1,3})?", duty, re.IGNORECASE)
    if g is not None and _ORG.match(duty, g.end()) is not None:
        shift = g.end()
    m = _ORG.match(duty, shift)
    if m is None:
        return None, 0
    e = _UNIT_END.search(duty, m.end())
    if e is None or len(duty[m.end() : e.start()].split()) > 12:
        return None, 0
    unit = duty[m.end() : e.start()].strip()
    rest = duty[e.start() :]
    cut = re.match(r"[\s,]*(?:chủ trì|thực hiện|phối hợp)?[\s,]*", rest)
    return unit, e.start() + (cut.end() if cut else 0)
