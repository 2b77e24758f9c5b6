"""List and coordination structure (chitieu/text/coordination.py): each rule's examples, and
what the rules must leave alone."""

from __future__ import annotations

import pytest

from chitieu.text import extract
from chitieu.text.coordination import COORDINATION_RULES


def _names(text: str) -> tuple[str, ...]:
    return tuple(it.indicator for it in extract(text) if it.kind != "task")


@pytest.mark.parametrize(
    ("text", "names"),
    [ex for rule in COORDINATION_RULES for ex in rule.examples],
    ids=[f"{rule.name}: {t[:40]}" for rule in COORDINATION_RULES for t, _ in rule.examples],
)
def test_each_coordination_rule_reads_its_examples(text: str, names: tuple[str, ...]) -> None:
    assert _names(text) == names


def test_a_change_before_respectively_makes_every_value_a_change() -> None:
    items = [it for it in extract("Xuất khẩu và nhập khẩu lần lượt đạt 3 tỷ USD và 2 tỷ USD, giảm tương ứng 2% và 1%.") if it.kind != "task"]
    assert [it.comparator for it in items] == ["=", "=", "decrease_by", "decrease_by"]


@pytest.mark.parametrize(
    "text",
    [
        # The values must follow their cue: the ranks' list names places, not the figures after it.
        "Xếp vị trí thứ 4 và 5 lần lượt là Phú Thọ và Đồng Nai, với kim ngạch xuất khẩu đạt 29,68 tỷ USD và 28,75 tỷ USD.",
    ],
)
def test_a_list_of_places_lends_no_names_to_the_figures_after_it(text: str) -> None:
    assert not any(n.startswith("Xếp vị trí thứ 4") for n in _names(text))


def test_a_contribution_that_names_its_subject_keeps_it() -> None:
    names = _names("Khu vực dịch vụ tăng 6,8%; ngành nông nghiệp đóng góp 0,4 điểm phần trăm.")
    assert names[-1] != "Đóng góp của khu vực dịch vụ"


def test_a_task_period_frames_nothing_after_it() -> None:
    text = "Phòng Kinh tế xây dựng bản đồ số các sản phẩm OCOP của xã trong quý III/2026.\n\nTổng kinh phí thực hiện dự kiến 1,2 tỷ đồng."
    assert [it.period for it in extract(text) if it.kind != "task"] == ["2026"]


def test_one_place_is_the_passages_own_and_stays_out_of_the_names() -> None:
    names = _names("Kiên Giang ước đón 471.191 lượt khách, tổng thu từ khách du lịch ước đạt 1.886 tỷ đồng.")
    assert not any("(Kiên Giang)" in n for n in names)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A part of another list ("cụ thể như sau:" opens one) is not the breakdown's.
        (
            "Tổng thu: 100 triệu đồng, trong đó: ngân sách cấp tỉnh: 60 triệu đồng, cụ thể như sau: Thu nội địa: 90 triệu đồng.",
            ("Tổng thu", "Tổng thu: ngân sách cấp tỉnh", "Thu nội địa"),
        ),
        # A part that already names its whole keeps its name.
        (
            "Thu nội địa: 90 triệu đồng, trong đó: thu nội địa cấp xã: 30 triệu đồng.",
            ("Thu nội địa", "Thu nội địa cấp xã"),
        ),
    ],
)
def test_a_breakdown_lends_its_whole_only_to_its_own_parts(text: str, names: tuple[str, ...]) -> None:
    assert _names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        # An abbreviation is no place.
        "Tốc độ tăng trưởng kinh tế đạt 7%; GRDP 7,5%.",
        # A capitalised name after a word that opens no list conjunct is no place conjunct.
        "Tỷ lệ bao phủ bảo hiểm y tế đạt 93,5%, riêng Hà Nội 95%.",
    ],
)
def test_no_place_list_without_a_place_conjunct(text: str) -> None:
    assert not any("(" in n for n in _names(text))


def _values(text: str) -> list[tuple[float | None, str | None, str]]:
    return [(it.value, it.unit, it.indicator) for it in extract(text) if it.kind != "task"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # Elliptical conjuncts borrow their list's unit and, as a list of places, its measure.
        (
            "Cụ thể: Đảng bộ TP.Tam Kỳ chỉ tiêu phát triển 150 đảng viên mới; Hội An 110; Quân sự 29.",
            [
                (150, "đảng viên", "Chỉ tiêu phát triển đảng viên mới (TP. Tam Kỳ)"),
                (110, "đảng viên", "Chỉ tiêu phát triển đảng viên mới (Hội An)"),
                (29, "đảng viên", "Chỉ tiêu phát triển đảng viên mới (Quân sự)"),
            ],
        ),
    ],
)
def test_elliptical_conjuncts_borrow_their_lists_unit(text: str, values: list[tuple[float, str, str]]) -> None:
    assert _values(text) == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # A number that is not a whole conjunct borrows nothing ("Kỳ họp thứ 11", "Quyết định 15/QĐ").
        ("Tỉnh có 12 xã đạt chuẩn; Kỳ họp thứ 11 thông qua.", [(12, "xã")]),
        ("Tỉnh có 12 xã đạt chuẩn; Quyết định 15/QĐ-UBND.", [(12, "xã")]),
        ("Tỉnh có 12 xã đạt chuẩn, Hội An 2025.", [(12, "xã")]),
        # A list ends where a conjunct is not bare.
        ("Tỉnh có 12 xã đạt chuẩn; Hội An 3; năm nay tăng 5 xã.", [(12, "xã"), (3, "xã"), (5, "xã")]),
    ],
)
def test_only_whole_bare_conjuncts_borrow_a_unit(text: str, values: list[tuple[float, str]]) -> None:
    assert [(v, u) for v, u, _ in _values(text)] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # Bare parts that sum to their count are its parts, in its unit.
        (
            "Đảng bộ có 8 trường hợp bị thi hành kỷ luật, với hình thức khiển trách 3, cảnh cáo 1, khai trừ 4.",
            [(8, "trường hợp"), (3, "trường hợp"), (1, "trường hợp"), (4, "trường hợp")],
        ),
        # Numbers that do not add up to the count are no parts of it.
        ("Thi hành kỷ luật 7 đảng viên (khóa 12: 3; khóa 13: 2).", [(7, "đảng viên")]),
        # A number with a unit of its own is no bare part.
        ("Kết nạp 9 đảng viên, nữ 4 người, trẻ 5 người.", [(9, "đảng viên"), (4, "người"), (5, "người")]),
    ],
)
def test_a_counts_bare_parts_must_sum_to_it(text: str, values: list[tuple[float, str]]) -> None:
    assert [(v, u) for v, u, _ in _values(text)] == values
