"""Quantities without a digit: ranks ("đứng thứ 7 cả nước", "đứng đầu") and zero targets
("Không còn hộ nghèo")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class RankRule:
    """One form of the rank phrase grammar: `match(toks, i, stop)` returns (rank, the token
    after the phrase) for a phrase opening at toks[i], or None. `examples` are the phrases it
    reads (tests/unit/test_text_ranks.py reads them all)."""

    name: str
    examples: tuple[tuple[str, int], ...]
    match: Callable[[list[Token], int, int], tuple[float, int] | None]


def _rank_number(toks: list[Token], j: int, stop: int, words_ok: frozenset[str]) -> float | None:
    """The rank a token states: a whole number ("7", not "7,5") or a number word; "năm" and
    "tư" only where `words_ok` admits them (after a position word they are 5 and 4, elsewhere
    a year or a weekday)."""
    if j >= stop:
        return None
    w = toks[j]
    if w.is_num and "." not in w.text and "," not in w.text:
        return float(w.text)
    if w.low in WORD_NUMBERS and (w.low not in ("năm", "tư") or w.low in words_ok):
        return float(WORD_NUMBERS[w.low])
    return None


def _leads(toks: list[Token], i: int, stop: int) -> tuple[float, int] | None:
    low = [x.low for x in toks[i : i + 2]]
    if low not in (["đứng", "đầu"], ["dẫn", "đầu"]):
        return None
    if i > 0 and toks[i - 1].low in ("người", "cấp"):
        return None
    if any(t.low in ("nhóm", "top", "tốp", "các", "những") for t in toks[max(0, i - 4) : i]):
        return None  # "trong nhóm 20 tỉnh dẫn đầu", "các tỉnh, thành dẫn đầu": among the leaders, not first
    if i > 0 and toks[i - 1].low in ("trí", "việc"):
        return None  # "giữ vững vị trí dẫn đầu", "với việc đứng đầu về ...": a noun, no rank stated
    return 1.0, i + 2


# Words that say "the position": "vị trí", "hạng"; a rank word opens a position phrase after
# a placing verb and an optional "ở".
_POSITION = lx.PhraseSet(["vị trí", "hạng", "thứ hạng"])
_PLACING = frozenset(["đứng", "xếp"])
_ORDINALS = frozenset(["thứ", "số"])
_POSITION_WORDS = frozenset(["năm", "tư"])


def _position(toks: list[Token], i: int, stop: int) -> tuple[float, int] | None:
    j = i
    placed = toks[j].low in _PLACING
    if placed:
        j += 1
        if j < stop and toks[j].low == "ở":
            j += 1
    k = _POSITION.forward(toks, j, stop)
    if not placed and not k:
        return None
    j += k
    if j < stop and toks[j].low in _ORDINALS and (toks[j].low == "thứ" or k):
        j += 1
    elif not (k and toks[j - 1].low == "hạng" and placed):
        return None  # "xếp hạng 12" needs no ordinal word; "vị trí" and "đứng" do
    value = _rank_number(toks, j, stop, _POSITION_WORDS if toks[j - 1].low in _ORDINALS else frozenset())
    if value is None:
        return None
    j += 1
    if j + 1 < stop and toks[j].text == "/" and toks[j + 1].is_num:
        j += 1  # "xếp thứ 5/63 tỉnh": the scope is "63 tỉnh"
    return value, j


# Adjectives whose ordinal is a place in an ordering ("mức cao thứ hai kể từ năm 2011").
_SUPERLATIVES = frozenset(["cao", "lớn", "thấp", "nhiều", "nhanh", "mạnh"])
_AFTER_ORDINAL_NOT = frozenset(["lần", "khóa", "khoá", "kỳ", "hội", "nghị", "năm", "ngày", "phiên"])


def _ordinal(toks: list[Token], i: int, stop: int) -> tuple[float, int] | None:
    if toks[i].low != "thứ" or (i > 0 and toks[i - 1].low in _AFTER_ORDINAL_NOT):
        return None
    superlative = i > 0 and toks[i - 1].low in _SUPERLATIVES
    value = _rank_number(toks, i + 1, stop, _POSITION_WORDS)
    if value is None:
        return None
    k = i + 2
    if k + 1 < stop and toks[k].text == "/" and toks[k + 1].is_num:
        return value, k + 1
    if superlative or (k < stop and _SCOPES.forward(toks, k, stop)):
        return value, k
    # "Thứ tư là tỉnh Bắc Giang": an ordinal equated with a named place.
    if k + 1 < stop and toks[k].low == "là" and (toks[k + 1].capitalised or toks[k + 1].low in ("tỉnh", "thành", "huyện", "xã", "phường")):
        return value, k
    return None


def _titles(toks: list[Token], i: int, stop: int) -> tuple[float, int] | None:
    if i + 1 < stop and toks[i].low in ("á", "quán") and toks[i + 1].low == "quân":
        return (2.0 if toks[i].low == "á" else 1.0), i + 2
    return None


# The rank phrase grammar, tried in order at a rank word; the first rule that reads wins.
RANK_RULES: list[RankRule] = [
    RankRule("leads", (("đứng đầu cả nước", 1), ("dẫn đầu vùng Đồng bằng sông Hồng", 1)), _leads),
    RankRule(
        "position",
        (("đứng thứ 7 cả nước", 7), ("xếp thứ 5/63 tỉnh", 5), ("vươn lên vị trí số 1", 1), ("đứng vị trí thứ 29", 29),
         ("xếp ở vị trí thứ hai", 2), ("giữ vững vị trí thứ năm", 5), ("xếp hạng 12 cả nước", 12)),
        _position,
    ),
    RankRule("ordinal", (("thứ 3 cả nước", 3), ("Thứ tư là tỉnh Bắc Giang", 4), ("mức cao thứ hai kể từ năm 2011", 2)), _ordinal),
    RankRule("titles", (("giành ngôi á quân", 2), ("là quán quân của khu vực", 1)), _titles),
]
RANK_OPENERS = frozenset(["đứng", "xếp", "dẫn", "thứ", "vị", "hạng", "á", "quán"])


def rank_mention(toks: list[Token], st: Structure, i: int) -> Mention | None:
    """Ranks by RANK_RULES: "đứng đầu 5 thành phố", "đứng thứ 7 cả nước", "vị trí số 1" -> unit "hạng"."""
    stop = sentence_end(toks, st, i)
    read = next((r for r in (rule.match(toks, i, stop) for rule in RANK_RULES) if r is not None), None)
    if read is None:
        return None
    value, k = read
    low = [x.low for x in toks[i : i + 2]]
    # Scope: what the rank is among, up to the next punctuation, a copula that names the
    # ranked ("dẫn đầu cả nước là TP Hồ Chí Minh") or a score ("với 73,20 điểm").
    e = k
    while e < stop and toks[e].text not in CLAUSE_PUNCT and toks[e].text != "," and e - k < 10:
        if toks[e].low == "và" and e + 1 < stop and (toks[e + 1].low in _NEXT_PREDICATES or toks[e + 1].is_num):
            break  # "đứng thứ 4 cả nước và đứng đầu vùng ...", "thứ 4 và 5": a second rank starts
        if toks[e].low in _SCOPE_ENDS:
            break
        if e > k and toks[e].low in RANK_OPENERS and any(rule.match(toks, e, stop) for rule in RANK_RULES):
            break  # "từ vị trí số 28 của năm ngoái lên vị trí thứ 24": the next rank
        e += 1
    if e == k and low[:2] in (["đứng", "đầu"], ["dẫn", "đầu"]):
        return None
    # The value ends with the rank phrase; its scope is the statement's rest (a period in it,
    # "từ vị trí số 28 của năm ngoái", is the rank's own).
    m = Mention(pred=i, v0=i, v1=k, end=e, value=value, unit="hạng", unit_kind="rank")
    m.scope = join(toks, k, e) or None
    m.scope_span = (k, e)
    return m


_SCOPE_ENDS = frozenset(["là", "với", "lần", "khi", "để", "nhưng", "song"])


def rank_conjuncts(toks: list[Token], st: Structure, m: Mention) -> list[Mention]:
    """The further ranks a rank phrase coordinates: "Xếp vị trí thứ 4 và 5 lần lượt là Phú Thọ
    và Đồng Nai" states 4 and 5. Each is a rank of its own on its number, sharing the scope."""
    out: list[Mention] = []
    stop = sentence_end(toks, st, m.v0)
    j = m.v1
    while j + 1 < stop and toks[j].low in ("và", ",") and _rank_number(toks, j + 1, stop, _POSITION_WORDS) is not None:
        if j + 2 < stop and (toks[j + 2].is_word and toks[j + 2].low not in ("lần", "là") or toks[j + 2].text in "%/."):
            break  # "thứ 4 và 5 tỉnh ...": a count, not a rank
        n = j + 1
        value = _rank_number(toks, n, stop, _POSITION_WORDS)
        assert value is not None
        r = Mention(pred=n, v0=n, v1=n + 1, end=n + 1, value=value, unit="hạng", unit_kind="rank")
        r.scope, r.scope_span = m.scope, m.scope_span
        out.append(r)
        j = n + 1
    return out
