"""Target or result: read from the words around each value (table-driven)."""

from __future__ import annotations

import pytest

from chitieu.text import extract


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Tăng trưởng GRDP: kế hoạch 7%, thực hiện 7,2%.", ["target", "result"]),
        ("Tổng kết năm 2023: tăng trưởng GRDP đạt 8%; năm 2024 phấn đấu đạt 8,5%.", ["result", "target"]),
        ("Tốc độ tăng trưởng kinh tế (GRDP) ước đạt 12,5%.", ["result"]),
        ("Nghị quyết xác định các chỉ tiêu: (1) Tăng trưởng GRDP đạt 13,5%; (2) Khách du lịch đạt 8,25 triệu lượt.", ["target", "target"]),
        ("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU\n- Thu ngân sách 1.250 tỷ đồng.", ["result"]),
        ("Dự án đã bàn giao mặt bằng 95% diện tích.", ["result"]),
        ("Các chỉ tiêu năm 2022: giải ngân 100% vốn đầu tư công được giao.", ["target"]),
        ("Tổng thu ngân sách đạt 33,59% dự toán Trung ương giao.", ["result"]),
        ("Phấn đấu đến hết năm 2024 giải ngân đạt trên 95% kế hoạch vốn.", ["target"]),
        ("Thành phố đạt và vượt chỉ tiêu 15.400 căn nhà ở xã hội.", ["target"]),
        ("Đã hoàn thành 14/16 chỉ tiêu Nghị quyết đề ra.", ["result"]),
        ("Quý 1, tăng trưởng kinh tế đứng thứ 7 cả nước.", ["result"]),
        # A programme's name ("Chương trình mục tiêu quốc gia") is no plan cue; beating the
        # resolution's target ("vượt chỉ tiêu Nghị quyết") is a report.
        (
            "Báo cáo năm 2024.\n\n2. Chương trình mục tiêu quốc gia xây dựng nông thôn mới\n\n"
            "Năm 2024, toàn tỉnh có thêm 8 xã đạt chuẩn nông thôn mới.",
            ["result"],
        ),
        ("Tỷ lệ hộ nghèo giảm 3,46 điểm phần trăm, vượt chỉ tiêu Nghị quyết. Số hộ cận nghèo là 17.940 hộ.", ["result", "result"]),
        # A sentence that opens with "Phấn đấu" makes its semicolon clauses plans.
        ("Phấn đấu có thêm 10 xã đạt chuẩn nông thôn mới; giải ngân 100% kế hoạch vốn được giao.", ["target", "target"]),
        # A document's adoption ("Nghị quyết đã thông qua") reports no figure: the figures are its.
        ("Theo Nghị quyết đã thông qua, điều chỉnh dự toán như sau: Tổng thu ngân sách: 17.726 triệu đồng.", ["target"]),
        ("Kế hoạch đã được phê duyệt: trồng mới 120 ha rừng.", ["target"]),
        # A figure after a document's name with no adoption verb stays a report.
        ("Thực hiện Nghị quyết, đến nay đã trồng mới 120 ha rừng.", ["result"]),
        # "đặt ra" sets a plan as "đề ra" does.
        (
            "Năm 2020, tổng thu ngân sách đã đạt 28 tỷ đồng. Nhiệm vụ trọng tâm được huyện đặt ra trong năm 2021 là"
            " thu nhập bình quân đầu người đạt trên 29 triệu đồng; trồng mới 500 ha rừng.",
            ["result", "target", "target"],
        ),
    ],
)
def test_kind_follows_the_nearest_plan_or_report_words(text: str, kinds: list[str]) -> None:
    assert [it.kind for it in extract(text) if it.kind != "task"] == kinds


def test_trong_do_sub_items_share_their_heads_kind_and_period() -> None:
    text = "Năm 2021 phấn đấu: tăng trưởng GRDP đạt 13,5%, trong đó công nghiệp tăng 19,2%; dịch vụ tăng 7,84%."
    items = extract(text)
    assert [(it.kind, it.period) for it in items] == [("target", "2021")] * 3
    assert items[1].indicator == "Tăng trưởng công nghiệp"


