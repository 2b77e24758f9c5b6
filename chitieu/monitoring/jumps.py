"""Figures that jumped: for each indicator of a resolution, the units' latest period known
by a date against the period before it, scored together (chitieu.core.review.jumps).

Reads the figures known at the date (`chitieu.monitoring.known`), like every other panel of
a review, and keeps each unit's best figure by stage (`chitieu.core.figures.best_of`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery

from chitieu.core.choices import SIMULATED_SOURCE, Stage
from chitieu.core.figures import best_of
from chitieu.core.periods import Period
from chitieu.core.review import jumps as core_jumps
from chitieu.monitoring.known import known_figures
from chitieu.plans.models import Indicator, Resolution

JUMP_THRESHOLD = 3.5
MAX_JUMPS = 20


@dataclass(frozen=True)
class Jump:
    """One figure that jumped: its indicator and unit (names), period code, the figure
    before and now, the robust z-score and the id of the figure (for its history)."""

    indicator_name: str
    unit_name: str
    period: str
    previous: float
    value: float
    z: float
    observation_id: int
    simulated: bool = False


def resolution_jumps(resolution: Resolution, as_of: date, *, threshold: float = JUMP_THRESHOLD) -> list[Jump]:
    """Return figures of the resolution's indicators whose change from the period before is an
    outlier among the units' changes: for each indicator, the latest period ended and known by
    `as_of` against the period before it (same kind), scored by chitieu.core.review.jumps
    (robust median/MAD z-score across the units). Largest |z| first; at most MAX_JUMPS.
    Changes too large to compute (figures near the largest float) are left out. Two queries,
    each an index seek per indicator, so the cost grows with units, not with years of figures.
    """
    figures = known_figures(as_of, ended=True).order_by()
    # Each indicator's latest period (the one starting last, so the finest among those ending
    # last): a correlated subquery that walks the (indicator, period_start) index backwards.
    latest = Subquery(
        figures.filter(indicator_id=OuterRef("pk")).order_by("-period_start", "period_end").values("period")[:1]
    )
    current = {
        pk: Period.parse(code)
        for pk, code in Indicator.objects.filter(targets__resolution=resolution).distinct()
        .annotate(latest=latest).values_list("pk", "latest")
        if code is not None
    }
    if not current:
        return []
    previous = {ind: p.previous() for ind, p in current.items()}
    # Period codes once per indicator, not once per figure (they are computed, not stored).
    current_code = {ind: p.code for ind, p in current.items()}
    previous_code = {ind: p.code for ind, p in previous.items()}
    wanted = {(ind, code) for ind in current for code in (current_code[ind], previous_code[ind])}
    starts = {d for ind, p in current.items() for d in (p.start, previous[ind].start)}
    # Seek by (indicator, period_start) on the index, then keep the wanted periods.
    rows = (
        row for row in figures.filter(indicator_id__in=list(current), period_start__in=starts)
        .order_by("entered_at", "id").values_list(
            "id", "indicator_id", "indicator__name", "unit_id", "unit__name", "period", "stage", "value", "source"
        )
        if (row[1], row[5]) in wanted and math.isfinite(row[7])
    )
    best = best_of(rows, key=lambda r: (r[1], r[3], r[5]), rank=lambda r: Stage(r[6]).rank)
    # One series per unit: the figure before and the latest; core.review scores the relative
    # changes of all units of one indicator together.
    series: dict[int, dict[str, list]] = {ind: {} for ind in current}
    pairs: dict[int, dict[str, tuple]] = {ind: {} for ind in current}
    for (ind, unit_id, period), row in best.items():
        if period != current_code[ind]:
            continue
        before = best.get((ind, unit_id, previous_code[ind]))
        if before is not None and _change_computable(before[7], row[7]):
            series[ind][str(unit_id)] = [(previous[ind], before[7]), (current[ind], row[7])]
            pairs[ind][str(unit_id)] = (row, before)
    out: list[Jump] = []
    for ind, found in pairs.items():
        for j in core_jumps(series[ind], threshold=threshold):
            row, before = found[j.key]
            out.append(Jump(row[2], row[4], row[5], j.previous, j.value, j.z, row[0],
                            SIMULATED_SOURCE in (row[8], before[8])))
    out.sort(key=lambda j: -abs(j.z))
    return out[:MAX_JUMPS]


def _change_computable(before: float, value: float) -> bool:
    """Whether the relative change from `before` to `value` is a finite number (a figure of
    1e308 against 1 is not: that figure is for the plausibility checks, not for a z-score)."""
    if before == 0:
        return True
    try:
        return math.isfinite((value - before) / abs(before))
    except (OverflowError, ZeroDivisionError):
        return False
