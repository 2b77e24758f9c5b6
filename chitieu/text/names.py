"""Indicator names: the phrase that says what a mention measures.

A name is read from the words before the value in its clause (after cutting off leading
discourse, subjects and periods), plus, for counts, the unit and the words after it
("Hoàn thành ... 8 xã nông thôn mới kiểu mẫu"). A mention with no words of its own borrows
from its neighbours: the previous mention in the sentence ("..., tăng 36,69%"), the colon
head ("Tỷ lệ chất thải rắn ...: ở đô thị đạt 100%") or the "trong đó" head.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from chitieu.text import lexicon as lx
from chitieu.text.numbers import WORD_NUMBERS
from chitieu.text.periods import PeriodMention, find_near
from chitieu.text.places import document_index, ranked_place, subject_places
from chitieu.text.segment import MAX_WORD, segment, snap_to_words
from chitieu.text.spans import Mention, aside
from chitieu.text.spans import join as _join
from chitieu.text.structure import Structure
from chitieu.text.tokens import Token

_ABBR_IN_PARENS = re.compile(r"\(([A-Z]{2,6})\)")
_DATE = re.compile(
    r"(?:(?:[Tt]ính )?(?:đến|tới|từ|vào|Đến|Tới|Từ|Vào) )?ngày\s{0,3}\d{1,2}\s{0,2}/\s{0,2}\d{1,2}(?:\s{0,2}/\s{0,2}\d{2,4})?(?![\d/])"
)
_NGAY = re.compile("ngày")  # every _DATE holds it, at most 9 characters in ("Tính đến ngày")
_DISCOURSE_STARTS = frozenset(
    "tại theo trong bên ngoài về đồng nhìn tính qua sau trước với đến từ nhờ do vì nếu khi năm "
    "quý tháng ước hiện riêng cùng để nhằm đối mặc dù tuy".split()
)
_CHANGE_VERBS = frozenset(["tăng", "giảm", "nâng", "hạ", "đưa", "kéo"])
# "trước năm 2025", "chậm nhất quý III", "đến năm 2025": these words go with their period.
_DEADLINE_WORDS = frozenset(["trước", "nhất", "đến", "tới"])
# Classifiers that say a number counts things without saying what: "đàn heo 156.800 con".
_CLASSIFIERS = frozenset(["con", "chiếc", "cái"])
_PLAN_OPENERS = ("chỉ tiêu", "kế hoạch", "mục tiêu", "nghị quyết")
_SUBJECT_STOPS = frozenset("của giữ đứng xếp đạt tiếp vẫn luôn có nằm thuộc ước tăng giảm là".split())


class Namer:
    """Builds names for the mentions of one text."""

    def __init__(self, text: str, toks: list[Token], st: Structure, periods: list[PeriodMention]) -> None:
        self.text = text
        self.toks = toks
        self.st = st
        self.period_tokens: set[int] = set()
        # Dates ("đến ngày 15/12/2024") say when a figure was counted, never what it measures:
        # they leave names like periods do.
        spans = [(p.start, p.end) for p in periods] + [(d.start(), d.end()) for d in find_near(_DATE, text, _NGAY, 9, 40)]
        for a, b in spans:
            i = st.starting_at(a)
            while i is not None and i < len(toks) and toks[i].start < b:
                self.period_tokens.add(i)
                i += 1

    # -- pieces ------------------------------------------------------------------------
    def region(self, m: Mention, prev: Mention | None) -> tuple[int, int]:
        """Return the token range [lo, hi) of the words before m's predicate that may name it."""
        st = self.st
        lo = st.clause[m.v0]
        if prev is not None and prev.end <= m.pred and prev.end > lo:
            lo = prev.end
        hi = m.pred
        # A value in brackets, "94,6% (tăng 1,2 điểm phần trăm ...)", starts after the bracket.
        for j in range(hi - 1, lo - 1, -1):
            if self.toks[j].text == ")":
                break
            if self.toks[j].text == "(":
                lo = j + 1
                break
        # Cut at the rightmost comma whose left piece reads as its own clause.
        commas = [j for j in range(lo, hi) if self.toks[j].text == ","]
        for idx in range(len(commas) - 1, -1, -1):
            c = commas[idx]
            nxt = commas[idx + 1] if idx + 1 < len(commas) else -1
            if 0 < nxt - c - 1 <= 3 and all(self.toks[j].is_word for j in range(c + 1, nxt)):
                continue  # "trung học cơ sở, tiểu học, mầm non ...": a short conjunct between commas is list glue
            left_lo = commas[idx - 1] + 1 if idx > 0 else lo
            right_words = sum(1 for t in self.toks[c + 1 : hi] if t.is_word)
            r0 = c + 1
            while r0 < hi and r0 in self.period_tokens:
                r0 += 1  # "..., năm 2024 tăng trưởng kinh tế ...": the period opens the name's clause
            right_measure = right_words >= 2 and lx.NAME_STARTS_MEASURE.forward(self.toks, r0, hi) > 0
            # "Báo cáo tại hội nghị cho biết, ...": what is said follows the speech verb.
            speech = lx.SPEECH.backward(self.toks, c - 1, left_lo) > 0
            if right_measure or speech or self._clause_like(left_lo, c, long_ok=right_words <= 2):
                lo = c + 1
                break
        return lo, hi

    def _after_copula(self, m: Mention, lo: int, hi: int) -> int:
        """"Nhiệm vụ trọng tâm ... đặt ra trong năm 2021 là thu nhập bình quân đầu người đạt
        trên 29 triệu đồng": where the value has a predicate verb of its own, a copula before
        it equates a frame with the clause it introduces, so the subject of that clause names
        the value; the frame stays out."""
        toks = self.toks
        if hi >= len(toks) or toks[hi].low not in _OWN_PREDICATES:
            return lo
        for j in range(hi - 2, lo - 1, -1):
            if toks[j].low == "là" and toks[j + 1].is_word:
                return j + 1
        return lo

    def _clause_like(self, a: int, b: int, long_ok: bool = False) -> bool:
        words = [t for j, t in enumerate(self.toks[a:b], a) if (t.is_word or t.is_num) and not self.st.marker[j]]
        aux = [k for k, t in enumerate(words) if t.low in lx.AUX]
        if aux and 0 < len(words) - aux[-1] - 1 <= 3:
            words = words[aux[-1] + 1 :]  # "lực lượng công an đã điều tra, làm rõ": a run of verbs
        strive = [k for k in range(1, len(words)) if words[k].low == "đấu" and words[k - 1].low == "phấn"]
        if strive and strive[-1] + 1 < len(words):
            words = words[strive[-1] + 1 :]  # "Công an tỉnh phấn đấu tỷ lệ điều tra, ...": the name starts after
        if len(words) >= 2 and words[0].low == "trong" and words[1].low == "đó":
            words = words[2:]
            if words and words[0].low in ("có", "là", "được"):
                words = words[1:]
        if not words:
            return True
        if len(words) > 8 and not long_ok:
            return True
        if words[0].low in _DISCOURSE_STARTS:
            return True
        for k, t in enumerate(words):
            if t.is_num or t.low in lx.AUX or (k > 0 and t.capitalised and t.text not in ("GRDP", "FDI")):
                return True
        return any(j in self.period_tokens for j in range(a, b))

    def clean(self, a: int, b: int) -> tuple[int, int]:
        """Trim markers, leading discourse words, subjects before "đã", and trailing
        function words from toks[a:b]; return the kept range."""
        toks, st = self.toks, self.st
        lo, hi = a, b
        if b - a > 24:
            a = b - 18
        changed = True
        while changed and a < b:
            changed = False
            while a < b and (st.marker[a] or toks[a].kind == "punct" and toks[a].text not in "(“\""):
                a += 1
                changed = True
            k = lx.LEAD_TRIM.forward(toks, a, b)
            if k and a + k <= b:
                a += k
                changed = True
            while a < b and a in self.period_tokens:
                a += 1
                changed = True
            k = _whole_place(toks, a, b)
            if k:
                a += k  # "Toàn xã còn 152 hộ nghèo": the whole place is the scope, not the measure
                changed = True
        for j in range(b - 1, a, -1):
            k = _GOAL_FRAMES.backward(toks, j, a)
            if k and j + 1 < b:
                a = j + 1  # "Hội nghị thống nhất phấn đấu tăng trưởng GRDP", "Tỉnh cũng đặt mục tiêu đón ...": the goal's words
                break
        if a + 1 < b and toks[a].low in _CHANGE_VERBS and lx.NAME_STARTS_MEASURE.forward(toks, a + 1, b):
            a += 1  # "Giảm tỷ lệ hộ nghèo xuống dưới 1,5%" names the rate
        measured_subject = lx.NAME_STARTS_MEASURE.forward(toks, a, b) > 0 or (a < b and toks[a].low == "quỹ")
        for j in range(b - 1, a - 1, -1):
            if measured_subject:
                break  # "Quỹ ... các cấp đã vận động được": the subject is what is measured
            if toks[j].low in lx.AUX and j + 1 < b:
                a = j + 1
                k = lx.LEAD_TRIM.forward(toks, a, b)
                if k and a + k < b:
                    a += k
                break
        if lx.ORG_HEADS.forward(toks, a, b):
            for j in range(a + 1, b):
                if toks[j].text == ",":
                    break  # a head coordinated with others is a noun phrase: "ngành chế biến, chế tạo"
                if not toks[j].capitalised and lx.ACTION_VERBS.forward(toks, j, b) and j > a + 1:
                    a = j  # "Ủy ban Kiểm tra Đảng ủy Khối kiểm tra ..." -> "kiểm tra ..."
                    break
        k = lx.OWNER_TAILS.backward(toks, b - 1, a + 1)
        if k:
            b -= k
        while b > a and (
            toks[b - 1].low in lx.NAME_TRIM and not _digital(toks, b - 1, a)
            or toks[b - 1].kind == "punct" and toks[b - 1].text not in ")”\""
            or (b - 1) in self.period_tokens
        ):
            b -= 1
        return snap_to_words(toks, lo, hi, a, b)

    def words(self, a: int, b: int) -> str:
        """The text of toks[a:b] without period mentions ("(IIP) quý 1" -> "(IIP)")."""
        toks = self.toks
        # "hoàn thành trước năm 2025 việc xây dựng": the deadline goes with its period.
        keep = [
            j
            for j in range(a, b)
            if j not in self.period_tokens and not (toks[j].low in _DEADLINE_WORDS and j + 1 in self.period_tokens)
        ]
        if not keep:
            return ""
        out = self.toks[keep[0]].text
        for prev, j in zip(keep, keep[1:], strict=False):
            x = self.toks[j]
            if j != prev + 1 or x.start > self.toks[prev].end:
                out += " "
            out += x.text
        return out.strip()

    def head_text(self, rng: tuple[int, int] | None) -> tuple[str, str]:
        """Return (prefix, qualifier) from a colon head: a measure phrase to put before
        sub-names, or a document reference "(Nghị quyết số 28-NQ/TU)" to put after."""
        if rng is None:
            return "", ""
        toks = self.toks
        if rng[1] - rng[0] >= 2 and toks[rng[1] - 2].low == "trong" and toks[rng[1] - 1].low == "đó":
            return "", ""  # "..., trong đó:" opens a sub-list; its head item names the parts
        a, b = self.clean(*rng)
        for j in range(a, b):
            k = lx.DOC_REF_HEADS.forward(toks, j, b)
            if k:
                e = j + k
                if e < b and toks[e].low == "số":
                    e += 1
                if e < b and toks[e].is_num:
                    e += 1
                    while e < b and toks[e].start == toks[e - 1].end:
                        e += 1
                    return "", "(" + _join(toks, j, e) + ")"
        first = rng[0]
        while first < rng[1] and (self.st.marker[first] or toks[first].kind == "punct"):
            first += 1
        if b - a > 14 or b <= a or (first < rng[1] and toks[first].low in ("về", "đối")):
            return "", ""
        if lx.SECTION_HEADS.forward(toks, first, rng[1]) or lx.SECTION_HEADS.forward(toks, a, b):
            return "", ""
        if toks[a].low in ("về", "đối") or any(lx.SPEECH.forward(toks, j, b) for j in range(a, b)):
            return "", ""
        if any(toks[j].low == "chỉ" and j + 1 < b and toks[j + 1].low == "tiêu" for j in range(a, b)):
            return "", ""
        classifier = _counted_class(toks, first, rng[1])
        if classifier:
            return classifier, ""  # "Cả ba trụ cột đều ghi nhận ...: Chính quyền số đạt 0,7582" names "Trụ cột Chính quyền số"
        if any(toks[j].low in _PREDICATE_ADVERBS for j in range(a, b)):
            return "", ""  # "Cả ba trụ cột đều ghi nhận sự thay đổi đáng kể:": a clause, no measure
        return self.words(a, b), ""

    # -- names -------------------------------------------------------------------------
    def name_all(self, ms: list[Mention]) -> None:
        """Set indicator, own, base and sub_of on every mention.

        A name that is a bare abbreviation ("IIP") takes the longer name the text gave it
        earlier ("Chỉ số sản xuất công nghiệp (IIP)").
        """
        self.long_names: dict[str, str] = {}
        self._mentions = ms
        prev: Mention | None = None
        for idx, m in enumerate(ms):
            m.sub_of = self._sub_head(m, ms, idx)
            same_sentence = prev is not None and self.st.sent[prev.v0] == self.st.sent[m.v0]
            self._name(m, prev if same_sentence else None, ms[m.sub_of] if m.sub_of >= 0 else None)
            prev = m

    def _name(self, m: Mention, prev: Mention | None, sub_head: Mention | None) -> None:
        """Name one mention: its own words, then what its neighbours and heads lend it."""
        lo, hi = self.region(m, prev)
        lo = self._after_copula(m, lo, hi)
        m.region_lo = lo
        a, b = self.clean(lo, hi)
        self._fronted_change(m, a)
        own = self.words(a, b) if b > a else ""
        if own.lower() in ("bình quân", "trung bình", "tính chung", "lũy kế", "luỹ kế"):
            own = ""
        m.own = own
        m.name_start = a if own else m.pred
        if m.unit_kind == "rank":
            self._rank_name(m, prev)
            return
        if self._rank_change_name(m, prev) or self._rank_score_name(m, prev):
            return
        name = self._own_name(m, prev, own)
        name = self._plan_share_or_inherit(m, prev, own, name, sub_head)
        if sub_head is not None and sub_head is not m:
            name = self._sub_item_name(m, name, sub_head, lo, hi)
        name = self._with_head(m, own, name)
        name = self._borrow_measure(m, prev, own, name)
        name = self._attribute_of_previous(m, prev, own, name)
        name = self._aside_name(m, prev, own) or name
        m.indicator = _capitalise(self._finish(m, name))

    def _fronted_change(self, m: Mention, a: int) -> None:
        """"Giảm tỷ lệ hộ nghèo bình quân hằng năm là 3%": a change verb fronted before the
        measure, its value given by a copula, states the change (decrease_by/increase_by)."""
        toks = self.toks
        if m.comparator != lx.EQ or a < 1 or toks[a - 1].low not in ("tăng", "giảm"):
            return
        if not lx.NAME_STARTS_MEASURE.forward(toks, a, m.pred) or any(t.low not in _COPULAS for t in toks[m.pred : m.v0]):
            return
        m.comparator = lx.DECREASE if toks[a - 1].low == "giảm" else lx.INCREASE

    def _attribute_of_previous(self, m: Mention, prev: Mention | None, own: str, name: str) -> str:
        """"Khởi công mới 73 dự án với quy mô 57.815 căn", "thu hút 68 dự án với tổng vốn đăng
        ký hơn 45.000 tỷ đồng": a figure in a "với" complement of a count measures what was
        counted ("Quy mô khởi công mới dự án")."""
        a = m.name_start
        if not own or prev is None or a < 1 or self.toks[a - 1].low != "với" or prev.unit_kind not in ("count", "generic"):
            return name
        if self.st.clause[prev.v0] != self.st.clause[m.v0] or prev.end > a - 1 or len(own.split()) > 4 or not prev.base:
            return name
        if prev.base.lower() in name.lower():
            return name
        return f"{own} {prev.base[:1].lower()}{prev.base[1:]}"  # the attribute's own words, not its unit

    def _aside_name(self, m: Mention, prev: Mention | None, own: str) -> str:
        """A figure in a bracket after what it measures, with no name of its own or only a
        plan word ("8,7%/năm (chỉ tiêu Đại hội là 10 - 11%/năm)", "tỷ lệ đô thị hóa (năm
        2023 mới đạt 14,5%, ...)"), is named by the words before the bracket; "" otherwise."""
        toks = self.toks
        if own and not own.lower().startswith(_PLAN_OPENERS) or m.unit_kind == "rank":
            return ""
        br = aside(toks, self.st, m)
        if br is None or toks[m.pred - 1].text == "(":
            return ""
        a = br[0]
        if prev is not None and prev.end == a and prev.base:
            name = prev.base
        else:
            lo = a - 1
            while lo >= self.st.clause[a] and toks[lo].text not in ",;:()":
                lo -= 1
            # Only a measure before the bracket ("tỷ lệ ...", "số ...") names it, from its first word.
            start = next((j for j in range(lo + 1, a) if lx.NAME_STARTS_MEASURE.forward(toks, j, a)), -1)
            if start < 0:
                return ""
            b0, b1 = self.clean(start, a)
            name = self.words(b0, b1) if b1 > b0 else ""
            if not name:
                return ""
        m.base = name
        return name

    def _rank_name(self, m: Mention, prev: Mention | None) -> None:
        """"Xếp hạng <what is ranked> (<the place ranked>)" where the sentence names the place
        (../shared/gold/README.md: a passage covering several places puts the place in
        brackets); else "Xếp hạng <what is ranked> <among what>", a second rank sharing the
        first's subject."""
        place = ranked_place(self.toks, self.st, m) if self._several_places() else ""
        if place:
            topic = self._rank_topic(m, prev)
            m.own = topic
            m.indicator = " ".join(x for x in ("Xếp hạng", topic, f"({place})") if x)
            m.base = m.indicator
            return
        if prev is not None and prev.unit_kind == "rank":
            subject = prev.own
        else:
            subject = prev.base if prev is not None else self._subject(m)
        subject = subject[:1].lower() + subject[1:] if subject[1:2].islower() else subject
        m.own = subject
        m.indicator = " ".join(x for x in ("Xếp hạng", subject, m.scope or "") if x)
        m.base = m.indicator

    def _rank_change_name(self, m: Mention, prev: Mention | None) -> bool:
        """"Hà Nội tăng 4 bậc trong PCI 2024": a change of rank, named "Xếp hạng <what is
        ranked> (<place>, thay đổi)". False (nothing set) when m is no change in "bậc"."""
        if m.unit != "bậc" or m.comparator not in lx.CHANGE_COMPARATORS:
            return False
        place = ranked_place(self.toks, self.st, m) if self._several_places() else ""
        if not place:
            a, b = self.clean(*self.region(m, prev))
            own = self.words(a, b) if b > a else ""
            if not own and prev is not None and self.st.sent[prev.v0] == self.st.sent[m.v0]:
                own = prev.base  # "chỉ số PAR INDEX của huyện đạt 89,6 điểm, tăng 2 bậc"
            if own:
                # "Chỉ số PAR INDEX tăng 2 bậc": the rank of the named index.
                m.indicator = m.base = "Thứ hạng " + own[:1].lower() + own[1:] if own[1:2].islower() else "Thứ hạng " + own
                m.own = own
                return True
        topic = self._rank_topic(m, prev)
        inside = ", ".join(x for x in (place, "thay đổi") if x)
        m.own = topic
        m.indicator = " ".join(x for x in ("Xếp hạng", topic, f"({inside})") if x)
        m.base = m.indicator
        return True

    def _several_places(self) -> bool:
        """True when the text ranks several places (its ranks name two or more), or reports on
        three or more (as the subject of a sentence or clause): only then does a name carry
        its place in brackets."""
        if not hasattr(self, "_several"):
            ranked = {ranked_place(self.toks, self.st, r) for r in self._mentions if r.unit_kind == "rank"} - {""}
            self._several = len(ranked) >= 2 or len(subject_places(self.toks, self.st)) >= 3
        return self._several

    def _topic_of_value(self, m: Mention, prev: Mention | None) -> str:
        """"thu hút FDI đạt 1,62 tỷ USD, đứng thứ 8 cả nước": a rank after a figure of its
        clause ranks what the figure measures."""
        if prev is None or prev.unit_kind == "rank" or prev.unit == "bậc" or self.st.clause[prev.v0] != self.st.clause[m.v0]:
            return ""
        if prev.base.startswith(("Điểm số", "Xếp hạng", "Thứ hạng")):
            return prev.own  # a rank's score lends what the rank ranks, not its own name
        return prev.base

    def _rank_score_name(self, m: Mention, prev: Mention | None) -> bool:
        """"vươn lên vị trí số 1 với 74,84 điểm": the score a rank comes with, named "Điểm số
        <what is ranked> (<place>)". False (nothing set) for any other mention."""
        toks = self.toks
        if m.unit == "điểm" and m.v0 > 0 and toks[m.v0 - 1].low == "với" and (prev is None or prev.unit_kind != "rank"):
            own = m.own
            index = self._topic_of_document(m, prev)
            if index and not (own and lx.NAME_STARTS_MEASURE.forward(_tokens_of(own), 0)):
                # "Tỉnh Đắk Nông đứng cuối bảng với 38,97 điểm": the score on the text's index.
                m.indicator = m.base = f"Điểm số {index}"
                m.own = index
                return True
        if prev is None or prev.unit_kind != "rank" or m.unit != "điểm" or self.st.sent[prev.v0] != self.st.sent[m.v0]:
            return False
        between = [t.low for t in toks[prev.v1 : m.v0] if t.kind == "word"]
        if "với" not in between[:1] + between[-1:] or len(between) > 12:
            return False
        place = ranked_place(toks, self.st, prev) if self._several_places() else ""
        topic = prev.own if place else ""
        m.own = topic
        m.indicator = " ".join(x for x in ("Điểm số", topic, f"({place})" if place else "") if x)
        m.base = m.indicator
        return True

    def _rank_topic(self, m: Mention, prev: Mention | None) -> str:
        """What a rank ranks, by RANK_TOPICS in order; "" when none reads."""
        for rule in RANK_TOPICS:
            words = rule.read(self, m, prev)
            if words:
                return words
        return ""

    def _topic_after(self, m: Mention, prev: Mention | None) -> str:
        """"dẫn đầu cả nước về xuất khẩu hàng hóa", "tăng 15 bậc trong bảng xếp hạng Chính phủ
        điện tử", "tăng 4 bậc trong PCI 2024": the words after "về" or "trong (bảng xếp hạng)"."""
        toks = self.toks
        a, stop = (m.scope_span if m.scope_span else (m.v1, m.v1))
        stop = max(stop, m.end)
        hi = min(len(toks), stop + 12)
        j = a
        while j < hi and toks[j].low not in ("về", "trong") and toks[j].text not in CLAUSE_STOPS:
            j += 1
        if j >= hi or toks[j].text in CLAUSE_STOPS:
            return ""
        j += 1
        if toks[j - 1].low == "trong":
            k = _RANKING_TABLES.forward(toks, j, hi)
            j += k
        e = j
        while e < hi and toks[e].text not in CLAUSE_STOPS and toks[e].low not in _TOPIC_ENDS and e not in self.period_tokens:
            e += 1
        return self.words(j, e)

    def _topic_of_neighbour(self, m: Mention, prev: Mention | None) -> str:
        """A rank after another rank or rank change of its sentence ranks the same thing."""
        if prev is None or not (prev.unit_kind == "rank" or prev.unit == "bậc"):
            return ""
        return prev.own

    def _topic_of_document(self, m: Mention, prev: Mention | None) -> str:
        """The index the text is about: an abbreviation given to a "chỉ số" ("chỉ số năng lực
        cạnh tranh cấp tỉnh năm 2024 (PCI 2024)", "Chỉ số PAPI")."""
        if not hasattr(self, "_document_index"):
            self._document_index = document_index(self.toks)
        return self._document_index

    def _own_name(self, m: Mention, prev: Mention | None, own: str) -> str:
        """The name from the mention's own words, by unit kind: counts add what they count
        ("8 xã nông thôn mới"), a bare percentage names the share of what follows it."""
        toks = self.toks
        tail = self.words(*m.tail) if m.tail else ""
        if m.unit_kind == "pct" and not own and m.comparator in lx.CHANGE_COMPARATORS and tail.lower().startswith(("số ", "tổng số ")):
            return tail  # "giảm 20% số vụ tai nạn giao thông": the count changes by 20%
        if tail.lower().startswith(("số ", "các ", "những ")):
            tail = tail.split(" ", 1)[1]
        if m.unit_kind == "zero":
            # "không còn hộ nghèo trên địa bàn phường": the count of what is gone, its place scope left out
            at = tail.lower().find(" trên địa bàn")
            tail = tail[:at] if at > 0 else tail
            return tail
        if m.unit_kind in ("count", "generic") or _scaled_count(m.unit, m.unit_kind):
            if own.lower() == "đón" and m.unit.split("/")[0].endswith(" khách") and not tail.lower().startswith("du lịch"):
                # "đón 19,2 triệu lượt khách": receiving visitors counts tourists
                own, tail = "", " ".join(x for x in ("du lịch", tail) if x)
            elif own.lower() == "đón":
                own = ""
            between = [t.low for t in toks[prev.end : m.pred]] if prev is not None else []
            joined_by_comma = bool(between) and set(between) <= {",", "và"}
            if not own and not tail and prev is not None and prev.base and (
                prev.unit == m.unit or m.comparator in lx.CHANGE_COMPARATORS
            ):
                return prev.base  # "có thêm 3 xã ..., nâng tổng số lên 7 xã"; "..., giảm 11 trường hợp"
            if not own and joined_by_comma and prev is not None and prev.unit_kind in ("count", "generic"):
                own = prev.own  # "kiểm tra 40 – 45 lượt tổ chức đảng, 25 – 30 đảng viên"
                if own and prev.name_start >= 0 and between == ["và"]:
                    m.name_start = prev.name_start  # "giám sát 3 tổ chức đảng và 3 đảng viên": the shared verb states both
            unit = m.unit.split("/")[0]
            if own and unit.split(" ")[-1] in _CLASSIFIERS:
                unit = " ".join(unit.split(" ")[:-1])  # "đàn heo 156.800 con" names the herd
            if unit.split(" ")[0] in ("triệu", "tỷ", "tỉ", "nghìn", "ngàn"):
                noun = [w for w in unit.split()[1:] if w not in ("lượt", "tỷ", "tỉ", "triệu", "nghìn", "ngàn")]
                return " ".join(x for x in (own, " ".join(noun), tail) if x) or m.unit
            if tail.startswith(","):
                return " ".join(x for x in (own, unit + tail) if x)  # "lượt cán bộ, đảng viên"
            if own and unit.lower() in own.lower().split(" ") + [own.lower()]:
                unit = ""  # "số người chết giảm 9 người" already names its unit
            return " ".join(x for x in (own, unit, tail) if x)
        pred_words = [t.low for t in toks[m.pred : m.v0]]
        if m.unit_kind == "pct" and tail and not own and prev is not None and "chiếm" in pred_words:
            return f"{prev.base} so với {tail}"  # "..., chiếm 29,5% GRDP": a share of the whole
        if m.unit_kind == "pct" and tail and not lx.NAME_STARTS_MEASURE.forward(_tokens_of(own), 0):
            return " ".join(x for x in ("Tỷ lệ", tail, own) if x)
        if m.unit_kind in ("money", "measure") and tail:
            return " ".join(x for x in (own, tail) if x)
        return own

    def _plan_share_or_inherit(self, m: Mention, prev: Mention | None, own: str, name: str, sub_head: Mention | None) -> str:
        """A share of a plan is named after what it measures ("Tỷ lệ hoàn thành kế hoạch
        ...", "... so với dự toán Trung ương giao"); a nameless mention takes the previous
        one's name. Sets m.base, the name a following mention inherits."""
        inherited = prev.base if not own and prev is not None else ""
        start = m.baseline_span[0] if m.baseline_span else 0
        if m.baseline and m.unit_kind == "pct" and lx.PLAN_HEADS.forward(self.toks, start):
            base = own or inherited or (sub_head.base if sub_head else "")
            m.base = base
            low = m.baseline.lower()
            if lx.MEASURE_HEADS.forward(_tokens_of(base), 0):
                return f"{base} so với {m.baseline}"  # "tỷ lệ giải ngân ... đạt 82,6% kế hoạch vốn"
            for plan in ("kế hoạch", "chỉ tiêu", "mục tiêu"):
                if low.startswith(plan):
                    return f"Tỷ lệ hoàn thành {plan} {base}".strip()
            if low.startswith("kh"):
                return f"Tỷ lệ hoàn thành kế hoạch {base}".strip()
            return f"{base} so với {m.baseline}".strip()
        if not name and inherited and prev is not None and prev.planned is not None and m.unit_kind == "pct" and m.comparator == "=":
            if not lx.MEASURE_HEADS.forward(_tokens_of(inherited), 0):
                inherited = "Tỷ lệ " + inherited[:1].lower() + inherited[1:]  # "hoàn thành 36/38 cuộc ..., đạt 94,7%"
        name = name or inherited
        m.base = name
        if (
            name
            and name == inherited
            and prev is not None
            and m.comparator in lx.CHANGE_COMPARATORS
            and m.unit_kind == "pct"
            and prev.comparator not in lx.CHANGE_COMPARATORS
            and prev.unit_kind != "pct"
            and len(name.split()) > 1
            and not _bare_measure(name)
        ):
            # "Thu ngân sách đạt 2,4 triệu tỷ đồng, tăng 30,9% so với cùng kỳ", "xuất khẩu đạt
            # trên 430 tỉ USD, tăng 16,1%": a rate of change as a second predicate of a level's
            # subject (coordination names its change once the places are lent). Not for a bare
            # measure head, "sản lượng ước đạt 4,2 triệu tấn, tăng 3,2%": an ellipsis whose
            # complement, "lúa", is not read yet.
            m.level_change = True
        return name

    def _sub_item_name(self, m: Mention, name: str, sub_head: Mention, lo: int, hi: int) -> str:
        """A "trong đó" sub-item borrows its head's measure ("Tăng trưởng dịch vụ") or, after
        "có"/"là", the whole head ("Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ")."""
        k = lx.MEASURE_HEADS.forward(_tokens_of(sub_head.base), 0)
        starts_measure = lx.NAME_STARTS_MEASURE.forward(_tokens_of(name), 0) > 0
        relative = self._starts_relative(lo, hi)
        if not name:
            name = sub_head.base
        elif relative:
            name = f"{sub_head.base} {self.toks[relative].text} {name}"
        elif k and not starts_measure:
            name = " ".join(sub_head.base.split()[:k]) + " " + name
        m.base = m.base or name
        return name

    def _with_head(self, m: Mention, own: str, name: str) -> str:
        """Apply the colon head: its measure phrase before the name ("Số bác sĩ/vạn dân:
        10 bác sĩ", with its compound unit) or its document reference after it."""
        prefix, qualifier = self.head_text(self.st.head[m.v0])
        if prefix:
            compound = _compound_unit(prefix, m.unit)
            if compound:
                m.unit = compound
                if m.unit_kind in ("count", "generic") and not own and not m.tail:
                    name = ""
        topic = _change_topic(prefix)
        if topic and name and lx.NAME_STARTS_MEASURE.forward(_tokens_of(name), 0):
            name = f"{name} {topic[:1].lower()}{topic[1:]}"  # "Số vụ tai nạn giao thông"
        elif prefix and name and self._topic_heading(m):
            pass  # "b) Chăn nuôi: ... đàn heo 156.800 con": a section's topic is not part of the name
        elif prefix and not lx.NAME_STARTS_MEASURE.forward(_tokens_of(name), 0):
            name = _merge_head(prefix, name, m.unit.split("/")[0] if not own else "")
            head = self.st.head[m.v0]
            if not own and head is not None and m.pred - head[1] <= 2:
                m.name_start = self.clean(*head)[0]
        elif prefix and not name:
            name = prefix
        if qualifier:
            name = f"{name} {qualifier}".strip()
            m.base = f"{m.base} {qualifier}".strip()
        return name

    def _topic_heading(self, m: Mention) -> bool:
        """True when m's colon head is a list item's topic ("a) Trồng trọt:", "b) Chăn
        nuôi:"): after a marker, not a measure."""
        head = self.st.head[m.v0]
        if head is None or not self.st.marker[head[0]]:
            return False
        first = head[0]
        while first < head[1] and (self.st.marker[first] or self.toks[first].kind == "punct"):
            first += 1
        return first < head[1] and not lx.NAME_STARTS_MEASURE.forward(self.toks, first, head[1])

    def _borrow_measure(self, m: Mention, prev: Mention | None, own: str, name: str) -> str:
        """"Tỷ lệ điều tra án hình sự đạt trên 85%, trọng án đạt trên 95%": a rate joined by a
        comma to a rate borrows its measure word ("Tỷ lệ trọng án")."""
        if not own or prev is None or m.unit_kind != "pct" or prev.unit_kind != "pct" or name != own:
            return name
        between = {t.text for t in self.toks[prev.end : m.pred] if t.kind == "punct"}
        k = lx.MEASURE_HEADS.forward(_tokens_of(prev.base), 0)
        if between != {","} or not k or lx.NAME_STARTS_MEASURE.forward(_tokens_of(name), 0):
            return name
        return " ".join(prev.base.split()[:k]) + " " + name

    def _finish(self, m: Mention, name: str) -> str:
        """Last touches: "nâng tổng số lên" names a total, "đạt tỷ lệ" a rate, a bare unit
        becomes "Số <unit>", a bare abbreviation takes the long name the text gave earlier."""
        pred_words = " ".join(t.low for t in self.toks[m.pred : m.v0])
        if "tỷ lệ" in pred_words and name and not lx.MEASURE_HEADS.forward(_tokens_of(name), 0):
            name = "Tỷ lệ " + name[:1].lower() + name[1:]  # "..., đạt tỷ lệ 91,7%"
        if "chiếm" in pred_words and m.unit_kind == "pct" and not m.tail and name and not lx.MEASURE_HEADS.forward(_tokens_of(name), 0):
            name = "Tỷ trọng " + name[:1].lower() + name[1:]  # "thu nội địa chiếm trên 70%": a share
        if "tổng số" in pred_words and name and not name.lower().startswith("tổng"):
            name = "Tổng số " + name[:1].lower() + name[1:]  # "nâng tổng số lên 210 sản phẩm"
            m.base = m.base or name
        if not name and m.unit_kind in ("money", "measure", "pct"):
            name = self._sentence_subject(m)  # "thu ngân sách ... đạt được kết quả đáng ghi nhận, ước đạt 51.465 tỷ đồng"
            m.base = m.base or name
        if not name or name == m.unit.split("/")[0]:
            name = "Số " + m.unit if m.unit_kind in ("count", "generic") else name or m.unit
        bare = name.strip()
        # GRDP/GDP name a level, a growth and a per-head figure alike: never expanded.
        if bare.isupper() and " " not in bare and bare in self.long_names and bare not in ("GRDP", "GDP"):
            name = self.long_names[bare]
            if m.base == bare:
                m.base = name
        name = self._spelled_out(name)
        if m.unit_kind == "pct" and m.comparator not in lx.CHANGE_COMPARATORS and not m.direction and name.lower().startswith("số "):
            name = "Tỷ lệ " + name[3:]  # "số xã đạt chuẩn NTM trên 90%": a share is no count
        change = _CHANGE_NAMES.get(m.direction)
        if change and name and "mức" not in name.lower():
            name = f"{name[:-1]}, {change})" if name.endswith(")") else f"{name} ({change})"  # "giảm trên 3%": the change is bounded
        for abbr in _ABBR_IN_PARENS.findall(name):
            self.long_names.setdefault(abbr, name.split(" so với ")[0])
        return name

    def _spelled_out(self, name: str) -> str:
        """A name's abbreviations written as the text spelled them out ("Tỷ trọng KTS" ->
        "Tỷ trọng kinh tế số" after "kinh tế số (KTS)"): an abbreviation is the words right
        before it in brackets whose first letters spell it."""
        if not hasattr(self, "_acronyms"):
            self._acronyms = acronyms(self.toks)
        if not self._acronyms:
            return name
        return " ".join(self._acronyms.get(w, w) for w in name.split(" "))

    def _sentence_subject(self, m: Mention) -> str:
        """The measure a sentence opens with, as the subject of a predicate that names none of
        its own: from the first word that opens a measure before the value, up to a verb or
        function word that ends a noun phrase; "" when the sentence opens none."""
        toks = self.toks
        # A sentence's subject opens it; a run-on "sentence" of thousands of figures is read
        # only as far back as a sentence reaches (80 tokens), so reading stays linear.
        lo = max(self.st.sent[m.v0], m.pred - _SENTENCE_REACH)
        for j in range(lo, m.pred):
            if j in self.period_tokens or not lx.NAME_STARTS_MEASURE.forward(toks, j, m.pred):
                continue
            e = j + 1
            while e < m.pred and toks[e].is_word and toks[e].low not in _SUBJECT_ENDS and e not in self.period_tokens:
                e += 1
            return self.words(j, e)
        return ""

    def _starts_relative(self, lo: int, hi: int) -> int:
        """Index of a "có"/"là"/"được" opening a relative clause after "trong đó", or 0."""
        j = lo
        while j < hi and (self.toks[j].kind == "punct" or self.toks[j].low in ("trong", "đó")):
            j += 1
        return j if j < hi and self.toks[j].low in ("có", "là", "được") else 0

    def _sub_head(self, m: Mention, ms: list[Mention], idx: int) -> int:
        """Index of the mention heading the "trong đó" list that holds ms[idx], or -1."""
        s = self.st.sub[m.v0]
        if s < 0:
            return -1
        for k in range(idx - 1, -1, -1):
            h = ms[k]
            if h.unit_kind == "rank":
                continue
            br = aside(self.toks, self.st, h)
            if br is not None and not br[0] < s < br[1]:
                continue  # "tăng 6,28% (kế hoạch tăng 7%), trong đó ...": the aside heads nothing
            if h.end <= s:
                return k if self.st.item[h.v0] == self.st.item[m.v0] else -1
        return -1

    def _subject(self, m: Mention) -> str:
        """What a rank ranks: the sentence's subject before "của"/verbs, periods cut off."""
        toks = self.toks
        a, b = self.clean(*self.region(m, None))
        e = a
        while e < b and toks[e].text != "," and toks[e].low not in _SUBJECT_STOPS:
            e += 1
        return self.words(a, e)


