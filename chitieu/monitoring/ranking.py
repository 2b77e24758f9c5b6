"""Units against their siblings: rank communes (or any unit's sub-units) by their figure for
one indicator and period, against the average of those that report (core.review.rank_units).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from chitieu.core import forecast as core_forecast
from chitieu.core.choices import SIMULATED_SOURCE, Aggregation, Direction, EntryState, Stage
from chitieu.core.forecast import Observation as CoreObservation
from chitieu.core.periods import Period
from chitieu.core.review import UnitRank, rank_units
from chitieu.monitoring.models import Observation
from chitieu.monitoring.review import _period, known_by
from chitieu.org.models import Unit
from chitieu.org.services import city_unit
from chitieu.plans.models import Indicator


@dataclass
class UnitRanking:
    """Units' figures for one indicator and period against their siblings' average.

    `ranks` come from core.review.rank_units (unit codes, best first); `names` maps the codes
    to unit names; `simulated` is True when any figure behind a rank is simulated."""

    indicator: Indicator
    period: Period
    as_of: date
    ranks: list[UnitRank]
    names: dict[str, str]
    simulated: bool


def unit_ranking(
    indicator: Indicator, period: Period | str, *, as_of: date, parent: Unit | None = None,
    lag_threshold: float = 0.0,
) -> UnitRanking:
    """Rank the units directly below `parent` (default: the city's communes, wards and special
    zones) by their figure for `indicator` over `period`, as of `as_of`, against the average
    of those that report. One unit's figure is its own figure for the period, its complete
    sub-periods combined by the indicator's aggregation, or a projection when incomplete
    (chitieu.core.forecast). Units without figures are left out. One or two queries.
    """
    period = _period(period) if isinstance(period, str) else period
    parent = parent or city_unit()
    rows = (
        Observation.objects.filter(
            known_by(as_of),
            indicator=indicator, state=EntryState.APPROVED, unit__parent=parent,
            period_start__gte=period.start, period_end__lte=period.end, period_start__lte=as_of,
        )
        .order_by("entered_at", "id")
        .values_list("unit__code", "unit__name", "period", "value", "stage", "source")
    )
    series: dict[str, list[CoreObservation]] = defaultdict(list)
    names: dict[str, str] = {}
    for code, name, p, value, stage, source in rows:
        names[code] = name
        series[code].append(CoreObservation(_period(p), value, Stage(stage), code, source == SIMULATED_SOURCE, source))
    aggregation = Aggregation(indicator.aggregation)
    values: dict[str, float] = {}
    simulated = False
    for code, obs in series.items():
        figure = core_forecast.period_figure(period, core_forecast.best_by_period(obs, as_of=as_of), aggregation,
                                             as_of=as_of)
        if figure is not None:
            values[code] = figure.value
            simulated = simulated or figure.simulated
    ranks = rank_units(values, direction=Direction(indicator.direction), lag_threshold=lag_threshold)
    return UnitRanking(indicator, period, as_of, ranks, names, simulated)