@pytest.mark.parametrize(
    ("text", "baselines"),
    [
        (
            "Thu ngân sách đạt 12.000 tỷ đồng, tăng 10% so với năm 2022, trong đó: thu nội địa đạt 8.000 tỷ đồng, tăng 12%.",
            [None, "năm 2022", None, "năm 2022"],
        ),
        (
            "Kim ngạch xuất khẩu tăng 8% so với cùng kỳ, trong đó xuất khẩu nông sản tăng 15%, thủy sản giảm 3%.",
            ["cùng kỳ", "cùng kỳ", "cùng kỳ"],
        ),
        # A sub-item's own baseline stays; a head without one lends none.
        (
            "Tổng vốn đầu tư tăng 9% so với năm 2023, trong đó vốn ngân sách tăng 20% so với kế hoạch.",
            ["năm 2023", "kế hoạch"],
        ),
        ("Tăng trưởng GRDP đạt 7%, trong đó công nghiệp tăng 9%.", [None, None]),
    ],
)
def test_trong_do_sub_items_take_their_heads_baseline(text: str, baselines: list[str | None]) -> None:
    assert [it.baseline for it in extract(text)] == baselines


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # "X/Y" in a plan is a planned share, not a result against a plan.
        ("Mục tiêu năm 2025: phấn đấu có 60/240 xã đạt chuẩn nông thôn mới nâng cao.", ["target"]),
        ("Mục tiêu đến năm 2025: 9/9 huyện đạt chuẩn nông thôn mới.", ["target"]),
        ("Năm 2023, đã có 52/240 xã đạt chuẩn nông thôn mới nâng cao.", ["result"]),
        ("Mục tiêu năm 2024: đến nay đã có 52/240 xã đạt chuẩn.", ["result"]),
        ("II. MỤC TIÊU NĂM 2025\n2. Số xã đạt chuẩn nông thôn mới nâng cao: 80/181 xã.", ["target"]),
        # "hoàn thành kế hoạch" is done in a report and to be done in a plan: no cue.
        ("I. KẾT QUẢ NĂM 2024\nCó 11/13 huyện hoàn thành kế hoạch. Tỷ lệ bao phủ bảo hiểm y tế đạt 93,5%.", ["result", "result"]),
        ("Các chỉ tiêu chủ yếu:\n- Hằng năm có 100% xã, phường hoàn thành kế hoạch tuyển quân.", ["target"]),
        # A figure compared with the same period last year is reported, with its clause.
        (
            "Các chỉ tiêu chủ yếu năm 2024:\n- Thu ngân sách đạt 9.050 tỷ đồng, tăng 12% so với cùng kỳ.",
            ["result", "result"],
        ),
        (
            "Kế hoạch năm 2025 đề ra các chỉ tiêu chủ yếu.\nNăm 2024, thu ngân sách đạt 9.050 tỷ đồng, tăng 12% so với cùng kỳ.",
            ["result", "result"],
        ),
        # ... but not a plan figure of its own clause.
        ("Phấn đấu thu ngân sách đạt 10.000 tỷ đồng; năm 2024 tăng 12% so với cùng kỳ.", ["target", "result"]),
    ],
)
def test_plan_shares_are_targets_and_year_on_year_figures_are_results(text: str, kinds: list[str]) -> None:
    assert [it.kind for it in extract(text) if it.kind != "task"] == kinds


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Tốc độ tăng trưởng GRDP đạt 9,5%, cao hơn bình quân cả nước (18%).", [9.5]),
        ("Giải ngân đạt 42,5% kế hoạch, thấp hơn mức bình quân cả nước (47,8%).", [42.5]),
        ("Tăng trưởng đạt 6,8%, cao hơn khu vực (6,2%).", [6.8]),
        # A plan in brackets is the unit's own target and stays.
        ("Tăng trưởng đạt 7,2%, thấp hơn chỉ tiêu đề ra (8,5%).", [7.2, 8.5]),
        ("Tăng trưởng cả nước đạt 7%.", [7]),
    ],
)
def test_others_figures_in_brackets_are_not_items(text: str, values: list[float]) -> None:
    assert [it.value for it in extract(text)] == values


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # A share of any plan word ("so với chỉ tiêu đặt ra") reports, and so does the level its
        # clause reports it with, whatever plan words the text holds.
        (
            "Xã đề ra 17 chỉ tiêu. Theo thống kê, diện tích gieo trồng cây hằng năm của xã đạt 642,5ha, đạt 105,33%"
            " so với chỉ tiêu đặt ra.",
            ["result", "result"],
        ),
        # A level glued to its unit ("642,5ha", "20km") is a quantity; a code ("5G") is not.
        ("Năm 2025, toàn huyện làm mới 20km đường giao thông, đạt 100% kế hoạch.", ["result", "result"]),
    ],
)
def test_a_share_of_a_plan_reports_with_its_clause(text: str, kinds: list[str]) -> None:
    assert [it.kind for it in extract(text) if it.kind != "task"] == kinds
