"""Forecasts before a period ends (pace, seasonal profile, latest figure, trend), projections
after an incomplete period, and multi-year term targets (average, end level, sum)."""

from __future__ import annotations

from datetime import date

import pytest

from chitieu.core.choices import Aggregation, Comparator, Direction, Stage, Status, TermAggregation
from chitieu.core.evaluation import Observation, TargetSpec, evaluate
from chitieu.core.forecast import ForecastMethod, best_by_period, period_figure
from chitieu.core.periods import Period

OFF, EST = Stage.OFFICIAL, Stage.ESTIMATE
Y2024 = Period.year(2024)
MID_2024 = date(2024, 7, 10)
C = Comparator


def ob(period: Period, value: float, stage: Stage = OFF, **kw: object) -> Observation:
    return Observation(period=period, value=value, stage=stage, **kw)  # type: ignore[arg-type]


def months(year: int, values: list[float], stage: Stage = OFF, **kw: object) -> list[Observation]:
    return [ob(Period.month(year, i + 1), v, stage, **kw) for i, v in enumerate(values)]


def quarters(year: int, values: list[float], stage: Stage = OFF, **kw: object) -> list[Observation]:
    return [ob(Period.quarter(year, i + 1), v, stage, **kw) for i, v in enumerate(values)]


def revenue(value: float, period: Period = Y2024) -> TargetSpec:
    return TargetSpec(C.GE, value, None, "nghìn tỷ đồng", period, aggregation=Aggregation.SUM)


def rate(
    comparator: Comparator,
    value: float,
    aggregation: Aggregation,
    direction: Direction = Direction.HIGHER,
) -> TargetSpec:
    return TargetSpec(
        comparator, value, None, "%", Y2024, direction=direction, aggregation=aggregation
    )


# ---- cumulative indicators: pace and seasonal profile ----------------------------------------


def test_pace_projects_the_year_to_date_sum_by_the_months_covered() -> None:
    result = evaluate(revenue(90), months(2024, [8.0] * 6), as_of=MID_2024)
    assert result.status is Status.ON_TRACK
    assert result.forecast is not None
    assert (result.forecast.value, result.forecast.method) == (96.0, "pace")
    assert result.actual == 48.0
    assert result.actual_period == Period.year_to_date(2024, 6)
    assert result.achievement == pytest.approx(48 / 90)  # so far, as reports say it
    assert result.forecast.achievement == pytest.approx(96 / 90)
    assert result.provisional is True


def test_half_a_years_revenue_against_last_years_whole_has_no_ratio_yet() -> None:
    growth = TargetSpec(
        C.INCREASE_BY, 10, None, "%", Y2024, aggregation=Aggregation.SUM, baseline_value=100
    )
    result = evaluate(growth, months(2024, [9.5] * 6), as_of=MID_2024)
    assert result.achievement is None  # 57 of a year against 100 for a whole year says nothing
    assert result.forecast is not None
    assert result.forecast.value == pytest.approx(14.0)  # 114 projected: up 14%
    assert result.forecast.achievement == pytest.approx(1.4)
    assert result.status is Status.ON_TRACK


def test_pace_below_the_target_is_at_risk() -> None:
    result = evaluate(revenue(100), months(2024, [8.0] * 6), as_of=MID_2024)
    assert result.status is Status.AT_RISK
    assert result.achievement == pytest.approx(0.48)
    assert result.forecast is not None and result.forecast.achievement == pytest.approx(0.96)


def test_the_forecast_is_explained_with_method_ratio_and_data_so_far() -> None:
    obs = months(2024, [7.6, 7.8, 8.0, 8.0, 8.1, 8.1])  # 47,6 -> 95,2 for the year
    result = evaluate(revenue(90), obs, as_of=MID_2024)
    assert result.explanation == (
        "Dự báo cả năm 95,2 nghìn tỷ đồng theo tiến độ, đạt 105,8% chỉ tiêu 90 nghìn tỷ đồng"
        " (số liệu đến 6 tháng đầu năm 2024)"
    )


