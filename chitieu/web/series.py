"""Named queries for the indicator page: the city's series as the review sees it, and the
units' best figures for one period.

The city series is the review's: `chitieu.monitoring.review.latest_observations` (the city's
own approved figures for the years it reported, else its communes' figures combined), known
at `as_of`. A summed (cumulative) indicator reported by month or quarter also gets its
year-to-date line, the one a yearly target and its forecast are read against.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from chitieu.core.choices import (
    SIMULATED_SOURCE,
    Aggregation,
    Direction,
    EntryState,
    PeriodKind,
    Stage,
    UnitKind,
)
from chitieu.core.figures import best_of
from chitieu.core.periods import Period, PeriodError
from chitieu.monitoring.known import known_by, known_figures
from chitieu.monitoring.models import Observation
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator

CUMULATIVE_LABEL = "Lũy kế từ đầu năm"
SUB_YEAR_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF)
# Figures a per-unit table may show: approved first, then those waiting for approval.
SHOWN_STATES = (EntryState.APPROVED, EntryState.SUBMITTED)


def city_unit() -> Unit | None:
    """Return the top of the unit tree (the city), or None when there are no units."""
    roots = Unit.objects.filter(parent__isnull=True)
    return roots.filter(kind=UnitKind.CITY).order_by("id").first() or roots.order_by("id").first()


@dataclass
class Point:
    """One figure of the city series: the city's own (with its id) or its communes combined."""

    period: Period
    value: float
    stage: Stage
    source: str
    observation_id: int | None = None

    @property
    def simulated(self) -> bool:
        return self.source == SIMULATED_SOURCE


@dataclass
class Series:
    """The city's figures of one indicator for one period kind, by stage (oldest period first);
    `cumulative` is the year-to-date sum of the best figures (summed indicators by month or
    quarter), None elsewhere."""

    kind: PeriodKind | None
    kinds: list[PeriodKind]
    periods: list[Period] = field(default_factory=list)
    by_stage: dict[Stage, list[float | None]] = field(default_factory=dict)
    rows: list[Point] = field(default_factory=list)
    cumulative: list[float | None] | None = None

    @property
    def simulated(self) -> bool:
        return any(p.simulated for p in self.rows)

    def chart_data(self, unit: str, target: Any = None, forecast: float | None = None) -> dict:
        """Return the JSON the series chart reads: labels, one line (bars when cumulative) per
        stage, the year-to-date line, the target per period and the forecast at the end of
        the target's period. The axis runs on to the target's end when the forecast needs it.
        """
        periods = list(self.periods)
        by_stage = {s: list(v) for s, v in self.by_stage.items()}
        cumulative = list(self.cumulative) if self.cumulative is not None else None
        span = target_period(target)
        forecast_at = None
        if span is not None and self.kind is not None:
            tiles = _tiles(span, self.kind)
            if tiles:
                forecast_at = tiles[-1]
                extra = [p for p in tiles if not periods or p > periods[-1]]
                periods += extra
                for vals in by_stage.values():
                    vals += [None] * len(extra)
                if cumulative is not None:
                    cumulative += [None] * len(extra)
        value = getattr(target, "value", None)
        if value is None:
            target_values = [None] * len(periods)
        elif cumulative is not None and span is not None:
            # A yearly sum is only met by the year-to-date line inside that year.
            target_values = [value if span.contains(p) else None for p in periods]
        else:
            target_values = [value] * len(periods)
        return {
            "periods": [p.label for p in periods],
            "unit": unit,
            "stages": [{"label": s.label, "colour": s.colour, "values": v} for s, v in by_stage.items()],
            "cumulative": None if cumulative is None else {
                "label": CUMULATIVE_LABEL, "values": cumulative, "segments": _by_year(periods, cumulative),
            },
            "target": value,
            "target_values": target_values,
            "forecast": forecast,
            "forecast_at": forecast_at.label if forecast is not None and forecast_at is not None else None,
        }


