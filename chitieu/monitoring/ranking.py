"""Units against their siblings: rank communes (or any unit's sub-units) by their figure for
one indicator over a target's own period, against the average of those that report
(core.review.rank_units).

Reads the figures known at the date (`chitieu.monitoring.known`), as the review does, so the
ranking on a dashboard never shows a figure the review beside it does not know yet.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from chitieu.core import forecast as core_forecast
from chitieu.core.choices import SIMULATED_SOURCE, Aggregation, Direction, PeriodKind, Stage
from chitieu.core.forecast import Observation as CoreObservation
from chitieu.core.periods import Period, PeriodError
from chitieu.core.review import UnitRank, rank_units
from chitieu.monitoring.known import known_figures
from chitieu.monitoring.models import UnitFigure
from chitieu.monitoring.unit_figures import known
from chitieu.org.models import Unit
from chitieu.org.services import LOCAL_KINDS
from chitieu.plans.models import Indicator


@dataclass
class UnitRanking:
    """Units' figures for one indicator and period against their siblings' average.

    `ranks` come from core.review.rank_units (unit codes, best first); `names` maps the codes
    to unit names (the short name when there is one); `simulated` is True when any figure
    behind a rank is simulated; `final` when every unit's figure covers the whole period (else
    some are projections from the sub-periods so far); `left_out` counts units whose figure
    could not be ranked (not a finite number)."""

    indicator: Indicator
    period: Period
    as_of: date
    ranks: list[UnitRank]
    names: dict[str, str]
    simulated: bool
    final: bool = True
    left_out: int = 0


def ranking_period(period: Period | str, as_of: date) -> Period:
    """The period a ranking for a target of `period` covers: the target's own period; for a
    term, the year of `as_of` within it (a commune's term figure is not what a review ranks)."""
    period = Period.parse(period) if isinstance(period, str) else period
    if period.kind != PeriodKind.TERM:
        return period
    year = min(max(as_of.year, period.start.year), period.end.year)
    return Period.year(year)


def unit_ranking(
    indicator: Indicator, period: Period | str, *, as_of: date, parent: Unit | None = None,
    lag_threshold: float = 0.0,
) -> UnitRanking:
    """Rank the units directly below `parent` (default: every commune, ward and special zone;
    with `parent`, its sub-units other than Party bodies and departments) by their figure
    for `indicator` over `period` (see `ranking_period`), as of `as_of`, against the average
    of those that report. A unit's figure is its own figure for the period, its complete
    sub-periods combined by the indicator's aggregation, or a projection when incomplete
    (chitieu.core.forecast), from the figures known at `as_of` for periods ended by then (a
    month or quarter still running is not compared), each period's best by stage. Units
    without figures are left out. One query (the units' maintained best figures,
    `unit_figures`), two when one of them was reported after `as_of` (then the raw figures).
    """
    period = ranking_period(period, as_of)
    rows = _maintained_rows(indicator, period, as_of, parent)
    if rows is None:
        rows = list(_units(known_figures(as_of, ended=True), parent).filter(
            indicator=indicator, period_start__gte=period.start, period_end__lte=period.end,
        ).order_by("entered_at", "id").values_list(*COLUMNS))
    series: dict[str, list[CoreObservation]] = defaultdict(list)
    names: dict[str, str] = {}
    left_out: set[str] = set()
    for code, name, short, p, value, stage, source in rows:
        names[code] = short or name
        try:
            series[code].append(CoreObservation(Period.parse(p), value, Stage(stage), code,
                                                source == SIMULATED_SOURCE, source))
        except (ValueError, PeriodError):
            left_out.add(code)
    aggregation = Aggregation(indicator.aggregation)
    values: dict[str, float] = {}
    simulated = False
    final = True
    for code, obs in series.items():
        try:
            figure = core_forecast.period_figure(period, core_forecast.best_by_period(obs, as_of=as_of),
                                                 aggregation, as_of=as_of)
        except (ValueError, ArithmeticError):
            figure = None
            left_out.add(code)
        if figure is None:
            continue
        if not math.isfinite(figure.value):
            left_out.add(code)
            continue
        values[code] = figure.value
        simulated = simulated or figure.simulated
        final = final and figure.final
    ranks = rank_units(values, direction=Direction(indicator.direction), lag_threshold=lag_threshold)
    return UnitRanking(indicator, period, as_of, ranks, names, simulated, final, len(left_out - set(values)))


COLUMNS = ("unit__code", "unit__name", "unit__short_name", "period", "value", "stage", "source")


def _units(qs, parent: Unit | None):
    """`qs` (figures or maintained rows) of the local units, of those below `parent` when given."""
    if parent is None:
        return qs.filter(unit__kind__in=LOCAL_KINDS)
    return qs.filter(unit__parent=parent, unit__kind__in=LOCAL_KINDS)


def _maintained_rows(indicator: Indicator, period: Period, as_of: date, parent: Unit | None) -> list[tuple] | None:
    """The ranking's rows (COLUMNS) from the units' best figures (`unit_figures`), in the
    order their figures were entered, as the raw figures give them to
    core.forecast.best_by_period (one per period code, each the best of its stages: the
    best per span of days is the same); None when a row holds a figure reported after
    `as_of` or a value that is not a finite number (the raw figures answer then)."""
    rows = []
    for *row, reported in _units(UnitFigure.objects, parent).filter(
        indicator=indicator, period_start__gte=period.start, period_end__lte=min(period.end, as_of),
    ).order_by("entered_at", "observation_id").values_list(*COLUMNS, "reported_last"):
        if not known(reported, None, as_of) or not math.isfinite(row[4]):
            return None
        rows.append(row)
    return rows


def target_ranking(targets: Sequence, indicator: Indicator, *, as_of: date, fallback: Period | None = None
                   ) -> UnitRanking | None:
    """The ranking of `indicator` over the period of its first target among `targets` (a
    resolution's, in order), or over `fallback` when none of them measures it; None when
    there is neither."""
    target = next((t for t in targets if t.indicator_id == indicator.pk), None)
    period: Period | None
    if target is not None:
        try:
            period = Period.parse(target.period)
        except PeriodError:
            period = fallback
    else:
        period = fallback
    if period is None:
        return None
    return unit_ranking(indicator, period, as_of=as_of)
