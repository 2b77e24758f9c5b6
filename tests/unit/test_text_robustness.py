"""extract() never raises, its offsets always index the input, whatever the input's form."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.text import extract

_VIET = st.sampled_from(
    ["tăng ", "giảm ", "đạt ", "trên ", "13,5", "%", " tỷ đồng", "(1) ", ";", ":", "\n", "- ", "trong đó ",
     "quý 1/2024", "năm 2021", " – ", "/", "3.300", "đảng viên", "không còn hộ nghèo", "đứng thứ 7 cả nước",
     "Tỷ lệ ", "so với cùng kỳ", "trước năm 2025", "Giao Sở X chủ trì ", "\t", "|", "44/41", ",", ". "]
)  # fmt: skip


def _check(text: str) -> None:
    for item in extract(text):
        assert 0 <= item.start <= item.end <= len(text)
        assert text[item.start : item.end] == item.text
        assert item.kind in ("target", "result", "task")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_extract_never_raises_on_arbitrary_unicode(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_VIET, max_size=40).map("".join))
def test_extract_offsets_index_the_input_on_vietnamese_fragments(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(_VIET, max_size=30).map("".join))
def test_decomposed_input_gives_the_same_items_with_its_own_offsets(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    composed = extract(unicodedata.normalize("NFC", text))
    decomposed = extract(nfd)
    assert [(i.value, i.unit, i.comparator) for i in composed] == [(i.value, i.unit, i.comparator) for i in decomposed]
    for item in decomposed:
        assert nfd[item.start : item.end] == item.text


def test_decomposed_seed_like_sentence_keeps_offsets_into_the_original() -> None:
    text = unicodedata.normalize("NFD", "Khách du lịch đạt 8,25 triệu lượt; tỷ lệ hộ nghèo giảm 1,5%.")
    items = extract(text)
    assert [i.value for i in items] == [8.25, 1.5]
    assert items[0].text == text[items[0].start : items[0].end]
    assert unicodedata.normalize("NFC", items[0].text) == "Khách du lịch đạt 8,25 triệu lượt"


def test_empty_and_blank_texts_give_no_items() -> None:
    assert extract("") == []
    assert extract(" \n\t ") == []
