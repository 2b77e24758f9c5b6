"""Quantity mentions: a number (or range, ratio, rank, "không còn") with its unit and
comparator, found on the token list. Names, kinds and periods are added later."""

from __future__ import annotations

from itertools import chain, compress
from operator import attrgetter

from chitieu.text import lexicon as lx
from chitieu.text.numbers import looks_like_year, parse_number
from chitieu.text.segment import MAX_WORD, segment
from chitieu.text.spans import Mention, join, sentence_end, tail_words, touch
from chitieu.text.special import RANK_OPENERS, rank_conjuncts, rank_mention, zero_mention
from chitieu.text.structure import Structure
from chitieu.text.tokens import Token

_DASHES = frozenset("-–—")
_NUMBERISH_UNITS = frozenset(["pct", "money", "measure"])


def find_mentions(text: str, toks: list[Token], st: Structure) -> list[Mention]:
    """Return the quantity mentions of the text, left to right, never overlapping."""
    out: list[Mention] = []
    used_until = 0
    n = len(toks)
    resume = 0  # after a mention, reading resumes at the end of its value
    for i in _openers(toks):
        if i < used_until or i < resume:
            continue
        t = toks[i]
        m: Mention | None = None
        if t.low in _RANK_WORDS:
            m = rank_mention(toks, st, i)
        elif t.low == "không" and i + 1 < n and toks[i + 1].low == "còn":
            m = zero_mention(toks, st, i)
        elif t.is_num and not st.marker[i]:
            m = _number(text, toks, st, i, out[-1].end if out else 0)
        if m is not None and _others_figure(toks, st, m):
            m = None  # "cao hơn bình quân cả nước (18%)": the nation's figure, not the unit's
        if m is None:
            continue
        if out and m.unit_kind in ("count", "generic") and "/" in m.unit:
            p = out[-1]
            if p.unit_kind in ("count", "generic") and "/" not in p.unit and [t.low for t in toks[p.end : m.pred]] == ["và"]:
                p.unit += m.unit[m.unit.index("/") :]
        out.append(m)
        used_until = m.end
        resume = m.v1
        if m.unit_kind == "rank":
            more = rank_conjuncts(toks, st, m)
            if more:
                m.end = min(m.end, more[0].pred - 1)
                out.extend(more)
                used_until = resume = more[-1].end
    return _without_thresholds(toks, out)


_THRESHOLD_GAP = 12  # tokens between a counted group and the bound that defines it
# Words that make the bound the group's own figure, not its definition: "25 dự án với tổng vốn
# đăng ký hơn 45.000 tỷ đồng" (a sum), "... và ..." (another figure).
_AGGREGATE_WORDS = frozenset(["với", "tổng", "và", "cùng"])


def _without_thresholds(toks: list[Token], ms: list[Mention]) -> list[Mention]:
    """Leave out the bounds that define a counted group rather than state a figure: "có 16/34
    địa phương có mức tăng trưởng GRDP đạt từ 8% trở lên", "6 địa phương tăng trưởng trên
    10%": the count is the
    figure, the bound says which members it counts (../shared/gold/README.md: definitional
    thresholds are no items). The bound follows the count in its clause, nothing but words
    (and the count's bracket) between them."""
    out: list[Mention] = []
    for m in ms:
        p = out[-1] if out else None
        if (
            p is not None
            and m.comparator in (lx.GE, lx.LE)
            and p.unit_kind in ("count", "generic", "zero")
            and p.comparator == lx.EQ
            and 0 <= m.pred - p.end <= _THRESHOLD_GAP
            and all(t.is_word or t.text == ")" for t in toks[p.end : m.pred])
            and not any(t.low in _AGGREGATE_WORDS for t in toks[p.end : m.pred])
        ):
            continue
        out.append(m)
    return out


_RANK_WORDS = RANK_OPENERS
_OPENER_WORDS = _RANK_WORDS | {"không"}


def _openers(toks: list[Token]) -> list[int]:
    """Indices of the tokens a mention can open at: numbers and the words of ranks and of
    "không còn", in order (found without a Python step per token)."""
    words = compress(range(len(toks)), map(_OPENER_WORDS.__contains__, map(attrgetter("low"), toks)))
    nums = compress(range(len(toks)), map("num".__eq__, map(attrgetter("kind"), toks)))
    return sorted(chain(words, nums))


