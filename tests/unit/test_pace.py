"""Required pace and the chance of meeting a target (chitieu.core.pace) on hand-worked cases,
and the evaluation carrying both for a target not yet final (none for a final one)."""

from __future__ import annotations

import math
from datetime import date

import pytest

from chitieu.core.choices import Aggregation, Comparator, Stage, TermAggregation
from chitieu.core.evaluation import Observation, TargetSpec, evaluate
from chitieu.core.pace import (
    chance_label,
    normal_chance,
    progress_class,
    required_growth,
    required_sum,
    required_term_rate,
    student_t_cdf,
    year_weight,
)
from chitieu.core.periods import Period

C = Comparator
EST, OFF = Stage.ESTIMATE, Stage.OFFICIAL
Y2025 = Period.year(2025)


@pytest.mark.parametrize(("months", "weight"), [
    (0, 0.0), (3, 0.22), (6, 0.465), (9, 0.72), (12, 1.0),
    (1, 0.22 / 3), (7, 0.465 + 0.255 / 3),
])
def test_year_weight_is_the_quarter_profile(months, weight):
    assert year_weight(months) == pytest.approx(weight)


@pytest.mark.parametrize(("target", "so_far", "weight", "need"), [
    (12.35, 11.2, 0.465, 13.3495),  # HĐND's own: H2 must grow 13,35% after 11,2% in H1
    (12.35, 11.59, 0.72, 14.3043),  # after 9 months: (12,35 - 0,72*11,59) / 0,28
    (10.0, 10.0, 0.5, 10.0),  # on pace: the rest grows as the part did
    (8.0, 10.0, 0.5, 6.0),  # ahead: the rest may slow down
])
def test_required_growth(target, so_far, weight, need):
    assert required_growth(target, so_far, weight) == pytest.approx(need, abs=1e-4)


@pytest.mark.parametrize(("target", "so_far", "left", "amount", "monthly"), [
    (165011.6, 81011.6, 6, 84000.0, 14000.0),
    (1200.0, 1300.0, 2, -100.0, -50.0),  # already beyond the target
])
def test_required_sum(target, so_far, left, amount, monthly):
    assert required_sum(target, so_far, left) == pytest.approx((amount, monthly))


@pytest.mark.parametrize(("target", "years", "growths", "need"), [
    (13.0, 5, [], 13.0),  # nothing known: every year the target
    (13.0, 5, [13.0, 13.0], 13.0),
    # (1,13^5 / (1,12 * 1,125))^(1/3) - 1
    (13.0, 5, [12.0, 12.5], ((1.13**5 / (1.12 * 1.125)) ** (1 / 3) - 1) * 100),
    (10.0, 2, [12.1], (1.21 / 1.121 - 1) * 100),
])
def test_required_term_rate_is_compounded(target, years, growths, need):
    assert required_term_rate(target, years, growths) == pytest.approx(need)


@pytest.mark.parametrize(("p", "label"), [
    (0.95, "có khả năng đạt"), (0.8, "có khả năng đạt"), (0.79, "cần nỗ lực"), (0.5, "cần nỗ lực"),
    (0.49, "có nguy cơ không đạt"), (0.2, "có nguy cơ không đạt"), (0.19, "khó đạt"), (0.0, "khó đạt"),
])
def test_labels(p, label):
    assert chance_label(p) == label


@pytest.mark.parametrize(("ratio", "label"), [
    (1.2, "đúng hướng"), (0.95, "đúng hướng"), (0.94, "có tiến bộ, cần đẩy nhanh"),
    (0.10, "có tiến bộ, cần đẩy nhanh"), (0.09, "ít tiến bộ hoặc đi lùi"), (-0.5, "ít tiến bộ hoặc đi lùi"),
])
def test_progress_classes(ratio, label):
    assert progress_class(ratio) == label


@pytest.mark.parametrize(("centre", "threshold", "spread", "higher", "p"), [
    (10.0, 10.0, 1.0, True, 0.5),
    (11.0, 10.0, 1.0, True, 0.841345),
    (11.0, 10.0, 1.0, False, 0.158655),
    (9.0, 10.0, 0.0, True, 0.0),  # no spread: a step
    (10.0, 10.0, 0.0, True, 1.0),
])
def test_normal_chance(centre, threshold, spread, higher, p):
    assert normal_chance(centre, threshold, spread, higher=higher) == pytest.approx(p, abs=1e-6)


