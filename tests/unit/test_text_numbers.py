"""Number literals, units and comparators as the extractor reads them (table-driven)."""

from __future__ import annotations

import pytest

from chitieu.text import extract
from chitieu.text.numbers import parse_number


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        ("89.490,478", 89490.478),
        ("13,5", 13.5),
        ("6.600", 6600.0),
        ("3.300", 3300.0),
        ("1.234.567", 1234567.0),
        ("0,37", 0.37),
        ("3.5", 3.5),
        ("1,234,567", 1234567.0),
        ("100", 100.0),
        ("0225.3821.055", None),
        ("080", None),
        ("1..2", None),
        ("12.34.5", None),
        ("5/63", None),
        ("1 000", None),
        ("¹²", None),
    ],
)
def test_parse_number_reads_vietnamese_literals(literal: str, value: float | None) -> None:
    assert parse_number(literal) == value


def _only(text: str) -> dict[str, object]:
    items = [it for it in extract(text) if it.kind != "task"]
    assert len(items) == 1, [it.text for it in items]
    return items[0].to_dict()


@pytest.mark.parametrize(
    ("text", "value", "value_max", "unit"),
    [
        ("Thu ngân sách đạt 89.490,478 tỷ đồng.", 89490.478, None, "tỷ đồng"),
        ("Tổng vốn đầu tư đạt 204 nghìn tỷ đồng.", 204, None, "nghìn tỷ đồng"),
        # "hằng năm" before a value is an adverb of frequency, no year the value would name.
        ("Trồng cây ăn quả hằng năm 100 ha.", 100, None, "ha"),
        ("Tỷ lệ tăng dân số tự nhiên hàng năm 1,1%.", 1.1, None, "%"),
        # A decimal with no unit reached by "đạt" and closing its clause is an index's score.
        ("Theo công bố, DTI quốc gia năm 2024 đạt 0,7955.", 0.7955, None, "điểm"),
        # A scale word's other spelling is written in the standard one.
        ("Giải ngân vốn đầu tư công đạt trên 755.000 tỉ đồng.", 755000, None, "tỷ đồng"),
        ("Xuất khẩu đạt 430 tỉ USD.", 430, None, "tỷ USD"),
        ("Thu hút 2,5 – 3,0 tỷ USD vốn FDI.", 2.5, 3.0, "tỷ USD"),
        ("Kết nạp mới từ 3.300 – 3.500 đảng viên.", 3300, 3500, "đảng viên"),
        ("Giám sát 8-10 tổ chức đảng.", 8, 10, "tổ chức đảng"),
        ("Kim ngạch xuất khẩu tăng từ 7,5 đến 8,0%/năm.", 7.5, 8.0, "%/năm"),
        # Money per head or per year is written as money, as "%/năm" is "%" (../shared/gold/README.md).
        ("GRDP bình quân đầu người đạt 185 triệu đồng/người/năm.", 185, None, "triệu đồng"),
        ("Thu nhập bình quân đạt 3.200 USD/người.", 3200, None, "USD"),
        # Any yearly amount is written in its base unit, as money is.
        ("Sản lượng hoa màu các loại đạt 20.000 tấn/năm.", 20000, None, "tấn"),
        ("Trồng mới 1.200 ha/năm rừng sản xuất.", 1200, None, "ha"),
        ("Thu nhập bình quân đầu người đạt 150,23 triệu đồng/ năm.", 150.23, None, "triệu đồng"),
        ("Có 28 giường bệnh/vạn dân.", 28, None, "giường bệnh/vạn dân"),
        ("Khách du lịch đạt 8,25 triệu lượt.", 8.25, None, "triệu lượt"),
        # Visits of visitors are counted in "lượt"; other visits keep what they count.
        ("Tỉnh đón 969.000 lượt khách quốc tế.", 969000, None, "lượt"),
        ("Kiểm tra chuyên đề 40 – 45 lượt tổ chức đảng.", 40, 45, "lượt tổ chức đảng"),
        ("Giải quyết việc làm cho khoảng 56.000 lượt người lao động.", 56000, None, "lượt người"),
        ("Tỷ lệ trường đạt chuẩn tăng 1,7 điểm phần trăm.", 1.7, None, "điểm phần trăm"),
        ("Đã thành lập 44/41 tổ chức Đảng.", 44, None, "tổ chức đảng"),
        ("Đến năm 2025 có 30 giường bệnh trên 1 vạn dân.", 30, None, "giường bệnh/vạn dân"),
        # Any noun counted per population is the unit; the population as written.
        ("Phấn đấu đạt 3,4 dược sĩ trên 10.000 dân.", 3.4, None, "dược sĩ/10.000 dân"),
        ("Có 25 điều dưỡng trên 1 vạn dân.", 25, None, "điều dưỡng/vạn dân"),
        ("Tạo việc làm cho 35 nghìn lao động.", 35, None, "nghìn lao động"),
        ("Thu ngân sách đạt 5.200 tỉ đồng.", 5200, None, "tỷ đồng"),
        ("Tổng vốn đầu tư 12 ngàn tỉ đồng.", 12, None, "ngàn tỷ đồng"),
        ("Bình quân đạt 14,2 tiêu chí/xã.", 14.2, None, "tiêu chí/xã"),
        ("Sân bay có 24 đường bay quốc tế trực tiếp.", 24, None, "đường bay"),
        # A lower-case measure written onto its number is its unit.
        ("Diện tích gieo trồng đạt 642,5ha.", 642.5, None, "ha"),
        # A rating ("3 sao") is no count: the products are counted.
        ("Có 152 sản phẩm OCOP được công nhận từ 3 sao trở lên.", 152, None, "sản phẩm"),
    ],
)
def test_values_ranges_and_units_are_read(text: str, value: float, value_max: float | None, unit: str) -> None:
    item = _only(text)
    assert item["value"] == value
    assert item["value_max"] == value_max
    assert str(item["unit"]).lower() == unit.lower()


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("Tốc độ tăng trưởng kinh tế (GRDP): Trên 10%.", ">="),
        ("Tổng thu ngân sách ước đạt hơn 90 tỷ đồng.", ">="),
        ("Tỷ lệ dân số tham gia bảo hiểm y tế đạt ít nhất 95%.", ">="),
        ("Kết nạp tối thiểu 25 đảng viên.", ">="),
        ("Tỷ lệ hộ nghèo đạt 95% trở lên.", ">="),
        ("Tỷ lệ thất nghiệp dưới 2,5%.", "<="),
        ("Chỉ số giá tiêu dùng (CPI): không quá 4%.", "<="),
        ("Bội chi ngân sách tối đa 500 tỷ đồng.", "<="),
        ("Giải quyết việc làm cho khoảng 56.000 lao động.", "="),
        ("Tỷ lệ lao động qua đào tạo đạt 85,5%.", "="),
        ("Tổng sản phẩm trên địa bàn (GRDP) tăng 9,32% so với cùng kỳ.", "increase_by"),
        ("Tỷ lệ hộ nghèo giảm 1,5%.", "decrease_by"),
        # An adverb of degree between the change and its value leaves the change.
        ("Kim ngạch xuất khẩu tăng mạnh 16,2% so với cùng kỳ.", "increase_by"),
        ("Tỷ lệ thất nghiệp giảm nhẹ 0,2 điểm phần trăm.", "decrease_by"),
        # A bound word wins over a direction word (../shared/gold/README.md): these are >=.
        ("Tỷ lệ tội phạm giảm ít nhất 5% so với năm 2021.", ">="),
        ("Tỷ lệ hộ nghèo dân tộc thiểu số giảm trên 3%/năm.", ">="),
        ("Năng suất lao động hằng năm tăng tối thiểu 7%.", ">="),
        ("Tỷ lệ hộ nghèo giảm còn dưới 0,5%.", "<="),
        ("Tỷ lệ hộ nghèo giảm còn 2,58%.", "="),
        ("Kết nạp mới từ 3.300 – 3.500 đảng viên.", "range"),
        ("Thu ngân sách vượt 17% dự toán.", "increase_by"),
        ("Thu ngân sách trên địa bàn tăng bình quân từ 10%/năm trở lên.", ">="),
    ],
)
def test_comparators_are_read_from_bound_and_change_words(text: str, comparator: str) -> None:
    assert _only(text)["comparator"] == comparator


