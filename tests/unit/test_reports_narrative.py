"""The report's prose is written from figures: one row per wording rule."""

from __future__ import annotations

import pytest

from chitieu.core.choices import Category, Comparator, Status
from chitieu.core.review import counts_sentence, headline
from chitieu.reports.document import ReportKind
from chitieu.reports.narrative import (
    TargetFacts,
    paragraphs_by_category,
    sentence_case,
    target_clause,
)


def facts(**kw) -> TargetFacts:
    base = dict(name="Tổng thu ngân sách", unit="tỷ đồng", comparator=Comparator.GE, status=Status.ON_TRACK,
                actual=336.0, plan=1000.0)
    base.update(kw)
    return TargetFacts(**base)


@pytest.mark.parametrize(
    ("kw", "first", "expected"),
    [
        # A growth target reads as growth over its baseline, with the plan in brackets.
        (dict(name="Tổng sản phẩm trên địa bàn (GRDP)", unit="%", comparator=Comparator.INCREASE_BY,
              actual=9.3249, plan=10, baseline="cùng kỳ"), True,
         "Tổng sản phẩm trên địa bàn (GRDP) tăng 9,32% so với cùng kỳ (kế hoạch 10%)"),
        # A negative growth reads as a fall.
        (dict(name="Chỉ số sản xuất", unit="%", comparator=Comparator.INCREASE_BY, actual=-1.5, plan=8), True,
         "Chỉ số sản xuất giảm 1,5% so với cùng kỳ (kế hoạch 8%)"),
        # An amount against an estimate names the estimate and the year-on-year change with its year.
        (dict(ratio=33.59, year_on_year=36.69, previous_year=2023, baseline="dự toán Trung ương giao"), False,
         "tổng thu ngân sách đạt 336 tỷ đồng, bằng 33,59% dự toán Trung ương giao, tăng 36,69% so với cùng kỳ năm 2023"),
        # Without an estimate the ratio is against the plan; a fall year on year says "giảm".
        (dict(actual=89490.478, ratio=102.3, year_on_year=-2.25, previous_year=2020), True,
         "Tổng thu ngân sách đạt 89.490 tỷ đồng, bằng 102,3% kế hoạch, giảm 2,25% so với cùng kỳ năm 2020"),
        # A rate: the plan in brackets; the change year on year in percentage points.
        (dict(name="Tỷ lệ lao động qua đào tạo", unit="%", actual=83.126, plan=85.5, ratio=97.2, year_on_year=1.5,
              previous_year=2020), False,
         "tỷ lệ lao động qua đào tạo đạt 83,13% (kế hoạch 85,5%), tăng 1,5 điểm phần trăm so với cùng kỳ năm 2020"),
        # Lower is better: "ở mức", never "đạt".
        (dict(name="Hộ nghèo", unit="hộ", comparator=Comparator.EQ, actual=7, plan=0, higher_is_better=False), False,
         "hộ nghèo ở mức 7 hộ (kế hoạch 0 hộ)"),
        # A range plan is written with an en dash.
        (dict(name="Kết nạp đảng viên", unit="đảng viên", comparator=Comparator.RANGE, actual=3186, plan=3300,
              plan_max=3500), True,
         "Kết nạp đảng viên đạt 3.186 đảng viên (kế hoạch 3.300 – 3.500 đảng viên)"),
        # A simulated figure says so.
        (dict(ratio=33.6, simulated=True), True, "Tổng thu ngân sách đạt 336 tỷ đồng, bằng 33,6% kế hoạch (mô phỏng)"),
    ],
)
def test_target_clause_writes_the_figure_the_vietnamese_way(kw, first, expected):
    assert target_clause(facts(**kw), first=first) == expected


def test_a_target_without_a_figure_has_no_clause():
    assert target_clause(facts(actual=None)) == ""


@pytest.mark.parametrize(
    ("name", "first", "expected"),
    [
        ("Tổng thu ngân sách", False, "tổng thu ngân sách"),
        ("tổng thu ngân sách", True, "Tổng thu ngân sách"),
        ("GRDP bình quân đầu người", False, "GRDP bình quân đầu người"),
        ("GRDP/người", False, "GRDP/người"),
        ("FDI", False, "FDI"),
    ],
)
def test_sentence_case_keeps_abbreviations(name, first, expected):
    assert sentence_case(name, first=first) == expected