@dataclass(frozen=True)
class TopicRule:
    """One way to find what a rank ranks; `read(namer, mention, previous)` returns the words
    or ""."""

    name: str
    examples: tuple[str, ...]
    read: Callable[[Namer, Mention, Mention | None], str]


# What a rank ranks, tried in order.
RANK_TOPICS: list[TopicRule] = [
    TopicRule("after", ("dẫn đầu cả nước về xuất khẩu hàng hóa", "tăng 4 bậc trong PCI 2024"), Namer._topic_after),
    TopicRule("neighbour", ("tăng 15 bậc trong bảng xếp hạng Chính phủ điện tử, đứng thứ 71/193 quốc gia",), Namer._topic_of_neighbour),
    TopicRule("value", ("thu hút FDI đạt 1,62 tỷ USD, đứng thứ 8 cả nước",), Namer._topic_of_value),
    TopicRule("document", ("Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) ... Thứ tư là tỉnh Bắc Giang",), Namer._topic_of_document),
]
_RANKING_TABLES = lx.PhraseSet(["bảng xếp hạng", "xếp hạng"])
_TOPIC_ENDS = frozenset(["với", "là", "khi", "và", "trong", "của", "so", "để", "từ", "lên"])
CLAUSE_STOPS = frozenset(",;:.!?…()[]")


