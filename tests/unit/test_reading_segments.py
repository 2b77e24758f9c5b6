"""Cutting a document into highlighted segments: the segments always spell the text once,
in order, whatever the items' offsets (overlapping, nested, out of range)."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from chitieu.reading.highlight import segments


@dataclass
class Span:
    start: int
    end: int
    pk: int = 0


def test_items_are_highlighted_between_plain_runs():
    text = "GRDP tăng 13,5%; thu ngân sách 89.490 tỷ đồng."
    a = Span(text.index("tăng"), text.index(";"), 1)
    b = Span(text.index("thu"), len(text) - 1, 2)
    out = segments(text, [b, a])
    assert [(s.text, s.item) for s in out] == [
        ("GRDP ", None), ("tăng 13,5%", a), ("; ", None), ("thu ngân sách 89.490 tỷ đồng", b), (".", None),
    ]


def test_a_nested_item_is_covered_by_its_head_and_an_overlapping_one_starts_where_the_head_ends():
    text = "0123456789"
    head, nested, overlapping = Span(1, 6, 1), Span(2, 4, 2), Span(5, 8, 3)
    out = segments(text, [nested, overlapping, head])
    assert [(s.text, s.item) for s in out] == [("0", None), ("12345", head), ("67", overlapping), ("89", None)]


def test_offsets_beyond_the_text_are_clipped():
    out = segments("abc", [Span(2, 99, 1), Span(50, 60, 2)])
    assert [(s.text, s.item.pk if s.item else None) for s in out] == [("ab", None), ("c", 1)]


spans = st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)).map(lambda t: Span(*t)), max_size=12)


@given(st.text(max_size=50), spans)
def test_segments_spell_the_text_exactly_once(text, items):
    out = segments(text, items)
    assert "".join(s.text for s in out) == text
    assert all(s.text for s in out)
    assert all(text[s.start:s.start + len(s.text)] == s.text for s in out)