_OTHERS = lx.PhraseSet(["cả nước", "toàn quốc", "bình quân chung", "mức chung", "khu vực", "toàn vùng", "vùng", "các tỉnh", "cả vùng", "toàn ngành"])


def _others_figure(toks: list[Token], st: Structure, m: Mention) -> bool:
    """True for a bare value in brackets after a comparison with others: "thấp hơn mức
    bình quân cả nước (47,8%)", "cao hơn khu vực (6,2%)". A plan in brackets ("thấp hơn
    chỉ tiêu đề ra (8,5%)") and the unit's own figures stay items."""
    if m.pred != m.v0 or m.v0 == 0 or toks[m.v0 - 1].text != "(" or m.end >= len(toks) or toks[m.end].text != ")":
        return False
    lo = max(st.clause[m.v0], m.v0 - 8)
    return any(_OTHERS.backward(toks, j, lo) for j in range(lo, m.v0 - 1))


def _glued_measure(toks: list[Token], k: int) -> bool:
    """True for a lower-case measure written onto its number ("642,5ha", "20km"): a quantity,
    where a code ("5G", "4.0T") is not."""
    q = toks[k]
    e = k + lx.MEASURES.forward(toks, k)
    return e > k and q.text.islower() and (e >= len(toks) or not touch(toks[e - 1], toks[e]) or not toks[e].is_word)


def _is_reference(toks: list[Token], st: Structure, i: int) -> bool:
    """True when toks[i] is a number used as a name: "Nghị quyết số 45", "lần thứ 15", a
    code or date part ("COVID-19", "28-NQ/TU", "19/7"), a phone number or a list marker."""
    t = toks[i]
    n = len(toks)
    if i > 0:
        p = toks[i - 1]
        if touch(p, t) and (p.is_word or p.is_num or p.text in "-/.:&_#@"):
            return True
        k = lx.REF_WORDS.backward(toks, i - 1, max(0, i - 3))
        if k:
            if toks[i - 1].low == "số" and i >= 2 and toks[i - 2].low in ("tổng", "có"):
                pass
            elif toks[i - 1].low == "năm" and i >= 2 and toks[i - 2].low in _FREQUENCY:
                pass  # "trồng cây ăn quả hằng năm 100 ha": an adverb of frequency, no year
            elif _verb_not_document(toks, i, k):
                pass  # "kết luận 35 tổ chức đảng có vi phạm": the verb, not Kết luận số 35
            else:
                return True
        if lx.WEAK_REF_WORDS.backward(toks, i - 1, max(0, i - 3)):
            nxt = i + 1
            if not (nxt < n and (toks[nxt].text == "%" or lx.COUNTS.forward(toks, nxt) or lx.MEASURES.forward(toks, nxt))):
                return True
    if i + 1 < n:
        q = toks[i + 1]
        if touch(t, q) and (q.is_word or q.text in ":_@#&") and not _glued_measure(toks, i + 1):
            return True
        if touch(t, q) and q.text in _DASHES and i + 2 < n and touch(q, toks[i + 2]) and toks[i + 2].is_word:
            return True  # 28-NQ
    for j in range(max(0, i - 4), i):
        if toks[j].low in lx.PHONE_WORDS:
            return True
    return False


_FREQUENCY = frozenset(["hằng", "hàng", "mỗi"])
_VERB_DOCS = frozenset([("kết", "luận"), ("quyết", "định"), ("thông", "báo")])


def _verb_not_document(toks: list[Token], i: int, k: int) -> bool:
    """True when the word before toks[i] names a document type but is the verb in lower
    case ("kết luận", "quyết định", "thông báo") and a counted unit follows the number."""
    words = tuple(t.low for t in toks[i - k : i])
    if words not in _VERB_DOCS or toks[i - k].capitalised:
        return False
    return i + 1 < len(toks) and lx.COUNTS.forward(toks, i + 1) > 0


