"""Quantities stated as parts of a whole, nouns as units, plan nouns that name things, and
periods of a later paragraph's month (chitieu/text/mentions.py, context.py), table-driven."""

from __future__ import annotations

import pytest

from chitieu.text import extract


def _figures(text: str) -> list[tuple[float | None, str | None, str | None, str]]:
    return [(it.value, it.unit, it.baseline, it.kind) for it in extract(text) if it.kind != "task"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "N trong (tổng) số M <unit>": a count of part of a whole, in the whole's unit.
        (
            "Đến nay đã có 27 trong 63 địa phương thực hiện hỗ trợ xóa nhà tạm.",
            [(27, "địa phương", "63 địa phương", "result")],
        ),
        ("Năm 2024 có 5 trong tổng số 12 xã đạt chuẩn nông thôn mới.", [(5, "xã", "12 xã", "result")]),
    ],
)
def test_a_part_of_a_whole_is_one_count_against_the_whole(text, expected):
    assert _figures(text) == expected


def test_a_noun_after_a_number_is_its_unit_as_a_whole_word():
    items = extract("Đến nay đã có 27 trong 63 địa phương thực hiện hỗ trợ.")
    assert [it.unit for it in items] == ["địa phương"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A plan noun that is counted or the object of a preposition names a programme: no plan cue.
        ("Toàn tỉnh đã khởi công 10.760 căn nhà cho các hộ đối với 3 chương trình: xây mới 7.475 căn.", "result"),
        ("Được hỗ trợ từ chương trình xóa nhà tạm, 1.477 căn đã hoàn thành.", "result"),
        # A plan noun framing figures still sets a target.
        ("Theo chương trình hành động, kế hoạch năm 2026 trồng mới 500 ha rừng.", "target"),
    ],
)
def test_a_plan_noun_naming_a_thing_sets_no_target(text, kind):
    assert {it.kind for it in extract(text) if it.kind != "task"} == {kind}


def test_a_month_opening_a_later_paragraph_frames_only_that_paragraph():
    text = (
        "Tính đến hết tháng 10 năm 2025, kim ngạch xuất khẩu đạt 391 tỷ USD.\n\n"
        "Tháng 10, xuất khẩu hàng hóa của TPHCM đạt gần 7,66 tỷ USD.\n\n"
        "TP Hải Phòng có kim ngạch xuất khẩu đạt 30,05 tỷ USD."
    )
    assert [it.period for it in extract(text)] == ["10M/2025", "T10/2025", "10M/2025"]


def test_index_scores_on_the_zero_to_one_scale_are_read_bare_with_their_places_and_baselines():
    text = (
        "Chỉ số Chuyển đổi số (DTI) quốc gia năm 2024 đạt 0,7955, tăng 8,6% so với năm 2023 (0,7326). "
        "Hà Nội dẫn đầu với giá trị DTI đạt 0,8241 với việc đứng đầu về 4 chỉ số chính. "
        "Tiếp theo là Thừa Thiên Huế (0,7951), Hải Phòng (0,7857) và Thành phố Hồ Chí Minh (0,7770)."
    )
    scores = [(it.value, it.period, it.indicator) for it in extract(text) if it.unit == "điểm"]
    assert [v for v, _, _ in scores] == [0.7955, 0.7326, 0.8241, 0.7951, 0.7857, 0.777]
    assert scores[1][1] == "2023"  # the bracket states the baseline's figure
    assert [name for _, _, name in scores[3:]] == [
        "Điểm số DTI (Thừa Thiên Huế)",
        "Điểm số DTI (Hải Phòng)",
        "Điểm số DTI (Thành phố Hồ Chí Minh)",
    ]