def test_a_cumulative_year_to_date_figure_is_projected_by_pace() -> None:
    result = evaluate(
        revenue(90), [ob(Period.year_to_date(2024, 9), 63.0)], as_of=date(2024, 10, 5)
    )
    assert result.forecast is not None
    assert result.forecast.value == pytest.approx(84.0)
    assert result.status is Status.AT_RISK


# Last year's quarters decide the seasonal profile; this year's first half is 12 + 24 = 36.
BACK_LOADED = quarters(2023, [10, 20, 30, 40])  # 30% of the year by June
FRONT_LOADED = quarters(2023, [40, 30, 20, 10])  # 70% of the year by June

SEASONAL_CASES = [
    # (name, history, this year, target, method, forecast, status)
    ("without history pace says at risk", [], [12, 24], 100, "pace", 72.0, Status.AT_RISK),
    (
        "a back-loaded year says on track where pace says at risk",
        BACK_LOADED,
        [12, 24],
        100,
        "seasonal",
        120.0,
        Status.ON_TRACK,
    ),
    ("without history pace says on track", [], [36, 24], 100, "pace", 120.0, Status.ON_TRACK),
    (
        "a front-loaded year says at risk where pace says on track",
        FRONT_LOADED,
        [36, 24],
        100,
        "seasonal",
        60 / 0.7,
        Status.AT_RISK,
    ),
]


@pytest.mark.parametrize(
    ("history", "this_year", "target", "method", "value", "status"),
    [c[1:] for c in SEASONAL_CASES],
    ids=[c[0] for c in SEASONAL_CASES],
)
def test_cumulative_forecast_uses_last_years_seasonal_profile_when_it_exists(
    history: list[Observation],
    this_year: list[float],
    target: float,
    method: str,
    value: float,
    status: Status,
) -> None:
    result = evaluate(revenue(target), history + quarters(2024, this_year), as_of=MID_2024)
    assert result.forecast is not None
    assert result.forecast.method == method
    assert result.forecast.value == pytest.approx(value)
    assert result.status is status


def test_seasonal_shares_of_several_years_are_averaged_and_bound_the_forecast() -> None:
    history = quarters(2022, [20, 20, 30, 30]) + quarters(2023, [10, 20, 30, 40])  # 40% and 30%
    result = evaluate(revenue(100), history + quarters(2024, [14, 21]), as_of=MID_2024)
    assert result.forecast is not None
    assert result.forecast.value == pytest.approx(35 / 0.35)
    assert result.forecast.low == pytest.approx(35 / 0.4)
    assert result.forecast.high == pytest.approx(35 / 0.3)


def test_a_past_year_with_an_annual_total_and_the_same_quarters_gives_a_profile() -> None:
    history = [ob(Period.year(2023), 100), *quarters(2023, [10, 20])]
    result = evaluate(revenue(100), history + quarters(2024, [12, 24]), as_of=MID_2024)
    assert result.forecast is not None
    assert (result.forecast.method, result.forecast.value) == ("seasonal", pytest.approx(120.0))


def test_a_past_year_without_its_total_gives_no_profile() -> None:
    history = quarters(2023, [10, 20, 30])
    result = evaluate(revenue(100), history + quarters(2024, [12, 24]), as_of=MID_2024)
    assert result.method == "pace"


def test_simulated_history_marks_a_seasonal_forecast_simulated() -> None:
    history = quarters(2023, [10, 20, 30, 40], simulated=True)
    result = evaluate(revenue(100), history + quarters(2024, [12, 24]), as_of=MID_2024)
    assert result.method == "seasonal"
    assert result.simulated is True


def test_an_incomplete_year_after_its_end_is_judged_on_a_provisional_projection() -> None:
    result = evaluate(revenue(100), months(2024, [9.0] * 9), as_of=date(2025, 1, 20))
    assert result.status is Status.EXCEEDED
    assert result.provisional is True
    assert result.actual == 81.0
    assert result.forecast is not None and result.forecast.value == pytest.approx(108.0)
    assert result.explanation.startswith("Ước tính cả năm 108 nghìn tỷ đồng theo tiến độ")
    assert "(số liệu đến 9 tháng đầu năm 2024)" in result.explanation


