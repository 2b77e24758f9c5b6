"""Indicator names: what each value measures, without repeats or run-ons (table-driven)."""

from __future__ import annotations

import pytest

from chitieu.text import extract


def _named(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(it.indicator, it.value, it.unit) for it in extract(text) if it.kind != "task"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A head coordinated with others ("ngành chế biến, chế tạo") is a noun phrase: no verb in it cuts the name.
        ("Ngành chế biến, chế tạo tăng 24,07%.", [("Ngành chế biến, chế tạo", 24.07, "%")]),
        # "Không còn" after the goal's year is a zero target; its place scope stays out of the name.
        ("Phấn đấu đến năm 2025 không còn hộ nghèo trên địa bàn phường.", [("Hộ nghèo", 0, "hộ")]),
        # A rating no figure states ("đạt 5 sao") qualifies what is counted.
        ("Toàn tỉnh có 30 sản phẩm OCOP đạt 5 sao.", [("Sản phẩm OCOP đạt 5 sao", 30, "sản phẩm")]),
        # A capitalised object inside the counted phrase is part of it, no new clause.
        (
            "Phấn đấu 100% xã, phường đạt Bộ tiêu chí quốc gia về y tế xã.",
            [("Tỷ lệ xã, phường đạt Bộ tiêu chí quốc gia về y tế xã", 100, "%")],
        ),
        # A rate of change as a second predicate of a level's subject names the level's change;
        # a change of a rate, or of a count in the level's unit, keeps the plain name.
        (
            "Thu ngân sách nhà nước 11 tháng đạt trên 2,4 triệu tỉ đồng, tăng 30,9% so với cùng kỳ.",
            [("Thu ngân sách nhà nước 11 tháng", 2.4, "triệu tỷ đồng"), ("Thu ngân sách nhà nước 11 tháng (mức tăng)", 30.9, "%")],
        ),
        ("Tỷ lệ hộ nghèo còn 2,1%, giảm 0,5% so với năm 2023.", [("Tỷ lệ hộ nghèo", 2.1, "%"), ("Tỷ lệ hộ nghèo", 0.5, "%")]),
        # A copula before a clause with its own predicate equates a frame with it: the frame stays out.
        (
            "Nhiệm vụ trọng tâm được huyện đặt ra trong năm 2021 là thu nhập bình quân đầu người đạt trên 29 triệu đồng.",
            [("Thu nhập bình quân đầu người", 29, "triệu đồng")],
        ),
        # A conjunction after a value opens the next conjunct: no tail of the value.
        (
            "Xuất khẩu đạt trên 430 tỉ USD, tăng 16,1% và nhập khẩu đạt gần 410 tỉ USD.",
            # (the rate after the level names the level's change, ../shared/gold conventions)
            [("Xuất khẩu", 430, "tỷ USD"), ("Xuất khẩu (mức tăng)", 16.1, "%"), ("Nhập khẩu", 410, "tỷ USD")],
        ),
        # A colon head that is a clause (an adverb only a predicate holds) lends no measure, only
        # the noun it counts its items by ("Cả ba trụ cột"); "số" closing a noun is "digital",
        # no count word to trim.
        (
            "Cả ba trụ cột đều ghi nhận sự thay đổi đáng kể: Chính quyền số đạt 0,7582; Kinh tế số đạt 0,7723.",
            [("Trụ cột Chính quyền số", 0.7582, "điểm"), ("Trụ cột Kinh tế số", 0.7723, "điểm")],
        ),
        (
            "Nhiều chỉ tiêu đều ghi nhận sự thay đổi đáng kể: Chính quyền số đạt 0,7582; Kinh tế số đạt 0,7723.",
            [("Chính quyền số", 0.7582, "điểm"), ("Kinh tế số", 0.7723, "điểm")],
        ),
        # The whole place ("toàn xã", "cả nước") opening a name is its scope, not its measure.
        ("Đến tháng 11/2025, toàn xã còn 152 hộ nghèo.", [("Hộ nghèo", 152, "hộ")]),
        # A goal's frame ("đặt mục tiêu", "phấn đấu") stays out of the name.
        ("Tỉnh cũng đặt mục tiêu đón 18,5 triệu lượt khách du lịch.", [("Khách du lịch", 18.5, "triệu lượt")]),
        # A predicate with no name words of its own is its sentence subject's.
        (
            "Hết 9 tháng, thu ngân sách Nhà nước trên địa bàn tỉnh đạt được kết quả đáng ghi nhận, ước đạt 51.465 tỷ đồng.",
            [("Thu ngân sách Nhà nước trên địa bàn tỉnh", 51465, "tỷ đồng")],
        ),
        # A short conjunct between commas is list glue inside the name, not a clause break.
        (
            "Trong đó, chi thường xuyên các trường trung học cơ sở, tiểu học, mầm non chuyển xuống xã là 10.083 triệu đồng.",
            [("Chi thường xuyên các trường trung học cơ sở, tiểu học, mầm non chuyển xuống xã", 10083, "triệu đồng")],
        ),
        # A colon head already names the value: its words are not said twice.
        ("Số bác sĩ: Tối thiểu 16 bác sĩ/vạn dân.", [("Số bác sĩ", 16, "bác sĩ/vạn dân")]),
        ("Tỷ lệ hộ nghèo: Không còn hộ nghèo theo chuẩn nghèo đa chiều.", [("Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", 0, "hộ")]),
        ("Số xã đạt chuẩn nông thôn mới nâng cao: 60/240 xã.", [("Số xã đạt chuẩn nông thôn mới nâng cao", 60, "xã")]),
        ("Số trạm y tế đạt chuẩn quốc gia: 45 trạm y tế.", [("Số trạm y tế đạt chuẩn quốc gia", 45, "trạm y tế")]),
        # A change verb before a rate is the comparison, not the name.
        ("Giảm tỷ lệ hộ nghèo xuống dưới 1,5%.", [("Tỷ lệ hộ nghèo", 1.5, "%")]),
        ("Nâng tỷ lệ hộ dùng nước sạch lên 98%.", [("Tỷ lệ hộ dùng nước sạch", 98, "%")]),
        # A percentage change of a count names the count.
        ("Hằng năm giảm 20% số vụ tai nạn giao thông.", [("Số vụ tai nạn giao thông", 20, "%")]),
        ("Phấn đấu đạt 95% số xã có trạm y tế đạt chuẩn.", [("Tỷ lệ xã có trạm y tế đạt chuẩn", 95, "%")]),
        # Places counted together keep all their names in the unit.
        ("Năm 2023, 8/9 quận, huyện hoàn thành kế hoạch thu ngân sách.", [("Quận, huyện hoàn thành kế hoạch thu ngân sách", 8, "quận, huyện")]),
        ("Có 12 xã, phường, thị trấn đạt chuẩn an toàn thực phẩm.", [("Xã, phường, thị trấn đạt chuẩn an toàn thực phẩm", 12, "xã, phường, thị trấn")]),
        ("Năm 2024, 11/13 huyện, thị xã, thành phố hoàn thành kế hoạch.", [("Huyện, thị xã, thành phố hoàn thành kế hoạch", 11, "huyện, thị xã, thành phố")]),
        # A list item's topic ("b) Chăn nuôi:") is no part of the names under it, nor is a
        # classifier ("con") after what it counts.
        (
            "b) Chăn nuôi: đàn heo 156.800 con, tăng 3,4%; đàn gia cầm 5,6 triệu con.",
            [("Đàn heo", 156800, "con"), ("Đàn heo (mức tăng)", 3.4, "%"), ("Đàn gia cầm", 5.6, "triệu con")],
        ),
        ("c) Thủy sản: tăng 5%.", [("Thủy sản", 5, "%")]),
        ("a) Tỷ lệ hộ nghèo: ở nông thôn 3%.", [("Tỷ lệ hộ nghèo ở nông thôn", 3, "%")]),
        # The purpose before a goal ("Để đạt mục tiêu") and a horizon's "đến" leave the name.
        ("Để đạt mục tiêu tăng trưởng GRDP 9%, cần nỗ lực.", [("Tăng trưởng GRDP", 9, "%")]),
        ("Đến năm 2025 thu nhập bình quân đầu người đạt 75 triệu đồng.", [("Thu nhập bình quân đầu người", 75, "triệu đồng")]),
    ],
)
def test_names_say_what_is_measured_once(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert _named(text) == expected


def test_places_with_their_own_numbers_stay_apart() -> None:
    assert [it.unit for it in extract("Đã sáp nhập 3 xã, 2 phường.")] == ["xã", "phường"]


@pytest.mark.parametrize(
    "text",
    [
        "Đến năm 2025, có 100% xã đạt chuẩn nông thôn mới, tỷ lệ che phủ rừng duy trì ở mức 60%.",
        "Có 98% hộ dân dùng nước sạch, số xã đạt chuẩn nông thôn mới tăng 5 xã.",
        "Đạt 90% trường học, thu nhập bình quân tăng 8%.",
    ],
)
def test_a_percentage_name_stops_where_the_next_clause_starts(text: str) -> None:
    items = extract(text)
    assert len(items) == 2
    assert items[0].end <= items[1].start
    assert "," not in items[0].indicator


def test_a_percentage_name_runs_over_a_comma_that_lists_what_is_counted() -> None:
    (item,) = extract("Có 88% ấp, khóm đạt chuẩn văn hóa.")
    assert item.indicator == "Tỷ lệ ấp, khóm đạt chuẩn văn hóa"


def test_a_percentage_name_runs_over_a_comma_before_a_preposition() -> None:
    (item,) = extract("Đạt 90% văn bản được gửi, nhận dưới dạng điện tử.")
    assert item.indicator.endswith("được gửi, nhận dưới dạng điện tử")


def test_a_trong_do_colon_names_no_sub_item() -> None:
    text = (
        "Thu ngân sách đạt 14.250 tỷ đồng, bằng 112% dự toán, tăng 9% so với năm 2023, trong đó: "
        "thu nội địa đạt 9.800 tỷ đồng, tăng 11%; kim ngạch xuất khẩu đạt 1,6 tỷ USD."
    )
    names = [it.indicator for it in extract(text)]
    assert names[3:] == ["Thu nội địa", "Thu nội địa (mức tăng)", "Kim ngạch xuất khẩu"]


@pytest.mark.parametrize(
    ("text", "name", "comparator"),
    [
        # A bounded change is its bound, and its name says which change (../shared/gold/README.md).
        ("Tỷ lệ hộ nghèo giảm trên 3 điểm phần trăm.", "Tỷ lệ hộ nghèo (mức giảm)", ">="),
        ("Thu ngân sách tăng bình quân từ 10%/năm trở lên.", "Thu ngân sách (mức tăng)", ">="),
        # Exceeding a plan names no change of its own; a plain change keeps its name.
        ("Thu ngân sách tăng 9%.", "Thu ngân sách", "increase_by"),
        # A share is no count: "số xã ... trên 90%" names the rate; a count's change in % keeps "Số".
        ("Số xã đạt chuẩn nông thôn mới trên 90%.", "Tỷ lệ xã đạt chuẩn nông thôn mới", ">="),
        ("Số vụ tai nạn giao thông giảm 12%.", "Số vụ tai nạn giao thông", "decrease_by"),
    ],
)
def test_a_bounded_change_names_its_change(text: str, name: str, comparator: str) -> None:
    items = [it for it in extract(text) if it.kind != "task"]
    assert [(it.indicator, it.comparator) for it in items] == [(name, comparator)]