def _by_year(periods: list[Period], values: list[float | None]) -> list[list[float | None]]:
    """One copy of `values` per calendar year, None outside it: the year-to-date line
    restarts each January instead of falling from December to January."""
    years = sorted({p.start.year for p in periods})
    return [[v if p.start.year == y else None for p, v in zip(periods, values, strict=True)] for y in years]


def target_period(target: Any) -> Period | None:
    """The target's period, None without a target or when its period does not parse."""
    try:
        return Period.parse(target.period) if target is not None else None
    except PeriodError:
        return None


def _tiles(period: Period, kind: PeriodKind) -> list[Period]:
    try:
        return period.subperiods(kind)
    except PeriodError:
        return []


def city_figures(indicator: Indicator, targets: list[Any], *, as_of: date) -> dict[int, list]:
    """Return the review's city figures of `indicator` at `as_of` ({indicator id: [core
    Observation]}): approved, known by then, the city's own for the years it reported, else
    its communes combined. The window is the review's for the targets' periods and for
    `as_of`'s year, so the same answer evaluates the targets (review.evaluate_targets_of).
    A fixed handful of queries."""
    from chitieu.monitoring.review import latest_observations

    periods = {Period.year(as_of.year)}
    for t in targets:
        p = target_period(t)
        if p is not None:
            periods.add(p)
    return latest_observations([indicator], periods, as_of=as_of)


def city_points(indicator: Indicator, figures: dict[int, list], *, as_of: date, city: Unit | None) -> list[Point]:
    """Return the city's figures (from city_figures) as points, those of the city unit itself
    with their ids for the history links (one query)."""
    found = figures.get(indicator.pk, [])
    ids: dict[tuple[str, Stage], int] = {}
    if city is not None and found:
        rows = known_figures(as_of).filter(unit=city, indicator=indicator)
        for pk, code, stage in rows.order_by("entered_at", "id").values_list("id", "period", "stage"):
            ids[(code, Stage(stage))] = pk
    return [
        # A combined figure (the communes', or one read in other boundaries) is no stored record.
        Point(o.period, o.value, Stage(o.stage), o.source or "",
              None if o.combined else ids.get((o.period.code, Stage(o.stage))))
        for o in found if o.period.start <= as_of
    ]


def series_of(points: list[Point], kind: str | None, aggregation: str) -> Series:
    """Return the series of `points` for one period kind: `kind` if present, else the kind
    with most periods. Each period keeps one figure per stage (the latest entered); a summed
    indicator by sub-year periods also gets its year-to-date sum of best figures, None from
    the first gap in a year on."""
    counts = Counter(p.period.kind for p in points)
    kinds = [k for k, _ in counts.most_common()]
    chosen = PeriodKind(kind) if kind in {k.value for k in kinds} else (kinds[0] if kinds else None)
    chosen_rows: dict[tuple[Period, Stage], Point] = {}
    for p in points:
        if p.period.kind == chosen:
            chosen_rows[(p.period, p.stage)] = p
    periods = sorted({period for period, _ in chosen_rows})
    index = {p: i for i, p in enumerate(periods)}
    by_stage: dict[Stage, list[float | None]] = defaultdict(lambda: [None] * len(periods))
    for (period, stage), p in chosen_rows.items():
        by_stage[stage][index[period]] = p.value
    best = best_of(chosen_rows.values(), key=lambda p: p.period, rank=lambda p: p.stage.rank)
    ordered = {s: by_stage[s] for s in Stage if s in by_stage}
    rows = sorted(chosen_rows.values(), key=lambda p: (p.period, p.stage.rank))
    cumulative = None
    if aggregation == Aggregation.SUM and chosen in SUB_YEAR_KINDS:
        cumulative = _year_to_date(periods, best, chosen)
    return Series(chosen, kinds, periods, ordered, rows, cumulative)


#: A chart opens year by year only when that many years have figures (else one lone point).
MIN_YEARS_FOR_YEARLY = 3


