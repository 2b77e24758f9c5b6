"""The quantity mention record and small token helpers shared by the mention readers."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from chitieu.core.choices import Comparator
from chitieu.text import lexicon as lx
from chitieu.text.segment import MAX_WORD, snap_to_words
from chitieu.text.structure import Structure
from chitieu.text.tokens import Token

CLAUSE_PUNCT = frozenset(";:.!?…()[]\"“”")


@dataclass
class Mention:
    """A stated quantity. Token indices: `pred` is where its predicate words begin
    ("ước đạt hơn"), `v0` its first value token, `v1` the end of value and unit, `end` the
    end of the whole statement (after "trở lên", the baseline and any name tail)."""

    pred: int
    v0: int
    v1: int
    end: int
    value: float
    unit: str
    unit_kind: str  # pct, money, measure, count, generic, rank, zero
    comparator: str = Comparator.EQ.value
    value_max: float | None = None
    planned: float | None = None
    baseline: str | None = None
    baseline_span: tuple[int, int] | None = None
    tail: tuple[int, int] | None = None  # words after the unit that name what is counted
    scope: str | None = None  # rank scope: "5 thành phố trực thuộc trung ương"
    scope_span: tuple[int, int] | None = None  # its tokens: the words after the rank phrase
    indicator: str = ""
    base: str = ""  # the name a following "tăng 36,69%" inherits
    own: str = ""  # the words before the value that name it, as written
    kind: str = ""
    period: str | None = None
    sub_of: int = -1  # index of the mention heading the "trong đó" list holding this one
    own_period: bool = False  # the period came from the mention's own words
    region_lo: int = -1  # first token of the words that may name the mention
    name_start: int = -1  # first token of the item's span (its own name words, if any)
    direction: str = ""  # a change bounded ("giảm trên 3%" is >=): the change it names, "tăng" / "giảm"
    borrowed_unit: bool = False  # a bare number whose unit is its list's ("Hội An 110; ...")
    whole: Mention | None = None  # the total a bare part breaks down ("7 đảng viên (khiển trách: 1; ...)")
    label: str = ""  # that part's own words ("khiển trách")
    label_start: int = -1  # the token where they begin
    level_change: bool = False  # a rate of change predicated of a level's subject ("..., tăng 30,9%")


def touch(a: Token, b: Token) -> bool:
    return a.end == b.start


def join(toks: list[Token], a: int, b: int) -> str:
    """Return the words toks[a:b] as written, spaced as usual."""
    out = ""
    for x in toks[a:b]:
        if out and x.text not in ",;:.)”" and not out.endswith(("(", "“")):
            out += " "
        out += x.text
    return out


def sentence_end(toks: list[Token], st: Structure, i: int) -> int:
    """The end of toks[i]'s sentence, at most 80 tokens on (st.sent never decreases)."""
    return bisect_right(st.sent, st.sent[i], i + 1, min(len(toks), i + 80))


