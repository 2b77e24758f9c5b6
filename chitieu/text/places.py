"""Places named in a sentence, read by the shape of a proper noun, not from a list of names.

A place is a run of two or more capitalised syllables ("Hà Nội", "Bà Rịa – Vũng Tàu", "Thừa
Thiên Huế"), or "TP" with what follows ("TP HCM", "TPHCM"), optionally after a lower-case or
sentence-initial place classifier ("tỉnh Long An", "Tỉnh Bà Rịa – Vũng Tàu"), which is left
out. A run that opens with the head of an organisation ("Bộ Khoa học", "Cục Thống kê",
"Liên Hợp Quốc") names a body, not a place. The ranked place of a rank is the place an
inverted copula names after it ("Thứ tư là tỉnh Bắc Giang", "Xếp vị trí thứ 4 và 5 lần lượt
là Phú Thọ và Đồng Nai"), else the first place its sentence names before it: Vietnamese puts
the subject first ("Hải Phòng lần đầu tiên vượt qua ... Quảng Ninh ... để vươn lên vị trí số 1").
"""

from __future__ import annotations

from collections.abc import Sequence

from chitieu.text import lexicon as lx
from chitieu.text.segment import joins
from chitieu.text.spans import Mention
from chitieu.text.structure import Structure
from chitieu.text.tokens import Token

_CLASSIFIERS = lx.PhraseSet(["tỉnh", "thành phố"])
# Heads of bodies: a capitalised run that opens with one is an organisation.
_BODIES = frozenset(
    "bộ cục sở ban ủy uỷ liên hội đảng chính quốc mặt tổng viện công ngân tập "
    "chương ngày báo nghị quyết thông luật kho".split()
)
_DASHES = frozenset(["–", "-", "—"])
# Words that open a predicate after its subject: verbs of figures and auxiliaries (closed classes).
PREDICATE_OPENERS = lx.AUX | frozenset(
    ["ước", "đạt", "có", "là", "tăng", "giảm", "đón", "thu", "chiếm", "xếp", "đứng", "dẫn", "vươn", "duy", "vẫn", "cũng", "tiếp", "giữ"]
)
_COPULA_LISTS = lx.PhraseSet(["lần lượt là", "là", "thuộc về"])


def _capital(t: Token) -> bool:
    return t.kind == "word" and t.text[:1].isupper()


def place_at(toks: Sequence[Token], j: int, stop: int) -> tuple[int, str] | None:
    """The place that starts at toks[j] as (the token after it, its words), or None."""
    k = _CLASSIFIERS.forward(toks, j, stop)
    kept = 0  # classifier syllables that belong to the name
    if k == 2 and toks[j].text[:1].isupper():
        k, kept = 0, 2  # "Thành phố Hồ Chí Minh" is the name itself; "tỉnh Long An", "Tỉnh Bà Rịa" name "Long An"
    if k and j + k < stop and _capital(toks[j + k]):
        j += k
    n0 = j + kept
    if n0 >= stop or not _capital(toks[n0]):
        return None
    first = toks[n0]
    e = n0
    syllables = 0
    while e < stop:
        if _capital(toks[e]) and (e == n0 or toks[e].start > toks[e - 1].end):
            e += 1
            syllables += 1
        elif toks[e].text in _DASHES and e + 2 < stop and e > n0 and _capital(toks[e + 1]) and _capital(toks[e + 2]):
            e += 1  # "Bà Rịa – Vũng Tàu"
        else:
            break
    # A run that ends inside a word is no name ("Tại Hội nghị", "Phó Bí thư"): it ends at the
    # last word it holds whole; unless what follows opens a predicate ("Khánh Hòa ước đón",
    # not the word "hòa ước").
    if e > n0 and toks[e - 1].kind == "word" and joins(toks, e, stop) and toks[e].low not in PREDICATE_OPENERS:
        syllables -= 1
        e -= 1
    tp = first.text.upper().startswith("TP") and first.text.isupper()
    if syllables < 2 and not (tp and len(first.text) > 2):
        return None
    if first.low in _BODIES or (first.text.isupper() and not tp and syllables < 3):
        return None  # "Bộ KH&CN", "Cục Hải quan", "GDP", "PCI 2024"
    return e, " ".join(x.text for x in toks[j:e])


