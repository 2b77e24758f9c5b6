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

from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import compress
from operator import attrgetter

from chitieu.core.choices import ItemKind
from chitieu.text import lexicon as lx
from chitieu.text.periods import DocumentPeriods, PeriodMention
from chitieu.text.spans import Mention, aside
from chitieu.text.structure import Structure
from chitieu.text.tokens import Token

_TARGET = ItemKind.TARGET.value
_RESULT = ItemKind.RESULT.value
_BASELINE_BEFORE = frozenset(["so", "với", "kỳ"])
_DEADLINE_BEFORE = frozenset(["trước", "sau", "nhất", "hạn"])
_HORIZON_BEFORE = frozenset(["đến", "tới", "vào"])
# Words that open a new clause after a value: "kết nạp 900 đảng viên để cả năm đạt ...".
_CLAUSE_OPENERS = frozenset(["để", "nhằm", "và", "đồng"])
_COMMAS = frozenset(",:;")


def cue_kinds(toks: Sequence[Token]) -> list[str | None]:
    """Return, for each token, the item kind of a cue phrase ending there, or None.

    When a target and a result cue end at the same token the longer phrase wins ("đã đề
    ra" is a target cue, "đã" alone a result cue); a longer neutral phrase ("hoàn thành
    kế hoạch") is no cue.
    """
    out: list[str | None] = [None] * len(toks)
    lows = list(map(_LOW, toks))
    # Only tokens that end some cue phrase can hold one; they are found without a Python step per token.
    for j in compress(range(len(lows)), map(_CUE_LAST_WORDS.__contains__, lows)):
        out[j] = _cue_at(lows, j, _CUES_BY_LAST[lows[j]])
        if out[j] is None and j >= 3 and lows[j - 3 : j + 1] == _PROGRAMME:
            out[j - 2] = None  # "Chương trình mục tiêu quốc gia": its "chương trình" is no plan cue either
        elif out[j] == _RESULT and lows[j] in lx.AUX and _adopts_document(toks, j):
            out[j] = None
        elif out[j] == _TARGET and j >= 2 and tuple(lows[j - 1 : j + 1]) in _DOCUMENT_NOUNS and _names_a_thing(toks, j - 2):
            out[j] = None  # "đối với 3 chương trình:", "hỗ trợ từ chương trình ...": a programme named, no plan set
    return out


# Two-syllable nouns of plans that cue a target when they frame figures, not when named as things.
_DOCUMENT_NOUNS = frozenset([("chương", "trình"), ("đề", "án"), ("kế", "hoạch")])
# Function words after which a noun is an object or a counted thing: prepositions and numerals.
_OBJECT_MARKERS = frozenset(["từ", "với", "của", "thuộc", "cho", "các", "những", "mỗi"])


def _names_a_thing(toks: Sequence[Token], k: int) -> bool:
    """True when toks[k] makes the noun after it a thing named: a preposition, a plural or a number."""
    return toks[k].low in _OBJECT_MARKERS or toks[k].is_num


def _adopts_document(toks: Sequence[Token], j: int) -> bool:
    """True when the "đã" at j says a document was adopted, not that a figure was reached:
    it follows the document's name and an adoption verb follows it ("Theo Nghị quyết đã
    thông qua, điều chỉnh dự toán ... như sau: ..." sets figures; the plan is what is done)."""
    k = j + 1
    if k < len(toks) and toks[k].low == "được":
        k += 1
    return lx.DOC_REF_HEADS.backward(toks, j - 1) > 0 and lx.ADOPTION_VERBS.forward(toks, k) > 0


_PROGRAMME = ["chương", "trình", "mục", "tiêu"]


def _cue_at(lows: list[str], j: int, phrases: list[tuple[list[str], str]]) -> str | None:
    """The kind of the longest cue phrases ending at word j: a result cue wins a tie with a
    target cue, and a neutral phrase longer than both ("hoàn thành kế hoạch") is none.
    `phrases` are those ending in word j, longest first, as lists of words."""
    best = 0
    target = False
    for p, kind in phrases:
        n = len(p)
        if n < best:
            break  # only the longest matches decide
        if n > j + 1 or (n > 1 and lows[j - n + 1 : j + 1] != p):
            continue
        best = n
        if kind == _RESULT:
            return _RESULT
        target = target or kind == _TARGET
    return _TARGET if target else None


_LOW = attrgetter("low")
_CUE_LAST_WORDS = lx.TARGET_CUES.last_words | lx.RESULT_CUES.last_words


def _cues_by_last() -> dict[str, list[tuple[list[str], str]]]:
    """The cue phrases with their kind ("" for a neutral one) by their last word, longest first."""
    out: dict[str, list[tuple[list[str], str]]] = {}
    for phrase_set, kind in ((lx.TARGET_CUES, _TARGET), (lx.RESULT_CUES, _RESULT), (lx.NEUTRAL_CUES, "")):
        for p in phrase_set.items:
            out.setdefault(p[-1], []).append((list(p), kind))
    for phrases in out.values():
        phrases.sort(key=lambda pk: -len(pk[0]))
    return out