_SENTENCE_REACH = 80  # tokens, as spans.sentence_end reads forward
# Predicate words that only equate a measure with its value.
_COPULAS = frozenset(["là", "ở", "mức", "đạt"])


# The change a bounded change names (../shared/gold/README.md: "Tỷ lệ hộ nghèo (mức giảm)").
_CHANGE_NAMES = {"increase_by": "mức tăng", "decrease_by": "mức giảm"}
# Adverbs that only stand in a predicate: a colon head holding one is a clause.
_PREDICATE_ADVERBS = lx.AUX | frozenset(["đều", "cũng"])
# Verbs that open a value's own predicate ("... đạt trên 29 triệu đồng").
_OWN_PREDICATES = frozenset(["đạt", "tăng", "giảm", "chiếm"])
# Verbs that frame a goal before what it measures; the name starts after them.
_GOAL_FRAMES = lx.PhraseSet(["phấn đấu", "đặt mục tiêu", "đặt ra mục tiêu", "đề ra mục tiêu"])
# Words that end a sentence's subject: its verbs and the function words after a noun phrase.
_SUBJECT_ENDS = _SUBJECT_STOPS | lx.POST_STOPS | lx.AUX | frozenset(["được", "bị", "vẫn", "đã"])
_CURRENCY = frozenset(["đồng", "usd", "đô", "la", "euro", "yên", "mỹ"])


