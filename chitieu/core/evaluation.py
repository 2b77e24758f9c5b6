"""Evaluate a target against the figures reported for it, as of a date.

`evaluate(target, observations, *, as_of)` returns an `Evaluation`: status, achievement ratio,
the figure used and its stage, the forecast and method, and one Vietnamese line explaining it.
How figures are picked and projected lives in `chitieu.core.forecast`; this module compares.

Comparison rules (tests/unit/test_evaluation.py has one row per rule):
- Direction: `>=` and `increase_by` are higher-is-better, `<=` lower-is-better, `=` and
  `range` take the indicator's direction. `decrease_by` compares the size of the fall (a
  positive number when the indicator went down), so a bigger fall is better.
- Exceeded means strictly better than the target, achieved means equal to it, where two
  numbers are equal when they differ by at most 1e-9 relative (max(1, |a|, |b|) scale), which
  only absorbs floating-point noise: 13.5 against 13.5 is achieved, 13.51 is exceeded.
- `range` [value, value_max]: inside (bounds included) is achieved; beyond the bound on the
  good side (above when higher is better, below when lower is better) is exceeded; beyond the
  other bound is not achieved.
- Achievement ratio: actual/target, target/actual when lower is better; for a range the bound
  that matters: the lower bound below or inside the range and the upper bound above it (the
  mirror when lower is better); for increase_by/decrease_by the growth (or fall) over the
  target growth (or fall). None when the target (or, lower-is-better, the actual) is zero:
  a zero target ("không còn hộ nghèo") still gets a status.
- increase_by/decrease_by with a `baseline_value`: the figures are levels; growth is
  (actual/baseline - 1) * 100 when the target's unit is "%", actual - baseline otherwise (and
  the fall is the negative of that). Without a baseline the figure is the growth (the fall),
  and growth figures of a cumulative (SUM) indicator are averaged over sub-periods, not added.
- After the period ends (as_of >= period end) the status is exceeded/achieved/not_achieved;
  before, the forecast decides on_track (it would be achieved or exceeded) or at_risk. A
  figure already reported for the whole period (an "ước cả năm") is that forecast (method
  "reported"). Term targets combine their years as `chitieu.core.terms` describes.
- `actual` is the period's figure in the target's terms (the growth for increase_by) once the
  period has ended and its figure is known; otherwise it is the figure reported so far (the
  year-to-date sum, the latest rate) and `forecast` carries the projection, which decides the
  status (after the end marked provisional) and has its own ratio (`forecast.achievement`).
- `achievement` is always the figure so far over the target, as reports say it ("đạt 33,59%
  dự toán"): the year-to-date sum of a cumulative indicator over the year's target. None
  when that says nothing: a change over a baseline of a cumulative indicator whose year has
  not been summed yet (part of a year against a whole year's baseline).
- `provisional` is True unless the status rests on an official figure for the whole period.
- A projection stays where the figures can go: not below 0 when no figure is negative, not
  above 100 for a share in "%" whose figures all lie in 0..100.
- Observations for periods starting after `as_of` are ignored; observations carry no entry
  date, so leaving out figures entered after `as_of` is the caller's job.

Pure standard library; time is the `as_of` argument.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from chitieu.core.choices import (
    SIMULATED_SOURCE,
    Aggregation,
    Comparator,
    Direction,
    PeriodKind,
    Stage,
    Status,
    TermAggregation,
)
from chitieu.core.forecast import (
    Figure,
    Forecast,
    ForecastMethod,
    Observation,
    best_by_period,
    default_term_aggregation,
    period_figure,
    select_unit,
)
from chitieu.core.pace import Chance, Required, chance, required_pace
from chitieu.core.periods import Period
from chitieu.core.quantities import (
    format_apart,
    format_number,
    format_percent,
    format_range,
    format_reading,
    join_unit,
)
from chitieu.core.terms import term_figure, term_growth_figure

__all__ = [
    "Evaluation",
    "Forecast",
    "ForecastMethod",
    "Observation",
    "TargetSpec",
    "evaluate",
    "judge",
    "sentence",
]

TOLERANCE = 1e-9


def baseline_refusal(comparator: Comparator, unit: str, baseline_value: float | None) -> str | None:
    """Why a target's baseline cannot serve it, or None: a percentage growth or fall over a
    baseline of 0 has no rate. The one rule, read by TargetSpec and by the stored target's
    validation (plans.Target.clean)."""
    if baseline_value == 0 and unit.strip().startswith("%") and comparator in _CHANGES:
        return "Giá trị kỳ gốc bằng 0, không tính được tốc độ tăng/giảm theo %."
    return None


@dataclass(frozen=True)
class TargetSpec:
    """A target as the rules see it. Raises ValueError for a non-finite value, a range
    without a valid upper bound, or a zero baseline with a percentage growth target."""

    comparator: Comparator
    value: float
    value_max: float | None
    unit: str
    period: Period
    direction: Direction = Direction.HIGHER
    aggregation: Aggregation = Aggregation.LAST
    term_aggregation: TermAggregation | None = None
    baseline_value: float | None = None
    indicator_name: str = ""

    def __post_init__(self) -> None:
        numbers = [self.value, self.value_max, self.baseline_value]
        if any(x is not None and not math.isfinite(x) for x in numbers):
            raise ValueError("Giá trị chỉ tiêu phải là số hữu hạn")
        if self.comparator is Comparator.RANGE and (
            self.value_max is None or self.value_max < self.value
        ):
            raise ValueError(
                "Chỉ tiêu dạng khoảng cần giá trị tối đa không nhỏ hơn giá trị tối thiểu"
            )
        refusal = baseline_refusal(self.comparator, self.unit, self.baseline_value)
        if refusal:
            raise ValueError(refusal)

    @property
    def is_percent(self) -> bool:
        return self.unit.strip().startswith("%")

    @property
    def higher_is_better(self) -> bool:
        """Whether a bigger compared figure is better (see the module docstring)."""
        if self.comparator in (Comparator.GE, *_CHANGES):
            return True
        if self.comparator is Comparator.LE:
            return False
        return self.direction is Direction.HIGHER

    def measure(self, figure: float) -> float:
        """Return `figure` in the target's terms: growth or fall over the baseline for
        increase_by/decrease_by with a baseline, the figure itself otherwise."""
        b = self.baseline_value
        if self.comparator not in _CHANGES or b is None:
            return figure
        growth = (figure / b - 1) * 100 if self.is_percent else figure - b
        return growth if self.comparator is Comparator.INCREASE_BY else -growth


_CHANGES = (Comparator.INCREASE_BY, Comparator.DECREASE_BY)


@dataclass(frozen=True)
class Evaluation:
    """The verdict on one target as of a date (field meanings in the module docstring)."""

    status: Status
    achievement: float | None
    actual: float | None
    actual_period: Period | None
    stage: Stage | None
    provisional: bool
    forecast: Forecast | None
    method: str
    explanation: str
    simulated: bool
    # How many of the assigned units the city's combined figure rests on ("114/114 xã, phường"),
    # or the partial combination left out of the verdict; "" for figures reported as they are.
    coverage: str = ""
    #: For a target not yet final: what the rest of its period must achieve, and the chance
    #: of meeting it (chitieu.core.pace); None for a final figure or without any figure.
    required: Required | None = None
    probability: Chance | None = None


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def _position(x: float, lo: float, hi: float) -> int:
    """-1 below lo, 1 above hi, 0 within (bounds compared with the tolerance)."""
    if x < lo and not _same(x, lo):
        return -1
    if x > hi and not _same(x, hi):
        return 1
    return 0


def judge(target: TargetSpec, measure: float) -> tuple[Status, float | None, int]:
    """Return (EXCEEDED/ACHIEVED/NOT_ACHIEVED, achievement ratio, position) for `measure`
    (already in the target's terms); position is -1/0/1 for below/at or inside/above."""
    higher = target.higher_is_better
    lo = target.value
    hi = (
        target.value_max
        if target.comparator is Comparator.RANGE and target.value_max is not None
        else lo
    )
    pos = _position(measure, lo, hi)
    better = pos if higher else -pos
    status = (
        Status.EXCEEDED if better > 0 else Status.ACHIEVED if better == 0 else Status.NOT_ACHIEVED
    )
    if higher:
        bound = hi if pos > 0 else lo
        ratio = measure / bound if bound != 0 else None
    else:
        bound = lo if pos < 0 else hi
        ratio = bound / measure if bound != 0 and measure != 0 else None
    if ratio is not None and not math.isfinite(ratio * 100):
        ratio = None  # a figure next to zero (1e-308) against a lower-is-better target: no percentage
    return status, ratio, pos


# ---- wording ---------------------------------------------------------------------------------


def _num(x: float) -> str:
    return format_reading(x)


def _qty(x: float, unit: str) -> str:
    return join_unit(format_reading(x), unit)


def _apart(t: TargetSpec, measure: float) -> tuple[str | None, str | None]:
    """The figure compared and the target's value as they are written in the explanation,
    with the decimals that tell them apart when they differ (core.quantities.format_apart);
    (None, None) for a range, whose figure is compared with two bounds."""
    if t.comparator is Comparator.RANGE:
        return None, None
    return format_apart(abs(measure) if t.comparator in _CHANGES else measure, t.value)


def _change(x: float, unit: str, comparator: Comparator, shown: str | None = None) -> str:
    """ "tăng 8,2%" / "giảm 1,5%" for a growth (increase_by) or a fall (decrease_by)."""
    rising = (x >= 0) == (comparator is Comparator.INCREASE_BY)
    return f"{'tăng' if rising else 'giảm'} {join_unit(shown or format_reading(abs(x)), unit)}"


def _target_text(t: TargetSpec, planned: str | None = None) -> str:
    if t.comparator is Comparator.RANGE and t.value_max is not None:
        return f"khoảng {format_range(t.value, t.value_max, t.unit)}"
    prefix = {
        Comparator.INCREASE_BY: "chỉ tiêu tăng ",
        Comparator.DECREASE_BY: "chỉ tiêu giảm ",
    }.get(t.comparator, "chỉ tiêu ")
    return prefix + join_unit(planned or format_number(t.value), t.unit)


def _figure_text(t: TargetSpec, measure: float, raw: float, shown: str | None = None) -> str:
    if t.comparator in _CHANGES:
        text = _change(measure, t.unit, t.comparator, shown)
        if t.baseline_value is not None:
            text += f" (mức {_num(raw)} so với kỳ gốc {_num(t.baseline_value)})"
        return text
    return join_unit(shown, t.unit) if shown else _qty(measure, t.unit)


def _comparison(
    t: TargetSpec, pos: int, ratio: float | None, *, forecast: bool, planned: str | None = None
) -> str:
    if t.comparator is Comparator.RANGE:
        return f"{('dưới', 'trong', 'trên')[pos + 1]} {_target_text(t)}"
    if forecast and ratio is not None:
        return f"đạt {format_percent(ratio, strip=True)} {_target_text(t, planned)}"
    return f"{('thấp hơn', 'bằng', 'cao hơn')[pos + 1]} {_target_text(t, planned)}"


def _whole(period: Period) -> str:
    return {PeriodKind.YEAR: "cả năm", PeriodKind.TERM: "cả giai đoạn"}.get(period.kind, "cả kỳ")


def explain(
    t: TargetSpec, fig: Figure, measure: float, ratio: float | None, pos: int, *, ended: bool
) -> str:
    """One Vietnamese line: the figure, how it was obtained, and how it compares."""
    figure, planned = _apart(t, measure)
    shown = _figure_text(t, measure, fig.value, figure)
    if fig.final and (ended or fig.method is ForecastMethod.REPORTED):
        verb = "" if t.comparator in _CHANGES else "đạt "
        whole = f"{_whole(t.period)} " if fig.method is ForecastMethod.REPORTED else ""
        lead = f"{fig.stage.label} {whole}{verb}{shown}"
    else:
        word = "Ước tính" if ended else "Dự báo"
        lead = f"{word} {_whole(t.period)} {shown} {fig.method.label}"
    text = f"{lead}, {_comparison(t, pos, ratio, forecast=not fig.final, planned=planned)}"
    if not fig.final:
        text += f" (số liệu đến {fig.period.label})"
    if fig.missing:
        text += f"; thiếu số liệu năm {', '.join(map(str, fig.missing))}"
    if fig.simulated:
        text += f" ({SIMULATED_SOURCE})"
    return text


# ---- evaluate ----------------------------------------------------------------------------------


def _within_possible(target: TargetSpec, fig: Figure, seen: Sequence[float]) -> Figure:
    """Keep a projection where the figures can go: never below 0 when no figure is negative
    (counts, rates, levels), never above 100 for a share (a "%" figure that is not summed,
    not a growth target) whose figures all lie in 0..100 (a trend of 91, 95, 99% does not reach 103%). Reported figures are left alone."""
    if fig.final or not seen:
        return fig
    floor = 0.0 if min(seen) >= 0 else -math.inf
    share = (
        target.is_percent
        and target.comparator not in _CHANGES
        and target.aggregation is not Aggregation.SUM
        and max(seen) <= 100
    )
    ceiling = 100.0 if share and floor == 0 else math.inf

    def clamp(x: float) -> float:
        return min(max(x, floor), ceiling)

    low = None if fig.low is None else clamp(fig.low)
    high = None if fig.high is None else clamp(fig.high)
    return replace(fig, value=clamp(fig.value), low=low, high=high)


def _no_data(target: TargetSpec) -> Evaluation:
    return Evaluation(
        status=Status.NO_DATA,
        achievement=None,
        actual=None,
        actual_period=None,
        stage=None,
        provisional=True,
        forecast=None,
        method=ForecastMethod.NONE.value,
        explanation=f"{Status.NO_DATA.label} {target.period.label}",
        simulated=False,
    )


def unevaluable(reason: str) -> Evaluation:
    """The evaluation of a target that cannot be evaluated: status ERROR, no figure, and
    `reason` (Vietnamese) as its explanation, so its row says why."""
    return Evaluation(
        status=Status.ERROR,
        achievement=None,
        actual=None,
        actual_period=None,
        stage=None,
        provisional=True,
        forecast=None,
        method=ForecastMethod.NONE.value,
        explanation=f"{Status.ERROR.label}: {reason}",
        simulated=False,
    )


def is_finite(evaluation: Evaluation) -> bool:
    """Whether every number of `evaluation` (figure, ratio, forecast and its bounds) is finite:
    a sum of two figures near the largest float is not, and no page can show it."""
    f = evaluation.forecast
    numbers = [evaluation.actual, evaluation.achievement]
    if f is not None:
        numbers += [f.value, f.low, f.high, f.achievement]
    return all(x is None or math.isfinite(x) for x in numbers)


def evaluate(target: TargetSpec, observations: Sequence[Observation], *, as_of: date) -> Evaluation:
    """Return the evaluation of `target` as of `as_of` from `observations` (figures in the
    target's unit, any granularity and stage; see the module docstring for every rule).

    Uses the aggregate (no unit code) observations when present, else those of the single
    unit given; raises ValueError when several units report without an aggregate.
    Returns status NO_DATA (explanation "Chưa có số liệu ...") when no figure fits.

    Coverage: a combination of the units' figures that misses an assigned unit (`partial`)
    is never judged. The verdict rests on the complete figures only; when a partial one is all
    there is for the period the status is INCOMPLETE ("Chưa đủ số liệu ... mới 1/114 xã,
    phường"), and when complete figures decide, the partial one left out is named.
    """
    complete = [o for o in observations if not o.partial]
    left_out = [
        o for o in observations
        if o.partial and o.period.start >= target.period.start and o.period.end <= target.period.end
        and o.period.start <= as_of
    ]
    result = _evaluate(target, complete, as_of=as_of)
    used = [
        o for o in complete
        if o.combined and o.period.start >= target.period.start and o.period.end <= target.period.end
    ]
    coverage = max(used, key=lambda o: (o.period.end, o.period.start)).coverage if used else ""
    if not left_out:
        return replace(result, coverage=coverage) if coverage else result
    newest = max(left_out, key=lambda o: (o.period.end, o.period.start))
    partial_words = (
        f"{newest.period.label} mới {newest.coverage} báo cáo "
        f"(tổng hợp tạm {join_unit(format_reading(newest.value), target.unit)})"
    )
    if result.status is Status.NO_DATA:
        return replace(
            result, status=Status.INCOMPLETE, coverage=newest.coverage,
            explanation=f"{Status.INCOMPLETE.label}: {partial_words}, chưa đánh giá",
            simulated=newest.simulated,
        )
    return replace(
        result, coverage=coverage or newest.coverage,
        explanation=f"{result.explanation}; chưa tính số {partial_words}",
    )


def _evaluate(target: TargetSpec, observations: Sequence[Observation], *, as_of: date) -> Evaluation:
    best = best_by_period(select_unit(observations), as_of=as_of)
    period = target.period
    aggregation = target.aggregation
    if (
        target.comparator in _CHANGES
        and target.baseline_value is None
        and aggregation is Aggregation.SUM
    ):
        aggregation = Aggregation.AVERAGE  # the figures are growth rates, which do not add up
    compound = False
    as_stated = replace(target, aggregation=aggregation)  # before a compound rate drops the baseline
    if period.kind is PeriodKind.TERM:
        how = target.term_aggregation or default_term_aggregation(aggregation)
        compound = (
            how is TermAggregation.AVERAGE
            and target.comparator in _CHANGES
            and target.baseline_value is not None
            and target.is_percent
        )
        if compound:
            assert target.baseline_value is not None
            fig = term_growth_figure(period, best, aggregation, target.baseline_value, as_of=as_of)
        else:
            fig = term_figure(period, best, aggregation, how, as_of=as_of)
    else:
        fig = period_figure(period, best, aggregation, as_of=as_of)
    if fig is None:
        return _no_data(target)
    if compound:
        # fig is already the growth rate: measure it as a growth figure without a baseline
        target = replace(target, baseline_value=None)
        if target.comparator is Comparator.DECREASE_BY:  # the size of the fall
            fig = replace(fig, value=-fig.value, to_date=-fig.to_date)
    else:
        fig = _within_possible(target, fig, [o.value for o in best.values()])
    ended = as_of >= period.end
    measure = target.measure(fig.value)
    verdict, ratio, pos = judge(target, measure)
    forecast = None
    if not (ended and fig.final):
        bounds = sorted(target.measure(x) for x in (fig.low, fig.high) if x is not None)
        forecast = Forecast(
            value=measure,
            method=fig.method.value,
            low=bounds[0] if bounds else None,
            high=bounds[-1] if bounds else None,
            achievement=ratio,
        )
        partial_change = (
            target.comparator in _CHANGES
            and target.baseline_value is not None
            and aggregation is Aggregation.SUM
            and fig.covered_months < period.months
        )
        so_far = None if partial_change else judge(target, target.measure(fig.to_date))[1]
    else:
        so_far = ratio
    if ended:
        status = verdict
    else:
        met = verdict in (Status.EXCEEDED, Status.ACHIEVED)
        status = Status.ON_TRACK if met else Status.AT_RISK
    if ended and fig.final:
        actual, actual_period = measure, period
        required = probability = None
    else:
        actual, actual_period = fig.to_date, fig.period
        try:
            required = required_pace(as_stated, fig, best, as_of=as_of)
            probability = chance(as_stated, fig, best, required, as_of=as_of)
        except (ArithmeticError, ValueError):
            required = probability = None  # figures too large or small for a pace: the verdict stands
        if required is not None and not all(math.isfinite(x) for x in (required.value, required.per_month or 0)):
            required = None
        if probability is not None and not all(
            math.isfinite(x) for x in (probability.value, *probability.inputs.values())
        ):
            probability = None
        if probability is not None and forecast is not None:
            probability = replace(probability, progress=forecast.achievement)
    return Evaluation(
        status=status,
        achievement=so_far,
        actual=actual,
        actual_period=actual_period,
        stage=fig.stage,
        provisional=not (fig.final and fig.stage is Stage.OFFICIAL),
        forecast=forecast,
        method=fig.method.value,
        explanation=explain(target, fig, measure, ratio, pos, ended=ended),
        simulated=fig.simulated,
        required=required,
        probability=probability,
    )


def sentence(target: TargetSpec, evaluation: Evaluation) -> str:
    """The explanation led by the indicator's name, for narratives that list targets without
    a table: "Tốc độ tăng trưởng GRDP: Ước đạt 12,5%, thấp hơn chỉ tiêu 13,5%". Without a
    name, the explanation alone."""
    name = target.indicator_name.strip()
    return f"{name}: {evaluation.explanation}" if name else evaluation.explanation
