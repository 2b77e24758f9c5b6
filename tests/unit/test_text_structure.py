"""Sentence, clause and colon-label structure (chitieu/text/structure.py), table-driven."""

from __future__ import annotations

import pytest

from chitieu.text.structure import analyse
from chitieu.text.tokens import tokenize


def _label_before(text: str, value: str) -> str:
    """The words of the colon label governing the first token of `value`."""
    toks = tokenize(text)
    st = analyse(text, toks)
    i = next(k for k, t in enumerate(toks) if t.start == text.index(value))
    head = st.head[i]
    assert head is not None
    return " ".join(t.text for t in toks[head[0] : head[1]])


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        # A label is a noun phrase: the value before it, and its comma, are not part of it.
        ("trong đó: ngân sách cấp tỉnh: 10.075 triệu đồng, ngân sách cấp xã: 7.650 triệu đồng.", "7.650", "ngân sách cấp xã"),
        # A comma inside a label with no value before it stays in the label.
        ("Thu từ nguồn huy động, tài trợ quy hoạch: 50.000 triệu đồng.", "50.000", "Thu từ nguồn huy động , tài trợ quy hoạch"),
        ("Tỷ lệ hộ nghèo: 2,5%.", "2,5", "Tỷ lệ hộ nghèo"),
    ],
)
def test_a_colon_label_starts_after_the_previous_items_value(text: str, value: str, label: str) -> None:
    assert _label_before(text, value) == label


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # An abbreviation's full stop before a name ends no sentence.
        ("Sở Du lịch TP. HCM cho biết, TP. HCM đón 11 triệu lượt khách.", 1),
        ("TS. Nguyễn Văn An phát biểu.", 1),
        # A full stop after a word that is no abbreviation does.
        ("Kim ngạch đạt 5 tỷ USD. Tỉnh tiếp tục thu hút đầu tư.", 2),
    ],
)
def test_an_abbreviations_full_stop_ends_no_sentence(text: str, sentences: int) -> None:
    toks = tokenize(text)
    st = analyse(text, toks)
    assert len(set(st.sent)) == sentences