_WHOLE = frozenset(["toàn", "cả"])
_PLACE_NOUNS = lx.PhraseSet(["xã", "phường", "thị trấn", "thị xã", "huyện", "quận", "tỉnh", "thành phố", "thôn", "khu phố", "nước", "vùng"])


def _counted_class(toks: list[Token], a: int, b: int) -> str:
    """The noun a head counts its items by: "Cả ba trụ cột đều ...:" -> "trụ cột", "Cả hai khu
    vực ...:" -> "khu vực" (a quantifier, a number word, then one word); "" for any other head."""
    if a + 2 >= b or toks[a].low not in _WHOLE or toks[a + 1].low not in WORD_NUMBERS:
        return ""
    start = a + 2
    end = segment(toks, start, min(b, start + MAX_WORD))[0][1]
    if not all(t.is_word and not t.capitalised for t in toks[start:end]):
        return ""
    return " ".join(t.text for t in toks[start:end])


def _whole_place(toks: list[Token], a: int, b: int) -> int:
    """Length of "toàn"/"cả" + a place noun opening toks[a:b] ("toàn xã", "cả nước"), with
    0 otherwise."""
    if a + 1 >= b or toks[a].low not in _WHOLE:
        return 0
    k = _PLACE_NOUNS.forward(toks, a + 1, b)
    return 1 + k if k else 0


