"""Comparison rules of chitieu.core.evaluation: comparators, directions, stages, zero targets,
ranges, growth over a baseline, explanations and the two real Hai Phong facts of 2021."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.core.choices import (
    SIMULATED_SOURCE,
    Aggregation,
    Comparator,
    Direction,
    Stage,
    Status,
    TermAggregation,
)
from chitieu.core.evaluation import (
    Evaluation,
    Observation,
    TargetSpec,
    evaluate,
    judge,
    sentence,
)
from chitieu.core.periods import Period

Y2021 = Period.year(2021)
END_2021 = date(2021, 12, 31)
C = Comparator
H, L = Direction.HIGHER, Direction.LOWER
OFF, PRE, EST = Stage.OFFICIAL, Stage.PRELIMINARY, Stage.ESTIMATE


def spec(
    comparator: Comparator,
    value: float,
    value_max: float | None = None,
    *,
    unit: str = "%",
    direction: Direction = H,
    aggregation: Aggregation = Aggregation.LAST,
    baseline: float | None = None,
    period: Period = Y2021,
) -> TargetSpec:
    return TargetSpec(
        comparator=comparator,
        value=value,
        value_max=value_max,
        unit=unit,
        period=period,
        direction=direction,
        aggregation=aggregation,
        baseline_value=baseline,
    )


def ob(period: Period, value: float, stage: Stage = OFF, **kw: object) -> Observation:
    return Observation(period=period, value=value, stage=stage, **kw)  # type: ignore[arg-type]


def final(target: TargetSpec, value: float, stage: Stage = OFF) -> Evaluation:
    """Evaluate with one figure for the whole target period, on its last day."""
    return evaluate(target, [ob(target.period, value, stage)], as_of=target.period.end)


# (name, comparator, value, value_max, direction, actual, status, ratio)
COMPARATOR_CASES = [
    ("= higher: above is exceeded", C.EQ, 13.5, None, H, 14.0, Status.EXCEEDED, 14 / 13.5),
    ("= higher: equal is achieved", C.EQ, 13.5, None, H, 13.5, Status.ACHIEVED, 1.0),
    (
        "= higher: below is not achieved",
        C.EQ,
        13.5,
        None,
        H,
        12.5,
        Status.NOT_ACHIEVED,
        12.5 / 13.5,
    ),
    ("= lower: below is exceeded", C.EQ, 3.77, None, L, 3.5, Status.EXCEEDED, 3.77 / 3.5),
    ("= lower: equal is achieved", C.EQ, 3.77, None, L, 3.77, Status.ACHIEVED, 1.0),
    ("= lower: above is not achieved", C.EQ, 3.77, None, L, 4.0, Status.NOT_ACHIEVED, 3.77 / 4.0),
    (
        ">= is higher-is-better whatever the indicator says",
        C.GE,
        100,
        None,
        L,
        120,
        Status.EXCEEDED,
        1.2,
    ),
    (">= equal is achieved", C.GE, 100, None, H, 100, Status.ACHIEVED, 1.0),
    (">= below is not achieved", C.GE, 100, None, H, 90, Status.NOT_ACHIEVED, 0.9),
    (
        "<= is lower-is-better whatever the indicator says",
        C.LE,
        3.77,
        None,
        H,
        3.0,
        Status.EXCEEDED,
        3.77 / 3.0,
    ),
    ("<= equal is achieved", C.LE, 3.77, None, L, 3.77, Status.ACHIEVED, 1.0),
    ("<= above is not achieved", C.LE, 3.77, None, L, 4.0, Status.NOT_ACHIEVED, 3.77 / 4.0),
    (
        "range higher: below is not achieved, ratio to the lower bound",
        C.RANGE,
        3300,
        3500,
        H,
        3186,
        Status.NOT_ACHIEVED,
        3186 / 3300,
    ),
    (
        "range higher: the lower bound is achieved",
        C.RANGE,
        3300,
        3500,
        H,
        3300,
        Status.ACHIEVED,
        1.0,
    ),
    (
        "range higher: inside is achieved",
        C.RANGE,
        3300,
        3500,
        H,
        3400,
        Status.ACHIEVED,
        3400 / 3300,
    ),
    (
        "range higher: the upper bound is achieved",
        C.RANGE,
        3300,
        3500,
        H,
        3500,
        Status.ACHIEVED,
        3500 / 3300,
    ),
    (
        "range higher: above is exceeded, ratio to the upper bound",
        C.RANGE,
        3300,
        3500,
        H,
        3600,
        Status.EXCEEDED,
        3600 / 3500,
    ),
    (
        "range lower: above is not achieved, ratio to the upper bound",
        C.RANGE,
        1.0,
        1.5,
        L,
        2.0,
        Status.NOT_ACHIEVED,
        1.5 / 2.0,
    ),
    ("range lower: inside is achieved", C.RANGE, 1.0, 1.5, L, 1.2, Status.ACHIEVED, 1.5 / 1.2),
    (
        "range lower: below is exceeded, ratio to the lower bound",
        C.RANGE,
        1.0,
        1.5,
        L,
        0.8,
        Status.EXCEEDED,
        1.0 / 0.8,
    ),
    (
        "increase_by with a growth figure above the target",
        C.INCREASE_BY,
        10,
        None,
        H,
        12,
        Status.EXCEEDED,
        1.2,
    ),
    (
        "increase_by with a growth figure equal to the target",
        C.INCREASE_BY,
        10,
        None,
        H,
        10,
        Status.ACHIEVED,
        1.0,
    ),
    ("increase_by with a smaller growth", C.INCREASE_BY, 10, None, H, 8, Status.NOT_ACHIEVED, 0.8),
    (
        "increase_by with a fall instead of growth",
        C.INCREASE_BY,
        10,
        None,
        H,
        -2,
        Status.NOT_ACHIEVED,
        -0.2,
    ),
    (
        "decrease_by with a bigger fall than the target",
        C.DECREASE_BY,
        10,
        None,
        L,
        12,
        Status.EXCEEDED,
        1.2,
    ),
    ("decrease_by with a smaller fall", C.DECREASE_BY, 10, None, L, 8, Status.NOT_ACHIEVED, 0.8),
    (
        "increase_by is higher-is-better whatever the indicator says",
        C.INCREASE_BY,
        10,
        None,
        L,
        12,
        Status.EXCEEDED,
        1.2,
    ),
    (
        "decrease_by: a bigger fall is better whatever the indicator says",
        C.DECREASE_BY,
        10,
        None,
        H,
        12,
        Status.EXCEEDED,
        1.2,
    ),
    (
        "exceeded needs more than float noise",
        C.EQ,
        13.5,
        None,
        H,
        13.5 + 1e-12,
        Status.ACHIEVED,
        1.0,
    ),
    (
        "a shortfall within float noise is still achieved",
        C.EQ,
        13.5,
        None,
        H,
        13.5 - 1e-12,
        Status.ACHIEVED,
        1.0,
    ),
    (
        "a millionth above the target is exceeded",
        C.EQ,
        13.5,
        None,
        H,
        13.500001,
        Status.EXCEEDED,
        13.500001 / 13.5,
    ),
]


@pytest.mark.parametrize(
    ("comparator", "value", "value_max", "direction", "actual", "status", "ratio"),
    [c[1:] for c in COMPARATOR_CASES],
    ids=[c[0] for c in COMPARATOR_CASES],
)
def test_status_and_ratio_follow_comparator_and_direction_after_the_end(
    comparator: Comparator,
    value: float,
    value_max: float | None,
    direction: Direction,
    actual: float,
    status: Status,
    ratio: float,
) -> None:
    result = final(spec(comparator, value, value_max, direction=direction), actual)
    assert result.status is status
    assert result.achievement == pytest.approx(ratio)
    assert result.actual == pytest.approx(actual)
    assert result.actual_period == Y2021
    assert result.method == "final"
    assert result.forecast is None


ZERO_CASES = [
    ("no poor households left is achieved", C.LE, L, 0, Status.ACHIEVED),
    ("households left means not achieved", C.LE, L, 12, Status.NOT_ACHIEVED),
    ("= zero with lower direction, none left", C.EQ, L, 0, Status.ACHIEVED),
    ("= zero with lower direction, some left", C.EQ, L, 3, Status.NOT_ACHIEVED),
    (">= zero, something is exceeded", C.GE, H, 5, Status.EXCEEDED),
]


@pytest.mark.parametrize(
    ("comparator", "direction", "actual", "status"),
    [c[1:] for c in ZERO_CASES],
    ids=[c[0] for c in ZERO_CASES],
)
def test_a_zero_target_has_a_status_but_no_ratio(
    comparator: Comparator, direction: Direction, actual: float, status: Status
) -> None:
    result = final(spec(comparator, 0, unit="hộ", direction=direction), actual)
    assert result.status is status
    assert result.achievement is None


def test_a_lower_is_better_target_met_with_zero_has_no_ratio_but_is_exceeded() -> None:
    result = final(spec(C.LE, 3.77), 0)
    assert result.status is Status.EXCEEDED
    assert result.achievement is None


# (name, comparator, target, unit, baseline, level, status, growth, ratio)
BASELINE_CASES = [
    (
        "levels growing 11% against a 10% target",
        C.INCREASE_BY,
        10,
        "%",
        100,
        111,
        Status.EXCEEDED,
        11.0,
        1.1,
    ),
    (
        "levels growing exactly 10% (float noise absorbed)",
        C.INCREASE_BY,
        10,
        "%",
        100,
        110,
        Status.ACHIEVED,
        10.0,
        1.0,
    ),
    (
        "levels growing 5% against a 10% target",
        C.INCREASE_BY,
        10,
        "%",
        100,
        105,
        Status.NOT_ACHIEVED,
        5.0,
        0.5,
    ),
    (
        "levels falling 15% against a 10% fall target",
        C.DECREASE_BY,
        10,
        "%",
        200,
        170,
        Status.EXCEEDED,
        15.0,
        1.5,
    ),
    (
        "levels falling 5% against a 10% fall target",
        C.DECREASE_BY,
        10,
        "%",
        200,
        190,
        Status.NOT_ACHIEVED,
        5.0,
        0.5,
    ),
    (
        "an absolute increase in the target's unit",
        C.INCREASE_BY,
        500,
        "doanh nghiệp",
        2000,
        2600,
        Status.EXCEEDED,
        600.0,
        1.2,
    ),
    (
        "an absolute decrease in the target's unit",
        C.DECREASE_BY,
        50,
        "vụ",
        400,
        360,
        Status.NOT_ACHIEVED,
        40.0,
        0.8,
    ),
]


@pytest.mark.parametrize(
    ("comparator", "target", "unit", "baseline", "level", "status", "growth", "ratio"),
    [c[1:] for c in BASELINE_CASES],
    ids=[c[0] for c in BASELINE_CASES],
)
def test_changes_over_a_baseline_are_computed_from_levels(
    comparator: Comparator,
    target: float,
    unit: str,
    baseline: float,
    level: float,
    status: Status,
    growth: float,
    ratio: float,
) -> None:
    result = final(spec(comparator, target, unit=unit, baseline=baseline), level)
    assert result.status is status
    assert result.actual == pytest.approx(growth)
    assert result.achievement == pytest.approx(ratio)


def test_growth_over_a_baseline_is_explained_with_the_level_and_the_baseline() -> None:
    result = final(spec(C.INCREASE_BY, 10, baseline=100), 111)
    assert (
        result.explanation
        == "Chính thức tăng 11% (mức 111 so với kỳ gốc 100), cao hơn chỉ tiêu tăng 10%"
    )


def test_a_fall_is_worded_as_a_fall() -> None:
    result = final(spec(C.DECREASE_BY, 10, baseline=200), 170)
    assert result.explanation.startswith("Chính thức giảm 15%")
    assert "chỉ tiêu giảm 10%" in result.explanation


# ---- stages ----------------------------------------------------------------------------------

# (name, figures in entry order as (stage, value), expected value, expected stage, provisional)
STAGE_CASES = [
    (
        "official beats preliminary and estimate",
        [(OFF, 13.0), (PRE, 12.8), (EST, 12.5)],
        13.0,
        OFF,
        False,
    ),
    ("official beats them in any order", [(EST, 12.5), (OFF, 13.0), (PRE, 12.8)], 13.0, OFF, False),
    ("preliminary beats estimate and is provisional", [(EST, 12.5), (PRE, 12.8)], 12.8, PRE, True),
    ("an estimate alone is provisional", [(EST, 12.5)], 12.5, EST, True),
    ("the later of two estimates wins", [(EST, 12.5), (EST, 12.7)], 12.7, EST, True),
]


@pytest.mark.parametrize(
    ("figures", "value", "stage", "provisional"),
    [c[1:] for c in STAGE_CASES],
    ids=[c[0] for c in STAGE_CASES],
)
def test_the_best_stage_wins_and_only_official_is_not_provisional(
    figures: list[tuple[Stage, float]], value: float, stage: Stage, provisional: bool
) -> None:
    obs = [ob(Y2021, v, s) for s, v in figures]
    result = evaluate(spec(C.EQ, 13.5), obs, as_of=END_2021)
    assert result.actual == value
    assert result.stage is stage
    assert result.provisional is provisional


def months(year: int, values: list[float], stage: Stage = OFF, **kw: object) -> list[Observation]:
    return [ob(Period.month(year, i + 1), v, stage, **kw) for i, v in enumerate(values)]


def test_complete_official_months_beat_an_estimate_for_the_year() -> None:
    target = spec(C.GE, 100, unit="tỷ đồng", aggregation=Aggregation.SUM)
    obs = [ob(Y2021, 90, EST), *months(2021, [10.0] * 12)]
    result = evaluate(target, obs, as_of=END_2021)
    assert (result.actual, result.stage, result.status) == (120, OFF, Status.EXCEEDED)
    assert result.provisional is False


def test_a_figure_for_the_year_beats_months_of_no_better_stage() -> None:
    target = spec(C.GE, 100, unit="tỷ đồng", aggregation=Aggregation.SUM)
    obs = [ob(Y2021, 95, PRE), *months(2021, [10.0] * 12, EST)]
    result = evaluate(target, obs, as_of=END_2021)
    assert (result.actual, result.stage, result.status) == (95, PRE, Status.NOT_ACHIEVED)


def test_an_annual_estimate_beats_incomplete_months_after_the_end() -> None:
    target = spec(C.GE, 100, unit="tỷ đồng", aggregation=Aggregation.SUM)
    obs = [ob(Y2021, 104, EST), *months(2021, [10.0] * 9)]
    result = evaluate(target, obs, as_of=date(2022, 1, 15))
    assert (result.actual, result.method, result.status) == (104, "final", Status.EXCEEDED)


def test_a_half_year_and_the_first_six_months_are_the_same_figure_slot() -> None:
    target = spec(
        C.GE, 50, unit="tỷ đồng", aggregation=Aggregation.SUM, period=Period.year_to_date(2021, 6)
    )
    obs = [ob(Period.half(2021, 1), 52, OFF), ob(Period.year_to_date(2021, 6), 48, EST)]
    result = evaluate(target, obs, as_of=date(2021, 7, 20))
    assert (result.actual, result.stage, result.status) == (52, OFF, Status.EXCEEDED)


# ---- the two real facts of Hai Phong 2021 ----------------------------------------------------


def test_grdp_growth_estimate_of_12_5_misses_the_13_5_target() -> None:
    target = TargetSpec(C.EQ, 13.5, None, "%", Y2021, indicator_name="Tốc độ tăng trưởng GRDP")
    result = evaluate(target, [ob(Y2021, 12.5, EST)], as_of=END_2021)
    assert result.status is Status.NOT_ACHIEVED
    assert result.provisional is True
    assert result.stage is EST
    assert "12,5%" in result.explanation and "13,5%" in result.explanation
    assert result.explanation == "Ước đạt 12,5%, thấp hơn chỉ tiêu 13,5%"
    assert (
        sentence(target, result)
        == "Tốc độ tăng trưởng GRDP: Ước đạt 12,5%, thấp hơn chỉ tiêu 13,5%"
    )


def test_3186_new_party_members_fall_below_the_3300_to_3500_range() -> None:
    target = TargetSpec(C.RANGE, 3300, 3500, "đảng viên", Y2021, aggregation=Aggregation.SUM)
    result = evaluate(target, [ob(Y2021, 3186, OFF)], as_of=END_2021)
    assert result.status is Status.NOT_ACHIEVED
    assert result.achievement == pytest.approx(0.9655, abs=1e-4)
    assert (
        result.explanation == "Chính thức đạt 3.186 đảng viên, dưới khoảng 3.300 – 3.500 đảng viên"
    )


# ---- no data, simulated, units, validation ---------------------------------------------------


NO_DATA_CASES = [
    ("no observation at all", []),
    ("figures only for another year", [ob(Period.year(2020), 12.0)]),
    ("a figure for a period that starts after as_of", [ob(Period.month(2022, 1), 12.0)]),
]


@pytest.mark.parametrize("obs", [c[1] for c in NO_DATA_CASES], ids=[c[0] for c in NO_DATA_CASES])
def test_without_a_usable_figure_the_status_is_no_data(obs: list[Observation]) -> None:
    result = evaluate(spec(C.EQ, 13.5), obs, as_of=END_2021)
    assert result.status is Status.NO_DATA
    assert (result.achievement, result.actual, result.stage, result.forecast) == (
        None,
        None,
        None,
        None,
    )
    assert result.method == "none"
    assert result.explanation == "Chưa có số liệu năm 2021"


def test_a_simulated_figure_marks_the_evaluation_and_its_explanation() -> None:
    result = evaluate(spec(C.EQ, 13.5), [ob(Y2021, 14, simulated=True)], as_of=END_2021)
    assert result.simulated is True
    assert result.explanation.endswith(f"({SIMULATED_SOURCE})")


def test_one_simulated_month_among_real_ones_marks_the_sum() -> None:
    target = spec(C.GE, 100, unit="tỷ đồng", aggregation=Aggregation.SUM)
    obs = months(2021, [10.0] * 11) + [ob(Period.month(2021, 12), 10.0, simulated=True)]
    assert evaluate(target, obs, as_of=END_2021).simulated is True


def test_real_figures_are_not_marked_simulated() -> None:
    result = final(spec(C.EQ, 13.5), 14)
    assert result.simulated is False
    assert SIMULATED_SOURCE not in result.explanation


def test_the_city_aggregate_is_used_when_units_also_report() -> None:
    obs = [ob(Y2021, 14.0), ob(Y2021, 9.0, unit_code="xa-a"), ob(Y2021, 20.0, unit_code="xa-b")]
    assert evaluate(spec(C.EQ, 13.5), obs, as_of=END_2021).actual == 14.0


def test_the_figures_of_a_single_unit_are_used_for_its_own_target() -> None:
    obs = [ob(Y2021, 9.0, unit_code="xa-a")]
    assert evaluate(spec(C.EQ, 13.5), obs, as_of=END_2021).status is Status.NOT_ACHIEVED


def test_several_units_without_an_aggregate_are_refused() -> None:
    obs = [ob(Y2021, 9.0, unit_code="xa-a"), ob(Y2021, 20.0, unit_code="xa-b")]
    with pytest.raises(ValueError, match="nhiều đơn vị"):
        evaluate(spec(C.EQ, 13.5), obs, as_of=END_2021)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"comparator": C.RANGE, "value": 3300, "value_max": None}, "khoảng"),
        ({"comparator": C.RANGE, "value": 3500, "value_max": 3300}, "khoảng"),
        ({"comparator": C.EQ, "value": float("nan"), "value_max": None}, "hữu hạn"),
        (
            {"comparator": C.INCREASE_BY, "value": 10, "value_max": None, "baseline_value": 0},
            "kỳ gốc",
        ),
    ],
    ids=["range without an upper bound", "range upside down", "NaN target", "zero baseline"],
)
def test_an_impossible_target_is_refused_with_a_vietnamese_message(
    kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        TargetSpec(unit="%", period=Y2021, **kwargs)  # type: ignore[arg-type]


def test_an_infinite_observation_is_refused() -> None:
    with pytest.raises(ValueError, match="hữu hạn"):
        ob(Y2021, float("inf"))


def test_growth_figures_of_a_cumulative_indicator_are_averaged_not_added() -> None:
    target = spec(C.INCREASE_BY, 10, aggregation=Aggregation.SUM)
    obs = [ob(Period.quarter(2021, q), v) for q, v in enumerate([9.0, 10.0, 11.0, 12.0], start=1)]
    result = evaluate(target, obs, as_of=END_2021)
    assert result.actual == pytest.approx(10.5)
    assert result.status is Status.EXCEEDED


@settings(max_examples=200, deadline=None)
@given(
    comparator=st.sampled_from(list(Comparator)),
    direction=st.sampled_from(list(Direction)),
    value=st.floats(-1e6, 1e6),
    width=st.floats(0, 1e6),
    a=st.floats(-1e7, 1e7),
    b=st.floats(-1e7, 1e7),
)
def test_a_better_figure_never_gets_a_worse_status(
    comparator: Comparator, direction: Direction, value: float, width: float, a: float, b: float
) -> None:
    target = spec(
        comparator, value, value + width if comparator is C.RANGE else None, direction=direction
    )
    rank = {Status.NOT_ACHIEVED: 0, Status.ACHIEVED: 1, Status.EXCEEDED: 2}
    worse, better = sorted((a, b)) if target.higher_is_better else sorted((a, b), reverse=True)
    assert rank[judge(target, worse)[0]] <= rank[judge(target, better)[0]]


EXPLANATION_CASES = [
    (
        "at most, met",
        spec(C.LE, 3.77, direction=L),
        3.5,
        EST,
        "Ước đạt 3,5%, thấp hơn chỉ tiêu 3,77%",
    ),
    (
        "at least, missed",
        spec(C.GE, 90, unit="nghìn tỷ đồng"),
        85.25,
        PRE,
        "Sơ bộ đạt 85,25 nghìn tỷ đồng, thấp hơn chỉ tiêu 90 nghìn tỷ đồng",
    ),
    (
        "equal, met exactly",
        spec(C.EQ, 8, unit="xã"),
        8,
        OFF,
        "Chính thức đạt 8 xã, bằng chỉ tiêu 8 xã",
    ),
    (
        "range, inside",
        spec(C.RANGE, 2.5, 3.0, unit="tỷ USD"),
        2.78,
        EST,
        "Ước đạt 2,78 tỷ USD, trong khoảng 2,5 – 3 tỷ USD",
    ),
    (
        "range, above",
        spec(C.RANGE, 2.5, 3.0, unit="tỷ USD"),
        3.2,
        EST,
        "Ước đạt 3,2 tỷ USD, trên khoảng 2,5 – 3 tỷ USD",
    ),
    (
        "growth figure",
        spec(C.INCREASE_BY, 17),
        16.114,
        EST,
        "Ước tăng 16,11%, thấp hơn chỉ tiêu tăng 17%",
    ),
    (
        "a fall where growth was wanted",
        spec(C.INCREASE_BY, 5),
        -1.5,
        OFF,
        "Chính thức giảm 1,5%, thấp hơn chỉ tiêu tăng 5%",
    ),
    (
        "large figures lose their decimals",
        spec(C.EQ, 89490.478, unit="tỷ đồng"),
        81016.066,
        EST,
        "Ước đạt 81.016 tỷ đồng, thấp hơn chỉ tiêu 89.490,478 tỷ đồng",
    ),
]


@pytest.mark.parametrize(
    ("target", "value", "stage", "text"),
    [c[1:] for c in EXPLANATION_CASES],
    ids=[c[0] for c in EXPLANATION_CASES],
)
def test_the_explanation_is_one_vietnamese_line(
    target: TargetSpec, value: float, stage: Stage, text: str
) -> None:
    assert final(target, value, stage).explanation == text


# ---- any input: a status, never a crash -------------------------------------------------------

PERIODS = st.one_of(
    st.builds(Period.year, st.integers(2021, 2024)),
    st.builds(Period.half, st.integers(2021, 2024), st.integers(1, 2)),
    st.builds(Period.quarter, st.integers(2021, 2024), st.integers(1, 4)),
    st.builds(Period.month, st.integers(2021, 2024), st.integers(1, 12)),
    st.builds(Period.year_to_date, st.integers(2021, 2024), st.integers(1, 12)),
    st.just(Period.term(2021, 2024)),
)
OBSERVATIONS = st.builds(
    Observation,
    period=PERIODS,
    value=st.floats(-1e6, 1e6),
    stage=st.sampled_from(list(Stage)),
    simulated=st.booleans(),
)
FINAL_STATUSES = {Status.EXCEEDED, Status.ACHIEVED, Status.NOT_ACHIEVED, Status.NO_DATA}
OPEN_STATUSES = {Status.ON_TRACK, Status.AT_RISK, Status.NO_DATA}


@settings(max_examples=300, deadline=None)
@given(
    comparator=st.sampled_from(list(Comparator)),
    aggregation=st.sampled_from(list(Aggregation)),
    period=PERIODS,
    baseline=st.one_of(st.none(), st.floats(1, 1e4)),
    obs=st.lists(OBSERVATIONS, max_size=30),
    as_of=st.dates(date(2020, 6, 1), date(2026, 1, 1)),
)
def test_any_figures_give_a_consistent_evaluation(
    comparator: Comparator,
    aggregation: Aggregation,
    period: Period,
    baseline: float | None,
    obs: list[Observation],
    as_of: date,
) -> None:
    target = TargetSpec(
        comparator,
        10.0,
        20.0 if comparator is C.RANGE else None,
        "%",
        period,
        aggregation=aggregation,
        baseline_value=baseline,
    )
    result = evaluate(target, obs, as_of=as_of)
    assert result.status in (FINAL_STATUSES if as_of >= period.end else OPEN_STATUSES)
    assert result.explanation
    if result.status is Status.NO_DATA:
        assert result.actual is None
    else:
        assert result.actual is not None and math.isfinite(result.actual)
        assert result.simulated == (SIMULATED_SOURCE in result.explanation)
    if result.forecast is not None and result.forecast.low is not None:
        assert result.forecast.low <= result.forecast.value + 1e-6


def _levels(rate: float, years: range, base: float = 100.0) -> list[Observation]:
    return [
        Observation(Period.year(y), base * (1 + rate / 100) ** (y - years.start + 1), Stage.OFFICIAL)
        for y in years
    ]


@pytest.mark.parametrize(
    ("comparator", "rate", "as_of", "expected", "growth"),
    [
        # levels growing 6%/year against "tăng bình quân 8%/năm": not the 19,5% the mean level shows
        (Comparator.INCREASE_BY, 6.0, date(2026, 3, 1), Status.NOT_ACHIEVED, 6.0),
        (Comparator.INCREASE_BY, 9.0, date(2026, 3, 1), Status.EXCEEDED, 9.0),
        # mid-term: the rate so far stands for the years to come
        (Comparator.INCREASE_BY, 6.0, date(2024, 3, 1), Status.AT_RISK, 6.0),
        # "giảm bình quân 8%/năm": a fall of 9%/year is better than asked
        (Comparator.DECREASE_BY, -9.0, date(2026, 3, 1), Status.EXCEEDED, 9.0),
    ],
)
def test_an_average_change_over_a_baseline_is_the_compound_annual_rate(
    comparator: Comparator, rate: float, as_of: date, expected: Status, growth: float
) -> None:
    term = Period.term(2021, 2025)
    spec = TargetSpec(
        comparator, 8.0, None, "%", term,
        term_aggregation=TermAggregation.AVERAGE, baseline_value=100.0,
    )
    observed = [o for o in _levels(rate, range(2021, 2026)) if o.period.end < as_of]
    result = evaluate(spec, observed, as_of=as_of)
    assert result.status is expected
    measured = result.actual if result.forecast is None else result.forecast.value
    assert measured == pytest.approx(growth)


def test_a_level_at_the_end_of_a_term_needs_only_the_last_year() -> None:
    term = Period.term(2021, 2025)
    spec = TargetSpec(Comparator.GE, 70.0, None, "%", term, term_aggregation=TermAggregation.END)
    observed = [Observation(Period.year(2021), 60.0, Stage.OFFICIAL),
                Observation(Period.year(2025), 72.0, Stage.OFFICIAL)]
    result = evaluate(spec, observed, as_of=date(2026, 3, 1))
    assert (result.status, result.actual, result.provisional) == (Status.EXCEEDED, 72.0, False)
    assert "thiếu" not in result.explanation


@pytest.mark.parametrize("tiny", [2.2e-308, 5e-324, 1e-306])
def test_a_figure_next_to_zero_against_a_lower_is_better_target_has_a_status_but_no_ratio(tiny: float) -> None:
    spec = TargetSpec(Comparator.LE, 10.0, None, "%", Y2021, aggregation=Aggregation.SUM)
    result = evaluate(spec, [Observation(Y2021, tiny, Stage.OFFICIAL)], as_of=END_2021)
    assert result.status is Status.EXCEEDED and result.achievement is None
    assert "%" in result.explanation


# ---- figures in words carry the decimals of their verdict (issue 9, finding 8) ----------------


def test_a_figure_a_hair_above_its_target_reads_above_it_in_words() -> None:
    # "Ước đạt 3,77%, cao hơn chỉ tiêu 3,77%" with "Không đạt": 3,77025 was shown rounded.
    target = spec(C.LE, 3.77)
    result = evaluate(target, [ob(Y2021, 3.77025, EST)], as_of=END_2021)
    assert result.status is Status.NOT_ACHIEVED
    assert result.explanation == "Ước đạt 3,7703%, cao hơn chỉ tiêu 3,7700%"


def test_a_figure_equal_to_its_target_up_to_noise_reads_plainly() -> None:
    target = spec(C.GE, 3.77)
    result = evaluate(target, [ob(Y2021, 3.77 + 1e-12, EST)], as_of=END_2021)
    assert result.status is Status.ACHIEVED
    assert result.explanation == "Ước đạt 3,77%, bằng chỉ tiêu 3,77%"


def test_a_growth_a_hair_short_of_its_target_reads_short_in_words() -> None:
    target = spec(C.INCREASE_BY, 8.0)
    result = evaluate(target, [ob(Y2021, 7.999, EST)], as_of=END_2021)
    assert result.status is Status.NOT_ACHIEVED
    assert "tăng 7,999%" in result.explanation and "chỉ tiêu tăng 8,000%" in result.explanation