def tail_words(toks: list[Token], st: Structure, e: int, stop: int, kind: str) -> tuple[int, int] | None:
    """Return the token range of the words after a count that say what is counted
    ("8 xã nông thôn mới kiểu mẫu"), or None. Percentages and "không còn" may run past
    commas ("100% hợp tác xã, đơn vị sự nghiệp ...")."""
    if kind not in ("count", "generic", "pct", "zero", "money", "measure"):
        return None
    limit = 14 if kind in ("pct", "zero") else 8
    s = e
    while e < stop and e - s < limit:
        w = toks[e]
        if w.text == ",":
            more = lx.COUNTS.forward(toks, e + 1, stop) if kind in ("count", "generic") else 0
            if more and (e + 1 + more >= stop or toks[e + 1 + more].kind == "punct"):
                e += 1 + more  # "1.250 lượt cán bộ, đảng viên"
                continue
        if w.is_num and e > s and toks[e - 1].low in ("đạt", "từ") and e + 1 < stop and toks[e + 1].low in lx.NOT_UNITS:
            e += 2  # "30 sản phẩm đạt 5 sao": a rating that no figure states qualifies what is counted
            continue
        if kind == "zero" and w.is_num and e > s and toks[e - 1].low in _THRESHOLD_BOUNDS:
            e += 1  # "không còn xã dưới 15 tiêu chí": a threshold defining what is counted, no figure
            continue
        if w.text in CLAUSE_PUNCT or w.is_num or (e == s and not w.is_word):
            break
        if e == s and w.low == "và":
            break  # "xuất khẩu đạt trên 430 tỉ USD, tăng 16,1% và nhập khẩu đạt ...": a conjunct, not what is counted
        if w.low == "và" and e + 2 < stop and toks[e + 1].low == "không" and toks[e + 2].low == "còn":
            break  # "... 10% số xã đạt chuẩn kiểu mẫu và không còn xã dưới 15 tiêu chí": a conjunct of its own
        if w.text == ",":
            if kind not in ("pct",) or e + 1 >= stop or not toks[e + 1].is_word or toks[e + 1].capitalised:
                break
            if _new_clause(toks, e + 1, stop):
                break  # "100% xã đạt chuẩn, tỷ lệ che phủ rừng duy trì ở mức 60%"
        elif kind == "zero" and w.low in ("giai", "nhiệm", "năm", "trong", "đến", "vào"):
            break
        elif kind != "zero" and (w.low in lx.POST_STOPS or (w.capitalised and e > s and not (w.text.isupper() and len(w.text) > 1) and not _proper_noun_in_phrase(toks, e, stop))):
            break
        e += 1
    cut = e
    while e > s and (toks[e - 1].text in ",–-" or toks[e - 1].low in lx.NAME_TRIM):
        e -= 1
    # A trim or the word cap never ends inside a word ("... dân tộc thiểu số").
    e = snap_to_words(toks, s, min(stop, cut + MAX_WORD), s, e)[1]
    return (s, e) if e > s else None


# Bound words that, inside the phrase a zero counts, define the counted group.
_THRESHOLD_BOUNDS = frozenset(["dưới", "trên", "hơn"])


def _proper_noun_in_phrase(toks: list[Token], e: int, stop: int) -> bool:
    """True for a capitalised word inside a noun phrase, not opening a clause: the object of a
    relation word, before a lower-case word ("100% xã, phường đạt Bộ tiêu chí quốc gia về y tế xã")."""
    return toks[e - 1].low in _OBJECT_TAKERS and e + 1 < stop and toks[e + 1].is_word and not toks[e + 1].capitalised


# Words that take a noun object inside a noun phrase: a capitalised word after them names that
# object ("đạt Bộ tiêu chí", "theo Chương trình", "của Đảng"), it opens no clause.
_OBJECT_TAKERS = frozenset(["đạt", "theo", "của", "thuộc", "về", "có", "vào"])


def _new_clause(toks: list[Token], k: int, stop: int) -> bool:
    """True when the words after a comma start a clause of their own: a measure ("tỷ lệ",
    "số") or a run that reaches a number before the next comma. "100% ấp, khóm đạt chuẩn
    văn hóa" and "văn bản được gửi, nhận dưới dạng điện tử" run on."""
    if lx.NAME_STARTS_MEASURE.forward(toks, k, stop):
        return True
    j = k
    while j < stop and j - k < 10 and toks[j].text not in CLAUSE_PUNCT and toks[j].text != ",":
        if toks[j].is_num:
            return True
        j += 1
    return False


def aside(toks: Sequence[Token], st: Structure, m: Mention) -> tuple[int, int] | None:
    """The token indices of the "(" and ")" around a mention's value when it sits in a
    bracketed aside of its sentence ("8,7%/năm (chỉ tiêu Đại hội là 10 - 11%/năm)"), else
    None. Brackets of more than 30 tokens are not asides."""
    lo = max(st.sent[m.v0], m.v0 - 30)
    a = m.v0 - 1
    while a >= lo and toks[a].text not in "()":
        a -= 1
    if a < lo or toks[a].text != "(":
        return None
    hi = min(len(toks), a + 31)
    b = m.v1
    while b < hi and st.sent[b] == st.sent[m.v0] and toks[b].text not in "()":
        b += 1
    if b >= hi or toks[b].text != ")":
        return None
    return a, b