def _digital(toks: list[Token], j: int, a: int) -> bool:
    """True for "số" closing a noun ("Chính quyền số", "kinh tế số", "chuyển đổi số"): the
    adjective "digital", kept; "số" after a function word or alone is the count word, trimmed."""
    return toks[j].low == "số" and j > a and toks[j - 1].is_word and toks[j - 1].low not in lx.NAME_TRIM


def _scaled_count(unit: str, kind: str) -> bool:
    """True for a count with a scale word ("triệu lượt khách", "nghìn tấn" is a measure):
    it is named like a count, by what it counts."""
    words = unit.split("/")[0].lower().split()
    return kind == "money" and len(words) >= 2 and words[-1] not in _CURRENCY


def _change_topic(head: str) -> str:
    """The topic of a head that says how it changed: "Tai nạn giao thông giảm cả 3 tiêu chí"
    -> "Tai nạn giao thông"; "" for any other head."""
    words = head.split()
    for k, w in enumerate(words):
        if w.lower() in ("tăng", "giảm") and k > 0:
            return " ".join(words[:k])
    return ""


def _merge_head(prefix: str, name: str, unit: str) -> str:
    """Put a colon head before a name without saying a word twice: "Số bác sĩ" + "bác sĩ"
    -> "Số bác sĩ"; "Tỷ lệ hộ nghèo" + "hộ nghèo theo chuẩn" -> "Tỷ lệ hộ nghèo theo
    chuẩn"; "Số xã đạt chuẩn ..." + the bare unit "xã" -> the head alone."""
    head, words = prefix.split(), name.split()
    low_head, low_words = [w.lower() for w in head], [w.lower() for w in words]
    if unit and name.lower() == unit.lower() and unit.lower() in " ".join(low_head):
        return prefix
    for k in range(min(len(head), len(words)), 0, -1):
        if low_head[-k:] == low_words[:k]:
            return " ".join(head + words[k:])
    if unit and low_words[: len(unit.split())] == unit.lower().split() and unit.lower() in " ".join(low_head):
        return " ".join(head + words[len(unit.split()) :])  # "Số hộ nghèo:" + "hộ ... theo chuẩn"
    return f"{prefix} {name}".strip()