def preferred_kind(indicator: Indicator, target: Any, points: list[Point]) -> str | None:
    """The period kind a chart opens on without ?kieu: a rate or level judged over a year or a
    term reads best year by year (GRDP growth 2021–2026), so "year" when at least
    MIN_YEARS_FOR_YEARLY years have a figure; None (the kind with most periods) otherwise and
    for summed indicators, whose year-to-date line needs the months or quarters."""
    span = target_period(target)
    if span is None or indicator.aggregation == Aggregation.SUM:
        return None
    if span.kind not in (PeriodKind.YEAR, PeriodKind.TERM):
        return None
    years = {p.period for p in points if p.period.kind == PeriodKind.YEAR}
    return PeriodKind.YEAR.value if len(years) >= MIN_YEARS_FOR_YEARLY else None


def within_span(points: list[Point], series: Series, target: Any) -> list[Point]:
    """When the chart reads year by year and the target's year has no figure of its own yet
    (the plan year), the figures of parts of it known so far (quý I/2026), else []."""
    span = target_period(target)
    if span is None or series.kind != PeriodKind.YEAR or span in series.periods:
        return []
    return sorted((p for p in points if p.period.kind != PeriodKind.YEAR and span.contains(p.period)),
                  key=lambda p: (p.period.end, p.period.start, p.stage.rank))


def _year_to_date(periods: list[Period], best: dict[Period, Point], kind: PeriodKind) -> list[float | None]:
    out: list[float | None] = []
    for p in periods:
        so_far = [q for q in Period.year(p.start.year).subperiods(kind) if q.start <= p.start]
        out.append(sum(best[q].value for q in so_far) if all(q in best for q in so_far) else None)
    return out


def breakdown_period(figures: QuerySet[Observation], requested: str | None, exclude: Unit | None, *,
                     as_of: date, within: Period | None = None) -> str | None:
    """Return the period of the per-unit table: `requested` when given (and parseable), else
    the latest one (ending last, longest first) that a unit other than `exclude` reported,
    approved or submitted, ended by `as_of` and inside `within` when given. One query."""
    if requested:
        try:
            return Period.parse(requested).code
        except PeriodError:
            pass
    qs = figures.filter(shown_at(as_of), period_end__lte=as_of)
    if exclude is not None:
        qs = qs.exclude(unit=exclude)
    if within is not None:
        narrowed = qs.filter(period_start__gte=within.start, period_end__lte=within.end)
        found = narrowed.order_by("-period_end", "period_start").values_list("period", flat=True).first()
        if found:
            return found
    return qs.order_by("-period_end", "period_start").values_list("period", flat=True).first()


def shown_at(as_of: date | None) -> Q:
    """The figures a per-unit table shows as of `as_of`: approved or waiting for approval,
    and known by then (chitieu.monitoring.known; any date when `as_of` is None)."""
    shown = Q(state__in=SHOWN_STATES)
    return shown if as_of is None else shown & known_by(as_of)


def breakdown(figures: QuerySet[Observation], period: str | None, exclude: Unit | None,
              direction: str, *, as_of: date | None = None) -> list[Observation]:
    """Return each unit's best figure for `period` (other than `exclude`) known at `as_of`:
    approved over submitted, then the most final stage, then the latest entered
    (core.figures.best_of), as the review picks an official figure over an estimate. Sorted
    best first by `direction` (lower is better: ascending). One query."""
    if period is None:
        return []
    qs = figures.filter(shown_at(as_of), period=period).select_related("unit")
    if exclude is not None:
        qs = qs.exclude(unit=exclude)
    best = best_of(qs.order_by("entered_at", "id"), key=lambda o: o.unit_id,
                   rank=lambda o: (o.state == EntryState.APPROVED, Stage(o.stage).rank))
    lower = direction == Direction.LOWER
    return sorted(best.values(), key=lambda o: o.value if lower else -o.value)


def figures_for(indicator: Indicator) -> QuerySet[Observation]:
    """All figures of an indicator (narrow with access.observations_visible_to before use)."""
    return Observation.objects.filter(indicator=indicator)
