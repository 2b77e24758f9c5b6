"""Reported figures and what is said about a period: the shared vocabulary of the rules.

`Observation` is a reported figure, `Figure` what the figures say about one period (its value,
or a projection of it), `Forecast` the projection an evaluation shows and `ForecastMethod`
how it was obtained. `best_by_period` keeps one figure per period: official beats preliminary
beats estimate; between two figures of the same stage for the same days, the later one in the
sequence wins (callers pass them in entry order). Periods are matched by their days, so
H1/2024 and 6M/2024 are the same figure slot.

Pure standard library.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from chitieu.core.choices import Choice, Stage, _decorate
from chitieu.core.periods import Period


class ForecastMethod(Choice):
    """How the figure behind a status was obtained."""

    PACE = "pace"  # sum so far scaled by the share of the period covered
    SEASONAL = "seasonal"  # sum so far divided by the share earlier years had reached by then
    LATEST = "latest"  # the latest sub-period figure stands for the period
    TREND = "trend"  # linear trend of the latest sub-period figures to the period end
    FINAL = "final"  # the period's own figure (reported or from complete sub-periods)
    REPORTED = "reported"  # before the end, a reported estimate for the whole period
    NONE = "none"  # no figure at all


_decorate(
    ForecastMethod,
    {
        "pace": "theo tiến độ",
        "seasonal": "theo mùa vụ các năm trước",
        "latest": "theo số liệu mới nhất",
        "trend": "theo xu hướng",
        "final": "số liệu cả kỳ",
        "reported": "theo số ước cả kỳ",
        "none": "chưa có số liệu",
    },
)

#: Sub-period kinds that tile a period and add up; year-to-date figures are cumulative.

Key = tuple[date, date]
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Observation:
    """A reported figure, already converted to the target's unit.

    unit_code None or "" means the whole city (the aggregate). Raises ValueError for a value
    that is not a finite number.

    A figure combined from units carries its coverage: `reported` of the `expected` units
    assigned to report it did (both None for a figure a unit or the city reported itself).
    A combination missing any assigned unit, or with no unit assigned, is `partial`: shown as
    such, never evaluated as the period's figure (chitieu.core.evaluation.evaluate).
    """

    period: Period
    value: float
    stage: Stage
    unit_code: str | None = None
    simulated: bool = False
    source: str = ""
    reported: int | None = None
    expected: int | None = None

    def __post_init__(self) -> None:
        if not math.isfinite(self.value):
            raise ValueError(f"Số liệu «{self.value}» không phải là số hữu hạn")

    @property
    def combined(self) -> bool:
        return self.reported is not None

    @property
    def partial(self) -> bool:
        return self.reported is not None and (not self.expected or self.reported < self.expected)

    @property
    def coverage(self) -> str:
        """ "1/114 xã, phường" for a combination, "" for a figure reported as it is."""
        return coverage_words(self.reported, self.expected) if self.reported is not None else ""


def coverage_words(reported: int, expected: int | None) -> str:
    """How many of the units that should report did: "113/114 xã, phường"; with no unit
    assigned, "N xã, phường (chưa phân công đơn vị báo cáo)". The one wording of coverage."""
    if not expected:
        return f"{reported} xã, phường (chưa phân công đơn vị báo cáo)"
    return f"{reported}/{expected} xã, phường"


@dataclass(frozen=True)
class Forecast:
    """A projected figure for the whole period; `method` is a ForecastMethod value; low/high
    bound it when the method gives a spread (seasonal shares, trend residuals);
    `achievement` is the projection's ratio to the target (the evaluation's own achievement
    is the figure so far over the target)."""

    value: float
    method: str
    low: float | None = None
    high: float | None = None
    achievement: float | None = None


@dataclass(frozen=True)
class Figure:
    """What the observations say about one period.

    value: the figure for the whole period (actual when `final`, else projected);
    to_date: the figure so far and `period` the days it covers; stage: the lowest stage among
    the figures behind `to_date`; covered_months: months of the period those figures cover;
    missing: years of a term with no figure; simulated: any figure used was simulated.
    """

    value: float
    to_date: float
    period: Period
    stage: Stage
    final: bool
    method: ForecastMethod
    covered_months: int
    simulated: bool
    low: float | None = None
    high: float | None = None
    missing: tuple[int, ...] = ()


def key(period: Period) -> Key:
    return (period.start, period.end)


def select_unit(observations: Iterable[Observation]) -> list[Observation]:
    """Return the observations of one series: the aggregate ones (no unit code) when there are
    any, else those of the only unit present. Raises ValueError when several units report and
    no aggregate exists: combining units is the caller's job."""
    obs = list(observations)
    aggregate = [o for o in obs if not o.unit_code]
    if aggregate:
        return aggregate
    units = {o.unit_code for o in obs}
    if len(units) > 1:
        raise ValueError(
            f"Số liệu của nhiều đơn vị ({', '.join(sorted(map(str, units)))}); cần tổng hợp trước"
        )
    return obs


def best_of(items: Iterable[T], key: Callable[[T], K], rank: Callable[[T], Any]) -> dict[K, T]:
    """Return one item per `key`: the one with the highest `rank` (a stage's rank, or a
    tuple such as (approved, stage rank)); on equal ranks the later one in the sequence wins,
    so callers pass items in entry order. The one rule "best figure by stage" every reader
    applies (the review, the ranking, the jumps, the series, the per-unit table)."""
    best: dict[K, T] = {}
    ranks: dict[K, Any] = {}
    for item in items:
        k = key(item)
        r = rank(item)
        if k not in best or r >= ranks[k]:
            best[k] = item
            ranks[k] = r
    return best


def best_by_period(observations: Iterable[Observation], *, as_of: date) -> dict[Key, Observation]:
    """Return one observation per span of days: highest stage, later in the sequence on ties
    (`best_of`).

    Observations for periods starting after `as_of` are ignored (they cannot be known yet);
    filtering by entry date is the caller's job.
    """
    return best_of(
        (o for o in observations if o.period.start <= as_of),
        key=lambda o: key(o.period), rank=lambda o: o.stage.rank,
    )


def lowest_stage(stages: Iterable[Stage]) -> Stage:
    """The least final of `stages` (estimate < preliminary < official)."""
    return min(stages, key=lambda s: s.rank)
