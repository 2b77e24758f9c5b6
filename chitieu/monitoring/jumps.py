"""Figures that jumped: for each indicator of a resolution, the units' latest period known
by a date against the period before it, scored together (chitieu.core.review.jumps).

Reads the figures known at the date (`chitieu.monitoring.known`), like every other panel of
a review, each unit's best figure by stage (`chitieu.core.figures.best_of`): from the rows
`chitieu.monitoring.unit_figures` keeps, or from the raw figures when those cannot answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_

from django.db.models import OuterRef, Q, Subquery

from chitieu.core.choices import SIMULATED_SOURCE, Stage
from chitieu.core.figures import best_of
from chitieu.core.periods import Period
from chitieu.core.review import jumps as core_jumps
from chitieu.monitoring.known import known_figures
from chitieu.monitoring.models import UnitFigure
from chitieu.monitoring.unit_figures import known
from chitieu.org.models import Unit
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
    Changes too large to compute (figures near the largest float) are left out.

    Each unit's two figures come from its maintained row (`unit_figures`: one row per unit
    and indicator, with the period before), or from the raw figures for an indicator where a
    row holds a figure reported after `as_of` (the same answer). Three queries (the latest
    periods, the rows, the units' names of the jumps), one or two more when the raw figures
    must answer.
    """
    figures = known_figures(as_of, ended=True).order_by()
    current: dict[int, Period] = {}
    names: dict[int, str] = {}
    for pk, name, code in _latest_periods(resolution, figures, as_of):
        if code is not None:
            current[pk], names[pk] = Period.parse(code), name
    if not current:
        return []
    pairs, late = _maintained_pairs(current, as_of)
    if late:
        pairs.update(_raw_pairs(figures, {ind: current[ind] for ind in late}))
    # core.review scores the relative changes of all units of one indicator together.
    found: list[tuple[int, str, float, float, float, tuple]] = []
    for ind in current:
        own = pairs.get(ind, {})
        now, before = current[ind], current[ind].previous()
        series = {key: [(before, pair[3]), (now, pair[1])] for key, pair in own.items()}
        for j in core_jumps(series, threshold=threshold):
            found.append((ind, j.key, j.previous, j.value, j.z, own[j.key]))
    units = dict(Unit.objects.filter(pk__in={int(key) for _, key, *_ in found}).values_list("pk", "name")) if found else {}
    out = [
        Jump(names[ind], units[int(key)], current[ind].code, previous, value, z, pair[0],
             SIMULATED_SOURCE in (pair[2], pair[4]))
        for ind, key, previous, value, z, pair in found
    ]
    out.sort(key=lambda j: -abs(j.z))
    return out[:MAX_JUMPS]


def _latest_periods(resolution: Resolution, figures, as_of: date) -> list[tuple[int, str, str | None]]:
    """(indicator id, name, code of its latest period) for the resolution's indicators: the
    period ended and known by `as_of` that starts last (the finest among those, then by code).
    From the maintained rows (a seek per indicator on rows stored period by period) when the
    latest row was known at `as_of`: it is then the raw answer, since the raw candidates are
    among the rows. Otherwise from the raw `figures` (one query more)."""
    order = ("-period_start", "period_end", "period")
    rows = UnitFigure.objects.filter(indicator_id=OuterRef("pk"), period_end__lte=as_of).order_by(*order)
    indicators = Indicator.objects.filter(targets__resolution=resolution).distinct()
    found = list(indicators.annotate(latest=Subquery(rows.values("period")[:1]),
                                     reported=Subquery(rows.values("reported_last")[:1]))
                 .values_list("pk", "name", "latest", "reported"))
    out = [(pk, name, code) for pk, name, code, reported in found if known(reported, None, as_of)]
    late = [pk for pk, _, _, reported in found if not known(reported, None, as_of)]
    if late:
        # A correlated subquery that walks the (indicator, period_start) index backwards.
        latest = Subquery(figures.filter(indicator_id=OuterRef("pk")).order_by(*order).values("period")[:1])
        out += Indicator.objects.filter(pk__in=late).annotate(latest=latest).values_list("pk", "name", "latest")
    position = {pk: n for n, (pk, *_) in enumerate(found)}
    return sorted(out, key=lambda row: position[row[0]])


#: {indicator id: {unit id as text: (figure id, value, source, value before, source before)}}
Pairs = dict[int, dict[str, tuple]]


def _maintained_pairs(current: dict[int, Period], as_of: date) -> tuple[Pairs, set[int]]:
    """The units' (figure, figure before) of each indicator's `current` period from the
    maintained rows, and the indicators whose rows cannot answer for `as_of` (a figure
    reported after it; a value that is not a finite number, which the raw path leaves out
    before choosing the best)."""
    where = reduce(or_, (Q(indicator_id=ind, period_start=p.start, period=p.code) for ind, p in current.items()))
    pairs: Pairs = {ind: {} for ind in current}
    late: set[int] = set()
    for ind, unit, pk, value, source, before, before_source, reported, before_reported in (
        UnitFigure.objects.filter(where).order_by().values_list(
            "indicator_id", "unit_id", "observation_id", "value", "source", "previous_value", "previous_source",
            "reported_last", "previous_reported_last")
    ):
        if ind in late:
            continue
        if not known(reported, before_reported, as_of) or not math.isfinite(value) or (
            before is not None and not math.isfinite(before)
        ):
            late.add(ind)
            continue
        if before is not None and _change_computable(before, value):
            pairs[ind][str(unit)] = (pk, value, source, before, before_source)
    for ind in late:
        del pairs[ind]
    return pairs, late


def _raw_pairs(figures, current: dict[int, Period]) -> Pairs:
    """The same pairs as `_maintained_pairs`, from the raw figures known at the date
    (`figures`), each unit's best by stage."""
    previous = {ind: p.previous() for ind, p in current.items()}
    # Period codes once per indicator, not once per figure (they are computed, not stored).
    current_code = {ind: p.code for ind, p in current.items()}
    previous_code = {ind: p.code for ind, p in previous.items()}
    wanted = {(ind, code) for ind in current for code in (current_code[ind], previous_code[ind])}
    starts = {d for ind, p in current.items() for d in (p.start, previous[ind].start)}
    # Seek by (indicator, period_start) on the index, then keep the wanted periods.
    rows = (
        row for row in figures.filter(indicator_id__in=list(current), period_start__in=starts)
        .order_by("entered_at", "id").values_list("id", "indicator_id", "unit_id", "period", "stage", "value", "source")
        if (row[1], row[3]) in wanted and math.isfinite(row[5])
    )
    best = best_of(rows, key=lambda r: (r[1], r[2], r[3]), rank=lambda r: Stage(r[4]).rank)
    pairs: Pairs = {ind: {} for ind in current}
    for (ind, unit_id, period), row in best.items():
        if period != current_code[ind]:
            continue
        before = best.get((ind, unit_id, previous_code[ind]))
        if before is not None and _change_computable(before[5], row[5]):
            pairs[ind][str(unit_id)] = (row[0], row[5], row[6], before[5], before[6])
    return pairs


def _change_computable(before: float, value: float) -> bool:
    """Whether the relative change from `before` to `value` is a finite number (a figure of
    1e308 against 1 is not: that figure is for the plausibility checks, not for a z-score)."""
    if before == 0:
        return True
    try:
        return math.isfinite((value - before) / abs(before))
    except (OverflowError, ZeroDivisionError):
        return False