_CUES_BY_LAST = _cues_by_last()


def document_kind(cues: Sequence[str | None]) -> str:
    """Return the document's genre as an item kind: a plan (target) or a report (result)."""
    t = cues.count(_TARGET) if isinstance(cues, list) else sum(1 for c in cues if c == _TARGET)
    r = cues.count(_RESULT) if isinstance(cues, list) else sum(1 for c in cues if c == _RESULT)
    return _TARGET if t > r * 1.5 else _RESULT


_LOOK_BACK = 600  # tokens: how far back a cue may sit from the value it qualifies


def assign_kinds(
    toks: Sequence[Token], st: Structure, ms: Sequence[Mention], doc_year: int | None = None, terms: Sequence[str] = ()
) -> None:
    """Set m.kind on every mention: its own evidence (a plan figure "X/Y", a baseline
    "cùng kỳ", a rank), else the nearest cue before it outside other mentions' values,
    else the document's genre. Periods must be set first: with no cue in its own sentence,
    a figure of a year before the document's ("Năm 2023, GRDP tăng 7,8%" in a 2024 plan)
    is a result, and so is a figure of a term that ended when the latest term the document
    names began ("Nhiệm kỳ 2020-2025, ... tăng bình quân 5%/năm" at the 2025-2030 congress)."""
    latest = terms[-1] if terms else None
    cues = cue_kinds(toks)
    default = document_kind(cues)
    masked = [False] * len(toks)
    bracket_words: dict[int, int] = {}  # id(m) -> first token of the words before its bracket
    asides: dict[int, tuple[int, int]] = {}  # id(m) -> its bracket, when words open it before the value
    prev_end = 0
    for m in ms:
        # A column word before a value ("(chỉ tiêu 7 - 7,5%)") speaks for that value only.
        own_label = " ".join(t.low for t in toks[m.pred : m.v0]) in lx.PLAN_WORDS | lx.ACTUAL_WORDS
        start = m.pred if own_label else m.v0
        if m.pred > 0 and toks[m.pred - 1].text == "(":
            # "..., thấp hơn chỉ tiêu đề ra (8,5%)": the words before the bracket are its own.
            start = min(start, max(prev_end, st.clause[m.v0]))
            bracket_words[id(m)] = start
        masked[start : m.end] = [True] * (m.end - start)
        prev_end = m.end
        br = aside(toks, st, m) if m.pred - 1 > 0 and toks[m.pred - 1].text != "(" else None
        if br is not None:
            # "8,7%/năm (chỉ tiêu Đại hội là 10 - 11%/năm); ...": the aside's cue is its own.
            asides[id(m)] = br
            masked[br[0] : br[1] + 1] = [True] * (br[1] + 1 - br[0])
    # nearest[j]: (index, kind) of the nearest unmasked cue at or before token j.
    nearest: list[tuple[int, str] | None] = []
    last: tuple[int, str] | None = None
    # Only cue tokens change it: the runs between them are filled in one step each.
    for j, c in zip(compress(range(len(cues)), cues), filter(None, cues), strict=True):
        if not masked[j]:
            nearest.extend([last] * (j - len(nearest)))
            last = (j, c)
            nearest.append(last)
    nearest.extend([last] * (len(cues) - len(nearest)))
    weak: set[int] = set()  # mentions whose kind came from no cue of their own clause
    duty = _DutyWords(toks)
    for m in ms:
        if m.sub_of >= 0:
            m.kind = ms[m.sub_of].kind
            continue
        kind = _evidence_kind(m)
        if kind == _RESULT and m.planned is not None and _planned_share(toks, st, cues, nearest, m):
            kind = _TARGET  # "Mục tiêu năm 2025: phấn đấu có 60/240 xã đạt chuẩn": a planned share
        if kind is None and (_strong_target(toks, st, m) or _assigned_duty(toks, st, m, duty)):
            kind = _TARGET
        if kind is None:
            kind = _local_kind(m) or _cue_after(toks, cues, m)
            if kind == _RESULT and m.baseline and "cùng kỳ" not in m.baseline.lower() and _strong_target(toks, st, m, with_head=True):
                kind = _TARGET  # "phấn đấu hoàn thành các chỉ tiêu năm 2024: ...; giải ngân đạt 100% kế hoạch"
        if kind is None and id(m) in asides:
            kind = next((cues[j] for j in range(m.v0 - 1, asides[id(m)][0], -1) if cues[j]), None)
        if kind is None and id(m) in bracket_words:
            kind = next((cues[j] for j in range(m.pred - 1, bracket_words[id(m)] - 1, -1) if cues[j]), None)
        if kind is None:
            found, at = _cue_before(toks, cues, nearest, m)
            kind = found or default
            own_cue = found is not None and at >= max(st.clause[m.v0], 1)
            if kind == _RESULT and default == _TARGET and own_cue and "ước" in (toks[at].low, toks[at - 1].low) and _after_year(m, doc_year):
                # "Lượng khách du lịch đến năm 2025 ước đạt 200 nghìn người" in a plan: an expected
                # level at the plan's horizon, no estimate of what was done.
                kind = _TARGET
            if (found is None or at < st.sent[m.v0]) and (_before_year(m.period, doc_year) or _earlier_term(m.period, latest)):
                kind = _RESULT
            elif found is None or at < st.clause[m.v0]:
                weak.add(id(m))
        m.kind = kind
    _share_year_on_year(st, ms, weak)


