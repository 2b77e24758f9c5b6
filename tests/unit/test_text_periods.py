"""Periods named in text and the period each item takes from its context (table-driven)."""

from __future__ import annotations

import pytest

from chitieu.text import extract
from chitieu.text.periods import find_period_mentions


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("năm 2021", "2021"),
        ("giai đoạn 2021 - 2025", "2021-2025"),
        ("nhiệm kỳ 2020-2025", "2020-2025"),
        ("quý 1/2024", "Q1/2024"),
        ("quý II/2024", "Q2/2024"),
        ("quý IV năm 2022", "Q4/2022"),
        ("6 tháng đầu năm 2022", "6M/2022"),
        ("9 tháng năm 2023", "9M/2023"),
        ("3 tháng đầu năm 2024", "Q1/2024"),
        ("tháng 9/2023", "T9/2023"),
        # The end of a month reached is the months of the year so far.
        ("tính đến hết tháng 10 năm 2025", "10M/2025"),
        ("đến hết tháng 6/2025", "6M/2025"),
        ("nửa đầu năm 2024", "H1/2024"),
        ("6 tháng cuối năm 2024", "H2/2024"),
        # "năm 2024 - 2025" and "2 năm 2024 - 2025" are the span, not the first year.
        ("năm 2024 - 2025", "2024-2025"),
        ("2 năm 2024 - 2025", "2024-2025"),
        # A crop season with its year is that year; with two years, its span.
        ("vụ Hè Thu 2024", "2024"),
        ("vụ Đông Xuân 2023 - 2024", "2023-2024"),
        ("vụ mùa 2023", "2023"),
    ],
)
def test_period_mentions_have_codes(text: str, code: str) -> None:
    found = find_period_mentions(text)
    assert len(found) == 1
    assert found[0].ref.code() == code


@pytest.mark.parametrize("text", ["từ 3 tháng trở lên", "sơ kết 5 năm", "giá so sánh 2010", "ngày 19/7"])
def test_durations_and_bare_years_are_not_periods(text: str) -> None:
    assert find_period_mentions(text) == []


@pytest.mark.parametrize(
    ("text", "period"),
    [
        (" date 2024-04 Tin.\n\nQuý 1, tổng sản phẩm trên địa bàn (GRDP) tăng 9,32% so với cùng kỳ.", "Q1/2024"),
        ("Thứ Bảy, 04/12/2021 19:21\n\nTốc độ tăng trưởng kinh tế (GRDP) ước đạt 12,5%.", "2021"),
        ("Ước thực hiện năm 2021, đã kết nạp 3.186 đảng viên, hoàn thành chỉ tiêu nhiệm kỳ 2020-2025.", "2021"),
        ("Tốc độ tăng trưởng kinh tế bình quân giai đoạn 2021 - 2025 đạt trên 10%/năm.", "2021-2025"),
        ("Nghị quyết nhiệm kỳ 2020 - 2025.\n\nĐến năm 2025, tỷ lệ đô thị hóa đạt 45%.", "2025"),
        ("Báo cáo 6 tháng đầu năm 2023.\n\nKhách du lịch ước đạt 8,2 triệu lượt.", "6M/2023"),
        ("Năm 2022.\n\nTổng thu tăng 36,69% so với cùng kỳ năm 2021.", "2022"),
        # A year-end conference of 2024 in the 2020 - 2025 term: "năm 2025" is the next year,
        # not the term, and the report's figures are 2024's.
        (
            "Thứ Năm, 12/12/2024\n\nHội nghị tổng kết năm 2024, bàn nhiệm vụ năm 2025.\n\nTheo báo cáo, năm 2024 "
            "còn nhiều khó khăn. Tổng thu ngân sách ước đạt 15.320 tỷ đồng.\n\nĐồng chí nhấn mạnh, năm 2025 là năm "
            "cuối nhiệm kỳ 2020 - 2025.",
            "2024",
        ),
    ],
)
def test_items_take_their_period_from_document_and_section(text: str, period: str) -> None:
    items = [it for it in extract(text) if it.kind != "task"]
    assert items, text
    assert items[0].period == period


