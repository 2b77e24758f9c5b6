"""build_report: the plain report object drawn from the database."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from chitieu.core.choices import Comparator, Status
from chitieu.errors import NotFound
from chitieu.reports.build import (
    build_report,
    date_line,
    doc_symbol,
    period_label,
    resolution_by_code,
)
from chitieu.reports.document import ReportKind
from tests.integration.reports_world import AS_OF, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def test_counts_and_the_tally_sentence_follow_the_evaluations(world):
    report = build_report(ReportKind.HALF, world.resolution, as_of=AS_OF)
    assert report.counts[Status.EXCEEDED] == 1
    assert report.counts[Status.AT_RISK] == 2
    assert report.counts[Status.NO_DATA] == 1
    assert report.total == 4
    assert report.counts_sentence == (
        "đạt 1/4 chỉ tiêu (trong đó 1 chỉ tiêu vượt); 2 chỉ tiêu có nguy cơ không đạt; 1 chỉ tiêu chưa có số liệu"
    )


def test_prose_is_written_from_the_figures_with_vietnamese_numbers(world):
    report = build_report("half", world.resolution, as_of=AS_OF)
    results = " ".join(report.sections[0].paragraphs)
    assert "Tổng sản phẩm trên địa bàn (GRDP) tăng 9,32% so với cùng kỳ" in results
    # 6 x 56 = 336 of 1.000 planned; 336 / (6 x 41) - 1 = 36,59% over the same months of 2023.
    assert "tổng thu ngân sách đạt 336 tỷ đồng, bằng 33,6% dự toán Trung ương giao, tăng 36,59% so với cùng kỳ năm 2023" in results
    assert "Kết nạp đảng viên mới đạt 120 đảng viên, bằng 120% kế hoạch" in results


def test_changing_a_figure_changes_the_prose(world):
    from chitieu.monitoring.models import Observation

    Observation.objects.filter(indicator=world.revenue, period="T6/2024").update(value=156)
    report = build_report("half", world.resolution, as_of=AS_OF)
    assert "tổng thu ngân sách đạt 436 tỷ đồng, bằng 43,6% dự toán" in " ".join(report.sections[0].paragraphs)


def test_target_table_rows_carry_formatted_and_raw_figures(world):
    report = build_report("6thang", world.resolution, as_of=AS_OF)
    rows = {r.number: r for r in report.table}
    assert [r.number for r in report.table] == ["1", "2", "3", "4"]
    revenue = rows["2"]
    assert (revenue.plan, revenue.actual, revenue.ratio, revenue.year_on_year) == ("≥ 1.000", "336", "33,6", "+36,59%")
    assert revenue.ratio_value == pytest.approx(33.6)
    assert revenue.status is Status.AT_RISK and revenue.lead_unit == "Sở Tài chính"
    assert rows["1"].simulated and not revenue.simulated
    assert rows["4"].status is Status.NO_DATA and rows["4"].actual == ""


def test_at_risk_targets_name_their_lead_unit_and_overdue_tasks_their_delay(world):
    report = build_report("6thang", world.resolution, as_of=AS_OF)
    assert [(r.number, r.lead_unit) for r in report.at_risk] == [("1", "Sở Tài chính"), ("2", "Sở Tài chính")]
    assert [(t.title, t.days_late, t.deadline) for t in report.overdue_tasks] == [
        ("Thành lập Khu kinh tế ven biển phía Nam", 91, "31/03/2024")
    ]
    # A task done before its deadline is not listed; before its deadline a task is not overdue.
    early = build_report("quy", world.resolution, as_of=date(2024, 3, 31))
    assert early.overdue_tasks == []


def test_simulated_figures_are_marked(world):
    report = build_report("6thang", world.resolution, as_of=AS_OF)
    assert report.simulated and "mô phỏng" in report.simulated_note
    world.targets["grdp"].delete()
    assert not build_report("6thang", world.resolution, as_of=AS_OF).simulated


def test_a_real_figure_compared_with_a_simulated_last_year_is_marked(world):
    from chitieu.core.choices import SIMULATED_SOURCE
    from chitieu.monitoring.models import Observation

    world.targets["grdp"].delete()  # the only simulated figure of this year
    assert not build_report("6thang", world.resolution, as_of=AS_OF).simulated
    Observation.objects.filter(indicator=world.revenue, period_start__year=2023).update(source=SIMULATED_SOURCE)
    report = build_report("6thang", world.resolution, as_of=AS_OF)
    revenue = next(r for r in report.table if r.number == "2")
    assert revenue.year_on_year == "+36,59%" and revenue.simulated and report.simulated


def test_charts_are_png_images(world):
    report = build_report("6thang", world.resolution, as_of=AS_OF)
    assert len(report.charts) == 2
    assert all(c.png.startswith(b"\x89PNG\r\n\x1a\n") for c in report.charts)


@override_settings(CHITIEU_ISSUER_PARENT="Đảng bộ tỉnh Ninh Bình", CHITIEU_ISSUER="TỈNH ỦY", CHITIEU_PLACE="Ninh Bình")
def test_issuer_and_place_come_from_settings(world):
    report = build_report("nam", world.resolution, as_of=AS_OF)
    assert (report.issuer_parent, report.issuer, report.place) == ("Đảng bộ tỉnh Ninh Bình", "TỈNH ỦY", "Ninh Bình")
    assert report.date_line == "Ninh Bình, ngày 30 tháng 6 năm 2024"
    assert report.number.startswith("Số ") and report.number.endswith("-BC/TU")
    assert "- Lưu Văn phòng Tỉnh ủy." in report.recipients


@pytest.mark.parametrize(
    ("kind", "as_of", "label"),
    [
        (ReportKind.QUARTER, date(2024, 9, 30), "quý III năm 2024"),
        (ReportKind.HALF, date(2024, 6, 30), "6 tháng đầu năm 2024"),
        (ReportKind.YEAR, date(2024, 12, 31), "năm 2024"),
        (ReportKind.MIDTERM, date(2023, 7, 19), "nửa đầu nhiệm kỳ 2020 - 2025"),
        (ReportKind.ENDTERM, date(2025, 9, 30), "nhiệm kỳ 2020 - 2025"),
    ],
)
def test_each_kind_names_the_period_it_covers(world, kind, as_of, label):
    from chitieu.plans.models import Term

    world.resolution.term = Term.objects.create(code="2020-2025", name="Nhiệm kỳ", start_year=2020, end_year=2025)
    world.resolution.save()
    assert period_label(kind, world.resolution, as_of) == label
    report = build_report(kind, world.resolution, as_of=as_of)
    assert label in report.subject


def test_the_number_of_queries_does_not_grow_with_targets_figures_or_tasks(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from chitieu.tasks.models import Task
    from tests.factories import make_indicator, make_observation, make_target

    with CaptureQueriesContext(connection) as small:
        build_report("6thang", world.resolution, as_of=AS_OF)
    for n in range(5):
        indicator = make_indicator(f"them-{n}", unit="tỷ đồng")
        make_target(world.resolution, indicator, number=f"9{n}", value=100, lead_unit=world.finance)
        for month in range(1, 7):
            make_observation(world.city, indicator, period=f"T{month}/2024", value=10 + n)
        Task.objects.create(code=f"nv-{n}", title=f"Nhiệm vụ {n}", resolution=world.resolution,
                            lead_unit=world.finance, deadline=AS_OF.replace(month=1))
    with CaptureQueriesContext(connection) as large:
        report = build_report("6thang", world.resolution, as_of=AS_OF)
    assert report.total == 9 and len(report.overdue_tasks) == 6
    assert len(large) == len(small) <= 11  # + one insert: the forecasts shown, kept as vintages


def test_unknown_resolution_code_is_not_found(world):
    with pytest.raises(NotFound) as err:
        resolution_by_code("khong-co")
    assert "khong-co" in err.value.errors["resolution"]


@pytest.mark.parametrize(
    ("issuer", "symbol"), [("THÀNH ỦY", "TU"), ("TỈNH ỦY", "TU"), ("HUYỆN ỦY", "HU"), ("ĐẢNG ỦY", "ĐU")]
)
def test_document_symbol_is_the_issuers_initials(issuer, symbol):
    assert doc_symbol(issuer) == symbol


def test_date_line_pads_days_below_ten_and_the_first_two_months():
    assert date_line("Hải Phòng", date(2024, 2, 5)) == "Hải Phòng, ngày 05 tháng 02 năm 2024"
    assert date_line("Hải Phòng", date(2024, 9, 30)) == "Hải Phòng, ngày 30 tháng 9 năm 2024"


def _body(report) -> str:
    return " ".join(p for s in report.sections for p in s.paragraphs)


def test_a_quarter_report_speaks_of_the_quarters_own_figures(world):
    report = build_report("quy", world.resolution, as_of=date(2024, 3, 31))
    assert report.period_label == "quý I năm 2024"
    results = report.sections[0].paragraphs
    assert "Kết quả riêng quý I/2024:" in results
    quarter = results[results.index("Kết quả riêng quý I/2024:") + 1]
    # Q1 revenue 3 x 56 = 168 against 3 x 41 in Q1/2023: +36,59%; no plan ratio for a part.
    assert "tổng thu ngân sách đạt 168 tỷ đồng, tăng 36,59% so với cùng kỳ năm 2023" in quarter
    assert "Tổng sản phẩm trên địa bàn (GRDP) tăng 9,32% so với cùng kỳ" in quarter
    assert "kế hoạch" not in quarter and "dự toán" not in quarter


def test_a_quarter_still_being_reported_says_how_far_its_figures_go_and_compares_nothing(world):
    # At 31 May, Q2 revenue is April and May only (2 x 56); a year-on-year change against
    # May 2023 alone would read +173%.
    report = build_report("quy", world.resolution, as_of=date(2024, 5, 31))
    results = report.sections[0].paragraphs
    quarter = results[results.index("Kết quả riêng quý II/2024:") + 1]
    assert "Tổng thu ngân sách đạt 112 tỷ đồng (số liệu đến hết tháng 5/2024)" in quarter
    assert "so với cùng kỳ năm 2023" not in quarter


def test_a_quarter_report_reviews_only_the_targets_of_that_quarter(world):
    # The party-members target is for Q1/2024: part of the Q1 review, not of Q2's.
    q1 = build_report("quy", world.resolution, as_of=date(2024, 3, 31))
    q2 = build_report("quy", world.resolution, as_of=date(2024, 6, 30))
    assert [r.number for r in q1.table] == ["1", "2", "3", "4"]
    assert [r.number for r in q2.table] == ["1", "2", "4"]
    assert "Kết quả riêng quý II/2024:" in q2.sections[0].paragraphs
    assert "đạt 168 tỷ đồng" in _body(q2) and "Kết nạp đảng viên" not in _body(q2)


def test_a_year_report_speaks_of_the_year_without_a_part_of_it(world):
    report = build_report("nam", world.resolution, as_of=date(2024, 12, 31))
    assert report.subject.startswith("tổng kết năm 2024")
    assert "Kết quả riêng" not in _body(report)
    assert "được kiểm điểm trong năm 2024" in report.sections[0].paragraphs[0]


def test_a_six_months_report_after_june_is_refused_in_vietnamese(world):
    from chitieu.errors import Invalid

    with pytest.raises(Invalid) as err:
        build_report("6thang", world.resolution, as_of=date(2024, 9, 30))
    assert "chỉ lập cho 6 tháng đầu năm" in err.value.message
    assert "tổng kết năm (nam)" in err.value.errors["as_of"]
    report = build_report("6thang", world.resolution, as_of=date(2024, 5, 15))
    assert report.period_label == "6 tháng đầu năm 2024" and "cuối năm" not in _body(report) + report.subject


def test_term_reports_cover_the_term_and_list_each_year(world):
    from chitieu.core.choices import TermAggregation
    from chitieu.plans.models import Term
    from tests.factories import make_observation, make_target

    world.resolution.term = Term.objects.create(code="2021-2025", name="Nhiệm kỳ", start_year=2021, end_year=2025)
    world.resolution.save()
    make_target(world.resolution, world.revenue, number="5", comparator=Comparator.GE, value=20000,
                period="2021 - 2025", term_aggregation=TermAggregation.SUM, order=5)
    for year, value in ((2021, 3000), (2022, 3500), (2023, 4000)):
        make_observation(world.city, world.revenue, period=str(year), value=value)
    mid = build_report("giuaky", world.resolution, as_of=date(2023, 12, 31))
    assert mid.period_label == "nửa đầu nhiệm kỳ 2021 - 2025"
    yearly = next(s for s in mid.sections if s.heading.endswith("KẾT QUẢ TỪNG NĂM CỦA NHIỆM KỲ"))
    assert yearly.heading.startswith("II.")
    assert yearly.paragraphs == ["(5) Tổng thu ngân sách (tỷ đồng): năm 2021: 3.000; năm 2022: 3.500; năm 2023: 4.000."]
    assert [s.heading.split(".")[0] for s in mid.sections] == ["I", "II", "III", "IV", "V", "VI"]
    assert mid.sections[2].heading.endswith("TIẾN ĐỘ SO VỚI KỊCH BẢN VÀ KHẢ NĂNG ĐẠT CHỈ TIÊU")
    quarter = build_report("quy", world.resolution, as_of=date(2023, 12, 31))
    assert quarter.sections
    assert all("TỪNG NĂM" not in s.heading for s in quarter.sections)