_LIST_OPENERS = lx.PhraseSet([":", "trong đó", "gồm", "như sau", "cụ thể"])
_GOAL_NOUNS = lx.PhraseSet(["mục tiêu", "chỉ tiêu"])
_GOALS_WINDOW = 6  # tokens between the goals' noun and their horizon


def _sets_goals(toks: Sequence[Token], st: Structure, i: int, first: int | None, code: str) -> bool:
    """True for a span closing a sentence that states no figure and names the goals it
    frames ("... đặt ra các mục tiêu, chỉ tiêu phát triển chủ yếu về kinh tế, xã hội và môi
    trường cho 5 năm 2026-2030. Trong đó ..."): it leads what follows, however far it sits
    from the sentence's start."""
    if first is not None or "-" not in code:
        return False
    return any(_GOAL_NOUNS.forward(toks, j, i) for j in range(st.sent[i], i))


def _opens_goals(toks: Sequence[Token], st: Structure, p: PeriodMention) -> bool:
    """True for a horizon that opens a list of goals: "các mục tiêu, chỉ tiêu phát triển của
    tỉnh đến năm 2030, trong đó ...", "Chỉ tiêu đến năm 2030:". A horizon in one item's words
    ("GRDP bình quân đầu người đến năm 2025 đạt ...") or opening a paragraph of its own ("Đến
    năm 2025, Hải Phòng cơ bản hoàn thành ...") opens none; one that closes the goals' own noun
    ("11 mục tiêu phát triển XHS đến năm 2025") sets them."""
    i = st.starting_at(p.start)
    last = st.ending_at(p.end)
    if i is None or last is None or p.asof or _role(toks, st, p) != "horizon":
        return False
    k = last + 1
    if k < len(toks) and toks[k].text == ",":
        k += 1
    if k < len(toks) and _LIST_OPENERS.forward(toks, k) > 0:
        return True
    # "... và 11 mục tiêu phát triển XHS đến năm 2025": the horizon of goals named just before it.
    lo = max(st.clause[i], i - _GOALS_WINDOW)
    return any(_GOAL_NOUNS.forward(toks, j, i) for j in range(lo, i))


def levels_at_horizon(
    toks: Sequence[Token], st: Structure, ms: Sequence[Mention], periods: Sequence[PeriodMention], doc: DocumentPeriods
) -> None:
    """Where the text sets its goals at the term's end ("các mục tiêu, chỉ tiêu phát triển
    của tỉnh đến năm 2030"), a target level the term frames is the level at that year: "Tỉnh
    cũng đặt mục tiêu đón 18,5 triệu lượt khách" in the 2025-2030 congress's resolution is
    2030. A change, a yearly or average rate ("10 - 10,5%/năm", "bình quân") and a span named
    in the item's own words ("xuất khẩu giai đoạn 2026-2030 trên 17 tỷ USD") keep the span; a
    text that names no horizon keeps the term unless it sets goals itself (most of its items
    are targets: the congress's resolution "Tỷ trọng kinh tế số đạt tối thiểu 20% GRDP" is
    2030), so a mid-term review restating the term's targets keeps the term; a total summed
    over the years ("5 năm") keeps the span. Kinds must be set first."""
    if not doc.term or "-" not in doc.term:
        return
    end = doc.term.rsplit("-", 1)[1]
    plan = 2 * sum(m.kind == _TARGET for m in ms) > len(ms)
    if not plan and not any(_opens_goals(toks, st, p) and _code(p, "horizon", doc) == end for p in periods):
        return
    for m in ms:
        p = m.period
        if m.own_period or m.kind != _TARGET or not p or "-" not in p or m.comparator in lx.CHANGE_COMPARATORS:
            continue
        if p != doc.term or _yearly(toks, st, m) or "/" in m.unit or _summed_over_years(toks, st, m):
            continue
        m.period = end


def _summed_over_years(toks: Sequence[Token], st: Structure, m: Mention) -> bool:
    """True when the item's own words sum it over a number of years ("Tổng vốn đầu tư toàn
    xã hội 5 năm khoảng 150.000 tỷ đồng"): a total over the span, no level at its end."""
    lo = max(st.clause[m.v0], m.region_lo if m.region_lo >= 0 else 0)
    return any(toks[k].is_num and toks[k + 1].low == "năm" for k in range(lo, m.v0 - 1))


