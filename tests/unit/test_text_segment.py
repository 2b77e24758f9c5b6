"""Word segmentation (chitieu/text/segment.py): dictionary maximum match, table-driven."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.text import extract
from chitieu.text.segment import (
    Dictionary,
    dictionary,
    segment,
    snap_to_words,
    syllable_key,
    word_key,
)
from chitieu.text.tokens import tokenize


def _words(text: str, words: Dictionary | None = None) -> list[str]:
    toks = tokenize(text)
    return [" ".join(t.text for t in toks[a:b]) for a, b in segment(toks, 0, len(toks), words)]


def test_the_pinned_word_list_is_installed_and_read():
    d = dictionary()
    assert len(d.words) > 20000
    assert word_key(["tỷ", "lệ"]) in d.words


@pytest.mark.parametrize(
    ("syllable", "key"),
    [
        ("ủy", "uy3"),
        ("uỷ", "uy3"),  # the old tone placement gives the same key
        ("Hoà", "hoa2"),
        ("hòa", "hoa2"),
        ("số", "sô1"),
        ("GRDP", "grdp"),
        ("đô", "đô"),
    ],
)
def test_a_syllable_key_ignores_case_and_where_the_tone_mark_sits(syllable, key):
    assert syllable_key(syllable) == key


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("dân tộc thiểu số", ["dân tộc thiểu số"]),
        ("Huyện ủy Trạng Định", ["Huyện ủy", "Trạng", "Định"]),
        ("Ban Thường vụ Tỉnh ủy", ["Ban", "Thường vụ", "Tỉnh ủy"]),
        ("tốc độ tăng trưởng kinh tế", ["tốc độ", "tăng trưởng", "kinh tế"]),
        # Numbers and punctuation are words of their own and never join a word.
        ("tỷ lệ 95%", ["tỷ lệ", "95", "%"]),
        ("kinh, tế", ["kinh", ",", "tế"]),
    ],
)
def test_syllables_group_into_the_longest_dictionary_words(text, words):
    assert _words(text) == words


def test_without_a_word_list_every_syllable_is_a_word():
    empty = Dictionary.of([])
    assert _words("dân tộc thiểu số", empty) == ["dân", "tộc", "thiểu", "số"]


@pytest.mark.parametrize(
    ("text", "cut", "kept"),
    [
        # A trim that took "Huyện" off "Huyện ủy" gives it back; one that took "số" off "thiểu số" too.
        ("Huyện ủy giao", (1, 3), (0, 3)),
        ("dân tộc thiểu số", (0, 3), (0, 4)),
        # A cut between words stays.
        ("tỷ lệ hộ nghèo", (2, 4), (2, 4)),
    ],
)
def test_a_trimmed_range_snaps_to_whole_words(text, cut, kept):
    toks = tokenize(text)
    assert snap_to_words(toks, 0, len(toks), *cut) == kept


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # "tỉnh" opens place scopes that names drop; "Tỉnh ủy" is one word, the body itself.
        ("Tỉnh ủy có 120 tổ chức cơ sở đảng.", "Tỉnh ủy tổ chức cơ sở đảng"),
        # The cap on the words after a count never ends inside a word ("phục vụ", "tập trung").
        (
            "Đến nay 3.200 xã đã được trang bị xe ô tô phục vụ công tác.",
            "Xã đã được trang bị xe ô tô phục vụ",
        ),
        (
            "Năm 2025 có 100% khu công nghiệp đang hoạt động có hệ thống xử lý nước thải tập trung đạt chuẩn.",
            "Tỷ lệ khu công nghiệp đang hoạt động có hệ thống xử lý nước thải tập trung",
        ),
    ],
)
def test_names_never_cut_a_word(text, name):
    assert [it.indicator for it in extract(text) if it.kind != "task"] == [name]


@given(st.text(max_size=300))
def test_segmentation_never_raises_and_covers_every_token(text):
    toks = tokenize(text)
    spans = segment(toks, 0, len(toks))
    assert [i for a, b in spans for i in range(a, b)] == list(range(len(toks)))
