"""Plausibility rules (chitieu.core.plausibility): hard limits by kind of value, robust z."""

from __future__ import annotations

import math

import pytest

from chitieu.core.plausibility import MAX_MAGNITUDE, hard_problem, robust_z, warnings


@pytest.mark.parametrize("value, kind, unit, minimum, maximum, words", [
    (-5, "", "%", None, None, "âm"),  # a "%" indicator is a share unless it says otherwise
    (150, "share", "%", None, None, "lớn hơn mức cao nhất 100"),
    (2.5, "count", "hộ", None, None, "không phải số nguyên"),
    (-20, "count", "người", None, None, "âm"),
    (-1, "amount", "tỷ đồng", None, None, "âm"),
    (1e308, "level", "USD", None, None, "độ lớn hợp lý"),
    (math.inf, "rate", "%", None, None, "độ lớn hợp lý"),
    (math.nan, "rate", "%", None, None, "độ lớn hợp lý"),
    (120, "share", "%", None, 110, "lớn hơn mức cao nhất 110"),
    (5, "rate", "%", 10, None, "nhỏ hơn mức thấp nhất 10"),
])
def test_a_value_breaking_a_hard_rule_is_refused_with_its_reason(value, kind, unit, minimum, maximum, words):
    problem = hard_problem(value, kind=kind, unit=unit, name="Chỉ tiêu X", minimum=minimum, maximum=maximum)
    assert problem is not None and words in problem and "«Chỉ tiêu X»" in problem


@pytest.mark.parametrize("value, kind, unit", [
    (-2.5, "rate", "%"), (117.2, "rate", "%"), (0, "share", "%"), (100, "share", "%"), (3300, "count", "đảng viên"),
    (-40, "", "°C"), (MAX_MAGNITUDE, "amount", "đồng"), (12.5, "", "%"),
])
def test_a_plausible_value_passes(value, kind, unit):
    assert hard_problem(value, kind=kind, unit=unit, name="X") is None


def test_robust_z_needs_four_figures_and_ignores_one_earlier_outlier():
    assert robust_z(10, [1, 2, 3]) is None
    # One old outlier (900) does not widen the spread the way a standard deviation would.
    assert abs(robust_z(600, [100, 110, 95, 900, 105])) > 3.5
    assert abs(robust_z(104, [100, 110, 95, 900, 105])) < 1


def test_robust_z_of_a_constant_series_is_zero_for_the_same_value_and_infinite_otherwise():
    assert robust_z(5, [5, 5, 5, 5]) == 0
    assert robust_z(6, [5, 5, 5, 5]) == math.inf


def test_warnings_name_the_history_the_siblings_and_the_city():
    assert warnings(104, unit="người", history=[100, 110, 95, 105, 102, 98]) == []
    far = warnings(600, unit="người", history=[100, 110, 95, 105, 102, 98], siblings=[90, 100, 120, 95],
                   city=500)
    assert len(far) == 3
    assert "các kỳ trước" in far[0] and "cùng cấp" in far[1] and "toàn thành phố (500)" in far[2]


def test_a_change_far_from_the_usual_changes_warns_even_inside_the_usual_range():
    # A steady rise of ~10 a period, then a fall of 80: each level is ordinary, the step is not.
    history = [100, 110, 120, 130, 140, 150, 160, 170, 180]
    out = warnings(100, unit="", history=history)
    assert any("thay đổi bất thường" in w for w in out)
