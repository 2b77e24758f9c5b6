"""What a review conference reads: counts by status and category, the at-risk list, units
against the average of their siblings, and figures that jumped suspiciously.

Pure standard library; evaluations come in already made (chitieu.core.evaluation).
"""

from __future__ import annotations

import math
import sys
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median

from chitieu.core.choices import STATUS_ATTENTION_ORDER, Category, Direction, Status
from chitieu.core.evaluation import Evaluation
from chitieu.core.periods import Period

#: Statuses that put a target on the at-risk list, worst first.
AT_RISK_STATUSES = (Status.NOT_ACHIEVED, Status.AT_RISK)
MET_STATUSES = (Status.EXCEEDED, Status.ACHIEVED)
#: Consistency constant of the median absolute deviation for normal data (Iglewicz-Hoaglin).
MAD_FACTOR = 0.6745
#: When MAD is 0, the mean absolute deviation scaled by this stands in (IBM SPSS convention).
MEAN_AD_FACTOR = 1.253314
MIN_CHANGES = 3


@dataclass(frozen=True)
class ReviewRow:
    """One target in a review: `key` identifies it (e.g. "hp-2021/1a")."""

    key: str
    indicator: str
    category: Category
    evaluation: Evaluation
    lead_unit: str | None = None


@dataclass(frozen=True)
class Summary:
    """Counts of a review. `counts` has every Status, `by_category` every Category with every
    Status (zeros included) so tables keep their shape; `met` = exceeded + achieved."""

    total: int
    counts: dict[Status, int]
    by_category: dict[Category, dict[Status, int]]
    at_risk: list[ReviewRow]
    met: int
    headline: str


def _zeros() -> dict[Status, int]:
    return dict.fromkeys(Status, 0)


def _attention_key(row: ReviewRow) -> tuple[int, int, float, str]:
    ratio = row.evaluation.achievement
    return (
        AT_RISK_STATUSES.index(row.evaluation.status),
        0 if ratio is None else 1,
        ratio if ratio is not None else 0.0,
        row.key,
    )


@dataclass(frozen=True)
class Tally:
    """A review's counts as every wording reads them: met (exceeded + achieved) over total,
    how many exceeded, and the other statuses that have targets, in attention order."""

    met: int
    total: int
    exceeded: int
    others: list[tuple[Status, int]]


def tally(counts: Mapping[Status, int]) -> Tally:
    """The one tally of `counts` that the headline and the report's sentence both word."""
    return Tally(
        met=sum(counts.get(s, 0) for s in MET_STATUSES),
        total=sum(counts.values()),
        exceeded=counts.get(Status.EXCEEDED, 0),
        others=[(s, counts[s]) for s in STATUS_ATTENTION_ORDER if s not in MET_STATUSES and counts.get(s, 0)],
    )


def headline(counts: Mapping[Status, int], total: int | None = None) -> str:
    """ "Đạt 5/20 chỉ tiêu · Có nguy cơ không đạt 7 · ...": met over total, then the other
    non-zero statuses in attention order; "Chưa có chỉ tiêu nào" for an empty review.
    `total` defaults to the sum of `counts`."""
    t = tally(counts)
    total = t.total if total is None else total
    if total == 0:
        return "Chưa có chỉ tiêu nào"
    first = f"{Status.ACHIEVED.label} {t.met}/{total} chỉ tiêu"
    if t.exceeded:
        first += f" (vượt {t.exceeded})"
    return " · ".join([first] + [f"{s.label} {n}" for s, n in t.others])


def counts_sentence(counts: Mapping[Status, int]) -> str:
    """The same tally inside a report's sentence: "đạt 5/20 chỉ tiêu (trong đó 2 chỉ tiêu
    vượt); 7 chỉ tiêu có nguy cơ không đạt; 8 chỉ tiêu đúng tiến độ" (attention order, as the
    headline)."""
    t = tally(counts)
    first = f"đạt {t.met}/{t.total} chỉ tiêu"
    if t.exceeded:
        first += f" (trong đó {t.exceeded} chỉ tiêu vượt)"
    return "; ".join([first] + [f"{n} chỉ tiêu {s.label.lower()}" for s, n in t.others])


def summarise(rows: Sequence[ReviewRow]) -> Summary:
    """Return the counts of `rows` overall and by category, and the at-risk list.

    The at-risk list holds not_achieved then at_risk rows; within each, rows without a ratio
    (zero targets) first, then by achievement ascending (worst first), then by key.
    """
    counts = _zeros()
    by_category = {c: _zeros() for c in Category}
    for row in rows:
        status = row.evaluation.status
        counts[status] += 1
        by_category[row.category][status] += 1
    at_risk = sorted(
        (r for r in rows if r.evaluation.status in AT_RISK_STATUSES), key=_attention_key
    )
    return Summary(
        total=len(rows),
        counts=counts,
        by_category=by_category,
        at_risk=at_risk,
        met=sum(counts[s] for s in MET_STATUSES),
        headline=headline(counts, len(rows)),
    )


# ---- units against their siblings ------------------------------------------------------------


