"""Review summaries, unit ranking against siblings and suspicious jumps."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.choices import Category, Direction, Status
from chitieu.core.evaluation import Evaluation
from chitieu.core.periods import Period
from chitieu.core.review import ReviewRow, jumps, rank_units, summarise


def row(
    key: str,
    status: Status,
    achievement: float | None = None,
    category: Category = Category.ECONOMY,
) -> ReviewRow:
    evaluation = Evaluation(
        status=status,
        achievement=achievement,
        actual=None,
        actual_period=None,
        stage=None,
        provisional=True,
        forecast=None,
        method="final",
        explanation="",
        simulated=False,
    )
    return ReviewRow(key=key, indicator=f"Chỉ tiêu {key}", category=category, evaluation=evaluation)


ROWS = [
    row("1", Status.EXCEEDED, 1.2),
    row("2", Status.ACHIEVED, 1.0, Category.SOCIETY),
    row("3", Status.AT_RISK, 0.95),
    row("4", Status.AT_RISK, 0.80, Category.PARTY),
    row("5", Status.NOT_ACHIEVED, 0.97, Category.PARTY),
    row("6", Status.NOT_ACHIEVED, None, Category.SOCIETY),
    row("7", Status.NO_DATA),
    row("8", Status.ON_TRACK, 1.1, Category.ENVIRONMENT),
    row("9", Status.NOT_ACHIEVED, 0.5),
]


def test_counts_hold_every_status_even_when_absent() -> None:
    summary = summarise(ROWS[:2])
    assert set(summary.counts) == set(Status)
    assert summary.counts[Status.NO_DATA] == 0
    assert summary.counts[Status.EXCEEDED] == 1


def test_counts_add_up_to_the_total_and_met_is_exceeded_plus_achieved() -> None:
    summary = summarise(ROWS)
    assert summary.total == 9
    assert sum(summary.counts.values()) == 9
    assert summary.counts[Status.NOT_ACHIEVED] == 3
    assert summary.met == 2


def test_counts_by_category_keep_every_category_and_status() -> None:
    summary = summarise(ROWS)
    assert set(summary.by_category) == set(Category)
    assert all(set(c) == set(Status) for c in summary.by_category.values())
    assert summary.by_category[Category.PARTY][Status.AT_RISK] == 1
    assert summary.by_category[Category.PARTY][Status.NOT_ACHIEVED] == 1
    assert summary.by_category[Category.SOCIETY][Status.ACHIEVED] == 1
    assert sum(summary.by_category[Category.DEFENCE].values()) == 0


def test_at_risk_list_puts_not_achieved_first_then_the_worst_ratio() -> None:
    keys = [r.key for r in summarise(ROWS).at_risk]
    assert keys == ["6", "9", "5", "4", "3"]


def test_headline_gives_met_over_total_then_what_needs_attention() -> None:
    assert summarise(ROWS).headline == (
        "Đạt 2/9 chỉ tiêu (vượt 1) · Không đạt 3 · Có nguy cơ không đạt 2 · Chưa có số liệu 1 · Đúng tiến độ 1"
    )


def test_headline_of_the_issue_example() -> None:
    rows = [row(str(i), Status.ACHIEVED) for i in range(5)]
    rows += [row(f"r{i}", Status.AT_RISK, 0.9) for i in range(7)]
    rows += [row(f"n{i}", Status.NO_DATA) for i in range(8)]
    assert (
        summarise(rows).headline == "Đạt 5/20 chỉ tiêu · Có nguy cơ không đạt 7 · Chưa có số liệu 8"
    )


def test_an_empty_review_says_so() -> None:
    summary = summarise([])
    assert (summary.total, summary.met, summary.at_risk) == (0, 0, [])
    assert summary.headline == "Chưa có chỉ tiêu nào"


# ---- rank_units ------------------------------------------------------------------------------


def test_units_are_ranked_against_their_own_group_average() -> None:
    values = {"a1": 10.0, "a2": 20.0, "a3": 30.0, "b1": 100.0, "b2": 300.0}
    groups = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B"}
    ranks = {r.unit: r for r in rank_units(values, direction=Direction.HIGHER, groups=groups)}
    assert ranks["a1"].group_average == 20.0 and ranks["b1"].group_average == 200.0
    assert ranks["a3"].rank == 1 and ranks["a1"].rank == 3
    assert ranks["a1"].deviation == pytest.approx(-0.5)
    assert ranks["b1"].deviation == pytest.approx(-0.5)
    assert ranks["b2"].deviation == pytest.approx(0.5)
    assert [r.unit for r in ranks.values() if r.lagging] == ["a1", "b1"]


def test_lower_is_better_flips_rank_and_deviation() -> None:
    ranks = {
        r.unit: r for r in rank_units({"x": 2.0, "y": 4.0, "z": 6.0}, direction=Direction.LOWER)
    }
    assert (ranks["x"].rank, ranks["z"].rank) == (1, 3)
    assert ranks["x"].deviation == pytest.approx(0.5)
    assert ranks["z"].deviation == pytest.approx(-0.5)
    assert (ranks["x"].lagging, ranks["y"].lagging, ranks["z"].lagging) == (False, False, True)


def test_lagging_needs_more_than_the_threshold_below_average() -> None:
    ranks = {
        r.unit: r
        for r in rank_units(
            {"x": 90.0, "y": 110.0, "z": 70.0, "w": 130.0},
            direction=Direction.HIGHER,
            lag_threshold=0.2,
        )
    }
    assert ranks["x"].lagging is False  # 10% below
    assert ranks["z"].lagging is True  # 30% below


def test_tied_units_share_a_rank() -> None:
    ranks = {
        r.unit: r.rank
        for r in rank_units({"x": 5.0, "y": 5.0, "z": 1.0}, direction=Direction.HIGHER)
    }
    assert ranks == {"x": 1, "y": 1, "z": 3}


def test_a_zero_average_gives_the_plain_difference() -> None:
    ranks = {r.unit: r for r in rank_units({"x": -2.0, "y": 2.0}, direction=Direction.HIGHER)}
    assert ranks["x"].deviation == -2.0 and ranks["x"].lagging


def test_a_non_finite_unit_figure_is_refused() -> None:
    with pytest.raises(ValueError, match="hữu hạn"):
        rank_units({"x": float("nan")}, direction=Direction.HIGHER)


# ---- jumps -----------------------------------------------------------------------------------


def monthly(values: list[float], year: int = 2024) -> list[tuple[Period, float]]:
    return [(Period.month(year + i // 12, i % 12 + 1), v) for i, v in enumerate(values)]


def noisy(seed: int, n: int = 24, level: float = 100.0) -> list[float]:
    rng = random.Random(seed)
    return [level * (1 + rng.uniform(-0.03, 0.03)) for _ in range(n)]


def test_a_planted_jump_is_found_and_noise_is_not() -> None:
    planted = noisy(1)
    planted[14] *= 3
    series = {"xa-a": monthly(noisy(2)), "xa-b": monthly(planted), "xa-c": monthly(noisy(3))}
    found = jumps(series)
    assert [(j.key, j.period) for j in found][:1] == [("xa-b", Period.month(2025, 3))]
    assert found[0].change == pytest.approx(planted[14] / planted[13] - 1)
    assert found[0].z > 3.5
    assert {j.key for j in found} == {"xa-b"}  # the fall back from the spike is the only other


def test_noise_alone_has_no_jump() -> None:
    assert jumps({f"u{i}": monthly(noisy(i)) for i in range(5)}) == []


def test_constant_changes_with_mad_zero_still_find_the_outlier() -> None:
    flat = [100.0] * 12
    flat[7] = 150.0
    found = jumps({"u": monthly(flat)})
    assert found and found[0].period == Period.month(2024, 8)
    assert all(j.z != float("inf") for j in found)


def test_identical_changes_everywhere_find_nothing() -> None:
    assert jumps({"u": monthly([100.0] * 12), "v": monthly([5.0] * 12)}) == []


def test_a_change_from_zero_is_left_out_and_the_changes_after_it_still_count() -> None:
    # 0 -> 50 has no relative size (it would divide by zero); 50 -> 200 is the one jump.
    values = [0.0, 0.0, 50.0, 51.0, 50.0, 52.0, 51.0, 50.0, 200.0]
    found = jumps({"u": monthly(values)})
    assert [(j.period, j.previous, j.value) for j in found] == [(Period.month(2024, 9), 50.0, 200.0)]


def test_fewer_than_three_changes_have_nothing_to_compare() -> None:
    assert jumps({"u": monthly([1.0, 100.0, 1.0])}) == []


def test_changes_are_taken_within_one_period_kind() -> None:
    points = [(Period.quarter(2024, 1), 300.0), *monthly([100.0, 101.0, 100.0, 102.0, 101.0])]
    assert jumps({"u": points}) == []


@given(
    st.dictionaries(
        st.sampled_from(["u", "v", "w"]),
        st.lists(st.sampled_from([0.0, 0.0, 1.0, -1.0, 5.0, 1e9, -1e-9, 100.0]), max_size=14),
    )
)
def test_jumps_never_fail_and_scores_are_finite(values: dict[str, list[float]]) -> None:
    for jump in jumps({k: monthly(v) for k, v in values.items()}):
        assert jump.previous != 0 or jump.change == 0
        assert abs(jump.z) < float("inf")
