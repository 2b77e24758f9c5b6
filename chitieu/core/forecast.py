"""What the reported figures say about one period: its figure, or a forecast of it.

`period_figure` answers "what is the figure for this period?" from observations of any
granularity: a figure for the period itself, a complete set of sub-periods (months, quarters,
halves, years) combined by the indicator's aggregation, or, when only part of the period is
covered, a projection to its end (`chitieu.core.terms` does the same for multi-year terms).
`chitieu.core.evaluation` turns the answer into a status.

Rules (each one is tested in tests/unit/test_forecast.py):
- One figure per period (`chitieu.core.figures.best_by_period`): official beats preliminary
  beats estimate, the later one on a tie; H1/2024 and 6M/2024 are the same slot.
- Sub-periods: of the kinds present inside the period, the one reaching the latest date wins,
  then the one covering more months, then the one whose least final figure is more final,
  then the finest (month, quarter, half, year, year-to-date).
- A figure for the whole period beats combined sub-periods unless those are complete and of a
  strictly better stage (an official December total beats an estimate for the year).
- Cumulative indicators (SUM) are projected from the sum so far: by last years' seasonal
  profile (SEASONAL) when at least one earlier year has both the same sub-periods and a
  full-year figure, else by the share of the period's months covered (PACE).
- Rates and levels (AVERAGE, LAST) use a least-squares trend over the last (up to six)
  sub-period figures when there are at least three (TREND), else the latest figure (LATEST).
  For AVERAGE the sub-periods still to come are filled with the trend (or the latest figure)
  and averaged with the known ones.

Pure standard library; time is the `as_of` argument.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from statistics import fmean

from chitieu.core.choices import Aggregation, PeriodKind, Stage, TermAggregation
from chitieu.core.figures import (
    Figure,
    Forecast,
    ForecastMethod,
    Key,
    Observation,
    best_by_period,
    key,
    lowest_stage,
    select_unit,
)
from chitieu.core.periods import Period, PeriodError

__all__ = [
    "ADDITIVE_KINDS",
    "SEASONAL_YEARS",
    "TREND_MAX_POINTS",
    "TREND_MIN_POINTS",
    "Figure",
    "Forecast",
    "ForecastMethod",
    "Key",
    "Observation",
    "best_by_period",
    "complete_figure",
    "default_term_aggregation",
    "fit_line",
    "key",
    "lowest_stage",
    "offset_months",
    "period_figure",
    "select_unit",
    "whole_figure",
]

ADDITIVE_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR)
_FINENESS = {kind: i for i, kind in enumerate((*ADDITIVE_KINDS, PeriodKind.YEAR_TO_DATE))}
TREND_MIN_POINTS = 3
TREND_MAX_POINTS = 6
SEASONAL_YEARS = 3


def _lowest_stage(used: Sequence[Observation]) -> Stage:
    return lowest_stage(o.stage for o in used)


def _combine(values: Sequence[float], aggregation: Aggregation) -> float:
    if aggregation is Aggregation.SUM:
        return math.fsum(values)
    if aggregation is Aggregation.AVERAGE:
        return fmean(values)
    return values[-1]


def _tiles(period: Period, kind: PeriodKind) -> list[Period]:
    """The sub-periods of `kind` tiling `period`, [] when `kind` is not strictly finer."""
    try:
        tiles = period.subperiods(kind)
    except PeriodError:
        return []
    return [] if tiles == [period] else tiles


def complete_figure(
    period: Period, best: Mapping[Key, Observation], aggregation: Aggregation
) -> tuple[float, list[Observation]] | None:
    """Return (value, figures used) from a complete set of sub-periods of one kind, or None.

    LAST only needs the sub-period that ends with the period. Among complete kinds the one
    with the best lowest stage wins, then the finest.
    """
    found: list[tuple[int, int, float, list[Observation]]] = []
    for kind in ADDITIVE_KINDS:
        tiles = _tiles(period, kind)
        if aggregation is Aggregation.LAST:
            tiles = tiles[-1:]
        if not tiles or any(key(t) not in best for t in tiles):
            continue
        used = [best[key(t)] for t in tiles]
        value = _combine([o.value for o in used], aggregation)
        found.append((_lowest_stage(used).rank, -_FINENESS[kind], value, used))
    if not found:
        return None
    _, _, value, used = max(found, key=lambda f: (f[0], f[1]))
    return value, used


def _inside(period: Period, best: Mapping[Key, Observation]) -> dict[PeriodKind, list[Observation]]:
    by_kind: dict[PeriodKind, list[Observation]] = {}
    for o in best.values():
        if (
            o.period.kind in _FINENESS
            and period.contains(o.period)
            and key(o.period) != key(period)
        ):
            by_kind.setdefault(o.period.kind, []).append(o)
    for obs in by_kind.values():
        obs.sort(key=lambda o: o.period.end)
    return by_kind


def _coverage(obs: Sequence[Observation], kind: PeriodKind) -> int:
    if kind is PeriodKind.YEAR_TO_DATE:
        return obs[-1].period.months
    return sum(o.period.months for o in obs)


def _span(period: Period, used: Sequence[Observation]) -> Period:
    """The period the figures so far cover: "6 tháng đầu năm 2024", "2021-2023", or the
    latest sub-period when no such name fits."""
    first, last = used[0].period, used[-1].period
    if len(used) > 1 and first.start == period.start:
        if period.kind is PeriodKind.YEAR:
            return Period.year_to_date(period.start.year, last.end.month)
        if period.kind is PeriodKind.TERM and last.end.year > first.start.year:
            return Period.term(first.start.year, last.end.year)
    return last


def fit_line(points: Sequence[tuple[float, float]]) -> tuple[float, float, float]:
    """Least-squares line through points: (intercept, slope, residual standard deviation)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = fmean(xs), fmean(ys)
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    slope = 0.0 if sxx == 0 else math.fsum((x - mx) * (y - my) for x, y in points) / sxx
    intercept = my - slope * mx
    sse = math.fsum((y - intercept - slope * x) ** 2 for x, y in points)
    spread = math.sqrt(sse / (len(points) - 2)) if len(points) > 2 else 0.0
    return intercept, slope, spread