@dataclass(frozen=True)
class UnitRank:
    """A unit's figure against the average of its group (its parent's units, itself included).

    deviation: (value - average) / |average|, sign flipped when lower is better, so positive
    is better; the plain difference when the average is 0. rank: 1 = best in its group, ties
    share a rank. lagging: worse than the average by more than the threshold.
    """

    unit: str
    value: float
    group_average: float
    deviation: float
    rank: int
    lagging: bool
    group: str | None = None


def rank_units(
    values: Mapping[str, float],
    *,
    direction: Direction,
    groups: Mapping[str, str] | None = None,
    lag_threshold: float = 0.0,
) -> list[UnitRank]:
    """Rank each unit against the average of the units in its group.

    `groups` maps a unit to its group key (its parent); units missing from it form one group
    (None). Returns ranks ordered by group key, then rank, then unit. Raises ValueError for a
    figure that is not a finite number.
    """
    sign = 1.0 if direction is Direction.HIGHER else -1.0
    members: dict[str | None, list[str]] = {}
    for unit, value in values.items():
        if not math.isfinite(value):
            raise ValueError(f"Số liệu của đơn vị {unit} không phải là số hữu hạn: {value}")
        members.setdefault((groups or {}).get(unit), []).append(unit)
    ranks: list[UnitRank] = []
    for group in sorted(members, key=lambda g: (g is not None, g or "")):
        units = members[group]
        average = safe_mean([values[u] for u in units])
        ordered = sorted(units, key=lambda u: (-sign * values[u], u))
        # A unit's rank is one more than the units strictly better: counted by bisection in
        # the signed values in order (a - b > 0 exactly when a > b for finite floats).
        signed = sorted(sign * values[u] for u in units)
        for unit in ordered:
            value = values[unit]
            deviation = _deviation(sign, value, average)
            better = len(signed) - bisect_right(signed, sign * value)
            ranks.append(
                UnitRank(
                    unit=unit,
                    value=value,
                    group_average=average,
                    deviation=deviation,
                    rank=better + 1,
                    lagging=deviation < -lag_threshold,
                    group=group,
                )
            )
    return ranks


def safe_mean(values: Sequence[float]) -> float:
    """The mean of finite `values`, without overflow: each is divided by the count before
    the (exact) sum, so the mean of 1e308 and 1e308 is 1e308, not an error."""
    n = len(values)
    return math.fsum(v / n for v in values)


def _deviation(sign: float, value: float, average: float) -> float:
    """sign * (value - average) / |average| (the plain gap when the average is 0), clamped to
    the largest float rather than overflowing."""
    if average == 0:
        gap = sign * value
    else:
        gap = sign * (value / abs(average) - math.copysign(1.0, average))
    return max(-sys.float_info.max, min(sys.float_info.max, gap))


# ---- suspicious jumps ------------------------------------------------------------------------


@dataclass(frozen=True)
class Jump:
    """A figure whose change from the previous one is an outlier among all changes.

    change: (value - previous) / |previous|; z: robust z-score of that change.
    """

    key: str
    period: Period
    value: float
    previous: float
    change: float
    z: float


def _changes(
    key: str, points: Sequence[tuple[Period, float]]
) -> list[tuple[str, Period, float, float, float]]:
    """Relative changes between consecutive figures of the same period kind. A change from
    zero has no relative size and is left out (zero to zero counts as no change)."""
    out: list[tuple[str, Period, float, float, float]] = []
    by_kind: dict[object, list[tuple[Period, float]]] = {}
    for period, value in sorted(points, key=lambda p: p[0].start):
        by_kind.setdefault(period.kind, []).append((period, value))
    for series in by_kind.values():
        for (_, before), (period, value) in zip(series, series[1:], strict=False):
            if before == 0:
                if value == 0:
                    out.append((key, period, value, before, 0.0))
                continue
            out.append((key, period, value, before, (value - before) / abs(before)))
    return out


def jumps(
    series: Mapping[str, Sequence[tuple[Period, float]]], *, threshold: float = 3.5
) -> list[Jump]:
    """Return the figures whose period-to-period relative change is an outlier, largest |z|
    first.

    z = 0.6745 * (change - median) / MAD over the changes of all series together (Iglewicz and
    Hoaglin's modified z-score, flagged when |z| > threshold). When MAD is 0 (most changes
    equal), z = (change - median) / (1.253314 * mean absolute deviation); when that is 0 too,
    every change is the same and nothing jumps. Fewer than three changes: nothing to compare,
    [] is returned.
    """
    changes = [c for key, points in series.items() for c in _changes(key, points)]
    if len(changes) < MIN_CHANGES:
        return []
    values = [c[4] for c in changes]
    middle = median(values)
    mad = median(abs(v - middle) for v in values)
    if mad > 0:
        scale = mad / MAD_FACTOR
    else:
        scale = MEAN_AD_FACTOR * safe_mean([abs(v - middle) for v in values])
    if scale == 0:
        return []
    found = [
        Jump(
            key=key,
            period=period,
            value=value,
            previous=before,
            change=change,
            z=(change - middle) / scale,
        )
        for key, period, value, before, change in changes
        if abs(change - middle) / scale > threshold
    ]
    return sorted(found, key=lambda j: (-abs(j.z), j.key, j.period.start))