def _unit_after(toks: list[Token], k: int, stop: int) -> tuple[str, str, int]:
    """Return (unit, kind, end index) for the unit starting at toks[k], or ("", "", k)."""
    if k >= stop:
        return "", "", k
    t = toks[k]
    if t.text == "%":
        e = k + 1
        if e + 1 < stop and toks[e].text == "/" and touch(toks[e - 1], toks[e]):
            d = lx.PERCENT_DENOMS.forward(toks, e + 1, stop)
            if d:
                return "%/" + " ".join(x.low for x in toks[e + 1 : e + 1 + d]), "pct", e + 1 + d
        return "%", "pct", e
    ratio = _ratio_unit(toks, k, stop)
    if ratio is not None:
        return ratio
    words: list[str] = []
    kind = ""
    e = k
    s = lx.SCALES.forward(toks, e, stop)
    while s:
        # A scale word in its standard spelling ("tỉ đồng" is written "tỷ đồng"), as the gold writes
        # units; scale words stack ("2,4 triệu tỉ đồng").
        words += [lx.SCALE_SPELLINGS.get(x.low, x.low) for x in toks[e : e + s]]
        e += s
        kind = "money"
        s = lx.SCALES.forward(toks, e, stop)
    s = len(words)
    m = lx.MEASURES.forward(toks, e, stop)
    c = lx.COUNTS.forward(toks, e, stop)
    if toks[e].low == "lượt" if e < stop else False:
        c2 = lx.COUNTS.forward(toks, e + 1, stop)
        if c2:
            c = 1 + c2
    if m >= c and m:
        words += [x.text if x.text.isupper() else x.low for x in toks[e : e + m]]
        e += m
        kind = "money" if words[-1] in ("đồng", "usd", "đô", "la", "euro", "yên", "mỹ") else "measure"
    elif c:
        words += [x.text if x.text.isupper() else x.text.lower() for x in toks[e : e + c]]
        e += c
        kind = kind or "count"
        # "8/9 quận, huyện", "12 xã, phường, thị trấn": sibling places counted together.
        last = c
        while _PLACES.forward(toks, e - last, e) == last and e + 1 < stop and toks[e].text == ",":
            nxt = _PLACES.forward(toks, e + 1, stop)
            if not nxt or (e + 1 + nxt < stop and toks[e + 1 + nxt].is_num):
                break
            words[-1] += ","
            words += [x.low for x in toks[e + 1 : e + 1 + nxt]]
            e, last = e + 1 + nxt, nxt
    elif not s and e < stop:
        w = toks[e]
        if w.is_word and not w.capitalised and w.low not in lx.NOT_UNITS and len(w.low) > 1:
            # Any noun after a number may be its unit: the whole word ("63 địa phương"), not its
            # first syllable.
            n = segment(toks, e, min(stop, e + MAX_WORD))[0][1] - e
            words.append(" ".join(x.low for x in toks[e : e + n]))
            e += n
            kind = "generic"
    if not words:
        return "", "", k
    if e < stop and (words[-1], toks[e].low) in _NOT_A_UNIT_PAIRS:
        return "", "", k  # "2 con số", "1.234 lượt xem": not a counted quantity
    if words[-1] == "điểm" and e < stop and toks[e].is_word and toks[e].low not in lx.POST_STOPS and toks[e].low != "phần":
        return "", "", k  # "520 điểm cầu", "12 điểm du lịch": places, not a score
    # Compound units: "giường bệnh/vạn dân", "triệu đồng/người/năm".
    while e + 1 < stop and toks[e].text == "/" and touch(toks[e - 1], toks[e]):
        d = lx.DENOMINATORS.forward(toks, e + 1, stop)
        if not d:
            break
        words[-1] += "/" + " ".join(x.low for x in toks[e + 1 : e + 1 + d])
        e += 1 + d
    unit = " ".join(words).replace("usd", "USD").replace("teu", "TEU")
    return unit, kind, e


def _partitive(toks: list[Token], k: int, stop: int) -> tuple[int] | None:
    """"27 trong 63 địa phương", "5 trong số 10 tỉnh", "3 trong tổng số 12 xã": the index of the
    whole's number when a count is stated as a part of it, else None."""
    if k >= stop or toks[k].low != "trong":
        return None
    j = k + 1
    if j < stop and toks[j].low == "tổng":
        j += 1
    if j < stop and toks[j].low == "số":
        j += 1
    if j < stop and toks[j].is_num and "," not in toks[j].text:
        return (j,)
    return None