def test_a_head_counting_its_items_by_a_noun_lends_them_that_noun():
    text = "Cả ba trụ cột đều ghi nhận sự thay đổi: Chính quyền số đạt 0,7582, tăng 4,7%; Kinh tế số đạt 0,7723."
    assert [it.indicator for it in extract(text)] == [
        "Trụ cột Chính quyền số",
        "Trụ cột Chính quyền số (mức tăng)",
        "Trụ cột Kinh tế số",
    ]


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        # A bound before a copula still bounds the value.
        ("Giai đoạn 2021-2025, tổng nguồn vốn tối thiểu là 75.000 tỷ đồng.", ">="),
        ("Chi thường xuyên tối đa là 120 tỷ đồng.", "<="),
        # A change verb fronted before the measure, its value given by a copula, states the change.
        ("Giảm tỷ lệ hộ nghèo bình quân hằng năm là 3%.", "decrease_by"),
        ("Tăng tỷ lệ che phủ rừng là 2%.", "increase_by"),
        # ... but not where a bound word gives the level.
        ("Giảm tỷ lệ hộ nghèo xuống dưới 1,5%.", "<="),
    ],
)
def test_bounds_and_fronted_changes_read_across_a_copula(text, comparator):
    assert [it.comparator for it in extract(text) if it.kind != "task"] == [comparator]


def test_an_expected_level_at_a_plans_horizon_is_a_target():
    text = (
        "Ngày 25/8/2020, Đại hội Đảng bộ huyện lần thứ XX, nhiệm kỳ 2020-2025 đề ra mục tiêu. "
        "Phấn đấu đến năm 2025 huyện đạt được các chỉ tiêu chủ yếu: "
        "Lượng khách du lịch đến năm 2025 ước đạt 200 nghìn người."
    )
    assert [(it.value, it.kind) for it in extract(text)] == [(200, "target")]


def test_a_verb_shared_by_coordinated_counts_states_each_of_them():
    text = "Ủy ban Kiểm tra Đảng ủy Khối giám sát 3 tổ chức đảng và 3 đảng viên."
    items = [(it.value, it.unit, it.indicator, it.text) for it in extract(text)]
    assert items == [
        (3, "tổ chức đảng", "Giám sát tổ chức đảng", "giám sát 3 tổ chức đảng"),
        (3, "đảng viên", "Giám sát đảng viên", "giám sát 3 tổ chức đảng và 3 đảng viên"),
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # An abbreviation the text spelled out is written out in names.
        (
            "Phát triển kinh tế số (KTS) nhanh. Tỷ trọng KTS đạt 20% GRDP.",
            ["Tỷ trọng kinh tế số"],
        ),
        # Letters that do not spell the words before the bracket are no spelling: GRDP stays.
        (
            "Tổng sản phẩm trên địa bàn (GRDP) tăng 8%. Tốc độ tăng GRDP đạt 8,5%.",
            ["Tổng sản phẩm trên địa bàn (GRDP)", "Tốc độ tăng GRDP"],
        ),
    ],
)
def test_names_spell_out_the_abbreviations_the_text_defined(text, names):
    assert [it.indicator for it in extract(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A figure in a "với" complement of a count measures what was counted.
        ("Cả nước khởi công mới 73 dự án với quy mô 57.815 căn.", ["Khởi công mới dự án", "Quy mô khởi công mới dự án"]),
        (
            "Tỉnh thu hút 68 dự án công nghiệp với tổng vốn đăng ký hơn 45.000 tỷ đồng.",
            ["Thu hút dự án công nghiệp", "Tổng vốn đăng ký thu hút dự án công nghiệp"],
        ),
    ],
)
def test_a_figure_with_a_count_measures_what_was_counted(text, names):
    assert [it.indicator for it in extract(text)] == names


def test_a_zero_target_after_and_is_its_own_conjunct_and_keeps_its_defining_threshold():
    text = "Phấn đấu đến năm 2025 có ít nhất 10% số xã đạt chuẩn nông thôn mới kiểu mẫu và không còn xã dưới 15 tiêu chí."
    assert [(it.value, it.unit, it.indicator) for it in extract(text)] == [
        (10, "%", "Tỷ lệ xã đạt chuẩn nông thôn mới kiểu mẫu"),
        (0, "xã", "Xã dưới 15 tiêu chí"),
    ]