def offset_months(period: Period, day: date) -> float:
    """Months from the start of `period` to the end of the month of `day` (a quarter ending in
    March is 3), so quarters and months fall evenly on a trend line."""
    return float((day.year - period.start.year) * 12 + day.month - period.start.month + 1)


def _seasonal_shares(
    period: Period, used: Sequence[Observation], kind: PeriodKind, best: Mapping[Key, Observation]
) -> list[tuple[float, list[Observation]]]:
    """Shares of the full-year total that earlier years had reached by the same sub-periods."""
    shares: list[tuple[float, list[Observation]]] = []
    for back in range(1, SEASONAL_YEARS + 1):
        try:
            earlier = period.shifted_years(-back)
            parts = [o.period.shifted_years(-back) for o in used]
        except PeriodError:
            break
        if kind is PeriodKind.YEAR_TO_DATE:
            parts = parts[-1:]
        if any(key(p) not in best for p in parts):
            continue
        part_obs = [best[key(p)] for p in parts]
        direct = best.get(key(earlier))
        total = complete_figure(earlier, best, Aggregation.SUM)
        if direct is not None:
            total_value, total_used = direct.value, [direct]
        elif total is not None:
            total_value, total_used = total
        else:
            continue
        part = math.fsum(o.value for o in part_obs)
        if total_value > 0 and part > 0:
            shares.append((part / total_value, part_obs + total_used))
    return shares


def _project_sum(
    period: Period, obs: list[Observation], kind: PeriodKind, best: Mapping[Key, Observation]
) -> Figure:
    used = obs[-1:] if kind is PeriodKind.YEAR_TO_DATE else obs
    so_far = math.fsum(o.value for o in used)
    covered = _coverage(obs, kind)
    shares = _seasonal_shares(period, used, kind, best)
    low = high = None
    if shares:
        values = [s for s, _ in shares]
        method, value = ForecastMethod.SEASONAL, so_far / fmean(values)
        low, high = so_far / max(values), so_far / min(values)
        behind = [*used, *(o for _, h in shares for o in h)]
    else:
        method, value, behind = ForecastMethod.PACE, so_far * period.months / covered, used
    return Figure(
        value=value,
        to_date=so_far,
        period=used[-1].period if kind is PeriodKind.YEAR_TO_DATE else _span(period, used),
        stage=_lowest_stage(used),
        final=False,
        method=method,
        covered_months=covered,
        simulated=any(o.simulated for o in behind),
        low=low,
        high=high,
    )


