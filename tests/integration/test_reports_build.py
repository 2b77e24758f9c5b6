"""build_report: the plain report object drawn from the database."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from chitieu.core.choices import Status
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
    report = build_report(ReportKind.QUARTER, world.resolution, as_of=AS_OF)
    assert report.counts[Status.EXCEEDED] == 1
    assert report.counts[Status.AT_RISK] == 2
    assert report.counts[Status.NO_DATA] == 1
    assert report.total == 4
    assert report.counts_sentence == (
        "đạt 1/4 chỉ tiêu (trong đó 1 chỉ tiêu vượt); 2 chỉ tiêu có nguy cơ không đạt; 1 chỉ tiêu chưa có số liệu"
    )


def test_prose_is_written_from_the_figures_with_vietnamese_numbers(world):
    report = build_report("quarter", world.resolution, as_of=AS_OF)
    results = " ".join(report.sections[0].paragraphs)
    assert "Tổng sản phẩm trên địa bàn (GRDP) tăng 9,32% so với cùng kỳ" in results
    # 6 x 56 = 336 of 1.000 planned; 336 / (6 x 41) - 1 = 36,59% over the same months of 2023.
    assert "tổng thu ngân sách đạt 336 tỷ đồng, bằng 33,6% dự toán Trung ương giao, tăng 36,59% so với cùng kỳ năm 2023" in results
    assert "Kết nạp đảng viên mới đạt 120 đảng viên, bằng 120% kế hoạch" in results


def test_changing_a_figure_changes_the_prose(world):
    from chitieu.monitoring.models import Observation

    Observation.objects.filter(indicator=world.revenue, period="T6/2024").update(value=156)
    report = build_report("quarter", world.resolution, as_of=AS_OF)
    assert "tổng thu ngân sách đạt 436 tỷ đồng, bằng 43,6% dự toán" in " ".join(report.sections[0].paragraphs)


def test_target_table_rows_carry_formatted_and_raw_figures(world):
    report = build_report("quy", world.resolution, as_of=AS_OF)
    rows = {r.number: r for r in report.table}
    assert [r.number for r in report.table] == ["1", "2", "3", "4"]
    revenue = rows["2"]
    assert (revenue.plan, revenue.actual, revenue.ratio, revenue.year_on_year) == ("≥ 1.000", "336", "33,6", "+36,59%")
    assert revenue.ratio_value == pytest.approx(33.6)
    assert revenue.status is Status.AT_RISK and revenue.lead_unit == "Sở Tài chính"
    assert rows["1"].simulated and not revenue.simulated
    assert rows["4"].status is Status.NO_DATA and rows["4"].actual == ""


def test_at_risk_targets_name_their_lead_unit_and_overdue_tasks_their_delay(world):
    report = build_report("quy", world.resolution, as_of=AS_OF)
    assert [(r.number, r.lead_unit) for r in report.at_risk] == [("1", "Sở Tài chính"), ("2", "Sở Tài chính")]
    assert [(t.title, t.days_late, t.deadline) for t in report.overdue_tasks] == [
        ("Thành lập Khu kinh tế ven biển phía Nam", 91, "31/03/2024")
    ]
    # A task done before its deadline is not listed; before its deadline a task is not overdue.
    early = build_report("quy", world.resolution, as_of=date(2024, 3, 31))
    assert early.overdue_tasks == []


def test_simulated_figures_are_marked(world):
    report = build_report("quy", world.resolution, as_of=AS_OF)
    assert report.simulated and "mô phỏng" in report.simulated_note
    world.targets["grdp"].delete()
    assert not build_report("quy", world.resolution, as_of=AS_OF).simulated


def test_a_real_figure_compared_with_a_simulated_last_year_is_marked(world):
    from chitieu.core.choices import SIMULATED_SOURCE
    from chitieu.monitoring.models import Observation

    world.targets["grdp"].delete()  # the only simulated figure of this year
    assert not build_report("quy", world.resolution, as_of=AS_OF).simulated
    Observation.objects.filter(indicator=world.revenue, period_start__year=2023).update(source=SIMULATED_SOURCE)
    report = build_report("quy", world.resolution, as_of=AS_OF)
    revenue = next(r for r in report.table if r.number == "2")
    assert revenue.year_on_year == "+36,59%" and revenue.simulated and report.simulated


def test_charts_are_png_images(world):
    report = build_report("quy", world.resolution, as_of=AS_OF)
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
        build_report("quy", world.resolution, as_of=AS_OF)
    for n in range(5):
        indicator = make_indicator(f"them-{n}", unit="tỷ đồng")
        make_target(world.resolution, indicator, number=f"9{n}", value=100, lead_unit=world.finance)
        for month in range(1, 7):
            make_observation(world.city, indicator, period=f"T{month}/2024", value=10 + n)
        Task.objects.create(code=f"nv-{n}", title=f"Nhiệm vụ {n}", resolution=world.resolution,
                            lead_unit=world.finance, deadline=AS_OF.replace(month=1))
    with CaptureQueriesContext(connection) as large:
        report = build_report("quy", world.resolution, as_of=AS_OF)
    assert report.total == 9 and len(report.overdue_tasks) == 6
    assert len(large) == len(small) <= 10


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