def _share_year_on_year(st: Structure, ms: Sequence[Mention], weak: set[int]) -> None:
    """"Năm 2024, thu ngân sách đạt 9.050 tỷ đồng, tăng 12% so với cùng kỳ": a figure
    compared with the same period last year is reported, and so are the figures of its
    clause that no cue of their own makes a plan."""
    # A share of a plan reports too ("diện tích ... đạt 642,5ha, đạt 105,33% so với chỉ tiêu").
    year_on_year = {st.clause[m.v0] for m in ms if m.sub_of < 0 and _local_kind(m) == _RESULT}
    for o in ms:
        if id(o) in weak and o.sub_of < 0 and st.clause[o.v0] in year_on_year:
            o.kind = _RESULT
    for m in ms:
        if m.sub_of >= 0:
            m.kind = ms[m.sub_of].kind


def inherit_baselines(st: Structure, ms: Sequence[Mention]) -> None:
    """Give a "trong đó" sub-item's change the baseline of its head's change: "tăng 10% so
    với năm 2022, trong đó: thu nội địa ..., tăng 12%" -> 12% against "năm 2022". The head
    is the nearest change with a baseline before the sub-list, in the same sentence."""
    for m in ms:
        if m.baseline is not None or m.sub_of < 0 or m.comparator not in lx.CHANGE_COMPARATORS:
            continue
        for k in range(m.sub_of, -1, -1):
            h = ms[k]
            if st.sent[h.v0] != st.sent[m.v0]:
                break
            if h.baseline is not None and h.comparator in lx.CHANGE_COMPARATORS and h.sub_of < 0:
                m.baseline = h.baseline
                break


def _earlier_term(code: str | None, latest: str | None) -> bool:
    """True when span `code` ends by the start of the span `latest` ("2020-2025" before "2025-2030")."""
    if not code or not latest or "-" not in code or code == latest:
        return False
    end, start = code.rpartition("-")[2], latest.partition("-")[0]
    return end.isdigit() and start.isdigit() and int(end) <= int(start)


def _after_year(m: Mention, year: int | None) -> bool:
    """True when m's own words name a year after the document's ("đến năm 2025" in 2021)."""
    code = m.period
    return bool(m.own_period and code and code.isdigit() and year is not None and int(code) > year)


def _before_year(code: str | None, year: int | None) -> bool:
    """True when period `code` ends in a year before `year` ("2023", "Q4/2023" before 2024)."""
    if not code or year is None:
        return False
    digits = code[-4:]
    return digits.isdigit() and int(digits) < year


def _cue_before(
    toks: Sequence[Token], cues: Sequence[str | None], nearest: Sequence[tuple[int, str] | None], m: Mention
) -> tuple[str | None, int]:
    """The nearest cue before m's value and its token index ((None, -1) when none)."""
    # The mention's own predicate ("ước đạt", "kế hoạch", "thực hiện") is unmasked and comes first.
    pred = " ".join(t.low for t in toks[m.pred : m.v0])
    if pred in lx.ACTUAL_WORDS:
        return _RESULT, m.pred
    if pred in lx.PLAN_WORDS:
        return _TARGET, m.pred
    for j in range(m.v0 - 1, m.pred - 1, -1):
        if cues[j] is not None:
            return cues[j], j
    hit = nearest[m.pred - 1] if m.pred > 0 else None
    if hit is None or m.v0 - hit[0] > _LOOK_BACK:
        return None, -1
    return hit[1], hit[0]


def _planned_share(
    toks: Sequence[Token], st: Structure, cues: Sequence[str | None], nearest: Sequence[tuple[int, str] | None], m: Mention
) -> bool:
    """True when an "X/Y" figure is a plan: a strong plan cue ("phấn đấu", "mục tiêu") in its
    clause or colon head, or as the nearest cue before it ("II. MỤC TIÊU NĂM 2025")."""
    if _strong_target(toks, st, m, with_head=True):
        return True
    found, at = _cue_before(toks, cues, nearest, m)
    return found == _TARGET and at >= 0 and lx.STRONG_TARGET_CUES.backward(toks, at) > 0


def _strong_target(toks: Sequence[Token], st: Structure, m: Mention, with_head: bool = False) -> bool:
    """True when the mention's own clause (`with_head`: or its colon head, "Mục tiêu năm
    2025: ...") says it is a plan ("phấn đấu", "mục tiêu"), and no "đã" after the cue says
    it is done."""
    lo = max(st.clause[m.v0], m.region_lo)
    ranges = [(max(lo, m.v0 - 30), m.v0)]
    head = st.head[m.v0]
    if with_head and head is not None:
        ranges.append(head)
    if with_head and st.sent[m.v0] < lo:
        # "Phấn đấu giảm ...; có thêm ...; giải ngân 100% kế hoạch vốn": a sentence that opens
        # with the plan cue holds its semicolon clauses.
        ranges.append((st.sent[m.v0], min(st.sent[m.v0] + 2, lo)))
    for a, b in ranges:
        for j in range(a, b):
            k = lx.STRONG_TARGET_CUES.backward(toks, j, a)
            if k and not (with_head and any(t.low in ("đã", "vừa") for t in toks[j + 1 : m.v0])):
                return True
    return False