def test_negative_growth_is_a_negative_value() -> None:
    assert _only("Kinh tế tăng trưởng âm 2,5%.")["value"] == -2.5


def test_a_change_from_one_level_to_another_reads_both_levels() -> None:
    items = extract("Tỷ lệ hộ dân dùng nước sạch tăng từ 60% lên 65,5%.")
    assert [(it.value, it.comparator) for it in items] == [(60, "="), (65.5, "=")]


def test_share_of_a_plan_keeps_its_baseline() -> None:
    items = extract("Tổng thu ngân sách đạt 33,59% dự toán Trung ương giao, tăng 36,69% so với cùng kỳ năm 2023.")
    assert [(it.value, it.comparator, it.baseline) for it in items] == [
        (33.59, "=", "dự toán Trung ương giao"),
        (36.69, "increase_by", "cùng kỳ năm 2023"),
    ]
    assert items[1].indicator == "Tổng thu ngân sách"


def test_x_of_y_gives_the_plan_as_planned() -> None:
    item = _only("Năm 2021, đã kết nạp 448/350 đảng viên.")
    assert (item["value"], item["planned"], item["kind"]) == (448, 350, "result")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Quý 1, tăng trưởng của tỉnh đứng thứ 7 cả nước.", 7),
        ("Tăng trưởng kinh tế đứng đầu 5 thành phố trực thuộc trung ương.", 1),
        ("Chỉ số PCI xếp thứ 5/63 tỉnh, thành phố.", 5),
    ],
)
def test_ranks_are_results_in_hang(text: str, value: int) -> None:
    item = _only(text)
    assert (item["value"], item["unit"], item["kind"]) == (value, "hạng", "result")


