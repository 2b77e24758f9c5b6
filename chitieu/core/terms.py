"""Figures for multi-year term targets ("bình quân giai đoạn 2021 - 2025", "đến năm 2025").

A term's figure is built from its years' figures (`chitieu.core.forecast.period_figure`),
combined as the target says (TermAggregation):
- AVERAGE: the mean of the ended years' figures; before the term ends the mean so far stands
  for the years to come (PACE); with no ended year, the current year's forecast.
- END: the final year's figure; before it, a trend over at least three ended years (TREND),
  else the current year's forecast or the latest annual figure (LATEST).
- SUM: the total of the years; before the end, or with years missing, the total so far
  scaled by the share of the term's months it covers (PACE).
An average change over a baseline ("tăng bình quân 8%/năm so với năm 2020") of levels is the
compound annual rate from the baseline year (the year before the term) to the latest level
(`term_growth_figure`), not the mean level over the baseline.
A figure reported for the whole term beats the combined years unless all years are complete
and of a strictly better stage. Ended years without any figure are listed in `missing` and
keep the result from being final.

Pure standard library; time is the `as_of` argument.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from chitieu.core.choices import Aggregation, PeriodKind, TermAggregation
from chitieu.core.forecast import (
    TREND_MAX_POINTS,
    TREND_MIN_POINTS,
    Figure,
    ForecastMethod,
    Key,
    Observation,
    fit_line,
    key,
    lowest_stage,
    offset_months,
    period_figure,
    whole_figure,
)
from chitieu.core.periods import Period

Years = Sequence[tuple[Period, Figure]]


def _span(first: Period, last: Period) -> Period:
    """Name the days from `first` to `last`: one year, a term of whole years, else `last`."""
    if first == last:
        return first
    if first.start.year < last.end.year and last.end.month == 12 and last.end.day == 31:
        return Period.term(first.start.year, last.end.year)
    if first.start.year < last.end.year:
        return Period(first.start, last.end, PeriodKind.TERM)
    return last


def _combined(
    value: float,
    to_date: float,
    period: Period,
    parts: Sequence[Figure],
    *,
    final: bool,
    covered: int,
) -> Figure:
    return Figure(
        value=value,
        to_date=to_date,
        period=period,
        stage=lowest_stage(f.stage for f in parts),
        final=final,
        method=ForecastMethod.FINAL if final else ForecastMethod.PACE,
        covered_months=covered,
        simulated=any(f.simulated for f in parts),
    )


def _term_sum(
    period: Period, closed: Years, current: Figure | None, complete: bool
) -> Figure | None:
    parts = [f for _, f in closed] + ([current] if current else [])
    if not parts:
        return None
    total = math.fsum(f.value for _, f in closed) + (current.to_date if current else 0.0)
    covered = sum(y.months for y, _ in closed) + (current.covered_months if current else 0)
    first = closed[0][0] if closed else parts[0].period
    last = current.period if current else closed[-1][0]
    value = total if complete else total * period.months / covered
    return _combined(value, total, _span(first, last), parts, final=complete, covered=covered)


def _term_average(closed: Years, current: Figure | None, complete: bool) -> Figure | None:
    if not closed:
        return replace(current, final=False) if current else None
    mean = math.fsum(f.value for _, f in closed) / len(closed)
    covered = sum(y.months for y, _ in closed)
    span = _span(closed[0][0], closed[-1][0])
    return _combined(mean, mean, span, [f for _, f in closed], final=complete, covered=covered)


def _term_end(
    period: Period, last: Figure | None, closed: Years, current: Figure | None
) -> Figure | None:
    if last is not None:
        return last
    if len(closed) >= TREND_MIN_POINTS:
        recent = closed[-TREND_MAX_POINTS:]
        a, b, spread = fit_line([(offset_months(period, y.end), f.value) for y, f in recent])
        value = a + b * offset_months(period, period.end)
        year, latest = recent[-1]
        return Figure(
            value=value,
            to_date=latest.value,
            period=year,
            stage=lowest_stage(f.stage for _, f in recent),
            final=False,
            method=ForecastMethod.TREND,
            covered_months=sum(y.months for y, _ in closed),
            simulated=any(f.simulated for _, f in recent),
            low=value - spread,
            high=value + spread,
        )
    source = current if current is not None else (closed[-1][1] if closed else None)
    if source is None:
        return None
    return replace(source, final=False, method=ForecastMethod.LATEST, low=None, high=None)


def term_figure(
    period: Period,
    best: Mapping[Key, Observation],
    aggregation: Aggregation,
    how: TermAggregation,
    *,
    as_of: date,
) -> Figure | None:
    """Return the figure for the term `period` combined as `how` says (module docstring), or
    None when there is no figure at all. `aggregation` combines each year's sub-periods."""
    ended = as_of >= period.end
    years = [Period.year(y) for y in period.years]
    figs = {y: period_figure(y, best, aggregation, as_of=as_of) for y in years}
    closed = [(y, f) for y, f in figs.items() if f is not None and as_of >= y.end]
    current = next((f for y, f in figs.items() if f is not None and y.start <= as_of < y.end), None)
    missing = tuple(y.start.year for y, f in figs.items() if f is None and as_of >= y.end)
    complete = ended and len(closed) == len(years) and all(f.final for _, f in closed)
    if how is TermAggregation.SUM:
        fig = _term_sum(period, closed, current, complete)
    elif how is TermAggregation.AVERAGE:
        fig = _term_average(closed, current, complete)
    else:
        fig = _term_end(period, figs[years[-1]] if ended else None, closed, current)
        if ended and figs[years[-1]] is not None:
            missing = ()  # a level at the end needs the last year only
    direct = best.get(key(period))
    if direct is not None and (fig is None or not fig.final or direct.stage.rank >= fig.stage.rank):
        return whole_figure(direct, ended=ended)
    return replace(fig, missing=missing) if fig is not None else None