def _number(text: str, toks: list[Token], st: Structure, i: int, prev_end: int = 0) -> Mention | None:
    t = toks[i]
    n = len(toks)
    if _is_reference(toks, st, i):
        return None
    if i > 0 and toks[i - 1].low == "cả" and not (i > 1 and toks[i - 2].low in ("trong", "của")):
        return None  # "giảm cả 3 tiêu chí": all three, not a count of anything
    value = parse_number(t.text)
    if value is None:
        return None
    stop = sentence_end(toks, st, i)
    k = i + 1
    value_max: float | None = None
    planned: float | None = None
    # "44/41 tổ chức" (done against planned) or a date "19/7", "04/12/2021".
    if k + 1 < stop and toks[k].text == "/" and touch(t, toks[k]) and toks[k + 1].is_num and touch(toks[k], toks[k + 1]):
        if k + 2 < n and toks[k + 2].text in "/-" and touch(toks[k + 1], toks[k + 2]):
            return None
        planned = parse_number(toks[k + 1].text)
        k += 2
    whole = _partitive(toks, k, stop)
    if whole is not None:
        k = whole[0] + 1  # "27 trong 63 địa phương": a part of a whole, counted in the whole's unit
    unit, kind, e = _unit_after(toks, k, stop)
    # Ranges: "3.300 – 3.500", "8-10", "từ 7,5 đến 8,0%/năm", "2,5% - 3%".
    r = e if unit else k
    if planned is None and r + 1 < stop and (toks[r].text in _DASHES or toks[r].low in ("đến", "tới")) and toks[r + 1].is_num:
        second = parse_number(toks[r + 1].text)
        if second is not None and second > value and not _is_reference(toks, st, r + 1) or (
            second is not None and second > value and toks[r].text in _DASHES and touch(toks[r], toks[r + 1])
        ):
            unit2, kind2, e2 = _unit_after(toks, r + 2, stop)
            r2 = e2 if unit2 else r + 2
            if r2 + 1 < stop and toks[r2].text in _DASHES and toks[r2 + 1].is_num:
                pass  # "34,60% - 35,50% - 29,90%": three values joined by dashes are a list, no range
            elif unit2 and (not unit or unit2 == unit):
                value_max, unit, kind, e = second, unit2, kind2, e2
            elif not unit2 and unit:
                value_max, e = second, r + 2
    if not unit and _bare_score(toks, i, stop):
        unit, kind, e = "điểm", "measure", i + 1
    if not unit:
        return None
    if looks_like_year(t.text) and kind not in _NUMBERISH_UNITS:
        return None
    if kind == "generic" and planned is None and not _quantity_context(toks, st, i, e):
        return None
    m = Mention(pred=i, v0=i, v1=e, end=e, value=value, unit=unit, unit_kind=kind)
    m.value_max, m.planned = value_max, planned
    _predicate(toks, st, m)
    if m.v0 > 0 and toks[m.v0 - 1].low == "âm" and m.pred < m.v0:
        m.value = -m.value  # "tăng trưởng âm 2,5%"
        if m.value_max is not None:
            m.value_max = -m.value_max
    if value_max is not None:
        m.comparator = lx.RANGE
    e = m.v1
    ab = lx.AFTER_BOUND_SET.forward(toks, e, stop)
    if not ab and e + 1 < stop and toks[e].low == "mới" and m.unit_kind == "count":
        ab = lx.AFTER_BOUND_SET.forward(toks, e + 1, stop)
        if ab:
            e += 1  # "kết nạp 3.800 đảng viên mới trở lên"
    if ab:
        if value_max is None:  # "giảm từ 0,5% trở lên" is >=: the bound wins over the direction
            if m.comparator in lx.CHANGE_COMPARATORS:
                m.direction = m.comparator
            m.comparator = lx.AFTER_BOUNDS[tuple(x.low for x in toks[e : e + ab])]
        e += ab
    if e < stop and toks[e].low in ("lên", "xuống") and m.comparator in lx.CHANGE_COMPARATORS and value_max is None:
        m.comparator = lx.EQ  # "tăng từ 60% lên 65,5%": 60% is where it started
    per = _per_population(toks, e, stop)
    if per and m.unit_kind in ("count", "generic") and "/" not in m.unit:
        m.unit += "/" + per[0]
        m.v1 = e = per[1]
    m.end = e
    _baseline(toks, stop, m)
    if m.baseline is None and (m.unit_kind in ("count", "generic") or not _named_before(toks, st, m, prev_end)):
        m.tail = tail_words(toks, st, m.end, stop, m.unit_kind)
        if m.tail:
            m.end = m.tail[1]
    if whole is not None and m.baseline is None:
        m.baseline = join(toks, whole[0], m.v1)  # the whole the part is of: "63 địa phương"
    return m