def _compound_unit(head: str, unit: str) -> str:
    """The compound unit a head names for a bare count: head "Số bác sĩ/vạn dân", unit
    "bác sĩ" -> "bác sĩ/vạn dân"; "" when the head names none."""
    low = head.lower()
    at = low.find(unit.lower() + "/") if unit and "/" not in unit else -1
    if at < 0:
        return ""
    rest = head[at + len(unit) + 1 :]
    words: list[str] = []
    for w in rest.split():
        if not w[:1].isalpha() and not w[:1].isdigit():
            break
        words.append(w.rstrip(":,;"))
        if len(words) == 2 or w.endswith((":", ",", ";")):
            break
    return unit + "/" + " ".join(words) if words else ""


def acronyms(toks: list[Token]) -> dict[str, str]:
    """{"KTS": "kinh tế số"} for each "kinh tế số (KTS)" of the text: an upper-case word of 2-6
    letters alone in brackets, spelled by the first letters of as many words right before it."""
    out: dict[str, str] = {}
    for i in range(1, len(toks) - 2):
        if toks[i].text != "(" or toks[i + 2].text != ")":
            continue
        abbr = toks[i + 1].text
        n = len(abbr)
        if not (abbr.isupper() and abbr.isalpha() and 2 <= n <= 6) or i < n or abbr in out:
            continue
        before = toks[i - n : i]
        if all(t.is_word for t in before) and "".join(_initial(t.text) for t in before) == abbr:
            out[abbr] = " ".join(t.text if t.text.isupper() else t.low for t in before)
    return out


def _initial(word: str) -> str:
    """A word's first letter, upper-case, its diacritics off ("đ" is "D")."""
    first = word[:1].upper()
    return "D" if first == "Đ" else unicodedata.normalize("NFD", first)[:1]


def _bare_measure(name: str) -> bool:
    """True for a name that is only a measure head ("Sản lượng", "Tỷ lệ"): it needs a complement."""
    toks = _tokens_of(name)
    return lx.MEASURE_HEADS.forward(toks, 0) == len(toks) or lx.NAME_STARTS_MEASURE.forward(toks, 0) == len(toks)


def _tokens_of(name: str) -> list[Token]:
    out: list[Token] = []
    pos = 0
    for w in name.split():
        out.append(Token(w, w.lower(), pos, pos + len(w), "word"))
        pos += len(w) + 1
    return out


def _capitalise(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s
