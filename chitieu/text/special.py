"""Quantities without a digit: ranks ("đứng thứ 7 cả nước", "đứng đầu") and zero targets
("Không còn hộ nghèo")."""

from __future__ import annotations

from chitieu.text import lexicon as lx
from chitieu.text.numbers import WORD_NUMBERS
from chitieu.text.spans import CLAUSE_PUNCT, Mention, join, sentence_end, tail_words
from chitieu.text.structure import Structure
from chitieu.text.tokens import Token


def zero_mention(toks: list[Token], st: Structure, i: int) -> Mention | None:
    """"Không còn hộ nghèo" at the start of a clause, a list item or a list's conjunct: a
    target of zero."""
    j = st.clause[i]
    while j < i and (st.marker[j] or toks[j].kind == "punct"):
        j += 1
    # A conjunct of a list opens after its glue: "..., ít nhất 10% số xã ... và không còn xã dưới 15 tiêu chí".
    conjunct = i > j and toks[i - 1].low in ("và", ",", ";")
    while j < i and not conjunct:
        k = lx.LEAD_TRIM.forward(toks, j, i)
        if not k and (toks[j].low in lx.AUX or toks[j].is_num and j > 0 and toks[j - 1].low == "năm"):
            k = 1  # "Phấn đấu đến năm 2025 không còn hộ nghèo": the year of the goal
        if not k:
            return None
        j += k
    stop = sentence_end(toks, st, i)
    k = i + 2
    if k >= stop or not toks[k].is_word:
        return None
    c = lx.COUNTS.forward(toks, k, stop)
    unit = " ".join(x.low for x in toks[k : k + max(c, 1)])
    m = Mention(pred=i, v0=i, v1=k, end=k, value=0.0, unit=unit, unit_kind="zero")
    m.tail = tail_words(toks, st, k, stop, "zero")
    if m.tail is None:
        return None
    m.end = m.tail[1]
    return m


_SCOPES = lx.PhraseSet(["cả nước", "toàn quốc", "khu vực", "vùng", "các tỉnh", "trong", "toàn vùng", "các địa phương", "các thành phố"])


_NEXT_PREDICATES = frozenset(["đứng", "xếp", "dẫn", "thứ", "vươn", "tăng", "giảm", "là", "nằm"])


def rank_mention(toks: list[Token], st: Structure, i: int) -> Mention | None:
    """Ranks: "đứng đầu 5 thành phố", "đứng thứ 7 cả nước", "thứ 7 cả nước" -> unit "hạng"."""
    n = len(toks)
    stop = sentence_end(toks, st, i)
    low = [x.low for x in toks[i : min(n, i + 4)]]
    value: float | None = None
    k = i
    if low[:2] in (["đứng", "đầu"], ["dẫn", "đầu"]):
        if i > 0 and toks[i - 1].low in ("người", "cấp"):
            return None
        if any(t.low in ("nhóm", "top", "tốp") for t in toks[max(0, i - 4) : i]):
            return None  # "trong nhóm 20 tỉnh dẫn đầu": among the leaders, not first
        value, k = 1.0, i + 2
    else:
        j = i
        if low[:2] in (["đứng", "thứ"], ["xếp", "thứ"], ["vị", "trí"]) or low[:3] == ["xếp", "hạng", "thứ"]:
            j = i + (3 if low[:3] in (["xếp", "hạng", "thứ"], ["vị", "trí", "thứ"]) else 2)
        elif low[:1] == ["thứ"]:
            if i > 0 and toks[i - 1].low in ("lần", "khóa", "khoá", "kỳ", "hội", "nghị"):
                return None
            j = i + 1
        elif low[:2] == ["xếp", "hạng"]:
            j = i + 2
        else:
            return None
        if j >= stop:
            return None
        w = toks[j]
        if w.is_num and "." not in w.text and "," not in w.text:
            value = float(w.text)
        elif w.low in WORD_NUMBERS and w.low not in ("năm", "tư"):
            value = float(WORD_NUMBERS[w.low])
        else:
            return None
        k = j + 1
        if low[:1] == ["thứ"] and not (k < stop and (_SCOPES.forward(toks, k, stop) or toks[k].text == "/")):
            return None
        if k + 1 < stop and toks[k].text == "/" and toks[k + 1].is_num:
            k += 1  # "xếp thứ 5/63 tỉnh": the scope is "63 tỉnh"
    # Scope: what the rank is among, up to the next punctuation.
    e = k
    while e < stop and toks[e].text not in CLAUSE_PUNCT and toks[e].text != "," and e - k < 10:
        if toks[e].low == "và" and e + 1 < stop and toks[e + 1].low in _NEXT_PREDICATES:
            break  # "đứng thứ 4 cả nước và đứng đầu vùng ...": a second rank starts
        e += 1
    if e == k and low[:2] in (["đứng", "đầu"], ["dẫn", "đầu"]):
        return None
    m = Mention(pred=i, v0=i, v1=e, end=e, value=value, unit="hạng", unit_kind="rank")
    m.scope = join(toks, k, e) or None
    return m