def _named_before(toks: list[Token], st: Structure, m: Mention, prev_end: int) -> bool:
    """True when the words before m's predicate start with a measure ("Tỷ lệ ...",
    "Tổng thu ..."), so the words after the unit are not needed to name it."""
    j = max(st.clause[m.v0], prev_end)
    while j < m.pred:
        t = toks[j]
        if st.marker[j] or t.kind == "punct":
            j += 1
            continue
        k = lx.LEAD_TRIM.forward(toks, j, m.pred)
        if k:
            j += k
            continue
        if t.low == "thu" and j + 1 < m.pred and toks[j + 1].low == "hút":
            return False  # "thu hút" attracts; "thu" alone is revenue
        return lx.NAME_STARTS_MEASURE.forward(toks, j, m.pred) > 0
    return False


# Places counted together after commas ("quận, huyện", "huyện, thị xã, thành phố").
_PLACES = lx.PhraseSet(
    ["xã", "phường", "thị trấn", "thị xã", "huyện", "quận", "tỉnh", "thành phố", "thôn", "bản", "ấp", "làng",
     "tổ dân phố", "khu phố", "khóm", "xóm"]
)  # fmt: skip
_NOT_A_UNIT_PAIRS = frozenset(
    [("con", "số"), ("lượt", "xem"), ("lượt", "truy"), ("lượt", "thích"), ("lượt", "chia"), ("lượt", "bình"),
     ("lượt", "đọc"), ("lượt", "tải")]
)
_PER_WORDS = frozenset(["trên", "mỗi", "/"])
# The population a count is per, as written: "trên 1 vạn dân" is "vạn dân", "trên 10.000 dân" "10.000 dân".
_PER_SIZES = {"vạn": "vạn dân", "10.000": "10.000 dân", "nghìn": "nghìn dân", "ngàn": "nghìn dân", "1.000": "1.000 dân"}


_SCORE_ENDS = frozenset([",", ";", ".", "(", ")"])


# Function words after which a bare "đạt 0,8241" has ended its value: "... đạt 0,8241 với việc ...".
_SCORE_END_WORDS = frozenset(["với", "và", "so", "khi", "trong"])


def _bare_score(toks: list[Token], i: int, stop: int) -> bool:
    """A decimal with no unit reached by "đạt" and closing its clause ("DTI quốc gia năm 2024
    đạt 0,7955, tăng 8,6%"): an index's score, in "điểm" as the gold writes index scores."""
    t = toks[i]
    if "," not in t.text or i == 0:
        return False
    if toks[i - 1].text == "(" and i + 1 < stop and toks[i + 1].text == ")":
        # "Thừa Thiên Huế (0,7951)": a bare decimal below one with three or more decimals, alone
        # in a bracket, is an index on the 0-1 scale.
        whole, _, decimals = t.text.partition(",")
        return whole == "0" and len(decimals) >= 3 and decimals.isdigit()
    if toks[i - 1].low != "đạt":
        return False
    return i + 1 >= stop or toks[i + 1].text in _SCORE_ENDS or toks[i + 1].low in _SCORE_END_WORDS


def _ratio_unit(toks: list[Token], k: int, stop: int) -> tuple[str, str, int] | None:
    """A count per population ("3,4 dược sĩ trên 10.000 dân", "12 bác sĩ trên 1 vạn dân"):
    the lower-case words between the number and the per-population phrase are what is
    counted, whatever the noun; (unit, "count", end) or None."""
    e = k
    while e < stop and e - k < 3 and toks[e].is_word and not toks[e].capitalised and toks[e].low not in _PER_WORDS:
        if toks[e].low in lx.POST_STOPS or toks[e].low in lx.NAME_TRIM:
            return None
        e += 1
    if e == k:
        return None
    per = _per_population(toks, e, stop)
    if per is None:
        return None
    return " ".join(t.low for t in toks[k:e]) + "/" + per[0], "count", per[1]


def _per_population(toks: list[Token], e: int, stop: int) -> tuple[str, int] | None:
    """Read "trên 1 vạn dân" / "/vạn dân" after a count: ("vạn dân", end index) or None."""
    if e >= stop or toks[e].low not in _PER_WORDS:
        return None
    k = e + 1
    if k < stop and toks[k].low in ("1", "một") and k + 1 < stop and toks[k + 1].low in _PER_SIZES:
        k += 1
    if k + 1 < stop and toks[k].low in _PER_SIZES and toks[k + 1].low in ("dân", "người"):
        return _PER_SIZES[toks[k].low], k + 2
    return None