def test_the_kind_reaching_furthest_wins_over_finer_figures() -> None:
    obs = quarters(2024, [20, 20, 20]) + months(2024, [5, 5])
    result = evaluate(revenue(80), obs, as_of=date(2024, 10, 10))
    assert result.actual == 60
    assert result.forecast is not None and result.forecast.value == pytest.approx(80.0)


def test_official_quarters_win_over_estimated_months_covering_the_same_span() -> None:
    obs = quarters(2024, [30, 30]) + months(2024, [9.0] * 6, EST)
    figure = period_figure(
        Y2024, best_by_period(obs, as_of=MID_2024), Aggregation.SUM, as_of=MID_2024
    )
    assert figure is not None
    assert (figure.to_date, figure.stage) == (60.0, OFF)


def test_months_win_over_quarters_of_the_same_stage_covering_the_same_span() -> None:
    obs = quarters(2024, [33, 33]) + months(2024, [10.0] * 6)
    figure = period_figure(
        Y2024, best_by_period(obs, as_of=MID_2024), Aggregation.SUM, as_of=MID_2024
    )
    assert figure is not None
    assert (figure.to_date, figure.stage) == (60.0, OFF)


# ---- rates and levels: latest figure and trend -----------------------------------------------

RATE_CASES = [
    # (name, aggregation, comparator, target, direction, quarterly figures, method, forecast, status)
    (
        "two figures: the latest one stands",
        Aggregation.LAST,
        C.LE,
        3.77,
        Direction.LOWER,
        [4.0, 3.9],
        "latest",
        3.9,
        Status.AT_RISK,
    ),
    (
        "three falling figures: the trend reaches the target",
        Aggregation.LAST,
        C.LE,
        3.77,
        Direction.LOWER,
        [4.2, 4.0, 3.8],
        "trend",
        3.6,
        Status.ON_TRACK,
    ),
    (
        "a rising trend past the target",
        Aggregation.LAST,
        C.GE,
        70,
        Direction.HIGHER,
        [64, 66, 68],
        "trend",
        70,
        Status.ON_TRACK,
    ),
    (
        "averaged rate: the latest fills the rest",
        Aggregation.AVERAGE,
        C.EQ,
        13.5,
        Direction.HIGHER,
        [13.0, 14.0],
        "latest",
        13.75,
        Status.ON_TRACK,
    ),
    (
        "averaged rate: the trend fills the last quarter",
        Aggregation.AVERAGE,
        C.EQ,
        13.5,
        Direction.HIGHER,
        [11.0, 12.0, 13.0],
        "trend",
        12.5,
        Status.AT_RISK,
    ),
]


@pytest.mark.parametrize(
    ("aggregation", "comparator", "target", "direction", "figures", "method", "value", "status"),
    [c[1:] for c in RATE_CASES],
    ids=[c[0] for c in RATE_CASES],
)
def test_rates_use_the_latest_figure_or_a_trend_of_at_least_three(
    aggregation: Aggregation,
    comparator: Comparator,
    target: float,
    direction: Direction,
    figures: list[float],
    method: str,
    value: float,
    status: Status,
) -> None:
    result = evaluate(
        rate(comparator, target, aggregation, direction),
        quarters(2024, figures),
        as_of=date(2024, 10, 15),
    )
    assert result.forecast is not None
    assert result.forecast.method == method
    assert result.forecast.value == pytest.approx(value, abs=0.03)
    assert result.status is status


def test_a_level_reported_so_far_is_the_latest_quarter() -> None:
    result = evaluate(
        rate(C.LE, 3.77, Aggregation.LAST, Direction.LOWER),
        quarters(2024, [4.0, 3.9]),
        as_of=MID_2024,
    )
    assert (result.actual, result.actual_period) == (3.9, Period.quarter(2024, 2))


def test_a_noisy_trend_comes_with_a_spread() -> None:
    result = evaluate(
        rate(C.GE, 70, Aggregation.LAST), months(2024, [64, 67, 65, 69, 68]), as_of=MID_2024
    )
    forecast = result.forecast
    assert forecast is not None and forecast.low is not None and forecast.high is not None
    assert forecast.low < forecast.value < forecast.high


