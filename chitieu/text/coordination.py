"""List and coordination structure: names lent across coordinated items, after naming.

Each rule is a named object in `COORDINATION_RULES`, run in order over the named mentions,
with its examples (tests/unit/test_text_coordination.py reads them):

- a respectively-list ("A, B và C lần lượt là 100%, 90% và 50%", "... tương ứng là 75% và
  100%", "tăng tương ứng 12,3% và 9,7%"): the k-th value takes the k-th conjunct of the
  lead-in, each conjunct completed with the head it shares with the first ("Tỷ lệ thanh toán
  ... tại trường học, trạm y tế" gives "Tỷ lệ thanh toán ... tại trạm y tế"); a list with no
  lead-in of its own reuses the previous list's names, and "tăng"/"giảm" before the cue makes
  every value a change;
- a list of places ("Cao Bằng tăng trưởng 6,52%; Điện Biên 6,76%", "... là: Thừa Thiên Huế
  (46,04 điểm), Thái Nguyên (45,78 điểm)"): each place takes the list's measure, from its first
  conjunct or its lead-in, with the place in brackets;
- a labelled breakdown ("Thu nội địa: ..., trong đó: ngân sách cấp tỉnh: ..."): a part that
  is no measure of its own is its whole's ("Thu nội địa: ngân sách cấp tỉnh");
- a shared subject over a contribution ("khu vực dịch vụ tăng 6,8%, đóng góp 2,3 điểm phần
  trăm"): the contribution is the subject's ("Đóng góp của khu vực dịch vụ").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from chitieu.core.choices import Comparator
from chitieu.text import lexicon as lx
from chitieu.text.context import cue_kinds
from chitieu.text.numbers import looks_like_year, parse_number
from chitieu.text.places import PREDICATE_OPENERS, document_index, place_at, subject_places
from chitieu.text.spans import Mention, join, touch
from chitieu.text.structure import Structure
from chitieu.text.tokens import Token

# Words that may stand between the values of one list.
_LIST_GLUE = frozenset([",", "và", ";", "-", "–"])
# Verbs between a lead-in and its cue, left out of the names: "... lần lượt đạt", "tăng tương ứng".
_LEAD_VERBS = frozenset(["đạt", "là", "tăng", "giảm", "chiếm", "ở", "mức", "có", "được"])
# A preposition in the first conjunct ends the head the others share ("... tại trường học").
_PREPOSITIONS = frozenset(["tại", "ở", "của", "trong", "cho", "về", "thuộc"])


@dataclass(frozen=True)
class CoordinationRule:
    """A named way coordinated items share a head, with examples: (text, the names of its
    items in order)."""

    name: str
    apply: Callable[[Sequence[Token], Structure, list[Mention]], None]
    examples: tuple[tuple[str, tuple[str, ...]], ...]


def _cues(toks: Sequence[Token]) -> list[int]:
    """Token indices of each "lần lượt" / "tương ứng"."""
    return [i for i in range(len(toks) - 1) if (toks[i].low, toks[i + 1].low) in (("lần", "lượt"), ("tương", "ứng"))]


def _conjuncts(toks: Sequence[Token], a: int, b: int, n: int) -> list[tuple[int, int]] | None:
    """Split toks[a:b] at ",", "và" and a spaced "-" into parts; the last `n` parts are the
    conjuncts (what comes before them is a frame: "Mục tiêu giai đoạn 2021-2025, ...")."""
    parts: list[tuple[int, int]] = []
    s = a
    for k in range(a, b):
        t = toks[k]
        spaced_dash = t.text in ("-", "–") and k > a and toks[k - 1].end < t.start and k + 1 < b and t.end < toks[k + 1].start
        if t.text == "," or t.low == "và" or spaced_dash:
            if k > s:
                parts.append((s, k))
            s = k + 1
    if b > s:
        parts.append((s, b))
    if len(parts) < n:
        return None
    return parts[-n:]


def _names(toks: Sequence[Token], conj: list[tuple[int, int]]) -> list[str]:
    """Each conjunct completed with the head it shares with the first."""
    first = [t.text for t in toks[conj[0][0] : conj[0][1]]]
    low_first = [w.lower() for w in first]
    names = [" ".join(first)]
    for a, b in conj[1:]:
        words = [t.text for t in toks[a:b]]
        w0 = words[0].lower()
        if w0 in low_first[1:]:
            cut = len(low_first) - 1 - low_first[::-1].index(w0)  # its last occurrence
        elif any(w in _PREPOSITIONS for w in low_first[1:]):
            cut = max(k for k, w in enumerate(low_first) if w in _PREPOSITIONS) + 1
        else:
            cut = max(1, len(first) - len(words))
        names.append(" ".join(first[:cut] + words))
    return [n[:1].upper() + n[1:] for n in names]


def _respectively(toks: Sequence[Token], st: Structure, ms: list[Mention]) -> None:
    by_v0 = sorted(range(len(ms)), key=lambda k: ms[k].v0)
    v0s = [ms[k].v0 for k in by_v0]
    previous: list[str] = []
    for c in _cues(toks):
        at = bisect_right(v0s, c)
        run: list[int] = []
        for k in by_v0[at : at + 12]:  # a list has a few values; each cue looks at most 12 on
            m = ms[k]
            if st.sent[m.v0] != st.sent[c]:
                break
            if m.value_max is not None:
                break
            if run:
                glue = {t.low for t in _outside_brackets(toks, ms[run[-1]].v1, m.pred)}
                if not glue <= _LIST_GLUE:
                    break  # "43,96 điểm (thuộc nhóm ...) và 41,77 điểm": an aside is no break
            elif any(t.low not in _LEAD_VERBS for t in toks[c + 2 : m.pred]):
                break  # the values follow their cue: "lần lượt là Phú Thọ và Đồng Nai, với ..." lists no values
            run.append(k)
        if len(run) < 2:
            continue
        # The lead-in: from the clause (or the previous item's end) up to the cue, its verbs left out.
        lo = st.clause[c]
        before = [ms[k] for k in by_v0[max(0, at - 12) : at] if lo <= ms[k].v1 <= c]
        if before:
            lo = max(lo, max(m.end for m in before))
        cues = cue_kinds(toks[lo:c])
        lo += max((k + 1 for k, kind in enumerate(cues) if kind), default=0)  # "Phấn đấu tỷ lệ ...": after the cue
        hi = c
        verb = None
        while hi > lo and toks[hi - 1].low in _LEAD_VERBS:
            verb = verb or toks[hi - 1].low
            hi -= 1
        copula = max((j for j in range(lo, hi) if toks[j].low == "là"), default=-1)
        if copula >= 0 and _conjuncts(toks, copula + 1, hi, len(run)):
            lo = copula + 1  # "2 trung tâm ... là Hà Nội và TP HCM lần lượt đạt ...": the frame equals the list
        conj = _conjuncts(toks, lo, hi, len(run)) if hi > lo else None
        if conj is not None and all(b > a for a, b in conj):
            names = _names(toks, conj)
            places = _conjunct_places(toks, conj)
            measure = _places_measure(toks, st, ms[run[0]], conj[0][0]) if places else ""
            if measure:
                # "Hà Nội và Thành phố Hồ Chí Minh lần lượt đạt 43,96 điểm và 41,77 điểm":
                # places share the list's measure, each in brackets.
                names = [f"{measure[:1].upper()}{measure[1:]} ({p})" for p in places]
        elif len(previous) == len(run):
            names = previous
        else:
            continue
        for k, name in zip(run, names, strict=True):
            m = ms[k]
            m.indicator = name
            if verb in ("tăng", "giảm") and m.comparator == Comparator.EQ.value:
                m.comparator = (Comparator.INCREASE_BY if verb == "tăng" else Comparator.DECREASE_BY).value
        previous = names


def _outside_brackets(toks: Sequence[Token], a: int, b: int) -> list[Token]:
    """toks[a:b] without the bracketed asides in them."""
    out: list[Token] = []
    depth = 0
    for t in toks[a:b]:
        if t.text == "(":
            depth += 1
        elif t.text == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(t)
    return out


def _conjunct_places(toks: Sequence[Token], conj: list[tuple[int, int]]) -> list[str]:
    """The places the conjuncts are, each whole (chitieu/text/places.py), or [] when one is not."""
    out: list[str] = []
    for a, b in conj:
        found = place_at(toks, a, b)
        if found is None or found[0] != b:
            return []
        out.append(found[1])
    return out


def _places_measure(toks: Sequence[Token], st: Structure, m: Mention, a: int) -> str:
    """The measure a list of places shares: one its lead-in names ("các tỉnh dẫn đầu về chỉ số
    PAPI là ..."), else a score on the text's index ("Điểm số PAPI"); "" when neither."""
    measure = _lead_measure(toks, max(st.clause[a], a - _LEAD_WINDOW), a)
    if measure:
        return measure
    index = document_index(toks) if m.unit == "điểm" else ""
    return f"Điểm số {index}" if index else ""


def _contribution(toks: Sequence[Token], st: Structure, ms: list[Mention]) -> None:
    for k, m in enumerate(ms):
        if k == 0 or m.unit not in ("điểm phần trăm", "%") or m.pred < 2:
            continue
        if [t.low for t in toks[max(0, m.v0 - 3) : m.v0]][-3:][:2] != ["đóng", "góp"] and [t.low for t in toks[m.v0 - 2 : m.v0]] != ["đóng", "góp"]:
            continue  # "đóng góp 2,3 điểm phần trăm", "đóng góp khoảng 51,6%"
        if not _bare_contribution(m.indicator):
            continue  # the contribution names its own subject
        subject = next(
            (p.indicator for p in reversed(ms[:k]) if st.sent[p.v0] == st.sent[m.v0] and p.indicator and not _bare_contribution(p.indicator)
             and not p.indicator.startswith("Đóng góp")),
            None,
        )
        if subject:
            m.indicator = "Đóng góp của " + subject[:1].lower() + subject[1:]


def _bare_contribution(name: str) -> bool:
    """"Đóng góp", "Tỷ lệ vào đóng góp": a contribution's name that names no subject."""
    return sorted(name.lower().replace("tỷ lệ", "").replace("vào", "").split()) == ["góp", "đóng"]


# Predicates a place opens as its clause's subject ("Kiên Giang ước đón 471.191 lượt khách").


def _place_at(toks: Sequence[Token], a: int, stop: int) -> tuple[str, int] | None:
    """A place opening toks[a:stop] (chitieu/text/places.py: "Kiên Giang", "TP Hồ Chí Minh")
    followed by a lower-case predicate; (its words, the index after them)."""
    while a < stop and not toks[a].is_word:
        a += 1
    found = place_at(toks, a, stop)
    if found is None or found[0] >= stop or toks[found[0]].low not in PREDICATE_OPENERS:
        return None
    return found[1], found[0]


def _counted_noun(m: Mention) -> str:
    """What a count counts, from its unit without scale words ("triệu lượt" -> "lượt"), or ""
    for money and measures."""
    words = [w for w in m.unit.split("/")[0].split() if w not in _SCALE_WORDS]
    return "" if not words or words[-1] in ("đồng", "usd", "USD") else " ".join(words)


_SCALE_WORDS = frozenset(["nghìn", "ngàn", "triệu", "tỷ", "tỉ"])
_CHANGE_NAMES = {Comparator.INCREASE_BY.value: "mức tăng", Comparator.DECREASE_BY.value: "mức giảm"}


def _place_subjects(toks: Sequence[Token], st: Structure, ms: list[Mention]) -> None:
    found: list[tuple[int, str]] = []
    for k, m in enumerate(ms):
        if m.unit_kind == "rank" or m.indicator.endswith(")"):
            continue  # a rank, or a name that already says its place ("Xếp hạng PCI (Hà Nội, thay đổi)")
        at = _place_at(toks, st.clause[m.v0], m.v0)
        if at is None and st.clause[m.v0] < m.name_start < m.v0:
            at = _place_at(toks, m.name_start, m.v0)  # "dẫn đầu cả nước là TP Hồ Chí Minh ước đón ..."
        if at is not None:
            found.append((k, at[0]))
    if not found or len({p for _, p in found}) < 2 and len(subject_places(toks, st)) < 3:
        return  # one place: the passage's own, named in no item
    for k, place in found:
        m = ms[k]
        words = m.indicator.split()
        pw = place.split()
        if words[: len(pw)] == pw:
            words = words[len(pw) :]
        while words and words[0].lower() in PREDICATE_OPENERS:
            words = words[1:]
        rest = " ".join(words)
        if not rest and m.unit_kind in ("count", "generic", "money"):
            rest = _counted_noun(m)  # "TP Hồ Chí Minh ước đón 2,1 triệu lượt": the visits counted
        if rest:
            m.indicator = f"{rest[:1].upper()}{rest[1:]} ({place})"
    # The place is the subject of the predicates after it in its sentence, up to the next
    # place: "Hà Nội ước đón 1 triệu lượt khách, tăng 6%; tổng thu từ khách du lịch ước đạt
    # 3.530 tỷ đồng" is Hà Nội's revenue too.
    subject_of = dict(found)
    current: str | None = None
    sent = -1
    for k, m in enumerate(ms):
        if st.sent[m.v0] != sent:
            current, sent = None, st.sent[m.v0]
        if k in subject_of:
            current = subject_of[k]
            continue
        if current is None or m.unit_kind == "rank" or not m.indicator:
            continue
        if not m.indicator.endswith(")"):
            m.indicator = f"{m.indicator} ({current})"
    # A change of a place's figure names the change beside the place: "(Lào Cai, mức tăng)".
    places = set(subject_of.values())
    for m in ms:
        change = _CHANGE_NAMES.get(m.comparator)
        if change is None or not m.indicator.endswith(")"):
            continue
        cut = m.indicator.rfind(" (")
        if cut > 0 and m.indicator[cut + 2 : -1] in places:
            m.indicator = f"{m.indicator[:-1]}, {change})"


# What may stand right before a conjunct of a list of places: a list separator or a lead-in's end.
_CONJUNCT_OPENERS = frozenset([",", ";", "(", ")", ":", "và", "gồm", "là"])
# Words that end a measure phrase read from a lead-in: bounds, copulas, prepositions, periods.
_MEASURE_STOPS = frozenset("là gồm đạt trên dưới hơn từ đến khoảng với của tại ở năm quý tháng có".split())


_LEAD_WINDOW = 40  # tokens: a lead-in names its list's measure close before it (and reading stays linear)


def _proper_run(toks: Sequence[Token], b: int, lo: int) -> int:
    """The start of a place (chitieu/text/places.py: "Thừa Thiên Huế", "TP HCM", "Thành phố Hồ
    Chí Minh") ending at b and opened by a list separator (or `lo`, the clause start), else -1."""
    for a in range(max(lo, b - 6), b):
        found = place_at(toks, a, b)
        if found is not None and found[0] == b and (a == lo or toks[a - 1].low in _CONJUNCT_OPENERS):
            return a
    return -1


def _conjunct_place(toks: Sequence[Token], st: Structure, m: Mention) -> tuple[str, int] | None:
    """The place a conjunct of a list of places names, with the index where the conjunct
    begins: "Điện Biên 6,76%" (the place right before the value) or "Quảng Ninh (11,67%)"
    (the value alone in a bracket after it)."""
    lo = st.clause[m.v0]
    if m.pred != m.v0:
        return None
    b = m.v0
    if b > 0 and toks[b - 1].text == "(":
        b -= 1
        if m.v1 >= len(toks) or toks[m.v1].text != ")":
            return None
    a = _bare_label(toks, st, b) if m.borrowed_unit else _proper_run(toks, b, lo)
    if a < 0:
        return None
    return " ".join(t.text for t in toks[a:b]), a


def _lead_measure(toks: Sequence[Token], a: int, b: int) -> str:
    """The measure a lead-in names ("các tỉnh dẫn đầu về chỉ số PAPI năm 2023 là:" -> "chỉ số
    PAPI"): from the first word that opens a measure, up to a closed-class stop word."""
    for j in range(a, b):
        if lx.NAME_STARTS_MEASURE.forward(toks, j, b):
            e = j + 1
            while e < b and toks[e].is_word and toks[e].low not in _MEASURE_STOPS:
                e += 1
            return " ".join(t.text for t in toks[j:e])
    return ""


def _fuller_measure(toks: Sequence[Token], lo: int, a: int, measure: str) -> str:
    """The fullest measure of toks[lo:a] that holds `measure`: "có 20/34 địa phương đạt tốc độ
    tăng trưởng GRDP năm 2025 ...; trong đó 6 địa phương tăng trưởng 2 con số (Quảng Ninh
    11,9%, ...)" lends its list "tốc độ tăng trưởng GRDP"; `measure` itself when none is fuller."""
    low = measure.lower()
    for j in range(lo, a):
        if lx.NAME_STARTS_MEASURE.forward(toks, j, a):
            phrase = _lead_measure(toks, j, a)
            if len(phrase) > len(measure) and low in phrase.lower():
                return phrase
    return measure


def _place_conjuncts(toks: Sequence[Token], st: Structure, ms: list[Mention]) -> None:
    measure = ""  # the measure the current list of places shares
    prev: Mention | None = None
    for m in ms:
        at = _conjunct_place(toks, st, m) if m.unit_kind != "rank" else None
        if at is None:
            measure = ""
            prev = m
            continue
        place, a = at
        if not measure and prev is not None and st.sent[prev.v0] == st.sent[m.v0] and prev.unit == m.unit:
            # "Cao Bằng tăng trưởng 6,52%; Điện Biên 6,76%": the first conjunct says the measure.
            at0 = _place_subject(toks, prev)
            if at0 is not None:
                place0, measure = at0
                prev.indicator = f"{measure[:1].upper()}{measure[1:]} ({place0})"
        if not measure:
            head = st.head[m.v0]
            lo = head[0] if head is not None else st.clause[m.v0]
            measure = _lead_measure(toks, max(lo, a - _LEAD_WINDOW), a)
        if not measure and m.unit == "điểm":
            measure = _places_measure(toks, st, m, a)  # "Tiếp theo là Thừa Thiên Huế (0,7951)": the text's index
        if measure:
            measure = _fuller_measure(toks, st.sent[m.v0], a, measure)
        prev = m
        if measure:
            m.indicator = f"{measure[:1].upper()}{measure[1:]} ({place})"
            m.name_start = a


def _place_subject(toks: Sequence[Token], m: Mention) -> tuple[str, str] | None:
    """(place, measure) of a conjunct whose subject is a place: "Cao Bằng tăng trưởng 6,52%"
    -> ("Cao Bằng", "tăng trưởng"); "Đảng bộ TP.Tam Kỳ chỉ tiêu phát triển 150 đảng viên mới"
    -> ("TP.Tam Kỳ", "chỉ tiêu phát triển đảng viên mới"): the measure is the lower-case words
    after the last capitalised one, with what a count counts; None when there are none."""
    if m.name_start < 0 or m.name_start >= m.v0:
        return None
    c = m.v0 - 1
    while c >= m.name_start and not (toks[c].is_word and toks[c].capitalised):
        c -= 1
    words = toks[c + 1 : m.v0]
    if c < m.name_start or not words or not all(t.is_word for t in words):
        return None
    a = c
    while a > m.name_start and (toks[a - 1].capitalised or toks[a - 1].text == "." and touch(toks[a - 1], toks[a])):
        a -= 1
    if c == a and toks[a].text.isupper():
        return None  # "GRDP tăng 7%": an abbreviation, no place
    measure = " ".join(t.text for t in words)
    if m.unit_kind in ("count", "generic"):
        counted = [m.unit.split("/")[0]] + ([" ".join(t.text for t in toks[m.tail[0] : m.tail[1]])] if m.tail else [])
        measure = " ".join([measure, *counted])
    return join(list(toks), a, c + 1), measure


_BARE_ENDS = frozenset([";", ",", ".", "và"])


def _bare_label(toks: Sequence[Token], st: Structure, j: int) -> int:
    """The start of the label of a bare conjunct "Hội An 110" / "Quân sự 29" whose number is
    toks[j]: words after a ";" or "," of the same sentence, the first capitalised, at most 5;
    else -1."""
    a = j
    while a > 0 and j - a < 5 and toks[a - 1].is_word:
        a -= 1
    if a == j or a == 0 or not toks[a].capitalised or toks[a - 1].text not in (";", ",") or st.sent[a - 1] != st.sent[j]:
        return -1
    return a


def lend_units(toks: Sequence[Token], st: Structure, ms: list[Mention]) -> list[Mention]:
    """Elliptical conjuncts borrow their list's unit: "Đảng bộ TP.Tam Kỳ chỉ tiêu phát triển
    150 đảng viên mới; Hội An 110; Điện Bàn 150" states 110 and 150 "đảng viên". A bare
    conjunct is a label and a number between list separators, right after a conjunct with a
    unit; the list goes on while its conjuncts do. Run before naming; returns the mentions
    with the borrowed ones in text order."""
    out: list[Mention] = []
    n = len(toks)
    for k, m in enumerate(ms):
        out.append(m)
        if m.unit_kind == "rank" or not m.unit:
            continue
        stop = ms[k + 1].pred if k + 1 < len(ms) else n
        parts = _bare_parts(toks, st, m, stop)
        if parts:
            for a, j, value in parts:
                b = Mention(j, j, j + 1, j + 1, value, m.unit, m.unit_kind, borrowed_unit=True, whole=m)
                b.label = " ".join(t.text for t in toks[a:j] if t.text != ":")
                b.label_start = a
                out.append(b)
            continue
        e = m.end
        while e + 1 < stop and toks[e].text in (";", ","):
            # the next conjunct: label words, then one number, then a list end
            j = e + 1
            while j < stop and j - e <= 6 and toks[j].is_word:
                j += 1
            if j >= stop or not toks[j].is_num or _bare_label(toks, st, j) != e + 1:
                break
            after = toks[j + 1] if j + 1 < n else None
            if after is not None and (after.text not in _BARE_ENDS or after.start == toks[j].end and after.text not in ";,."):
                break
            number = parse_number(toks[j].text)
            if number is None or looks_like_year(toks[j].text) or st.sent[j] != st.sent[m.v0]:
                break
            b = Mention(j, j, j + 1, j + 1, number, m.unit, m.unit_kind, borrowed_unit=True)
            out.append(b)
            e = j + 1
    return out


_PART_OPENERS = frozenset(["(", ",", ":", ";"])
_PART_ENDS = frozenset([",", ";", ")", ".", "("])


def _bare_parts(toks: Sequence[Token], st: Structure, m: Mention, stop: int) -> list[tuple[int, int, float]]:
    """The parts of a count that follow it as bare labelled numbers summing to it: "kỷ luật 7
    đảng viên (khiển trách: 1; cảnh cáo: 2; khai trừ: 4)", "8 trường hợp bị thi hành kỷ luật,
    với hình thức khiển trách 3, cảnh cáo 1, khai trừ 4": (label start, number index, value)
    of each, or [] when the numbers do not add up to the count (then they are no parts of it)."""
    if m.unit_kind not in ("count", "generic") or m.end >= stop or toks[m.end].text not in _PART_OPENERS:
        return []
    parts: list[tuple[int, int, float]] = []
    e = m.end
    while e < stop and toks[e].text in (_PART_OPENERS if not parts else _PART_ENDS - {")", ".", "("}):
        a = e + 1
        while a < stop and toks[a].is_word and toks[a].low in lx.NAME_TRIM:
            a += 1  # "với hình thức ...": the part's own words start after the function words
        j = a
        while j < stop and j - a < 5 and toks[j].is_word:
            j += 1
        if j < stop and toks[j].text == ":":
            j += 1
        value = parse_number(toks[j].text) if j < stop and toks[j].is_num and j > a else None
        if value is None or st.sent[j] != st.sent[m.v0]:
            break
        parts.append((a, j, value))
        e = j + 1
        if e < len(toks) and toks[e].text not in _PART_ENDS:
            return []  # "khiển trách 3 người": the number has a unit of its own, no bare part
    if len(parts) < 2 or abs(sum(v for _, _, v in parts) - m.value) > 1e-9:
        return []
    return parts


def _parts_of_a_whole(toks: Sequence[Token], st: Structure, ms: list[Mention]) -> None:
    for m in ms:
        if m.whole is not None and m.label and m.whole.indicator:
            m.indicator = f"{m.whole.indicator}: {m.label[:1].lower()}{m.label[1:]}"
            m.name_start = m.label_start


def _labelled(st: Structure, m: Mention) -> tuple[int, int] | None:
    """m's colon label when m is a labelled value ("Thu nội địa: 16.016 triệu đồng"): the
    head ending right before its value, its predicate no more than a verb; else None."""
    head = st.head[m.v0]
    if head is None or head[1] <= head[0] or m.pred - head[1] > 2 or st.clause[m.v0] != head[1] + 1:
        return None
    return head


def _breakdown(toks: Sequence[Token], st: Structure, ms: list[Mention]) -> None:
    after: int | None = None  # where the glue before the next part begins
    for m in ms:
        if m.sub_of < 0 or not m.indicator:
            after = None
            continue
        h = ms[m.sub_of]
        label, whole = _labelled(st, m), _labelled(st, h)
        if label is None or whole is None or label[0] <= st.sub[m.v0] or not h.indicator:
            after = None
            continue
        # The parts follow "trong đó" and each other with nothing but list glue between:
        # "..., cụ thể như sau: Thu nội địa: ..." opens another list.
        glue_from = st.sub[m.v0] + 2 if after is None or after < st.sub[m.v0] else after
        if any(t.low not in _LIST_GLUE and t.text != ":" for t in toks[glue_from : label[0]]):
            after = None
            continue
        after = m.end
        if h.indicator.lower() in m.indicator.lower() or lx.NAME_STARTS_MEASURE.forward(toks, label[0], label[1]):
            continue  # the part already names its whole, or is a measure of its own ("thu nội địa: ...")
        m.indicator = f"{h.indicator}: {m.indicator[:1].lower()}{m.indicator[1:]}"


def _level_changes(toks: Sequence[Token], st: Structure, ms: list[Mention]) -> None:
    """A rate of change as a second predicate of a level's subject names the level's change:
    "(mức tăng)", or beside the place a rule before it lent ("(TP. HCM, mức tăng)")."""
    for m in ms:
        change = _CHANGE_NAMES.get(m.comparator)
        if not m.level_change or change is None or not m.indicator or "mức" in m.indicator.lower():
            continue
        m.indicator = f"{m.indicator[:-1]}, {change})" if m.indicator.endswith(")") else f"{m.indicator} ({change})"


COORDINATION_RULES: tuple[CoordinationRule, ...] = (
    CoordinationRule(
        "a respectively-list lends each value its conjunct",
        _respectively,
        (
            (
                "Tỷ lệ thanh toán không dùng tiền mặt tại trường học, trạm y tế và chợ xã lần lượt là 100%, 90% và 50%.",
                (
                    "Tỷ lệ thanh toán không dùng tiền mặt tại trường học",
                    "Tỷ lệ thanh toán không dùng tiền mặt tại trạm y tế",
                    "Tỷ lệ thanh toán không dùng tiền mặt tại chợ xã",
                ),
            ),
            (
                "Kim ngạch xuất khẩu và nhập khẩu lần lượt đạt 3,45 tỷ USD và 2,81 tỷ USD, tăng tương ứng 12,3% và 9,7%.",
                ("Kim ngạch xuất khẩu", "Kim ngạch nhập khẩu", "Kim ngạch xuất khẩu", "Kim ngạch nhập khẩu"),
            ),
            (
                "Phấn đấu tỷ lệ hộ dân sử dụng nước sạch và nước hợp vệ sinh tương ứng là 75% và 100%.",
                ("Tỷ lệ hộ dân sử dụng nước sạch", "Tỷ lệ hộ dân sử dụng nước hợp vệ sinh"),
            ),
            # Places after a copula share the text's score, each in brackets; an aside between
            # the values does not break the list.
            (
                "Chỉ số PAPI năm 2023 được công bố. Hai đô thị lớn là Hà Nội và Thành phố Hồ Chí Minh lần lượt đạt "
                "43,96 điểm (nhóm cao nhất) và 41,77 điểm.",
                ("Điểm số PAPI (Hà Nội)", "Điểm số PAPI (Thành phố Hồ Chí Minh)"),
            ),
        ),
    ),
    CoordinationRule(
        "a place opening its clause is its items' place, up to the next place of its sentence",
        _place_subjects,
        (
            (
                "Kiên Giang ước đón 471.191 lượt khách, tổng thu từ khách du lịch ước đạt 1.886 tỷ đồng; Khánh Hòa ước đón 825.195 lượt khách.",
                ("Lượt khách (Kiên Giang)", "Tổng thu từ khách du lịch (Kiên Giang)", "Lượt khách (Khánh Hòa)"),
            ),
            (
                "Đà Nẵng ước đón 469.000 lượt khách, tăng 16,7%; tổng thu từ khách du lịch ước đạt 1.887 tỷ đồng. "
                "Lào Cai ước đón 331.382 lượt khách.",
                (
                    "Lượt khách (Đà Nẵng)",
                    "Lượt khách (Đà Nẵng, mức tăng)",
                    "Tổng thu từ khách du lịch (Đà Nẵng)",
                    "Lượt khách (Lào Cai)",
                ),
            ),
            # A place after a rank's copula opens its name: the figure it states is its own.
            (
                "Hà Nội ước đón 1 triệu lượt khách; Đà Nẵng ước đón 0,5 triệu lượt khách; Khánh Hòa ước đón 0,8 triệu lượt khách; "
                "dẫn đầu cả nước là TP Hồ Chí Minh ước đón 2,1 triệu lượt.",
                ("Khách (Hà Nội)", "Khách (Đà Nẵng)", "Khách (Khánh Hòa)", "Xếp hạng (TP Hồ Chí Minh)", "Lượt (TP Hồ Chí Minh)"),
            ),
        ),
    ),
    CoordinationRule(
        "a labelled breakdown's parts are its whole's",
        _breakdown,
        (
            (
                "Thu nội địa: 16.016 triệu đồng, trong đó: ngân sách cấp tỉnh: 8.365 triệu đồng, ngân sách cấp xã: 7.650 triệu đồng.",
                ("Thu nội địa", "Thu nội địa: ngân sách cấp tỉnh", "Thu nội địa: ngân sách cấp xã"),
            ),
            (
                "Tổng chi ngân sách: 11.420 tỷ đồng, trong đó: chi thường xuyên: 7.890 tỷ đồng, dự phòng cấp xã: 210 tỷ đồng.",
                ("Tổng chi ngân sách", "Chi thường xuyên", "Tổng chi ngân sách: dự phòng cấp xã"),
            ),
        ),
    ),
    CoordinationRule(
        "a list of places shares its first conjunct's or its lead-in's measure",
        _place_conjuncts,
        (
            (
                "Cụ thể, Cao Bằng tăng trưởng 6,52%; Điện Biên 6,76%; Sơn La 6,26%.",
                ("Tăng trưởng (Cao Bằng)", "Tăng trưởng (Điện Biên)", "Tăng trưởng (Sơn La)"),
            ),
            (
                "Kết quả chỉ số PAPI năm 2023 của một số tỉnh: Thừa Thiên Huế (46,04 điểm), Thái Nguyên (45,78 điểm).",
                ("Chỉ số PAPI (Thừa Thiên Huế)", "Chỉ số PAPI (Thái Nguyên)"),
            ),
            # A lead-in's bare measure takes the fuller one its sentence named before it.
            (
                "Có 20/34 địa phương đạt tốc độ tăng trưởng GRDP năm 2025 từ 8% trở lên; trong đó 6 địa phương "
                "tăng trưởng 2 con số (Quảng Ninh 11,9%, Hải Phòng 11,8%).",
                ("Địa phương đạt tốc độ", "Tăng trưởng GRDP", "Tốc độ tăng trưởng GRDP (Quảng Ninh)", "Tốc độ tăng trưởng GRDP (Hải Phòng)"),
            ),
        ),
    ),
    CoordinationRule(
        "a count's bare parts summing to it are its parts",
        _parts_of_a_whole,
        (
            (
                "UBKT Huyện ủy thi hành kỷ luật 7 đảng viên (khiển trách: 1; cảnh cáo: 2; khai trừ: 4).",
                (
                    "UBKT Huyện ủy thi hành kỷ luật đảng viên",
                    "UBKT Huyện ủy thi hành kỷ luật đảng viên: khiển trách",
                    "UBKT Huyện ủy thi hành kỷ luật đảng viên: cảnh cáo",
                    "UBKT Huyện ủy thi hành kỷ luật đảng viên: khai trừ",
                ),
            ),
        ),
    ),
    CoordinationRule(
        "a contribution is its subject's",
        _contribution,
        (
            (
                "Khu vực dịch vụ tăng 6,8%, đóng góp 2,3 điểm phần trăm.",
                ("Khu vực dịch vụ", "Đóng góp của khu vực dịch vụ"),
            ),
        ),
    ),
    CoordinationRule(
        "a rate of change predicated of a level's subject names the level's change",
        _level_changes,
        (
            (
                "Thu ngân sách nhà nước 11 tháng đạt trên 2,4 triệu tỉ đồng, tăng 30,9% so với cùng kỳ.",
                ("Thu ngân sách nhà nước 11 tháng", "Thu ngân sách nhà nước 11 tháng (mức tăng)"),
            ),
            (
                "Đà Nẵng ước đón 469.000 lượt khách quốc tế, tăng 16,7%; Lào Cai ước đón 331.382 lượt khách quốc tế.",
                ("Lượt khách quốc tế (Đà Nẵng)", "Lượt khách quốc tế (Đà Nẵng, mức tăng)", "Lượt khách quốc tế (Lào Cai)"),
            ),
            # A two-word level is named too; a bare measure head ("Sản lượng") waits for its complement.
            ("Xuất khẩu đạt trên 430 tỉ USD, tăng 16,1%.", ("Xuất khẩu", "Xuất khẩu (mức tăng)")),
            # A change of a rate keeps the rate's name.
            ("Tỷ lệ hộ nghèo còn 2,1%, giảm 0,5% so với năm 2023.", ("Tỷ lệ hộ nghèo", "Tỷ lệ hộ nghèo")),
        ),
    ),
)


def lend_heads(toks: Sequence[Token], st: Structure, ms: list[Mention]) -> None:
    """Run every coordination rule in order over the named mentions."""
    for rule in COORDINATION_RULES:
        rule.apply(toks, st, ms)