TERM_PLAN = (
    "I. MỤC TIÊU NHIỆM KỲ 2020 - 2025\n"
    "(1) Tốc độ tăng trưởng GRDP bình quân giai đoạn 2021 - 2025 đạt 7%/năm.\n"
    "(2) Đến năm 2025, tỷ lệ đô thị hóa đạt 45%.\n"
    "(3) GRDP bình quân đầu người đến năm 2025 đạt 5.000 USD.\n"
    "(4) Đến năm 2025, tỷ lệ hộ nghèo giảm bình quân 1,5%/năm; có 70% số xã đạt chuẩn nông thôn mới.\n"
    "(5) Hằng năm kết nạp 1.200 đảng viên trở lên.\n"
    "(6) Tỷ lệ lao động qua đào tạo đạt 70%."
)


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        # A level "đến năm 2025" is the year, in a term's document as anywhere else; a
        # "giai đoạn" names its span; a yearly figure up to the horizon is the term's; a
        # level with no period of its own in the term's plan is the level at its end (as the
        # corpus's ward plan reads "Tỷ lệ lao động qua đào tạo: 88,7%").
        (TERM_PLAN, ["2021-2025", "2025", "2025", "2020-2025", "2025", "2020-2025", "2025"]),
        (
            "Các chỉ tiêu chủ yếu đến năm 2025:\n- Tỷ lệ đô thị hóa đạt 40%.\n- Tổng vốn đầu tư giai đoạn 2021 - 2025 đạt 90.000 tỷ đồng.",
            ["2025", "2021-2025"],
        ),
        ("Kim ngạch xuất khẩu đến năm 2025 đạt trên 2 tỷ USD.", ["2025"]),
        # A horizon opening a prose paragraph is that paragraph's goal, not the next sections'.
        (
            "Nghị quyết nhiệm kỳ 2020 - 2025.\n\nĐến năm 2025, tỉnh cơ bản trở thành tỉnh công nghiệp.\n\n"
            "Thành phố đạt và vượt chỉ tiêu 15.000 căn nhà ở xã hội; thu ngân sách ước đạt 100.000 tỷ đồng, tăng 10% so với cùng kỳ.",
            ["2020-2025", "2020-2025", "2020-2025"],
        ),
        # A yearly figure ("mỗi năm", "%/năm") read in a year's context is its span's or term's;
        # a level per head and year is not a rate over years.
        (
            "Nghị quyết nhiệm kỳ 2020 - 2025.\n\nMục tiêu đến cuối nhiệm kỳ: đến năm 2025 thu nhập bình quân "
            "đầu người đạt 75 triệu đồng; kết nạp 400 đảng viên mới trở lên mỗi năm.",
            ["2025", "2020-2025"],
        ),
        (
            "Đồng chí nhấn mạnh, năm 2024 là năm bản lề của Kế hoạch 5 năm 2021 - 2025. Để đạt mục tiêu "
            "tăng trưởng GRDP bình quân 9 - 10%/năm, tỉnh cần nỗ lực lớn.",
            ["2021-2025"],
        ),
        (
            "Năm 2025 là năm cuối của Kế hoạch 5 năm 2021 - 2025.\n\nNăm 2025, tỉnh phấn đấu đạt các chỉ tiêu sau. "
            "GRDP bình quân đầu người đạt 198 triệu đồng/người/năm. Kim ngạch xuất khẩu tăng 10%/năm.",
            ["2025", "2021-2025"],
        ),
        # The congress's target in a bracket is the term's, whatever the review's span.
        (
            "Nghị quyết nhiệm kỳ 2020 - 2025.\n\nGiai đoạn 2021 - 2023, tốc độ tăng giá trị sản xuất bình quân "
            "đạt 8,7%/năm (chỉ tiêu Đại hội là 10 - 11%/năm).",
            ["2021-2023", "2020-2025"],
        ),
        # A year's plan inside a 6-month report is the year's.
        (
            "Báo cáo 6 tháng đầu năm 2024.\n\nGRDP 6 tháng đầu năm 2024 ước tăng 6,28% so với cùng kỳ (kế hoạch năm tăng 7%).",
            ["6M/2024", "2024"],
        ),
        ("Báo cáo 6 tháng đầu năm 2024.\n\nVụ Hè Thu 2024 đã xuống giống 215.300 ha, đạt 94,6% kế hoạch.", ["2024", "2024"]),
    ],
)
def test_a_level_by_a_year_is_that_year_and_spans_keep_their_years(text: str, periods: list[str]) -> None:
    assert [it.period for it in extract(text) if it.kind != "task"] == periods