_ASSIGN = frozenset(["giao", "yêu", "đề", "chỉ"])  # "giao", "yêu cầu", "đề nghị", "chỉ đạo"
_PERIOD_WORDS = frozenset(["năm", "ngày", "quý", "tháng", "nửa"])


def _last_at(toks: Sequence[Token], hit: Callable[[int], bool]) -> list[int]:
    """out[j]: the index of the last token k <= j with hit(k), or -1."""
    out: list[int] = []
    last = -1
    for k in range(len(toks)):
        if hit(k):
            last = k
        out.append(last)
    return out


def _deadline_at(toks: Sequence[Token], k: int) -> bool:
    """"trước năm 2025", "trước quý II", "chậm nhất" opening at toks[k]."""
    w = toks[k].low
    if k + 2 >= len(toks):
        return False
    if w == "trước" and toks[k + 1].low in _PERIOD_WORDS and (toks[k + 2].is_num or toks[k + 2].low in ("i", "ii", "iii", "iv")):
        return True
    return w == "chậm" and toks[k + 1].low == "nhất"


class _DutyWords:
    """Where the last "đã"-like word and the last deadline opener sit before each token, so
    a long clause is checked in constant time (built on first use: most clauses are short)."""

    def __init__(self, toks: Sequence[Token]) -> None:
        self.toks = toks
        self._aux: list[int] | None = None
        self._deadline: list[int] = []

    def aux_and_deadline(self, lo: int, v0: int) -> tuple[bool, bool]:
        """(an "đã"-like word in toks[lo:v0], a deadline opener in toks[lo:v0-2])."""
        toks = self.toks
        if v0 - lo <= 64:
            aux = any(toks[k].low in lx.AUX and toks[k].low != "sẽ" for k in range(lo, v0))
            return aux, any(_deadline_at(toks, k) for k in range(lo, v0 - 2))
        if self._aux is None:
            self._aux = _last_at(toks, lambda k: toks[k].low in lx.AUX and toks[k].low != "sẽ")
            self._deadline = _last_at(toks, lambda k: _deadline_at(toks, k))
        return self._aux[v0 - 1] >= lo, v0 - 3 >= lo and self._deadline[v0 - 3] >= lo


def _assigned_duty(toks: Sequence[Token], st: Structure, m: Mention, words: _DutyWords) -> bool:
    """True when the mention's clause assigns a duty: a deadline before the value ("hoàn
    thành trước năm 2025 việc xây dựng 5.000 căn") or "Giao <unit> chủ trì ..." opening it,
    with no "đã" saying it is done. An assigned duty is a plan, not a report."""
    lo = st.clause[m.v0]
    aux, deadline = words.aux_and_deadline(lo, m.v0)
    if aux:
        return False
    if deadline:
        return True  # the deadline's three words lie before the value
    first = next((k for k in range(lo, m.v0) if not st.marker[k] and toks[k].kind != "punct"), m.v0)
    if first + 1 < m.v0 and toks[first].low in _ASSIGN:
        rest = 1 if toks[first].low == "giao" else 2
        if toks[first].low == "giao" or toks[first + 1].low in ("cầu", "nghị", "đạo"):
            return first + rest < m.v0 and toks[first + rest].capitalised
    return False


def _evidence_kind(m: Mention) -> str | None:
    """A figure stated against its plan ("44/41") or a rank is a result, whatever the clause."""
    if m.planned is not None or m.unit_kind == "rank":
        return _RESULT
    return None


def _cue_after(toks: Sequence[Token], cues: Sequence[str | None], m: Mention) -> str | None:
    """A result cue just after the value, in its own words: "4 chỉ tiêu không đạt"."""
    for j in range(m.v1, min(m.end + 1, len(toks))):
        if cues[j] == _RESULT and toks[j].low in ("đạt", "hoạch", "vượt"):
            return _RESULT
    return None


_PLAN_BASES = ("dự toán", "kế hoạch", "kh", "chỉ tiêu", "mục tiêu", "nghị quyết")


def _local_kind(m: Mention) -> str | None:
    """A figure against last year's same period, or a share of a plan ("đạt 102% dự toán"),
    is reported. A change against a plan ("tăng 10% so với dự toán Trung ương giao") may be
    either: its cues decide."""
    if not m.baseline:
        return None
    low = m.baseline.lower()
    if "cùng kỳ" in low:
        return _RESULT
    if m.unit_kind == "pct" and low.startswith(_PLAN_BASES) and m.comparator not in lx.CHANGE_COMPARATORS:
        return _RESULT
    return None


def _up_to_now(toks: Sequence[Token], k: int) -> bool:
    """"đến nay," or "tới nay," at toks[k]: a period up to now that sets its sentence's context."""
    return k + 2 < len(toks) and toks[k].low in ("đến", "tới") and toks[k + 1].low == "nay" and toks[k + 2].text == ","


def _plan_base(toks: Sequence[Token], i: int) -> bool:
    """True for a period that dates the plan a share is measured against, not the share:
    "đạt 61,6% kế hoạch năm 2022", "vượt 9% kế hoạch năm 2022" (in "6 tháng đầu năm 2022").
    The plan head follows a percentage or "so với"."""
    k = lx.PLAN_HEADS.backward(toks, i - 1)
    j = i - 1 - k
    return k > 0 and j >= 0 and toks[j].text in ("%", "với", "so")