_PROPERTY_VERBS = frozenset(["đạt", "được", "hoàn", "có", "bị", "vượt", "chưa", "không", "thực", "đã"])


def _quantity_context(toks: list[Token], st: Structure, i: int, e: int = -1) -> bool:
    """True when a number with an unfamiliar noun sits where quantities are stated: right
    after a verb of achievement or comparison, or inside a numbered or bulleted list."""
    j = i - 1
    lo = max(st.clause[i], i - 3)
    while j >= lo:
        w = toks[j]
        if lx.VERBS.backward(toks, j, lo) or lx.BOUND_SET.backward(toks, j, lo) or lx.CHANGE_SET.backward(toks, j, lo):
            if w.low == "có" and 0 <= e < len(toks) and toks[e].low in _PROPERTY_VERBS:
                return True  # "có 21 em đạt giải": a group counted by what it did
            return w.low not in ("có", "cho", "với", "về", "ra", "là")
        if w.low in ("kết", "nạp", "lập", "thành", "dựng", "hút", "quyết", "tạo", "tra", "sát", "mới", "tiêu"):
            return True
        j -= 1
    return False


def _predicate(toks: list[Token], st: Structure, m: Mention) -> None:
    """Walk back from the value over comparator words and verbs; set m.pred and m.comparator.

    A change verb ("giảm ít nhất 5%", "tăng trên 10%") makes the item a change, its bound
    implied; a level word ("giảm còn dưới 0,5%") makes it a level with that bound.
    """
    lo = st.clause[m.v0]
    j = m.v0 - 1
    bound: str | None = None
    change: str | None = None
    change_words: tuple[str, ...] = ()
    level = False
    while j >= lo:
        b = lx.BOUND_SET.backward(toks, j, lo)
        c = lx.CHANGE_SET.backward(toks, j, lo)
        v = lx.VERBS.backward(toks, j, lo)
        if not (b or c or v):
            if toks[j].low in lx.DEGREE_ADVERBS and j > lo and lx.CHANGE_SET.backward(toks, j - 1, lo):
                j -= 1  # "tăng mạnh 16,2%": an adverb of degree between the change and its value
                continue
            break
        if b >= c and b >= v:
            key = tuple(x.low for x in toks[j - b + 1 : j + 1])
            word = lx.BOUNDS[key]
            if key[-1] in ("còn", "lên"):
                level = True
            elif bound is None and key != ("từ",):
                bound = word
            j -= b
        elif c >= v:
            if change is None:
                change_words = tuple(x.low for x in toks[j - c + 1 : j + 1])
                change = lx.CHANGES[change_words]
            j -= c
        else:
            if toks[j - v + 1].low == "chỉ" and j - v >= lo and toks[j - v].low in ("chứng", "địa"):
                v -= 1  # "chứng chỉ đạt": "chỉ" belongs to the noun
                if v == 0:
                    break
            j -= v
    m.pred = j + 1
    if bound is not None and bound != lx.EQ:
        m.comparator = bound  # a bound word wins over a direction word: "tăng hơn 10%" is >=
        if change is not None and not level and change_words[0] in ("tăng", "giảm", "ước", "bình"):
            m.direction = change  # "giảm trên 3%" names the fall; "vượt trên 6%" names no change of its own
    elif change is not None and not level:
        m.comparator = change


def _baseline(toks: list[Token], stop: int, m: Mention) -> None:
    """Read "so với cùng kỳ năm 2023" or a plan ("dự toán Trung ương giao") after the unit."""
    e = m.end
    start = e
    if e < stop and toks[e].low == "so":
        e += 1
        if e < stop and toks[e].low == "với":
            e += 1
    elif m.unit_kind == "pct" and lx.PLAN_HEADS.forward(toks, e, stop):
        pass
    else:
        return
    b0 = e
    while e < stop and e - b0 < 8 and toks[e].text not in ",;:.()" and toks[e].low not in ("và", "tăng", "giảm", "đạt", "trong", "của"):
        e += 1
        if toks[e - 1].low == "giao":
            break
    if e == b0:
        return
    m.baseline = join(toks, b0, e)
    m.baseline_span = (start, e)
    m.end = e
