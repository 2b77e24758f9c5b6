"""Phrasings of provincial news reports and resolutions (round 22 of the golden texts):
speech verbs before a name, dates inside names, two ranks in one clause, visitor counts,
shares, changes against a plan, verbs that look like document types (table-driven)."""

from __future__ import annotations

import pytest

from chitieu.text import extract


def _items(text: str) -> list:  # type: ignore[type-arg]
    return [it for it in extract(text) if it.kind != "task"]


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        # What a speech verb introduces is named, not the speaker.
        ("Báo cáo cho biết, năm 2024 tăng trưởng kinh tế (GRDP) ước đạt 8,1%.", "Tăng trưởng kinh tế (GRDP)"),
        ("Đồng chí Chủ tịch nhấn mạnh, tổng thu ngân sách ước đạt 5.200 tỷ đồng.", "Tổng thu ngân sách"),
        # A date says when a figure was counted; a rate stays a rate against its plan.
        ("Tỷ lệ giải ngân vốn đầu tư công đến ngày 30/11/2024 đạt 75% kế hoạch.", "Tỷ lệ giải ngân vốn đầu tư công so với kế hoạch"),
        # Receiving visitors counts tourists, with a scale word too.
        ("Năm 2023, tỉnh đón 4,2 triệu lượt khách.", "Khách du lịch"),
        ("Năm 2023, thành phố đón 850 nghìn lượt khách, trong đó có 120 nghìn lượt khách quốc tế.", "Khách du lịch"),
        # A share stated with "chiếm" is a share.
        # A percentage after an "X/Y" count is the rate of that count.
        ("Đã hoàn thành 18/20 cuộc giám sát theo kế hoạch, đạt 90%.", "Hoàn thành cuộc giám sát"),
    ],
)
def test_the_first_item_is_named_by_what_it_measures(text: str, indicator: str) -> None:
    assert _items(text)[0].indicator == indicator


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Năm 2023, thành phố đón 850 nghìn lượt khách, trong đó có 120 nghìn lượt khách quốc tế.", ["Khách du lịch", "Khách quốc tế"]),
        ("Năm 2025 phấn đấu thu ngân sách tăng 8%, trong đó thu nội địa chiếm trên 65%.", ["Thu ngân sách", "Tỷ trọng thu nội địa"]),
        ("Đã hoàn thành 18/20 cuộc giám sát theo kế hoạch, đạt 90%.", ["Hoàn thành cuộc giám sát", "Tỷ lệ hoàn thành cuộc giám sát"]),
    ],
)
def test_following_items_borrow_and_qualify_their_neighbours_names(text: str, names: list[str]) -> None:
    assert [it.indicator for it in _items(text)] == names


def test_two_ranks_joined_by_va_are_two_items() -> None:
    items = _items("Năm 2024, tăng trưởng GRDP đạt 9%, xếp thứ 6 cả nước và đứng đầu vùng Tây Nguyên.")
    ranks = [(it.value, it.unit, it.text) for it in items if it.unit == "hạng"]
    assert ranks == [(6, "hạng", "xếp thứ 6 cả nước"), (1, "hạng", "đứng đầu vùng Tây Nguyên")]
    assert all("tăng trưởng GRDP" in it.indicator.lower().replace("grdp", "GRDP") for it in items)


@pytest.mark.parametrize(
    ("text", "kind", "comparator"),
    [
        # A change against the plan in a resolution is a target; a share of it is a result.
        ("Nghị quyết đề ra các chỉ tiêu: (1) Tổng thu ngân sách tăng 12% so với dự toán Trung ương giao.", "target", "increase_by"),
        ("Năm 2024, tổng thu ngân sách đạt 108% dự toán Trung ương giao.", "result", "="),
        # "mới" between the unit and "trở lên" keeps the bound.
        ("Chỉ tiêu năm 2025: kết nạp 450 đảng viên mới trở lên.", "target", ">="),
        # "theo chương trình" names the plan a result is held to, not a plan cue.
        ("Đã hoàn thành 12/15 cuộc kiểm tra theo chương trình năm. Tổ chức 240 cuộc đối thoại với Nhân dân.", "result", "="),
    ],
)
def test_kind_and_comparator_of_the_last_item(text: str, kind: str, comparator: str) -> None:
    last = _items(text)[-1]
    assert (last.kind, last.comparator) == (kind, comparator)


def test_a_lower_case_verb_like_ket_luan_before_a_count_is_not_a_document_number() -> None:
    items = _items("Năm 2024, Ủy ban kiểm tra kết luận 12 tổ chức đảng có vi phạm; Kết luận 35 của Bộ Chính trị được quán triệt.")
    assert [(it.value, it.unit) for it in items] == [(12, "tổ chức đảng")]


def test_a_period_after_a_purpose_clause_belongs_to_that_clause() -> None:
    items = _items("Quý IV/2024, phấn đấu kết nạp ít nhất 300 đảng viên để cả năm đạt trên 1.200 đảng viên.")
    assert [(it.value, it.period) for it in items] == [(300, "Q4/2024"), (1200, "2024")]