def _up_to_now_after(toks: Sequence[Token], st: Structure, p: PeriodMention) -> bool:
    """True when "(cho) tới nay" / "đến nay" follows the period: "từ năm 2009 cho tới nay" is
    a start point, since when something has gone on, and frames no figure after it."""
    last = st.ending_at(p.end)
    if last is None:
        return False
    words = [t.low for t in toks[last + 1 : last + 4]]
    if words[:1] == ["cho"]:
        words = words[1:]
    return words[:2] in (["tới", "nay"], ["đến", "nay"])


def _role(toks: Sequence[Token], st: Structure, p: PeriodMention) -> str:
    i = st.starting_at(p.start)
    if i is None or i == 0:
        return "plain"
    before = [t.low for t in toks[max(0, i - 3) : i]]
    if before and (before[-1] in _BASELINE_BEFORE or "so" in before[-2:]):
        return "baseline"
    if _plan_base(toks, i) or (before and before[-1] == "từ" and _up_to_now_after(toks, st, p)):
        return "baseline"
    if before and before[-1] in _DEADLINE_BEFORE:
        return "deadline"
    if before and before[-1] in _HORIZON_BEFORE:
        return "horizon"
    return "plain"


def _code(p: PeriodMention, role: str, doc: DocumentPeriods) -> str | None:
    """The period code of a mention. "đến năm 2025" is the year 2025 (a level at the
    horizon) even in a document of the 2020-2025 term; spans ("giai đoạn 2021-2025",
    "nhiệm kỳ") keep their years."""
    return p.ref.code(doc.year, doc.term)


def _heading(toks: Sequence[Token], st: Structure, para: int) -> bool:
    """True when the paragraph starting at token `para` is a heading: under 30 tokens and
    not ended by a full stop or a semicolon."""
    j = para
    while j + 1 < len(toks) and st.para[j + 1] == para:
        j += 1
    return j - para < 30 and toks[j].text not in ".;!?…"


def _yearly(toks: Sequence[Token], st: Structure, m: Mention, *, averages: bool = True) -> bool:
    """True for a yearly figure: "%/năm", "bình quân" (not "bình quân đầu người"; only with
    `averages`), "hằng năm" before the value or "mỗi năm" / "hằng năm" just after it ("kết
    nạp 400 đảng viên mới trở lên mỗi năm")."""
    if m.unit.endswith("/năm") and (averages or "/người/" not in m.unit):
        return True  # (a level per head and year, "triệu đồng/người/năm", is no rate over years)
    after = [t.low for t in toks[m.v1 : min(m.end + 3, len(toks))]]
    if any(w == "năm" and k > 0 and after[k - 1] in ("hằng", "hàng", "mỗi") for k, w in enumerate(after)):
        return True
    lo = max(st.clause[m.v0], m.region_lo if m.region_lo >= 0 else 0)
    words = [t.low for t in toks[lo : m.v0]]
    for k, w in enumerate(words):
        if averages and w == "quân" and k > 0 and words[k - 1] == "bình" and words[k + 1 : k + 3] != ["đầu", "người"]:
            return True
        if w == "năm" and k > 0 and words[k - 1] in ("hằng", "hàng", "mỗi"):
            return True
    return False


def _year_plan(toks: Sequence[Token], st: Structure, m: Mention) -> bool:
    """True when the words just before the value are a year's plan with no year ("kế hoạch
    năm", "chỉ tiêu năm", "dự toán năm")."""
    lo = max(st.clause[m.v0], m.v0 - 5)
    return any(
        toks[k].low == "năm" and toks[k - 1].low in ("hoạch", "tiêu", "toán") and not toks[k + 1].is_num
        for k in range(lo + 1, m.v0)
    )


def _congress_plan(toks: Sequence[Token], st: Structure, m: Mention) -> bool:
    """True when the words just before the value name the congress's plan ("chỉ tiêu Đại
    hội là", "mục tiêu Đại hội đề ra")."""
    lo = max(st.clause[m.v0], m.v0 - 6)
    for k in range(lo + 2, m.v0 - 1):
        if toks[k].low == "đại" and toks[k + 1].low == "hội" and toks[k - 1].low in ("tiêu", "quyết"):
            return toks[k - 2].low in ("chỉ", "mục", "nghị")
    return False


def _span_holding(usable: list[tuple[int, str]], keys: list[int], lo: int, hi: int, year: int, doc: DocumentPeriods) -> str | None:
    """The code of the nearest span named in toks[lo:hi] that holds `year`, else of the
    document's term holding it, else None."""
    for k in range(bisect_left(keys, hi) - 1, bisect_left(keys, lo) - 1, -1):
        code = usable[k][1]
        if _holds(code, year):
            return code
    return next((t for t in (doc.term or "", *doc.terms) if _holds(t, year)), None)


