"""The extractor's fast paths read exactly what the plain scans they replace would read."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.text.names import _DATE, _NGAY
from chitieu.text.periods import _ANCHORS, _FULL_DATE, _PATTERNS, _matches, find_near
from chitieu.text.structure import analyse
from chitieu.text.tokens import tokenize

_PIECES = st.sampled_from(
    ["năm", "ngày", "tháng", "quý", "nửa", "đầu", "cuối", "cả", "trong", "của", "đến", "hết", "giai đoạn",
     "nhiệm kỳ", "thời kỳ", "từ", "giữa", "sau", "qua", "ba", "triển khai", "thực hiện", "Tính", "Đến", "vào",
     "lũy kế", "bình quân", "sáu", "chín", "iv", "iii", "i", "1", "3", "6", "9", "12", "19", "2021", "2025",
     "20251", "/", "-", "–", ",", ".", "x", "\n"]
)  # fmt: skip
_SEPS = st.sampled_from(["", " ", " ", "  ", "    ", "/", "\n"])
_FRAGMENTS = st.lists(st.tuples(_PIECES, _SEPS).map("".join), max_size=30).map("".join)


def _spans(ms: list[re.Match[str]]) -> list[tuple[object, ...]]:
    return [(*m.span(), *m.groups()) for m in ms]


@settings(max_examples=400, deadline=None)
@given(_FRAGMENTS)
def test_anchored_period_search_finds_what_a_full_scan_finds(text: str) -> None:
    low = text.lower()
    for _, pattern in _PATTERNS:
        assert _spans(_matches(pattern, low)) == _spans(list(pattern.finditer(low)))
    assert _spans(find_near(_FULL_DATE, low, _NGAY, 0, 48)) == _spans(list(_FULL_DATE.finditer(low)))
    assert _spans(find_near(_DATE, text, _NGAY, 9, 40)) == _spans(list(_DATE.finditer(text)))


def test_every_period_pattern_but_the_plain_ones_has_an_anchor() -> None:
    assert {p.pattern for _, p in _PATTERNS} <= set(_ANCHORS)


_ONE_TOKEN = re.compile(r"[0-9](?:[0-9.,]*[0-9])?|[^\W\d_]\w*|\S")


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_tokens_are_the_plain_scan_with_kinds_from_the_first_character(text: str) -> None:
    toks = tokenize(text)
    assert [(t.text, t.start, t.end) for t in toks] == [(m.group(), *m.span()) for m in _ONE_TOKEN.finditer(text)]
    for t in toks:
        kind = "word" if t.text[0].isalpha() else "num" if t.text[0] in "0123456789" else "punct"
        assert t.kind == kind
        assert t.low == (t.text.lower() if kind == "word" else t.text)


def test_trailing_whitespace_costs_no_rescans() -> None:
    toks = tokenize("tăng 5%" + " \n" * 200_000)
    assert [t.text for t in toks] == ["tăng", "5", "%"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["(1) ", "a) ", "- ", "Tăng 5%", " trong đó ", "; ", ": ", ". ", "\n", "x ", "TP.HCM "]), max_size=30).map("".join))
def test_structure_arrays_cover_every_token_and_map_offsets_back(text: str) -> None:
    toks = tokenize(text)
    s = analyse(text, toks)
    for name in ("para", "sent", "item", "clause", "marker", "head", "sub"):
        assert len(getattr(s, name)) == len(toks)
    for i, t in enumerate(toks):
        assert s.starting_at(t.start) == i and s.ending_at(t.end) == i
    assert s.starting_at(len(text) + 1) is None and s.ending_at(-1) is None
    for i in range(len(toks)):
        assert s.para[i] <= s.sent[i] <= s.item[i] <= s.clause[i] <= i or s.marker[i]