def test_cumulative_growth_rates_to_date_use_the_latest() -> None:
    obs = [ob(Period.year_to_date(2024, 6), 5.2), ob(Period.year_to_date(2024, 9), 5.8)]
    result = evaluate(rate(C.EQ, 6.0, Aggregation.AVERAGE), obs, as_of=date(2024, 10, 5))
    assert result.forecast is not None
    assert (result.forecast.method, result.forecast.value) == ("latest", 5.8)
    assert result.status is Status.AT_RISK


def test_an_annual_estimate_before_the_end_is_the_reported_forecast() -> None:
    obs = [ob(Y2024, 13.8, EST), *quarters(2024, [12.0, 12.0, 12.0])]
    result = evaluate(rate(C.EQ, 13.5, Aggregation.AVERAGE), obs, as_of=date(2024, 12, 20))
    assert result.method == "reported"
    assert result.status is Status.ON_TRACK
    assert result.explanation == "Ước cả năm đạt 13,8%, cao hơn chỉ tiêu 13,5%"


def test_the_december_level_is_the_years_level() -> None:
    obs = months(2024, [70.0] * 11 + [72.0])
    result = evaluate(rate(C.GE, 71, Aggregation.LAST), obs, as_of=date(2024, 12, 31))
    assert (result.status, result.actual, result.method) == (Status.EXCEEDED, 72.0, "final")


def test_forecast_methods_have_vietnamese_labels() -> None:
    assert ForecastMethod.PACE.label == "theo tiến độ"
    assert ForecastMethod.SEASONAL.label == "theo mùa vụ các năm trước"
    assert all(m.label != m.value for m in ForecastMethod)


# ---- term targets ----------------------------------------------------------------------------

TERM = Period.term(2021, 2025)


def term(
    comparator: Comparator, value: float, how: TermAggregation | None, aggregation: Aggregation
) -> TargetSpec:
    unit = "nghìn tỷ đồng" if aggregation is Aggregation.SUM else "%"
    return TargetSpec(
        comparator, value, None, unit, TERM, aggregation=aggregation, term_aggregation=how
    )


def years(values: dict[int, float], stage: Stage = OFF) -> list[Observation]:
    return [ob(Period.year(y), v, stage) for y, v in values.items()]


FULL = {2021: 6.0, 2022: 7.0, 2023: 8.0, 2024: 7.0, 2025: 7.0}

TERM_CASES = [
    # (name, how, aggregation, comparator, target, annual figures, extra, as_of, status, value, method)
    (
        "average after the end",
        TermAggregation.AVERAGE,
        Aggregation.AVERAGE,
        C.EQ,
        7.0,
        FULL,
        [],
        date(2025, 12, 31),
        Status.ACHIEVED,
        7.0,
        "final",
    ),
    (
        "average before the end: the mean so far",
        TermAggregation.AVERAGE,
        Aggregation.AVERAGE,
        C.GE,
        6.5,
        {2021: 8.0, 2022: 6.0},
        [],
        date(2023, 6, 30),
        Status.ON_TRACK,
        7.0,
        "pace",
    ),
    (
        "average before the end below target",
        TermAggregation.AVERAGE,
        Aggregation.AVERAGE,
        C.GE,
        7.5,
        {2021: 8.0, 2022: 6.0},
        [],
        date(2023, 6, 30),
        Status.AT_RISK,
        7.0,
        "pace",
    ),
    (
        "average in the first year: that year's forecast",
        TermAggregation.AVERAGE,
        Aggregation.AVERAGE,
        C.GE,
        7.5,
        {},
        quarters(2021, [8.0, 8.0]),
        date(2021, 7, 1),
        Status.ON_TRACK,
        8.0,
        "latest",
    ),
    (
        "end level after the end",
        TermAggregation.END,
        Aggregation.LAST,
        C.GE,
        25,
        {2021: 10, 2025: 30},
        [],
        date(2025, 12, 31),
        Status.EXCEEDED,
        30.0,
        "final",
    ),
    (
        "end level: a trend over three years",
        TermAggregation.END,
        Aggregation.LAST,
        C.GE,
        28,
        {2021: 10, 2022: 15, 2023: 20},
        [],
        date(2024, 3, 1),
        Status.ON_TRACK,
        30.0,
        "trend",
    ),
    (
        "end level: two years, the latest stands",
        TermAggregation.END,
        Aggregation.LAST,
        C.GE,
        28,
        {2021: 10, 2022: 15},
        [],
        date(2023, 3, 1),
        Status.AT_RISK,
        15.0,
        "latest",
    ),
    (
        "end level by default for levels",
        None,
        Aggregation.LAST,
        C.GE,
        25,
        {2021: 10, 2025: 30},
        [],
        date(2025, 12, 31),
        Status.EXCEEDED,
        30.0,
        "final",
    ),
    (
        "sum after the end",
        TermAggregation.SUM,
        Aggregation.SUM,
        C.GE,
        100,
        dict.fromkeys(range(2021, 2026), 20.0),
        [],
        date(2025, 12, 31),
        Status.ACHIEVED,
        100.0,
        "final",
    ),
    (
        "sum before the end: pace over years and months",
        TermAggregation.SUM,
        Aggregation.SUM,
        C.GE,
        100,
        {2021: 20.0, 2022: 20.0},
        months(2023, [2.0] * 6),
        date(2023, 7, 5),
        Status.ON_TRACK,
        104.0,
        "pace",
    ),
    (
        "sum before the end behind pace",
        TermAggregation.SUM,
        Aggregation.SUM,
        C.GE,
        120,
        {2021: 20.0, 2022: 20.0},
        [],
        date(2023, 2, 1),
        Status.AT_RISK,
        100.0,
        "pace",
    ),
    (
        "sum by default for cumulative indicators",
        None,
        Aggregation.SUM,
        C.GE,
        100,
        dict.fromkeys(range(2021, 2026), 20.0),
        [],
        date(2025, 12, 31),
        Status.ACHIEVED,
        100.0,
        "final",
    ),
]