@pytest.mark.parametrize(("x", "df", "p"), [
    (0.0, 3, 0.5),
    (1.0, 1, 0.75),  # Cauchy: 1/2 + atan(1)/pi
    (2.0, 2, 0.5 + 2 / (2 * math.sqrt(2 + 4))),  # df 2: 1/2 + x / (2 sqrt(2 + x^2))
    (-2.0, 2, 0.5 - 2 / (2 * math.sqrt(6))),
])
def test_student_t_cdf(x, df, p):
    assert student_t_cdf(x, df) == pytest.approx(p, abs=1e-6)


def growth_target(value: float = 12.35, period: Period = Y2025) -> TargetSpec:
    return TargetSpec(C.INCREASE_BY, value, None, "%", period, aggregation=Aggregation.AVERAGE)


class TestEvaluationCarriesPaceAndChance:
    def test_hai_phong_2025_after_the_first_half(self):
        e = evaluate(growth_target(), [Observation(Period.half(2025, 1), 11.2, EST)], as_of=date(2025, 7, 25))
        assert e.required is not None and e.required.unit == "%"
        assert round(e.required.value, 2) == 13.35
        assert e.required.words == "6 tháng cuối năm cần tăng 13,35%"
        assert e.probability is not None and e.probability.method == "growth-normal"
        # no earlier year: acceleration 0, pooled spread 1,5 points: Phi((11,2 - 13,35) / 1,5)
        assert e.probability.value == pytest.approx(normal_chance(11.2, 13.3495327, 1.5, higher=True))
        assert e.probability.label == "khó đạt"
        # beside it, the forecast's ratio to the target: 11,2 / 12,35 (latest figure stands)
        assert e.probability.progress == pytest.approx(11.2 / 12.35)
        assert e.probability.progress_class == "có tiến bộ, cần đẩy nhanh"

    def test_earlier_years_acceleration_moves_the_chance(self):
        # 2024: H1 10%, year 11% -> H2 (11 - 0,465*10)/0,535 = 11,87: acceleration 1,87 points
        history = [Observation(Period.half(2024, 1), 10.0, OFF), Observation(Period.year(2024), 11.0, OFF)]
        now = [Observation(Period.half(2025, 1), 11.2, EST)]
        plain = evaluate(growth_target(), now, as_of=date(2025, 7, 25)).probability
        faster = evaluate(growth_target(), history + now, as_of=date(2025, 7, 25)).probability
        assert plain is not None and faster is not None
        assert faster.inputs["years"] == 1
        assert faster.inputs["acceleration"] == pytest.approx(1.8692 / 3, abs=1e-3)  # shrunk 1/(1+2)
        assert faster.value > plain.value

    def test_a_sum_needs_the_rest_per_month(self):
        t = TargetSpec(C.GE, 120.0, None, "tỷ đồng", Y2025, aggregation=Aggregation.SUM)
        obs = [Observation(Period.month(2025, m), 8.0, EST) for m in range(1, 7)]
        e = evaluate(t, obs, as_of=date(2025, 7, 10))
        assert e.required is not None
        assert (e.required.value, e.required.per_month, e.required.months) == (72.0, 12.0, 6)
        assert e.required.words == "6 tháng cuối năm cần thêm 72 tỷ đồng (bình quân 12 tỷ đồng/tháng)"
        assert e.probability is not None and e.probability.method == "forecast-normal"
        # pace forecast 96 against 120, spread 10% of the 48 to come: Phi(-24 / 4,8)
        assert e.probability.value == pytest.approx(normal_chance(96, 120, 4.8, higher=True))

    def test_a_term_growth_is_compounded_over_the_remaining_years(self):
        t = TargetSpec(C.INCREASE_BY, 13.0, None, "%", Period.term(2026, 2030), aggregation=Aggregation.AVERAGE,
                       term_aggregation=TermAggregation.AVERAGE)
        obs = [Observation(Period.year(2026), 12.0, OFF), Observation(Period.year(2027), 12.5, OFF)]
        e = evaluate(t, obs, as_of=date(2028, 2, 1))
        assert e.required is not None and e.required.unit == "%/năm"
        assert e.required.value == pytest.approx(required_term_rate(13.0, 5, [12.0, 12.5]))
        assert e.required.words.startswith("3 năm còn lại của giai đoạn cần tăng bình quân 13,5")
        assert e.probability is not None and e.probability.method == "term-t"
        assert (e.probability.inputs["years_known"], e.probability.inputs["years_left"]) == (2, 3)

    def test_a_final_target_carries_neither(self):
        obs = [Observation(Y2025, 11.81, OFF)]
        e = evaluate(growth_target(), obs, as_of=date(2026, 2, 1))
        assert e.required is None and e.probability is None

    def test_no_figure_carries_neither(self):
        e = evaluate(growth_target(), [], as_of=date(2025, 7, 1))
        assert e.required is None and e.probability is None
