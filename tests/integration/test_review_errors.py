"""A target that cannot be evaluated is one error row with its reason; the model refuses the
zero baseline that caused it (issue 9, finding 6)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from chitieu.core.choices import Comparator, Status
from chitieu.monitoring.review import evaluate_resolution, review_as_json
from tests.factories import (
    make_indicator,
    make_observation,
    make_resolution,
    make_target,
    make_unit,
)

pytestmark = pytest.mark.django_db


def test_a_zero_baseline_for_a_percentage_growth_is_refused_with_its_field() -> None:
    target = make_target(make_resolution(), make_indicator(unit="%"), comparator=Comparator.INCREASE_BY,
                         value=10.0, unit="%")
    target.baseline_value = 0.0
    with pytest.raises(ValidationError) as refused:
        target.full_clean()
    assert "baseline_value" in refused.value.message_dict
    assert "kỳ gốc bằng 0" in refused.value.message_dict["baseline_value"][0]


def test_a_stored_target_that_cannot_be_evaluated_is_one_error_row_and_the_others_stand() -> None:
    city = make_unit("hp", "Thành phố Hải Phòng", kind="city")
    resolution = make_resolution()
    good_indicator = make_indicator("thu", "Thu ngân sách", unit="tỷ đồng")
    bad_indicator = make_indicator("tang", "Tăng trưởng", unit="%")
    good = make_target(resolution, good_indicator, value=100.0, period="2024")
    # Written before the rule existed (no full_clean): the review must still stand.
    bad = make_target(resolution, bad_indicator, comparator=Comparator.INCREASE_BY, value=10.0, unit="%",
                      period="2024", baseline_value=0.0)
    make_observation(city, good_indicator, "2024", 120.0)
    make_observation(city, bad_indicator, "2024", 5.0)
    review = evaluate_resolution(resolution, as_of=date(2025, 1, 31))
    rows = {r.target.pk: r for r in review.rows}
    assert rows[bad.pk].evaluation.status == Status.ERROR
    assert "kỳ gốc bằng 0" in rows[bad.pk].evaluation.explanation
    assert rows[good.pk].evaluation.status == Status.EXCEEDED
    data = review_as_json(review)
    statuses = {t["number"]: t["status"] for t in data["targets"]}
    assert statuses[bad.number] == "error" and statuses[good.number] == "exceeded"


def test_the_report_of_a_resolution_with_a_broken_target_lists_it_and_reports_the_others() -> None:
    from chitieu.reports.build import build_report
    from chitieu.reports.document import ReportKind
    from chitieu.reports.exporters.docx import render_docx
    from chitieu.reports.exporters.xlsx import render_xlsx

    city = make_unit("hp", "Thành phố Hải Phòng", kind="city")
    resolution = make_resolution(period="2024")
    good_indicator = make_indicator("thu", "Thu ngân sách", unit="tỷ đồng")
    bad_indicator = make_indicator("tang", "Tăng trưởng", unit="%")
    make_target(resolution, good_indicator, number="1", value=100.0, period="2024")
    make_target(resolution, bad_indicator, number="2", comparator=Comparator.INCREASE_BY, value=10.0, unit="%",
                period="2024", baseline_value=0.0)
    make_observation(city, good_indicator, "2024", 120.0)
    make_observation(city, bad_indicator, "2024", 5.0)

    report = build_report(ReportKind.YEAR, resolution, as_of=date(2024, 12, 31))

    by_number = {r.number: r for r in report.table}
    assert sorted(by_number) == ["1", "2"], report.table
    assert by_number["2"].status == Status.ERROR and by_number["2"].actual == ""
    assert by_number["1"].status == Status.EXCEEDED
    assert [(r.number, r.status) for r in report.at_risk] == [("2", Status.ERROR)]
    assert "kỳ gốc bằng 0" in report.at_risk[0].detail
    # The counts are the review's: the same as the dashboard's for that date.
    review = evaluate_resolution(resolution, as_of=date(2024, 12, 31))
    assert report.counts == dict(review.summary.counts)
    assert report.counts_sentence.startswith("đạt 1/2 chỉ tiêu")
    assert "1 chỉ tiêu không đánh giá được" in report.counts_sentence
    assert render_docx(report)[:2] == b"PK" and render_xlsx(report)[:2] == b"PK"
