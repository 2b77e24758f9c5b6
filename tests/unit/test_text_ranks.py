"""Ranks as their own quantity (chitieu/text/special.py RANK_RULES), the places they rank
(chitieu/text/places.py) and how they are named (../shared/gold/README.md), table-driven."""

from __future__ import annotations

import pytest

from chitieu.text import extract
from chitieu.text.names import RANK_TOPICS
from chitieu.text.places import document_index, place_at
from chitieu.text.special import RANK_RULES
from chitieu.text.tokens import tokenize

_EXAMPLES = [(rule.name, phrase, value) for rule in RANK_RULES for phrase, value in rule.examples]


def _ranks(text: str) -> list[tuple[float | None, str]]:
    return [(it.value, it.indicator) for it in extract(text) if it.unit == "hạng"]


@pytest.mark.parametrize(("rule", "phrase", "value"), _EXAMPLES)
def test_every_example_of_a_rank_rule_reads_as_its_rank(rule, phrase, value):
    toks = tokenize(phrase)
    found = [
        r
        for i in range(len(toks))
        if (r := next((x for x in (g.match(toks, i, len(toks)) for g in RANK_RULES) if x), None))
    ]
    assert found and found[0][0] == value, rule


def test_the_rank_rules_and_topic_rules_are_named_in_order():
    assert [r.name for r in RANK_RULES] == ["leads", "position", "ordinal", "titles"]
    assert [r.name for r in RANK_TOPICS] == ["after", "neighbour", "value", "document"]


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị lần thứ 15 Ban Chấp hành Đảng bộ tỉnh.",  # an ordinal of a meeting
        "Trong bảng xếp hạng năm nay, tỉnh có nhiều tiến bộ.",  # "hạng năm" is no fifth place
        "Tỉnh tiếp tục giữ vững vị trí dẫn đầu như nhiều năm trước.",  # a noun, no rank stated
        "Các tỉnh, thành dẫn đầu về chỉ số PAPI năm 2023 là Hà Nội.",  # the leaders, not first
    ],
)
def test_words_of_ranks_that_state_no_rank_give_none(text):
    assert _ranks(text) == []


def test_coordinated_ranks_are_one_each_and_take_their_places_respectively():
    text = (
        "Bắc Ninh dẫn đầu cả nước về xuất khẩu hàng hóa. TP Hải Phòng vẫn duy trì vị trí thứ ba. "
        "Xếp vị trí thứ 4 và 5 lần lượt là Phú Thọ và Đồng Nai."
    )
    assert _ranks(text) == [
        (1, "Xếp hạng xuất khẩu hàng hóa (Bắc Ninh)"),
        (3, "Xếp hạng (TP Hải Phòng)"),
        (4, "Xếp hạng (Phú Thọ)"),
        (5, "Xếp hạng (Đồng Nai)"),
    ]


def test_a_text_ranking_several_places_puts_each_place_in_brackets_with_its_index():
    text = (
        "VCCI công bố chỉ số năng lực cạnh tranh cấp tỉnh năm 2024 (PCI 2024). "
        "Trong bảng xếp hạng, Hải Phòng lần đầu vượt qua Quảng Ninh, Đồng Tháp để vươn lên vị trí số 1 với 74,84 điểm. "
        "Đứng thứ ba là tỉnh Long An. Thứ tư là tỉnh Bắc Giang."
    )
    named = [(it.value, it.indicator) for it in extract(text)]
    assert named == [
        (1, "Xếp hạng PCI (Hải Phòng)"),
        (74.84, "Điểm số PCI (Hải Phòng)"),
        (3, "Xếp hạng PCI (Long An)"),
        (4, "Xếp hạng PCI (Bắc Giang)"),
    ]


def test_a_text_about_one_place_names_its_rank_by_what_is_ranked():
    text = "Tăng trưởng kinh tế của Hải Phòng đạt 12%, đứng đầu 5 thành phố trực thuộc trung ương và thứ 7 cả nước."
    assert _ranks(text) == [
        (1, "Xếp hạng tăng trưởng kinh tế của Hải Phòng 5 thành phố trực thuộc trung ương"),
        (7, "Xếp hạng tăng trưởng kinh tế của Hải Phòng cả nước"),
    ]


def test_a_change_of_rank_is_named_after_the_rank_and_a_fall_is_a_decrease():
    text = "Hà Nội tăng 4 bậc trong PCI 2024. TP HCM tụt xuống 2 bậc trong bảng xếp hạng. Hải Phòng đứng thứ 1 cả nước."
    items = [(it.value, it.comparator, it.indicator) for it in extract(text) if it.unit == "bậc"]
    assert items == [
        (4, "increase_by", "Xếp hạng PCI 2024 (Hà Nội, thay đổi)"),
        (2, "decrease_by", "Xếp hạng (TP HCM, thay đổi)"),
    ]


def test_a_rank_of_last_year_is_the_year_before_the_documents():
    text = "Năm 2024, Hà Nội đứng thứ 24 cả nước. Hải Phòng từ vị trí số 28 của năm ngoái lên vị trí thứ 5."
    assert [(it.value, it.period) for it in extract(text) if it.unit == "hạng"][:2] == [
        (24, "2024"),
        (28, "2023"),
    ]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Hà Nội tăng", "Hà Nội"),
        ("tỉnh Long An", "Long An"),
        ("Tỉnh Bà Rịa – Vũng Tàu giữ vững", "Bà Rịa – Vũng Tàu"),
        ("TPHCM từ top đầu", "TPHCM"),
        ("TP HCM tụt xuống", "TP HCM"),
        ("Thừa Thiên Huế đạt", "Thừa Thiên Huế"),
        # Bodies, sentence-initial words and runs that end inside a word are no places.
        ("Bộ Khoa học và Công nghệ", None),
        ("Tại Hội nghị", None),
        ("Phó Bí thư", None),
        ("GDP quý III", None),
        ("Đứng thứ ba", None),
    ],
)
def test_a_place_is_read_by_the_shape_of_a_proper_noun(text, place):
    toks = tokenize(text)
    found = place_at(toks, 0, len(toks))
    assert (found[1] if found else None) == place


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("công bố chỉ số năng lực cạnh tranh cấp tỉnh năm 2024 (PCI 2024).", "PCI"),
        ("Chỉ số Chuyển đổi số (Digital Transformation Index - DTI) năm 2024", "DTI"),
        ("dẫn đầu về chỉ số PAPI năm 2023", "PAPI"),
        ("chỉ số giá tiêu dùng tăng 3%.", ""),
    ],
)
def test_the_index_a_text_is_about_is_the_abbreviation_given_to_a_chi_so(text, index):
    assert document_index(tokenize(text)) == index