def places_in(toks: Sequence[Token], a: int, b: int) -> list[tuple[int, int, str]]:
    """The places of toks[a:b], left to right, as (start, end, words); none inside brackets."""
    out: list[tuple[int, int, str]] = []
    depth = 0
    j = a
    while j < b:
        t = toks[j]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif (
            depth == 0 and t.kind == "word" and (t.text[:1].isupper() or t.low in ("tỉnh", "thành"))
        ):
            found = place_at(toks, j, b)
            if found is not None:
                out.append((j, found[0], found[1]))
                j = found[0]
                continue
        j += 1
    return out


def ranked_place(toks: Sequence[Token], st: Structure, m: Mention) -> str:
    """The place a rank (or a change of rank) ranks, "" when its sentence names none."""
    lo = st.sent[m.v0]
    stop = len(toks)
    hi = m.v0
    while hi < stop and st.sent[hi] == st.sent[m.v0]:
        hi += 1
    # An inverted copula after the phrase: "... vị trí thứ hai là tỉnh Quảng Ninh".
    after = m.scope_span[1] if m.scope_span else m.v1
    nth = 0
    if m.scope_span and m.scope_span[1] < m.v0:
        # A coordinated rank ("thứ 4 và 5"): count the ranks before it in the phrase.
        nth = sum(1 for t in toks[m.scope_span[0] - 1 : m.v0] if t.is_num)
    j = max(after, m.v1)
    while j < hi and (toks[j].is_num or toks[j].low in ("và", ",")):
        j += 1
    k = _COPULA_LISTS.forward(toks, j, hi)
    if k:
        listed = []
        e = j + k
        while e < hi:
            found = place_at(toks, e, hi)
            if found is None:
                break
            listed.append(found[1])
            e = found[0]
            if e < hi and toks[e].low in ("và", ","):
                e += 1
            else:
                break
        if listed:
            return listed[min(nth, len(listed) - 1)]
    for a, e, words in places_in(toks, lo, m.pred):
        if _subject_position(toks, lo, a, e, m.pred):
            return words
    return ""


def _subject_position(toks: Sequence[Token], lo: int, a: int, e: int, hi: int) -> bool:
    """True for a place that is its clause's subject: it opens the sentence or a clause (after
    a comma, or after "của" inside the subject: "chỉ số PCI 2024 của TP HCM tụt xuống"), and a
    predicate word follows it ("Hà Nội tăng", "Bắc Ninh đã"), not a list's glue ("Quảng Ninh,
    Đồng Tháp... để ...")."""
    s = a - 1
    while s >= lo and (toks[s].low in ("tỉnh", "thành", "phố") or toks[s].text in _DASHES):
        s -= 1
    opens = s < lo or toks[s].text in (",", ";", ":") or toks[s].low == "của"
    follows = (
        e < len(toks)
        and toks[e].kind == "word"
        and not toks[e].text[:1].isupper()
        and toks[e].low not in ("và", "cùng", "với")
    )
    return opens and follows


def document_index(toks: Sequence[Token]) -> str:
    """The abbreviation of the index a text is about: the first upper-case word within a few
    words after "chỉ số" ("Chỉ số PAPI", "chỉ số năng lực cạnh tranh cấp tỉnh năm 2024 (PCI
    2024)", "Chỉ số Chuyển đổi số (Digital Transformation Index - DTI)"); "" when none."""
    n = len(toks)
    for i in range(n - 1):
        if toks[i].low != "chỉ" or toks[i + 1].low != "số":
            continue
        for j in range(i + 2, min(n, i + 16)):
            t = toks[j]
            if t.text in ".;:" or (t.text == "," and toks[j - 1].text != "Index"):
                break
            if (
                t.kind == "word"
                and t.text.isupper()
                and 2 < len(t.text) <= 6
                and not t.text.startswith("TP")
            ):
                return t.text
    return ""


def subject_places(toks: Sequence[Token], st: Structure) -> set[str]:
    """The distinct places that are the subject of a sentence or clause of the text."""
    out: set[str] = set()
    n = len(toks)
    for a, e, words in places_in(toks, 0, n):
        if _subject_position(toks, st.sent[a], a, e, n):
            out.add(words)
    return out