def test_every_period_code_the_extractor_writes_is_a_core_period() -> None:
    """Periods are core periods; a deadline is a core period or a day ("2026-04-30"), and
    either gives the day drafts store (chitieu.core.tasks.deadline_of)."""
    from chitieu.core.periods import parse_period
    from chitieu.core.tasks import deadline_of
    from tests.unit._scoring import OWN_DATA, SHARED

    texts = [p.read_text(encoding="utf-8") for p in sorted(OWN_DATA.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    items = [it for t in texts for it in extract(t)]
    codes = {it.period for it in items if it.period}
    assert len(codes) >= 10
    for code in codes:
        assert parse_period(code).code == code
    days = [it for it in items if it.deadline and "-" in it.deadline and len(it.deadline) == 10]
    assert days, "no task with a day deadline in the golden texts"
    for it in (it for it in items if it.deadline):
        assert deadline_of(it.deadline, it.text).isoformat() == it.deadline or it not in days


def test_a_year_end_conference_defaults_to_its_year_not_the_term_ending_next_year() -> None:
    from chitieu.text.periods import document_periods

    text = (
        "Thứ Năm, 12/12/2024\n\nHội nghị tổng kết năm 2024, bàn nhiệm vụ năm 2025.\n\nTheo báo cáo, năm 2024 "
        "còn nhiều khó khăn.\n\nĐồng chí nhấn mạnh, năm 2025 là năm cuối nhiệm kỳ 2020 - 2025."
    )
    assert document_periods(text, find_period_mentions(text)).default == "2024"


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        # A year compared against is no year of the document's; "cùng kỳ năm 2024" says its own
        # period is of 2025.
        ("Hà Nội ước đón 1 triệu lượt khách, tăng 6% so với cùng kỳ năm 2024.", ["2025", "2025"]),
        # A period between commas after a speech frame opens the main clause and leads on.
        (
            "Phó Bí thư Đảng ủy Khối cho biết, 6 tháng đầu năm 2022, Ban Thường vụ kiểm tra 2 đảng ủy cơ sở. Cấp ủy cơ sở kiểm tra 39 chi bộ.",
            ["6M/2022", "6M/2022"],
        ),
        # A day reached that opens a paragraph leads the text; its year is the text's last full day's.
        (
            "Tính đến ngày 20/7, toàn tỉnh đã khởi công 100 căn nhà.\nSố nhà hoàn thành là 80 căn.\nToàn tỉnh phấn đấu hoàn thành trước ngày 20/8/2025.",
            ["T7/2025", "T7/2025"],
        ),
        # A day inside an item's words leaves the context's period as it is.
        ("6 tháng đầu năm 2024, giải ngân vốn đầu tư công đến ngày 20/6/2024 đạt 1.865 tỷ đồng.", ["6M/2024"]),
        # A dot before the year, as some papers write dates.
        ("Trong tháng 4.2020, toàn huyện kết nạp 25 đảng viên; quý IV.2019 kết nạp 30 đảng viên.", ["T4/2020", "Q4/2019"]),
    ],
)
def test_baselines_frames_and_days_reached_set_periods_by_structure(text: str, periods: list[str]) -> None:
    assert [it.period for it in extract(text) if it.kind != "task"] == periods


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        # Goals set at the term's end ("... đến năm 2030, trong đó"): a level the term frames is
        # that year's, in later sentences too; a yearly rate and a span of its own keep the span.
        (
            "Đại hội Đảng bộ tỉnh nhiệm kỳ 2025-2030 thống nhất các chỉ tiêu đến năm 2030, trong đó tốc độ tăng trưởng"
            " GRDP đạt 10%/năm; tổng kim ngạch xuất khẩu giai đoạn 2026-2030 trên 17 tỷ USD. Tỉnh cũng đặt mục tiêu"
            " đón 18,5 triệu lượt khách du lịch; tỷ lệ trường đạt chuẩn quốc gia ít nhất 80,5%.",
            ["2025-2030", "2026-2030", "2030", "2030"],
        ),
        # A horizon closing the goals' own noun sets them too.
        (
            "Kế hoạch phát triển kinh tế số giai đoạn 2022-2025 đặt ra 3 mục tiêu cụ thể (tỷ trọng kinh tế số đạt 20% GRDP;"
            " tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử đạt trên 80%) và 11 mục tiêu khác đến năm 2025.",
            ["2025", "2025"],
        ),
        # A text that sets goals (most of its items are targets) reads a level the term frames
        # as the level at its end with no horizon opening them; a total summed over the years
        # ("5 năm") and a yearly average keep the span.
        (
            "Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2025-2030 đề ra mục tiêu tỷ lệ trường đạt chuẩn quốc gia ít nhất 80,5%.\n\n"
            "Đến năm 2030, tỉnh trở thành tỉnh phát triển khá.",
            ["2030"],
        ),
        (
            "Đại hội nhiệm kỳ 2025-2030 thông qua Nghị quyết. Tốc độ tăng trưởng GRDP bình quân đạt 10%. Tỷ trọng"
            " kinh tế số đạt tối thiểu 20% GRDP. Tổng vốn đầu tư toàn xã hội 5 năm khoảng 150.000 tỷ đồng.",
            ["2025-2030", "2030", "2025-2030"],
        ),
        # A text that reports (a mid-term review restating the term's targets) keeps the term.
        (
            "Hội nghị sơ kết giữa nhiệm kỳ 2020-2025. Thu ngân sách đạt 95.000 tỷ đồng, tăng 12% so với cùng kỳ;"
            " kim ngạch xuất khẩu đạt 30 tỷ USD; thành phố phấn đấu hoàn thành chỉ tiêu 15.400 căn nhà ở xã hội.",
            ["2020-2025", "2020-2025", "2020-2025", "2020-2025"],
        ),
        # A span closing a sentence that names the goals but states none leads them, however
        # far from the sentence's start.
        (
            "Nghị quyết Đại hội đặt ra các mục tiêu, chỉ tiêu phát triển chủ yếu về kinh tế, xã hội và môi trường"
            " cho 5 năm 2026-2030. Trong đó các chỉ tiêu môi trường là: tỷ lệ che phủ rừng duy trì mức 42%;"
            " lượng phát thải khí nhà kính giảm 8-9%.",
            ["2030", "2030"],
        ),
    ],
)
def test_goals_set_at_the_terms_end_are_levels_at_that_year(text: str, periods: list[str]) -> None:
    assert [it.period for it in extract(text) if it.kind != "task"] == periods


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        # The year of the plan a share is measured against dates the plan, not the share.
        (
            "Trong 6 tháng đầu năm 2022, thành phố đón 11 triệu lượt khách nội địa, đạt 61,6% kế hoạch năm 2022,"
            " và 478.000 lượt khách quốc tế, đạt 13,7% so với kế hoạch năm 2022.",
            ["6M/2022", "6M/2022", "6M/2022", "6M/2022"],
        ),
    ],
)
def test_a_plans_year_is_no_period_of_the_share_against_it(text: str, periods: list[str]) -> None:
    assert [it.period for it in extract(text) if it.kind != "task"] == periods


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        # A start point up to now ("từ năm 2009 cho tới nay") frames no figure after it.
        (
            "Chỉ số PAPI được khảo sát từ năm 2009 cho tới nay.\nTheo công bố, các tỉnh dẫn đầu về chỉ số PAPI năm 2023"
            " là Thừa Thiên Huế và Thái Nguyên; chỉ số PAPI năm 2023 của Đồng Nai đạt 40 điểm.\n"
            "Tỉnh Đắk Nông đứng cuối bảng với 38,97 điểm.",
            ["2023", "2023"],
        ),
    ],
)
def test_a_start_point_up_to_now_frames_nothing(text: str, periods: list[str]) -> None:
    assert [it.period for it in extract(text) if it.kind != "task" and it.unit == "điểm"] == periods


def test_a_term_opening_a_later_sentence_frames_its_paragraph_and_an_ended_terms_figures_are_results() -> None:
    # "Nhiệm kỳ 2020-2025, ..." in a paragraph's second sentence frames the sentences after it;
    # a figure of that term, at the congress of the next one, is reported, not planned.
    text = (
        "Phường được thành lập năm 2025. Nhiệm kỳ 2020-2025, với tinh thần đoàn kết, kinh tế của phường ngày càng"
        " phát triển. Trong đó, giá trị sản xuất tiểu thủ công nghiệp tăng bình quân 5%/năm.\n\n"
        "Nhiệm kỳ 2025-2030, Đảng bộ phường đề ra các chỉ tiêu chủ yếu, trong đó phấn đấu tăng tổng thu ngân sách"
        " bình quân từ 10-12%/năm."
    )
    items = [it for it in extract(text) if it.kind != "task"]
    assert [(it.kind, it.period, it.value) for it in items] == [("result", "2020-2025", 5), ("target", "2025-2030", 10)]
