"""The shape of a text: paragraphs, sentences, list items, clauses and colon heads.

Computed once over the token list so the extractor can ask, for any token, where its
sentence, its list item and its clause begin, and which head phrase ("Tỷ lệ chất thải rắn
...:", "trong đó") governs it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import chain, compress
from operator import attrgetter

from chitieu.text.tokens import Token

_SENTENCE_END = frozenset(".!?…")
_BULLETS = frozenset("-+•*–—·●▪○")
_ROMAN = frozenset("i ii iii iv v vi vii viii ix x xi xii".split())
_OPENERS = frozenset("(\"“'‘[")
_EVENT_WORDS = _SENTENCE_END | {";", ":", "(", "trong"}


@dataclass
class Structure:
    """Per-token structure arrays (all of len(tokens)).

    para[i], sent[i], item[i], clause[i]: token index where the paragraph, sentence, list
    item and clause holding token i begin. A clause ends at ";" or ":"; a list item at a
    marker "(3)", "a)", a bullet or a sentence end. marker[i] is True for list-marker and
    bullet tokens. head[i] is the (start, end) token range of the colon head governing
    token i within its list item, or None; sub[i] is the index of the "trong đó" that
    opens the sub-list holding token i, or -1. starts[i] and ends[i] are token i's offsets.
    """

    para: list[int] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    item: list[int] = field(default_factory=list)
    clause: list[int] = field(default_factory=list)
    marker: list[bool] = field(default_factory=list)
    head: list[tuple[int, int] | None] = field(default_factory=list)
    sub: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def starting_at(self, offset: int) -> int | None:
        """The index of the token that starts at `offset`, or None."""
        k = bisect_left(self.starts, offset)
        return k if k < len(self.starts) and self.starts[k] == offset else None

    def ending_at(self, offset: int) -> int | None:
        """The index of the token that ends at `offset`, or None."""
        k = bisect_left(self.ends, offset)
        return k if k < len(self.ends) and self.ends[k] == offset else None


def analyse(text: str, toks: list[Token]) -> Structure:
    """Return the structure of `toks` (tokens of `text`)."""
    s = Structure()
    n = len(toks)
    s.starts = starts = list(map(attrgetter("start"), toks))
    s.ends = list(map(attrgetter("end"), toks))
    if not n:
        return s
    # Only some tokens can change the state: "(", the punctuation that ends a sentence or a
    # clause, "trong", a paragraph's first token (the first after a newline), and the tokens
    # right after a boundary or inside a marker. The tokens between them (words, numbers,
    # commas) take the state as it stands, a whole run at a time.
    para_starts = {0}
    nl = text.find("\n")
    while nl >= 0:
        k = bisect_right(starts, nl)
        if k >= n:
            break
        para_starts.add(k)
        nl = text.find("\n", starts[k])
    lows = map(attrgetter("low"), toks)  # a punctuation token's low is its text
    # Two ascending runs: sorting them is one merge.
    events = sorted(chain(sorted(para_starts), compress(range(n), map(_EVENT_WORDS.__contains__, lows))))
    events.append(n)
    para = sent = item = clause = 0
    head: tuple[int, int] | None = None
    sub = -1
    skip_marker = 0
    add_para, add_sent, add_item, add_clause = s.para.append, s.sent.append, s.item.append, s.clause.append
    add_marker, add_head, add_sub = s.marker.append, s.head.append, s.sub.append
    k = 0
    i = 0
    while i < n:
        t = toks[i]
        new_para = i in para_starts
        if new_para:
            para = sent = item = clause = i
            head, sub = None, -1
        is_marker = False
        if skip_marker:
            skip_marker -= 1
            is_marker = True
        elif t.text == "(" or new_para or clause == i or sent == i:
            m = _marker_length(text, toks, i, new_para or clause == i or sent == i)
            if m:
                item = clause = i
                head, sub = None, -1
                skip_marker = m - 1
                is_marker = True
        if t.low == "trong" and i + 1 < n and toks[i + 1].low == "đó" and not is_marker:
            sub = i
        add_para(para)
        add_sent(sent)
        add_item(item)
        add_clause(clause)
        add_marker(is_marker)
        add_head(head)
        add_sub(sub)
        # Boundaries take effect from the next token on.
        boundary = False
        if is_marker or t.kind != "punct":
            pass  # the "." of "II." or "1." belongs to the marker
        elif t.text in _SENTENCE_END and _ends_sentence(text, toks, i):
            sent = item = clause = i + 1
            head, sub = None, -1
            boundary = True
        elif t.text == ";":
            clause = i + 1
            boundary = True
        elif t.text == ":":
            head = (_label_start(toks, clause, i), i)
            clause = i + 1
            boundary = True
        if skip_marker or boundary:
            i += 1
            continue
        while events[k] <= i:
            k += 1
        run = events[k] - i - 1  # quiet words before the next event
        if run:
            s.para += [para] * run
            s.sent += [sent] * run
            s.item += [item] * run
            s.clause += [clause] * run
            s.marker += [False] * run
            s.head += [head] * run
            s.sub += [sub] * run
        i = events[k]
    return s


def _label_start(toks: list[Token], clause: int, colon: int) -> int:
    """Where the colon label ending at `colon` begins: after the last comma of its clause that
    follows a quantity. A label is a noun phrase; the value of the item before it is not part
    of it ("ngân sách cấp tỉnh: 10.075 triệu đồng, ngân sách cấp xã: 7.650 triệu đồng" labels
    the second value "ngân sách cấp xã"). Each colon looks back over its own clause only."""
    for j in range(colon - 1, clause, -1):
        if toks[j].text == ",":
            if any(t.is_num for t in toks[clause:j]):
                return j + 1
            break
    return clause


# Abbreviations written with a full stop before a name ("TP. HCM", "TX. Sơn Tây", "TS. Nguyễn
# Văn A"): administrative units and titles, a closed class; their "." ends no sentence.
_ABBREVIATIONS = frozenset(["tp", "tx", "tt", "ts", "ths", "pgs", "gs", "bs"])


def _ends_sentence(text: str, toks: list[Token], i: int) -> bool:
    if i + 1 >= len(toks):
        return True
    nxt = toks[i + 1]
    if "\n" in text[toks[i].end : nxt.start]:
        return True
    if i > 0 and toks[i - 1].end == toks[i].start and toks[i - 1].low in _ABBREVIATIONS and nxt.capitalised:
        return False  # "TP. HCM đón 11 triệu lượt khách"
    if nxt.start == toks[i].end and nxt.text not in _OPENERS:
        return False  # "TP.HCM", "v.v"
    return nxt.capitalised or nxt.is_num or nxt.text in _OPENERS or nxt.text in _BULLETS


def _marker_length(text: str, toks: list[Token], i: int, at_start: bool) -> int:
    """Return how many tokens form a list marker at toks[i] ("(3)", "3)", "a)", "-"), or 0."""
    t = toks[i]
    n = len(toks)
    if t.text == "(" and i + 2 < n and toks[i + 2].text == ")":
        mid = toks[i + 1]
        if (mid.is_num and len(mid.text) <= 2) or (mid.is_word and (len(mid.text) == 1 or mid.low in _ROMAN)):
            return 3
    if at_start:
        if t.text in _BULLETS:
            return 1
        if i + 1 < n and toks[i + 1].text in (")", ".") and toks[i + 1].start == t.end:
            if (t.is_num and len(t.text) <= 2) or (t.is_word and (len(t.text) == 1 or t.low in _ROMAN)):
                if i + 2 >= n or not toks[i + 2].is_num:
                    return 2
    return 0