def _holds(code: str, year: int) -> bool:
    """True when `code` is a span "2021-2025" from before `year` to `year` or after it."""
    a, dash, b = code.partition("-")
    return bool(dash) and a.isdigit() and b.isdigit() and int(a) < year <= int(b)


def _between(usable: list[tuple[int, str]], keys: list[int], lo: int, hi: int) -> list[str]:
    """Codes of the usable period mentions whose token index is in [lo, hi)."""
    a = bisect_left(keys, lo)
    b = bisect_left(keys, hi)
    return [c for _, c in usable[a:b]]


def _first_para(st: Structure, ms: Sequence[Mention]) -> int:
    """The paragraph of the text's first item (-1 when there is none)."""
    return st.para[ms[0].v0] if ms else -1


def assign_periods(
    toks: Sequence[Token],
    st: Structure,
    ms: Sequence[Mention],
    periods: Sequence[PeriodMention],
    doc: DocumentPeriods,
    deadlines: Sequence[tuple[int, int]] = (),
) -> None:
    """Set m.period on every mention. A period inside a task (`deadlines`: the tasks' spans,
    "Phòng Kinh tế xây dựng bản đồ số trong quý III/2026.") is no frame for what follows."""
    located: list[tuple[int, str, str | None]] = []  # (token index, role, code)
    baseline_ends: dict[int, str | None] = {}  # last token of a baseline period -> its code
    set_off: set[int] = set()  # periods followed by "," or ":" ("Quý 1, ...", "Đến năm 2025: ...")
    not_frames: set[int] = set()
    d_starts = [a for a, _ in deadlines]
    for p in periods:
        i = st.starting_at(p.start)
        if i is None:
            continue
        k = bisect_left(d_starts, p.start + 1) - 1
        if k >= 0 and deadlines[k][0] <= p.start < deadlines[k][1]:
            not_frames.add(i)
        role = "asof" if p.asof else _role(toks, st, p)
        located.append((i, role, _code(p, role, doc)))
        last = st.ending_at(p.end)
        if last is not None and role == "baseline":
            baseline_ends[last] = _code(p, role, doc)
        if last is not None and last + 1 < len(toks):
            after = toks[last + 1].text
            # "Quý 1, ..." sets the context; "1. Kết quả 6 tháng đầu năm: ..." sets its list item's.
            if after == "," or (after == ":" and st.marker[st.para[i]]) or _up_to_now(toks, last + 1):
                set_off.add(i)  # "Từ đầu nhiệm kỳ đến nay, ..." too
        # A period opening its clause ("Đồng chí nhấn mạnh, năm 2024 là năm ...") also sets it.
        if i == st.sent[i] or (i > 0 and (st.marker[i - 1] or toks[i - 1].text in ",:;")):
            set_off.add(i)
    # Tokens "," ":" ";", to ask whether one comes before a token in its sentence.
    commas = list(compress(range(len(toks)), map(_COMMAS.__contains__, map(attrgetter("text"), toks))))

    def comma_before(i: int) -> bool:
        k = bisect_left(commas, st.sent[i])
        return k < len(commas) and commas[k] < i

    first_mention_in_sentence: dict[int, int] = {}
    for m in ms:
        first_mention_in_sentence.setdefault(st.sent[m.v0], m.pred)
    # Leading periods: open a sentence (before its first comma or within its first 12
    # tokens) and either stand apart ("Quý 1, ...") or head a sentence with no item.
    # A leading period in a paragraph's first sentence carries on through the text; one
    # in a later sentence ("Riêng tháng 9, ...") holds for that sentence only.
    leading: list[tuple[int, str]] = []
    local: dict[int, str] = {}
    para_local: dict[int, str] = {}
    paras_with_items = {st.para[m.v0] for m in ms}
    for i, role, code in located:
        if role in ("baseline", "deadline") or code is None:
            continue
        s = st.sent[i]
        if role == "asof":
            # "Tính đến ngày 20/7, toàn tỉnh ...", "Theo báo cáo, đến 22/1, ...": a day reached
            # that opens its paragraph (after a source at most) leads the text from there; a day
            # inside an item's words ("giải ngân đến ngày 20/6/2024 đạt") leaves the context as it is.
            first = first_mention_in_sentence.get(s)
            if s == st.para[i] and i in set_off and (first is None or i < first) and (i - s <= 2 or toks[i - 1].text == ","):
                leading.append((i, code))
            continue
        first = first_mention_in_sentence.get(s)
        if first is not None and (i >= first or i not in set_off):
            continue  # a period in an item's own words names that item's period only
        if i in not_frames and i not in set_off:
            continue
        # "Báo cáo cho biết, 6 tháng đầu năm 2022, Ban Thường vụ ...": a period between commas
        # before the sentence's first item opens its main clause, however long the frame before it
        # (not a span: ", nhiệm kỳ 2020 - 2025," qualifies the name before it).
        if i - s <= 12 or not comma_before(i) or _sets_goals(toks, st, i, first, code) or (i in set_off and toks[i - 1].text == "," and "-" not in code):
            # A term or span opening a later sentence ("Nhiệm kỳ 2020-2025, với tinh thần ...")
            # frames its paragraph, as a list item's period does.
            only_here = (st.sent[i] != st.para[i] and "-" not in code) or (i > 0 and toks[i - 1].low == "riêng")
            if not only_here and st.sent[i] != st.para[i]:
                para_local.setdefault(st.para[i], code)
            elif only_here:
                local.setdefault(s, code)
            elif st.marker[st.para[i]] and st.para[i] in paras_with_items:
                para_local.setdefault(st.para[i], code)  # a list item's own context
            elif role == "horizon" and not _heading(toks, st, st.para[i]):
                # "Đến năm 2025, Hải Phòng cơ bản hoàn thành ...": a goal of its own
                # paragraph; only a heading ("Các chỉ tiêu chủ yếu đến năm 2025") opens a section.
                para_local.setdefault(st.para[i], code)
            elif code.startswith("T") and doc.default and doc.default != code and st.para[i] != _first_para(st, ms):
                # "Tháng 10, xuất khẩu ... đạt 7,66 tỷ USD" in a later paragraph of a text on
                # the ten months: one month's figures, an aside of their paragraph.
                para_local.setdefault(st.para[i], code)
            else:
                leading.append((i, code))
    horizon_years = {c for _, role, c in located if role == "horizon" and c and c.isdigit()}
    li = 0
    current = doc.default
    usable = [(i, c) for i, role, c in located if role not in ("baseline", "deadline", "asof") and c]
    prev: Mention | None = None
    prev_period: str | None = None  # prev's period before a yearly figure took the term
    keys = [i for i, _ in usable]
    for m in ms:
        while li < len(leading) and leading[li][0] < m.v0:
            current = leading[li][1]
            li += 1
        lo = max(m.pred - 12, st.clause[m.v0])
        closed = next((j for j in range(m.pred - 1, lo - 1, -1) if toks[j].text == ")"), -1)
        # "... (chỉ tiêu đến năm 2025 là 26 xã), 3 xã ...": a bracket's period is its own.
        own = _between(usable, keys, max(lo, closed + 1), m.pred)
        if not own and m.unit_kind != "zero":
            stop = m.end
            while (
                stop < min(m.end + 3, len(toks))
                and toks[stop].text not in ".;:,!?("
                and toks[stop].low not in _CLAUSE_OPENERS
                and st.para[stop] == st.para[m.v0]
            ):
                stop += 1
            own = _between(usable, keys, m.v1, stop)  # "... chỉ tiêu kế hoạch năm 2024"
        chained = False
        if not own and prev is not None and prev.own_period and st.sent[prev.v0] == st.sent[m.v0]:
            between = {t.text for t in toks[prev.end : m.pred] if t.kind == "punct"}
            chained = between <= {",", ";"}  # items in one run share the first one's period
        head = st.head[m.v0]
        if not own and not chained and head is not None:
            own = _between(usable, keys, head[0], head[1])
        if chained and prev is not None:
            m.period = prev_period
        else:
            m.period = own[-1] if own else local.get(st.sent[m.v0], para_local.get(st.para[m.v0], current))
        m.own_period = bool(own) or chained
        if m.v0 >= 2 and toks[m.v0 - 1].text == "(" and baseline_ends.get(m.v0 - 2):
            # "tăng 8,6% so với năm 2023 (0,7326)": the bracket states the baseline's own figure.
            m.period, m.own_period = baseline_ends[m.v0 - 2], True
        prev, prev_period = m, m.period
        if m.sub_of >= 0 and not own:
            m.period = ms[m.sub_of].period
        if m.period in horizon_years and _yearly(toks, st, m):
            # "đến năm 2025, tỷ lệ hộ nghèo giảm bình quân 1,5%/năm": an average over the
            # years up to the horizon is the term's (a level "đến năm 2025" is the year).
            m.period = next((t for t in (*doc.terms, doc.term or "") if t.endswith(f"-{m.period}")), m.period)
        elif not m.own_period and m.period and _year_plan(toks, st, m):
            # "6 tháng ... ước tăng 6,28% (kế hoạch năm tăng 7%)": the year's plan is the year's.
            m.period = m.period[-4:] if m.period[-4:].isdigit() and "-" not in m.period else m.period
        elif not m.own_period and doc.named_term and doc.term and _congress_plan(toks, st, m):
            m.period = doc.term  # "(chỉ tiêu Đại hội là 10 - 11%/năm)": the congress sets its term's targets
        elif not m.own_period and m.period and m.period.isdigit() and _yearly(toks, st, m, averages=False):
            # "năm 2024 là năm ... Kế hoạch 5 năm 2021 - 2025. Để đạt mục tiêu tăng trưởng
            # GRDP bình quân 9 - 10%/năm, ...": a yearly rate read in a year's context is the
            # rate of the span that holds the year (the nearest one named before it, else the term).
            m.period = _span_holding(usable, keys, st.para[m.v0], m.pred, int(m.period), doc) or m.period