def term_growth_figure(
    period: Period,
    best: Mapping[Key, Observation],
    aggregation: Aggregation,
    baseline: float,
    *,
    as_of: date,
) -> Figure | None:
    """Return the compound annual growth in % from `baseline` (the level of the year before
    the term) to the latest ended year's level, as a Figure whose value and to_date are that
    rate; before the term ends it stands for the years to come (PACE), with no ended year
    the current year's forecast level is used. None without any yearly level, or when the
    baseline or the level is not positive (no compound rate exists)."""
    years = [Period.year(y) for y in period.years]
    figs = {y: period_figure(y, best, aggregation, as_of=as_of) for y in years}
    closed = [(y, f) for y, f in figs.items() if f is not None and as_of >= y.end]
    current = next((f for y, f in figs.items() if f is not None and y.start <= as_of < y.end), None)
    if closed:
        year, level = closed[-1]
    elif current is not None:
        year, level = Period.year(current.period.start.year), current
    else:
        return None
    elapsed = year.start.year - (period.start.year - 1)
    if baseline <= 0 or level.value <= 0 or elapsed < 1:
        return None
    rate = ((level.value / baseline) ** (1 / elapsed) - 1) * 100
    missing = tuple(y.start.year for y, f in figs.items() if f is None and as_of >= y.end)
    complete = as_of >= period.end and len(closed) == len(years) and all(f.final for _, f in closed)
    parts = [f for _, f in closed] or [level]
    return Figure(
        value=rate,
        to_date=rate,
        period=_span(closed[0][0], year) if closed else level.period,
        stage=lowest_stage(f.stage for f in parts),
        final=complete,
        method=ForecastMethod.FINAL if complete else ForecastMethod.PACE,
        covered_months=sum(y.months for y, _ in closed),
        simulated=any(f.simulated for f in parts),
        missing=missing,
    )
