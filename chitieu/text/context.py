"""Kind (target or result) and period of each mention, read from its context.

Kind: the nearest cue before the value decides ("ước đạt", "đã", "so với cùng kỳ" mean a
report; "phấn đấu", "chỉ tiêu", "đề ra" mean a plan), looking back through the sentence,
then the paragraph, then earlier paragraphs; failing all, the document's genre.

Period: a period named in the mention's own words ("(IIP) quý 1 ước tăng"), else the
period that opens its sentence or an earlier sentence ("Quý 1, ...", "Ước thực hiện năm
2021, ..."), carried forward through the text, else the document's default. Periods after
"so với" are baselines and periods after "trước" are deadlines: neither sets context.
"""

from __future__ import annotations

from collections.abc import Sequence

from chitieu.core.choices import ItemKind
from chitieu.text import lexicon as lx
from chitieu.text.mentions import Mention
from chitieu.text.periods import DocumentPeriods, PeriodMention
from chitieu.text.structure import Structure
from chitieu.text.tokens import Token

_BASELINE_BEFORE = frozenset(["so", "với", "kỳ"])
_DEADLINE_BEFORE = frozenset(["trước", "sau", "nhất", "hạn"])
_HORIZON_BEFORE = frozenset(["đến", "tới", "vào"])


def document_kind(toks: Sequence[Token]) -> str:
    """Return the document's genre as an item kind: a plan (target) or a report (result)."""
    r = t = 0
    for j in range(len(toks)):
        if lx.RESULT_CUES.backward(toks, j):
            r += 1
        elif lx.TARGET_CUES.backward(toks, j):
            t += 1
    return ItemKind.TARGET.value if t > r * 1.5 else ItemKind.RESULT.value


def assign_kinds(toks: Sequence[Token], st: Structure, ms: Sequence[Mention]) -> None:
    """Set m.kind on every mention."""
    default = document_kind(toks)
    masked: set[int] = set()
    for m in ms:
        masked.update(range(m.v0, m.end))
    for m in ms:
        if m.sub_of >= 0:
            m.kind = ms[m.sub_of].kind
            continue
        m.kind = _local_kind(m) or _scan(toks, st, m, masked) or default


def _local_kind(m: Mention) -> str | None:
    if m.planned is not None or m.unit_kind == "rank":
        return ItemKind.RESULT.value
    if m.baseline and ("cùng kỳ" in m.baseline.lower() or m.unit_kind == "pct" and m.baseline.lower().startswith(("dự toán", "kế hoạch", "kh"))):
        return ItemKind.RESULT.value
    return None


def _scan(toks: Sequence[Token], st: Structure, m: Mention, masked: set[int]) -> str | None:
    """Nearest cue before m's value (looking back at most ~600 tokens), or None."""
    lo = max(0, m.v0 - 600)
    j = m.v0 - 1
    while j >= lo:
        if j in masked and not (m.pred <= j < m.v0):
            j -= 1
            continue
        if lx.TARGET_CUES.backward(toks, j, lo) > lx.RESULT_CUES.backward(toks, j, lo):
            return ItemKind.TARGET.value
        if lx.RESULT_CUES.backward(toks, j, lo):
            return ItemKind.RESULT.value
        j -= 1
    return None


def _role(toks: Sequence[Token], starts: dict[int, int], p: PeriodMention) -> str:
    i = starts.get(p.start)
    if i is None or i == 0:
        return "plain"
    before = [t.low for t in toks[max(0, i - 3) : i]]
    if before and (before[-1] in _BASELINE_BEFORE or "so" in before[-2:]):
        return "baseline"
    if before and before[-1] in _DEADLINE_BEFORE:
        return "deadline"
    if before and before[-1] in _HORIZON_BEFORE:
        return "horizon"
    return "plain"


def _code(p: PeriodMention, role: str, doc: DocumentPeriods) -> str | None:
    code = p.ref.code(doc.year, doc.term)
    if role == "horizon" and p.ref.kind == "year" and doc.term and doc.term.endswith(f"-{p.ref.year}"):
        return doc.term
    return code


def assign_periods(
    toks: Sequence[Token], st: Structure, ms: Sequence[Mention], periods: Sequence[PeriodMention], doc: DocumentPeriods
) -> None:
    """Set m.period on every mention."""
    starts = {t.start: i for i, t in enumerate(toks)}
    located: list[tuple[int, str, str | None]] = []  # (token index, role, code)
    for p in periods:
        i = starts.get(p.start)
        if i is None:
            continue
        role = _role(toks, starts, p)
        located.append((i, role, _code(p, role, doc)))
    first_mention_in_sentence: dict[int, int] = {}
    for m in ms:
        first_mention_in_sentence.setdefault(st.sent[m.v0], m.pred)
    # Leading periods: open a sentence (before its first comma or within its first 12
    # tokens) and come before any mention in it.
    leading: list[tuple[int, str]] = []
    for i, role, code in located:
        if role in ("baseline", "deadline") or code is None:
            continue
        s = st.sent[i]
        if i >= first_mention_in_sentence.get(s, len(toks)):
            continue
        if i - s <= 12 or not any(toks[j].text in ",:;" for j in range(s, i)):
            leading.append((i, code))
    li = 0
    current = doc.default
    for m in ms:
        while li < len(leading) and leading[li][0] < m.v0:
            current = leading[li][1]
            li += 1
        own = [c for i, role, c in located if m.pred - 12 <= i < m.pred and i >= st.clause[m.v0] and role not in ("baseline", "deadline") and c]
        head = st.head[m.v0]
        if not own and head is not None:
            own = [c for i, role, c in located if head[0] <= i < head[1] and role not in ("baseline", "deadline") and c]
        m.period = own[-1] if own else current
        if m.sub_of >= 0 and not own:
            m.period = ms[m.sub_of].period