def _project_rate(
    period: Period, obs: list[Observation], kind: PeriodKind, aggregation: Aggregation
) -> Figure:
    averaging = aggregation is Aggregation.AVERAGE and kind is not PeriodKind.YEAR_TO_DATE
    recent = obs[-TREND_MAX_POINTS:]
    low = high = None
    if len(obs) >= TREND_MIN_POINTS:
        method, used = ForecastMethod.TREND, recent
        a, b, spread = fit_line([(offset_months(period, o.period.end), o.value) for o in recent])
    else:
        # LATEST is a flat line through the latest figure.
        method, used = ForecastMethod.LATEST, obs[-1:]
        a, b, spread = obs[-1].value, 0.0, 0.0

    def at(day: date) -> float:
        return a + b * offset_months(period, day)

    if averaging:
        present = {key(o.period) for o in obs}
        todo = [t for t in _tiles(period, kind) if key(t) not in present]
        value = fmean([o.value for o in obs] + [at(t.end) for t in todo])
        to_date, span_used = fmean(o.value for o in obs), obs
    else:
        value = at(period.end)
        to_date, span_used = obs[-1].value, obs[-1:]
        if method is ForecastMethod.TREND:
            low, high = value - spread, value + spread
    return Figure(
        value=value,
        to_date=to_date,
        period=_span(period, span_used),
        stage=_lowest_stage(span_used),
        final=False,
        method=method,
        covered_months=_coverage(obs, kind),
        simulated=any(o.simulated for o in (*used, *span_used)),
        low=low,
        high=high,
    )


def whole_figure(o: Observation, *, ended: bool) -> Figure:
    """The figure `o` reported for a whole period: FINAL once ended, REPORTED before."""
    return Figure(
        value=o.value,
        to_date=o.value,
        period=o.period,
        stage=o.stage,
        final=True,
        method=ForecastMethod.FINAL if ended else ForecastMethod.REPORTED,
        covered_months=o.period.months,
        simulated=o.simulated,
    )


def period_figure(
    period: Period, best: Mapping[Key, Observation], aggregation: Aggregation, *, as_of: date
) -> Figure | None:
    """Return the figure for `period` (a year, half, quarter, month or year-to-date; use
    `term_figure` for terms) from `best` (see `best_by_period`), or None without any figure.

    Order: the period's own figure (FINAL once ended, REPORTED before), unless complete
    sub-periods have a strictly better stage; complete sub-periods (FINAL); otherwise a
    projection from the sub-periods so far (PACE/SEASONAL for SUM, LATEST/TREND otherwise),
    which is what is left after the end too when sub-periods are missing (`final` False).
    """
    ended = as_of >= period.end
    direct = best.get(key(period))
    complete = complete_figure(period, best, aggregation)
    if direct is not None and (
        complete is None or direct.stage.rank >= _lowest_stage(complete[1]).rank
    ):
        return whole_figure(direct, ended=ended)
    if complete is not None:
        value, used = complete
        return Figure(
            value=value,
            to_date=value,
            period=period,
            stage=_lowest_stage(used),
            final=True,
            method=ForecastMethod.FINAL,
            covered_months=period.months,
            simulated=any(o.simulated for o in used),
        )
    by_kind = _inside(period, best)
    if not by_kind:
        return None
    kind = max(
        by_kind,
        key=lambda k: (
            by_kind[k][-1].period.end,
            _coverage(by_kind[k], k),
            _lowest_stage(by_kind[k]).rank,
            -_FINENESS[k],
        ),
    )
    if aggregation is Aggregation.SUM:
        return _project_sum(period, by_kind[kind], kind, best)
    return _project_rate(period, by_kind[kind], kind, aggregation)


def default_term_aggregation(aggregation: Aggregation) -> TermAggregation:
    """How a term combines its years when the target does not say: SUM for cumulative
    indicators, AVERAGE for averaged rates, END (the final level) for levels."""
    return {
        Aggregation.SUM: TermAggregation.SUM,
        Aggregation.AVERAGE: TermAggregation.AVERAGE,
        Aggregation.LAST: TermAggregation.END,
    }[aggregation]
