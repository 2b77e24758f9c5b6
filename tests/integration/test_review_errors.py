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
