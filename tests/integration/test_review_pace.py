"""The review JSON's pace and chance (docs/api.md): per target not yet final `required` with
its unit and words and `probability` with `probability_method`; a final target carries
neither; the figures are read once (no query more than the review without them)."""

from __future__ import annotations

from datetime import date

import pytest

from chitieu.core.choices import Aggregation, Comparator, PeriodKind, Stage
from chitieu.monitoring.review import evaluate_resolution, review_as_json
from tests.factories import (
    make_city,
    make_indicator,
    make_observation,
    make_resolution,
    make_target,
)

pytestmark = pytest.mark.django_db


def grdp_resolution():
    city = make_city()
    resolution = make_resolution("hp-2025-test", issuer=city, period="2025")
    grdp = make_indicator("grdp-test", "Tốc độ tăng trưởng GRDP", aggregation=Aggregation.AVERAGE,
                          frequency=PeriodKind.QUARTER)
    make_target(resolution, grdp, number="1", comparator=Comparator.INCREASE_BY, value=12.35)
    make_observation(city, grdp, period="H1/2025", value=11.2, stage=Stage.ESTIMATE)
    return city, resolution, grdp


def test_a_target_not_yet_final_carries_required_and_probability():
    _, resolution, _ = grdp_resolution()
    target = review_as_json(evaluate_resolution(resolution, as_of=date(2025, 7, 25)))["targets"][0]
    assert target["required"] == {"value": 13.349533, "unit": "%", "words": "6 tháng cuối năm cần tăng 13,35%",
                                  "months": 6, "per_month": None}
    assert 0 <= target["probability"] <= 1
    assert target["probability_method"] == "growth-normal"
    assert target["probability_label"] == "khó đạt"
    assert target["probability_inputs"]["so_far"] == 11.2
    assert target["progress_class"] == "có tiến bộ, cần đẩy nhanh" and 0.9 < target["progress_ratio"] < 0.95


def test_a_final_target_carries_neither():
    city, resolution, grdp = grdp_resolution()
    make_observation(city, grdp, period="2025", value=11.81, stage=Stage.OFFICIAL)
    target = review_as_json(evaluate_resolution(resolution, as_of=date(2026, 2, 1)))["targets"][0]
    assert target["status"] == "not_achieved"
    assert target["required"] is None and target["probability"] is None and target["probability_method"] is None
    assert target["progress_class"] is None