@pytest.mark.parametrize(
    (
        "how",
        "aggregation",
        "comparator",
        "target",
        "annual",
        "extra",
        "as_of",
        "status",
        "value",
        "method",
    ),
    [c[1:] for c in TERM_CASES],
    ids=[c[0] for c in TERM_CASES],
)
def test_term_targets_combine_their_years(
    how: TermAggregation | None,
    aggregation: Aggregation,
    comparator: Comparator,
    target: float,
    annual: dict[int, float],
    extra: list[Observation],
    as_of: date,
    status: Status,
    value: float,
    method: str,
) -> None:
    result = evaluate(
        term(comparator, target, how, aggregation), years(annual) + extra, as_of=as_of
    )
    assert result.status is status
    assert result.method == method
    shown = result.actual if method == "final" else result.forecast.value  # type: ignore[union-attr]
    assert shown == pytest.approx(value, abs=0.05)


def test_a_term_average_with_a_missing_year_is_provisional_and_says_which() -> None:
    annual = {y: v for y, v in FULL.items() if y != 2023}
    result = evaluate(
        term(C.EQ, 7.0, TermAggregation.AVERAGE, Aggregation.AVERAGE),
        years(annual),
        as_of=date(2026, 1, 5),
    )
    assert result.status is Status.NOT_ACHIEVED  # (6 + 7 + 7 + 7) / 4 = 6.75
    assert result.provisional is True
    assert "thiếu số liệu năm 2023" in result.explanation


def test_a_term_average_before_the_end_reports_the_years_so_far() -> None:
    result = evaluate(
        term(C.GE, 6.5, TermAggregation.AVERAGE, Aggregation.AVERAGE),
        years({2021: 8.0, 2022: 6.0}),
        as_of=date(2023, 6, 30),
    )
    assert result.actual == 7.0
    assert result.actual_period == Period.term(2021, 2022)
    assert "cả giai đoạn" in result.explanation


def test_years_built_from_quarters_count_in_a_term() -> None:
    obs = quarters(2021, [5, 5, 5, 5]) + quarters(2022, [6, 6, 6, 6])
    result = evaluate(
        term(C.GE, 40, TermAggregation.SUM, Aggregation.SUM), obs, as_of=date(2023, 1, 10)
    )
    assert result.actual == 44
    assert result.forecast is not None and result.forecast.value == pytest.approx(110.0)


