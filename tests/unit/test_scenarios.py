"""The figure so far against a target's scenario (chitieu.core.scenarios), on hand-worked cases."""

from __future__ import annotations

import pytest

from chitieu.core.choices import ScenarioKind
from chitieu.core.periods import Period
from chitieu.core.scenarios import Scenario, compare

P = Period.parse
BUDGET_2M = Scenario(P("T2/2026"), 34_392.0)  # 41.546 tỷ đồng was 120,8% of it


def test_the_budget_of_two_months_is_measured_against_the_scenario_to_february():
    check = compare([Scenario(P("T1/2026"), 15_000.0), BUDGET_2M], target_value=195_052, unit="tỷ đồng",
                    higher_is_better=True, actual=41_546.0, actual_period=P("2M/2026"))
    assert check is not None and check.period == P("T2/2026")
    assert check.ratio == pytest.approx(41_546 / 34_392)
    assert check.words == "đạt 120,8% kịch bản tháng 2/2026 (34.392 tỷ đồng)"


def test_a_share_scenario_is_the_share_of_the_target_expected_by_then():
    # 17,632% of 195.052 tỷ đồng = 34.391,6 tỷ đồng
    check = compare([Scenario(P("T2/2026"), 17.632, ScenarioKind.SHARE)], target_value=195_052, unit="tỷ đồng",
                    higher_is_better=True, actual=41_546.0, actual_period=P("2M/2026"))
    assert check is not None and check.expected == pytest.approx(34_391.57, abs=0.01)
    assert check.ratio == pytest.approx(1.208, abs=0.0005)


def test_a_growth_is_said_in_points_above_or_below_its_scenario():
    q1 = Scenario(P("Q1/2026"), 12.0)
    above = compare([q1], target_value=13, unit="%", higher_is_better=True, actual=12.3, actual_period=P("Q1/2026"))
    below = compare([q1], target_value=13, unit="%", higher_is_better=True, actual=11.5, actual_period=P("Q1/2026"))
    assert above is not None and above.words == "cao hơn kịch bản quý I/2026 (12%) 0,3 điểm %"
    assert below is not None and below.words == "thấp hơn kịch bản quý I/2026 (12%) 0,5 điểm %"
    assert below.gap == pytest.approx(-0.5)


def test_no_scenario_ends_with_the_figure_so_no_comparison_is_made():
    assert compare([BUDGET_2M], target_value=1, unit="tỷ đồng", higher_is_better=True,
                   actual=50_000.0, actual_period=P("3M/2026")) is None
    assert compare([BUDGET_2M], target_value=1, unit="tỷ đồng", higher_is_better=True,
                   actual=None, actual_period=None) is None


def test_lower_is_better_takes_the_scenario_over_the_figure():
    check = compare([Scenario(P("Q2/2026"), 4.0)], target_value=3.5, unit="vụ", higher_is_better=False,
                    actual=5.0, actual_period=P("Q2/2026"))
    assert check is not None and check.ratio == pytest.approx(0.8)
    assert check.words.startswith("đạt 80% kịch bản quý II/2026")


def test_of_two_scenarios_ending_that_day_the_one_over_the_same_days_is_taken():
    month, quarter = Scenario(P("T3/2026"), 5.0), Scenario(P("Q1/2026"), 12.0)
    check = compare([month, quarter], target_value=13, unit="%", higher_is_better=True, actual=12.0,
                    actual_period=P("Q1/2026"))
    assert check is not None and check.period == P("Q1/2026") and check.words.startswith("bằng kịch bản quý I/2026")