def test_khong_con_at_the_start_of_a_list_item_is_a_zero_target() -> None:
    items = extract("Chỉ tiêu năm 2021: (15) Không còn hộ nghèo theo chuẩn nghèo quốc gia giai đoạn 2016 – 2020;")
    assert [(it.value, it.unit, it.kind, it.indicator) for it in items] == [
        (0, "hộ", "target", "Hộ nghèo theo chuẩn nghèo quốc gia")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 19/7, Thành ủy tổ chức hội nghị.",
        "Thực hiện Chỉ thị 05-CT/TW và Nghị quyết số 28-NQ/TU của Ban Thường vụ.",
        "Hội nghị Thành ủy lần thứ 15, khóa XIII, Đại hội XVI.",
        "Địa chỉ: Số 18 Hoàng Diệu, Minh Khai. Điện thoại: 0225.3821.055. Fax: 080-31274.",
        "Thời gian: 08/04/2019 20:59",
        "Tăng trưởng GRDP (giá so sánh 2010) của nhiệm kỳ 2020-2025.",
        "Sơ kết 5 năm thực hiện Nghị quyết số 45 của Bộ Chính trị.",
        "(1) (2) (3)",
        "Dự thảo gồm 3 nội dung chính.",
        "Phòng, chống dịch COVID-19 và đón 5G.",
        "Tăng trưởng kinh tế đạt 2 con số.",
        "Bài viết có 1.234 lượt xem.",
        "Ngày 15-5-2024, hội nghị họp lúc 14h30.",
        "Thực hiện Nghị định 100/2019/NĐ-CP và Quyết định 1234/QĐ-UBND.",
        "Tỷ lệ trẻ em dưới 5 tuổi được khám.",
        "Đề nghị tập trung thực hiện 3 đột phá chiến lược và 5 nhiệm vụ trọng tâm.",
    ],
)
def test_dates_codes_ordinals_and_contacts_are_never_quantities(text: str) -> None:
    assert [it.text for it in extract(text) if it.kind != "task"] == []


def test_a_related_articles_list_at_the_foot_of_a_page_is_not_read() -> None:
    text = "Thu ngân sách đạt 300 tỷ đồng.\n\nTin liên quan\nHải Dương: GRDP quý 1 tăng 9,32%\n"
    assert [it.value for it in extract(text)] == [300]


def test_reading_resumes_after_an_inline_see_also_block() -> None:
    text = (
        "Thu ngân sách đạt 300 tỷ đồng.\n\nXem thêm:\nHải Dương: GRDP quý 1 tăng 9,32%\n"
        "Nam Định thu hút 2 tỷ USD\n\nTỷ lệ hộ nghèo giảm còn 1,2%.\n"
    )
    assert [it.value for it in extract(text)] == [300, 1.2]


def test_three_values_joined_by_dashes_are_a_list_not_a_range() -> None:
    items = [it for it in extract("Cơ cấu kinh tế nông nghiệp - công nghiệp - dịch vụ tương ứng 34,60% - 35,50% - 29,90%.") if it.kind != "task"]
    assert [(it.value, it.value_max) for it in items] == [(34.6, None), (35.5, None), (29.9, None)]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # A bound that defines a counted group is no item: the count is the figure.
        ("Có 16/34 địa phương có mức tăng trưởng GRDP đạt từ 8% trở lên.", [16]),
        ("Toàn tỉnh còn 12 xã có tỷ lệ hộ nghèo trên 25%.", [12]),
        # A group's own sum, or a figure after a comma, is.
        ("Thu hút 25 dự án với tổng vốn đăng ký hơn 45.000 tỷ đồng.", [25, 45000]),
        ("Kết nạp 25 đảng viên, đạt trên 100% kế hoạch.", [25, 100]),
    ],
)
def test_a_bound_defining_a_counted_group_is_no_item(text: str, values: list[float]) -> None:
    assert [it.value for it in extract(text) if it.kind != "task"] == values


@pytest.mark.parametrize("text", ["Khóa họp đạt 2 nội dung quan trọng.", "Dự án đạt 3, 4 tiêu chí.", "Năm 2024 đạt 1,5 lần."])
def test_only_a_decimal_closing_its_clause_after_dat_is_a_bare_score(text: str) -> None:
    assert not any(it.unit == "điểm" for it in extract(text))


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # A plan's count of its own indicators is no figure; its indicators' values are.
        ("Năm 2026, phường đề ra 27 chỉ tiêu cụ thể, trong đó thu ngân sách đạt 120 tỷ đồng.", [120]),
        ("Kỳ họp thống nhất các chỉ tiêu chủ yếu năm 2026, phấn đấu hoàn thành 28 chỉ tiêu.", []),
        # A reported count of met (or missed) targets is a result.
        ("Năm 2025, xã hoàn thành 14/16 chỉ tiêu Nghị quyết đề ra, 2 chỉ tiêu không đạt.", [14, 2]),
    ],
)
def test_a_plans_count_of_its_indicators_is_no_item(text: str, values: list[float]) -> None:
    assert [it.value for it in extract(text) if it.kind != "task"] == values
