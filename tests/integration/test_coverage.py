"""Aggregation that knows coverage (finding 2 of "Numbers a committee can trust"): a city
figure combined from its units says how many of the units assigned to report did; a partial
combination is never the period's final figure, so one ward's figure never stands for the
city's; which units report is data (plans.Assignment)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from chitieu.core.choices import Aggregation, Comparator, PeriodKind, Stage, Status, UnitKind
from chitieu.monitoring.review import evaluate_resolution, review_as_json
from tests.factories import (
    assign,
    make_city,
    make_indicator,
    make_observation,
    make_resolution,
    make_target,
    make_unit,
)

pytestmark = pytest.mark.django_db

YEAR_END = date(2021, 12, 31)


@pytest.fixture
def city():
    city = make_city()
    wards = [make_unit(f"phuong-{i}", parent=city, kind=UnitKind.WARD) for i in range(4)]
    resolution = make_resolution("nq-2021", issuer=city, period="2021")
    bhyt = make_indicator("bhyt", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", aggregation=Aggregation.LAST,
                          unit_aggregation=Aggregation.AVERAGE, frequency=PeriodKind.QUARTER)
    make_target(resolution, bhyt, number="16", comparator=Comparator.GE, value=92, period="2021")
    assign(bhyt, wards)
    return city, wards, resolution, bhyt


def test_one_wards_official_figure_does_not_stand_for_the_city(city):
    _, wards, resolution, bhyt = city
    make_observation(wards[0], bhyt, period="Q4/2021", value=93.2, stage=Stage.OFFICIAL)
    review = evaluate_resolution(resolution, as_of=YEAR_END)
    row = review.rows[0]
    assert row.evaluation.status == Status.INCOMPLETE
    assert row.evaluation.actual is None and row.evaluation.stage is None
    assert "mới 1/4 xã, phường báo cáo" in row.evaluation.explanation
    assert "93,2%" in row.evaluation.explanation and "chưa đánh giá" in row.evaluation.explanation
    data = review_as_json(review)["targets"][0]
    assert (data["status"], data["actual"], data["coverage"]) == ("incomplete", None, "1/4 xã, phường")


def test_every_assigned_unit_reported_is_evaluated_and_says_so(city):
    _, wards, resolution, bhyt = city
    for ward, value in zip(wards, (93.2, 91.0, 92.0, 95.0), strict=True):
        make_observation(ward, bhyt, period="Q4/2021", value=value, stage=Stage.OFFICIAL)
    row = evaluate_resolution(resolution, as_of=YEAR_END).rows[0]
    assert row.evaluation.status == Status.EXCEEDED
    assert row.evaluation.actual == pytest.approx(92.8)
    assert row.evaluation.coverage == "4/4 xã, phường"


def test_a_unit_that_is_not_assigned_does_not_make_up_for_an_assigned_one(city):
    city_unit, wards, resolution, bhyt = city
    outsider = make_unit("phuong-ngoai", parent=city_unit, kind=UnitKind.WARD)
    for unit in [*wards[:3], outsider]:
        make_observation(unit, bhyt, period="Q4/2021", value=93, stage=Stage.OFFICIAL)
    row = evaluate_resolution(resolution, as_of=YEAR_END).rows[0]
    assert row.evaluation.status == Status.INCOMPLETE
    assert row.evaluation.coverage == "3/4 xã, phường"


def test_without_assignments_a_combination_is_never_final(city):
    _, wards, resolution, bhyt = city
    bhyt.assignments.all().delete()
    for ward in wards:
        make_observation(ward, bhyt, period="Q4/2021", value=93, stage=Stage.OFFICIAL)
    row = evaluate_resolution(resolution, as_of=YEAR_END).rows[0]
    assert row.evaluation.status == Status.INCOMPLETE
    assert "chưa phân công đơn vị báo cáo" in row.evaluation.explanation


def test_an_assignment_that_ended_before_the_period_is_not_expected(city):
    _, wards, resolution, bhyt = city
    wards[3].assignments.update(valid_to=date(2021, 6, 30))  # merged away in mid-year
    for ward in wards[:3]:
        make_observation(ward, bhyt, period="Q4/2021", value=93, stage=Stage.OFFICIAL)
    row = evaluate_resolution(resolution, as_of=YEAR_END).rows[0]
    assert row.evaluation.status == Status.EXCEEDED and row.evaluation.coverage == "3/3 xã, phường"


def test_complete_quarters_decide_and_the_partial_one_is_named(city):
    _, wards, resolution, bhyt = city
    for ward in wards:
        make_observation(ward, bhyt, period="Q3/2021", value=90, stage=Stage.OFFICIAL)
    make_observation(wards[0], bhyt, period="Q4/2021", value=99, stage=Stage.OFFICIAL)
    row = evaluate_resolution(resolution, as_of=YEAR_END).rows[0]
    assert row.evaluation.actual == pytest.approx(90)  # Q3's complete figure, not Q4's one ward
    assert row.evaluation.provisional
    assert "chưa tính số quý IV/2021 mới 1/4 xã, phường báo cáo" in row.evaluation.explanation


def test_the_docx_report_does_not_call_a_partial_figure_achieved(city):
    from chitieu.reports.build import build_report
    from chitieu.reports.document import ReportKind
    from chitieu.reports.exporters import exporter_for

    _, wards, resolution, bhyt = city
    make_observation(wards[0], bhyt, period="Q4/2021", value=93.2, stage=Stage.OFFICIAL)
    data = exporter_for("docx").export(build_report(ReportKind.YEAR, resolution, as_of=YEAR_END))
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    tables = "\n".join(c.text for t in Document(io.BytesIO(data)).tables for r in t.rows for c in r.cells)
    assert "đạt 93,2%" not in text
    assert "Chưa đủ số liệu" in text + tables