def test_counts_sentence_reads_met_over_all_then_the_statuses_that_need_attention():
    counts = {Status.EXCEEDED: 2, Status.ACHIEVED: 3, Status.AT_RISK: 7, Status.ON_TRACK: 8, Status.NO_DATA: 0}
    assert counts_sentence(counts) == (
        "đạt 5/20 chỉ tiêu (trong đó 2 chỉ tiêu vượt); 7 chỉ tiêu có nguy cơ không đạt; 8 chỉ tiêu đúng tiến độ"
    )


@pytest.mark.parametrize(
    "counts",
    [
        {Status.EXCEEDED: 1, Status.ACHIEVED: 2, Status.NOT_ACHIEVED: 1, Status.INCOMPLETE: 3, Status.ERROR: 1},
        {Status.NO_DATA: 4, Status.ON_TRACK: 2},
        {Status.AT_RISK: 1},
    ],
)
def test_the_headline_and_the_reports_sentence_word_one_tally_in_one_order(counts):
    board = headline(counts).split(" · ")
    sentence = counts_sentence(counts).split("; ")
    assert len(board) == len(sentence)
    met = sum(counts.get(s, 0) for s in (Status.EXCEEDED, Status.ACHIEVED))
    assert board[0].startswith(f"Đạt {met}/{sum(counts.values())} chỉ tiêu")
    assert sentence[0].startswith(f"đạt {met}/{sum(counts.values())} chỉ tiêu")
    for shown, said in zip(board[1:], sentence[1:], strict=True):
        label, n = shown.rsplit(" ", 1)
        assert said == f"{n} chỉ tiêu {label.lower()}"


def test_paragraphs_group_clauses_by_category_and_skip_categories_without_figures():
    items = [
        facts(name="Tổng thu ngân sách", ratio=33.59, category=Category.ECONOMY),
        facts(name="Hộ nghèo", actual=None, category=Category.SOCIETY),
        facts(name="Kim ngạch xuất khẩu", unit="triệu USD", actual=12.5, ratio=50.0, category=Category.ECONOMY),
    ]
    paragraphs = paragraphs_by_category(items)
    assert [c for c, _ in paragraphs] == [Category.ECONOMY]
    text = paragraphs[0][1]
    assert text.startswith("Tổng thu ngân sách đạt 336 tỷ đồng")
    assert "; kim ngạch xuất khẩu đạt 12,5 triệu USD, bằng 50% kế hoạch." in text


@pytest.mark.parametrize(
    ("word", "kind"),
    [("quy", ReportKind.QUARTER), ("quarter", ReportKind.QUARTER), ("6thang", ReportKind.HALF),
     ("half", ReportKind.HALF), ("nam", ReportKind.YEAR), ("YEAR", ReportKind.YEAR),
     ("giuaky", ReportKind.MIDTERM), ("midterm", ReportKind.MIDTERM), ("cuoiky", ReportKind.ENDTERM),
     ("endterm", ReportKind.ENDTERM), ("Sơ kết giữa nhiệm kỳ", ReportKind.MIDTERM)],
)
def test_report_kinds_are_named_in_vietnamese_or_english(word, kind):
    assert ReportKind.parse(word) is kind


def test_an_unknown_report_kind_lists_the_accepted_words():
    with pytest.raises(ValueError, match="quy, 6thang, nam, giuaky, cuoiky, quarter"):
        ReportKind.parse("tuan")


def test_a_rate_a_hair_above_its_ceiling_reads_above_it_in_the_report() -> None:
    # Issue 9, finding 8: 3,77025 against a ceiling of 3,77 was written "3,77% (kế hoạch 3,77%)".
    text = target_clause(facts(name="Tỷ lệ hộ nghèo", unit="%", comparator=Comparator.LE,
                               status=Status.NOT_ACHIEVED, actual=3.77025, plan=3.77, higher_is_better=False))
    assert text == "tỷ lệ hộ nghèo ở mức 3,7703% (kế hoạch 3,7700%)"


def test_a_ratio_a_hair_below_the_plan_never_reads_a_hundred_percent() -> None:
    text = target_clause(facts(actual=999.96, plan=1000.0, ratio=99.996, status=Status.NOT_ACHIEVED))
    assert "bằng 99,996% kế hoạch" in text