def test_a_figure_reported_for_the_whole_term_wins() -> None:
    obs = years(FULL, Stage.ESTIMATE) + [ob(TERM, 7.4, Stage.PRELIMINARY)]
    result = evaluate(
        term(C.GE, 7.2, TermAggregation.AVERAGE, Aggregation.AVERAGE), obs, as_of=date(2026, 2, 1)
    )
    assert (result.actual, result.stage, result.status) == (7.4, Stage.PRELIMINARY, Status.EXCEEDED)


def test_official_years_beat_an_estimate_for_the_whole_term() -> None:
    obs = years(FULL) + [ob(TERM, 7.4, Stage.ESTIMATE)]
    result = evaluate(
        term(C.GE, 7.2, TermAggregation.AVERAGE, Aggregation.AVERAGE), obs, as_of=date(2026, 2, 1)
    )
    assert (result.actual, result.stage, result.status) == (
        7.0,
        Stage.OFFICIAL,
        Status.NOT_ACHIEVED,
    )
    assert result.provisional is False


def test_a_term_has_no_data_before_any_figure() -> None:
    result = evaluate(
        term(C.GE, 7.2, TermAggregation.AVERAGE, Aggregation.AVERAGE), [], as_of=date(2022, 2, 1)
    )
    assert result.status is Status.NO_DATA
    assert result.explanation == "Chưa có số liệu giai đoạn 2021 - 2025"


def test_a_falling_trend_of_counts_stops_at_zero() -> None:
    target = TargetSpec(C.LE, 0, None, "hộ", Y2024, direction=Direction.LOWER)
    result = evaluate(target, quarters(2024, [40, 25, 10]), as_of=date(2024, 10, 10))
    assert result.forecast is not None
    assert result.forecast.method == "trend"
    assert result.forecast.value == 0.0
    assert result.status is Status.ON_TRACK


def test_a_rising_trend_of_a_share_stops_at_100_percent() -> None:
    result = evaluate(
        rate(C.GE, 100, Aggregation.LAST),
        quarters(2024, [91.0, 95.0, 99.0]),
        as_of=date(2024, 10, 10),
    )
    assert result.forecast is not None
    assert result.forecast.value == 100.0
    assert result.forecast.high == 100.0


def test_growth_rates_may_trend_below_zero_when_a_figure_is_negative() -> None:
    result = evaluate(
        rate(C.GE, 2, Aggregation.LAST), quarters(2024, [1.0, -1.0, -3.0]), as_of=date(2024, 10, 10)
    )
    assert result.forecast is not None
    assert result.forecast.value < -4


def test_a_level_without_its_last_quarter_after_the_end_is_a_trend_projection() -> None:
    target = rate(C.GE, 70, Aggregation.LAST)
    result = evaluate(target, quarters(2024, [64, 66, 68]), as_of=date(2025, 1, 31))
    assert result.status is Status.ACHIEVED  # 64, 66, 68 by quarter: 70 in December
    assert result.method == "trend"
    assert result.provisional is True
    assert (result.actual, result.actual_period) == (68, Period.quarter(2024, 3))
    assert result.explanation.startswith("Ước tính cả năm 70% theo xu hướng, đạt 100% chỉ tiêu 70%")


def test_an_end_level_target_missing_its_final_year_projects_from_earlier_years() -> None:
    target = term(C.GE, 28, TermAggregation.END, Aggregation.LAST)
    result = evaluate(
        target, years({2021: 10, 2022: 15, 2023: 20, 2024: 25}), as_of=date(2026, 1, 31)
    )
    assert result.status is Status.EXCEEDED
    assert result.method == "trend"
    assert result.forecast is not None and result.forecast.value == pytest.approx(30.0, abs=0.05)
    assert "thiếu số liệu năm 2025" in result.explanation


def test_a_term_sum_missing_a_year_is_scaled_up_and_provisional() -> None:
    target = term(C.GE, 100, TermAggregation.SUM, Aggregation.SUM)
    result = evaluate(
        target, years({2021: 20.0, 2022: 20.0, 2024: 20.0, 2025: 20.0}), as_of=date(2026, 1, 31)
    )
    assert result.status is Status.ACHIEVED
    assert (result.method, result.provisional) == ("pace", True)
    assert result.actual == 80.0
    assert "thiếu số liệu năm 2023" in result.explanation
