"""Reviews: evaluate a resolution's targets, or the whole city, as of a date.

Queries are named for the question they answer and fetch in bulk, so a review runs the same
small number of queries whatever the number of targets, units and figures:

- `targets_of(resolution)`: one query (plus one for supporting units);
- `latest_observations(indicators, period, ...)`: the figures that can decide targets for
  `period` (that period and the SEASONAL_YEARS before it, started by `as_of`): one query for
  a unit's own figures; for the city, two for the city's own figures (its units' ids, then
  the figures of the city unit and its Party bodies and departments) and two that sum
  or average the communes' figures (by `Indicator.unit_aggregation`, from the combinations
  the write service maintains, `chitieu.monitoring.combined`) for the
  years the city does not report itself.

Only approved figures count, and only those known at `as_of` (`chitieu.monitoring.known`, the
one answer every reader uses). The rules themselves live in `chitieu.core`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, Sum

from chitieu.core import forecast as core_forecast
from chitieu.core.choices import (
    SIMULATED_SOURCE,
    Aggregation,
    Category,
    Comparator,
    Direction,
    EntryState,
    ScenarioKind,
    Stage,
    Status,
    TermAggregation,
    UnitKind,
)
from chitieu.core.evaluation import Evaluation, TargetSpec, evaluate, is_finite, unevaluable
from chitieu.core.figures import coverage_words
from chitieu.core.forecast import Observation as CoreObservation
from chitieu.core.periods import Period
from chitieu.core.quantities import UnitError, conversion_factor
from chitieu.core.review import ReviewRow, Summary, summarise
from chitieu.core.scenarios import Scenario, ScenarioCheck, compare
from chitieu.monitoring import boundaries
from chitieu.monitoring.combined import combined_groups
from chitieu.monitoring.jumps import Jump, resolution_jumps
from chitieu.monitoring.known import known_by, known_figures
from chitieu.monitoring.models import Observation
from chitieu.monitoring.ranking import UnitRanking, target_ranking
from chitieu.monitoring.shares import area_of
from chitieu.org.models import Unit
from chitieu.org.services import LOCAL_KINDS
from chitieu.plans.models import (
    Assignment,
    Indicator,
    Resolution,
    Target,
    TargetScenario,
    TargetShare,
)
from chitieu.tasks.follow_ups import latest_follow_ups
from chitieu.tasks.models import FollowUp

HISTORY_YEARS = core_forecast.SEASONAL_YEARS
#: Units whose figures are the city's own: the bodies that report for the whole city.
CITY_BODY_KINDS = (UnitKind.PARTY_BODY, UnitKind.DEPARTMENT)


@lru_cache(maxsize=4096)
def _period(code: str) -> Period:
    return Period.parse(code)


@dataclass
class TargetRow:
    """One target with its evaluation: what a review table shows per line."""

    target: Target
    indicator: Indicator
    lead_unit: str
    evaluation: Evaluation
    simulated: bool
    #: For a unit's review, the share of the target given to that unit (the row's target then
    #: carries the share's value); None for a target judged as the resolution sets it.
    share: TargetShare | None = None
    #: The figure so far against the target's scenario ending with it ("đạt 120,8% kịch bản
    #: tháng 2/2026"; chitieu.core.scenarios), None without one.
    scenario: ScenarioCheck | None = None

    @property
    def category(self) -> Category:
        return Category(self.indicator.category)

    @property
    def error(self) -> str:
        """Why the target could not be evaluated ("" when it was)."""
        return self.evaluation.explanation if self.evaluation.status == Status.ERROR else ""


@dataclass
class ResolutionReview:
    """A resolution evaluated as of a date, for the city (unit None) or one unit: its rows,
    their summary (counts and headline), and for the city the units ranked for one of its
    indicators over that target's own period (`ranking`, None when no unit reported) and the
    figures that jumped (`jumps`), all from the figures known at `as_of`. Every screen,
    command, API route and report formats this; none recomputes it."""

    resolution: Resolution
    as_of: date
    rows: list[TargetRow]
    summary: Summary
    unit: Unit | None = None
    ranking: UnitRanking | None = None
    jumps: list[Jump] = field(default_factory=list)
    #: For the city: {target id: how the units stand against their shares of it}.
    shares: dict[int, SharesStanding] = field(default_factory=dict)
    #: For the city: {target id: the lead unit's latest follow-up} of the weak targets.
    follow_ups: dict[int, FollowUp] = field(default_factory=dict)
    #: {indicator code: which of its figures were read in other boundaries, and how}.
    boundaries: dict[str, str] = field(default_factory=dict)

    @property
    def simulated(self) -> bool:
        return any(r.simulated for r in self.rows)

    def needs_action(self, row: TargetRow) -> bool:
        """True for a city target at risk or not achieved whose lead unit has not said why
        and what it will do (tasks.FollowUp): flagged on the dashboard and in the report."""
        return self.unit is None and row.evaluation.status in WEAK and row.target.pk not in self.follow_ups

    @property
    def without_action(self) -> list[TargetRow]:
        return [r for r in self.rows if self.needs_action(r)]


@dataclass
class SharesStanding:
    """The units given a share of one target, each judged on its own figures against its
    share: `rows` (one TargetRow per unit, the share on `row.share`), `met` of `total`."""

    rows: list[TargetRow]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def met(self) -> int:
        return sum(1 for r in self.rows if r.evaluation.status in (Status.EXCEEDED, Status.ACHIEVED))

    @property
    def words(self) -> str:
        """"đạt phần giao 3/5 đơn vị"."""
        return f"đạt phần giao {self.met}/{self.total} đơn vị"


@dataclass
class CityReview:
    """Every resolution in force (or just ended) at `as_of`, evaluated for the city."""

    as_of: date
    reviews: list[ResolutionReview]
    summary: Summary

    @property
    def rows(self) -> list[TargetRow]:
        return [row for review in self.reviews for row in review.rows]


# ---- queries -----------------------------------------------------------------------------


def targets_of(resolution: Resolution, *, confirmed_only: bool = True) -> list[Target]:
    """Return the resolution's targets in order, with indicator, lead unit, leader and
    supporting units loaded (two queries), each marked whether it has scenarios
(`has_scenarios`). Unconfirmed (draft) targets are left out unless
    `confirmed_only` is False."""
    qs = Target.objects.filter(resolution=resolution)
    if confirmed_only:
        qs = qs.filter(confirmed=True)
    return list(
        qs.select_related("indicator", "lead_unit", "leader", "resolution")
        .prefetch_related("supporting_units")
        .annotate(has_scenarios=Exists(TargetScenario.objects.filter(target_id=OuterRef("pk"))))
        .order_by("order", "id")
    )


@dataclass(frozen=True)
class _Window:
    """The days whose figures a review reads: from `start` (HISTORY_YEARS before the earliest
    period) to `end`, known by `as_of`; indicators in `recent_only` from `recent` instead."""

    start: date
    end: date
    as_of: date
    recent: date
    recent_only: frozenset[int] = frozenset()

    def first_year(self, indicator_id: int) -> int:
        return (self.recent if indicator_id in self.recent_only else self.start).year


def _window(periods: Iterable[Period], as_of: date, recent_only: Iterable[int] = ()) -> _Window:
    periods = list(periods)
    recent = min(p.start for p in periods)
    start = date(recent.year - HISTORY_YEARS, 1, 1)
    end = max(p.end for p in periods)
    return _Window(start, end, as_of, date(recent.year, 1, 1), frozenset(recent_only))


def _with_weights(indicators: Sequence[Indicator]) -> list[int]:
    """The indicators' ids and those of the indicators weighing them across boundaries."""
    ids = [i.pk for i in indicators]
    return ids + sorted({i.weight_indicator_id for i in indicators if i.weight_indicator_id} - set(ids))


def _approved(indicator_ids: Iterable[int], window: _Window):
    ids = list(indicator_ids)
    with_history = [i for i in ids if i not in window.recent_only]
    without = [i for i in ids if i in window.recent_only]
    since = Q(indicator_id__in=with_history, period_start__gte=window.start) if with_history else Q(pk__in=[])
    if without:
        since |= Q(indicator_id__in=without, period_start__gte=window.recent)
    return known_figures(window.as_of).filter(since, period_end__lte=window.end)


def _city_filters(city: Unit | None, indicator_ids: Sequence[int]) -> tuple[Q, Q]:
    """(the city's own figures, its communes' figures) as filters; one small query.

    With `city` None the city is the root unit of kind city and its communes are the units of
    a local kind (commune, ward, special zone): one city per deployment. Kinds rather than a
    join on the parent let the planner see how many communes there are.

    The city's own figures include those its Party bodies and departments report: Cục Thống
    kê's GRDP or Sở Tài chính's budget revenue is the city's figure, entered by the body in
    charge of it (bodies up to two levels below the city when `city` is given). The query
    reads the ids of the city and of the bodies that reported any of `indicator_ids`
    (usually a handful): a short list lets both databases seek the figures by unit, where a
    join, a subquery or every body's id made SQLite scan all figures of the indicators.
    """
    if city is not None:
        bodies = Q(kind__in=CITY_BODY_KINDS) & (
            Q(parent=city) | Q(parent__parent=city, parent__kind__in=CITY_BODY_KINDS)
        )
        root = Q(pk=city.pk)
        communes = Q(unit__parent=city, unit__kind__in=LOCAL_KINDS)
    else:
        bodies = Q(kind__in=CITY_BODY_KINDS)
        root = Q(kind=UnitKind.CITY, parent__isnull=True)
        communes = Q(unit__kind__in=LOCAL_KINDS)
    reporting = Exists(
        Observation.objects.filter(unit_id=OuterRef("pk"), indicator_id__in=list(indicator_ids))
    )
    own = Unit.objects.filter(root | (bodies & Q(reporting))).values_list("pk", flat=True)
    return Q(unit_id__in=list(own)), communes


def _own(where: Q, indicator_ids: Sequence[int], window, unit_code: str | None) -> dict[int, list[CoreObservation]]:
    out: dict[int, list[CoreObservation]] = defaultdict(list)
    rows = (
        _approved(indicator_ids, window)
        .filter(where)
        .order_by("entered_at", "id")
        .values_list("indicator_id", "period", "value", "stage", "source")
    )
    for ind, code, value, stage, source in rows:
        out[ind].append(
            CoreObservation(_period(code), value, Stage(stage), unit_code, source == SIMULATED_SOURCE, source)
        )
    return out


def _own_by_unit(where: Q, indicator_ids: Sequence[int], window) -> dict[int, dict[int, list[CoreObservation]]]:
    """{unit id: {indicator id: the unit's own approved figures}} for the units in `where`:
    `_own` for many units in one query."""
    out: dict[int, dict[int, list[CoreObservation]]] = defaultdict(lambda: defaultdict(list))
    rows = (
        _approved(indicator_ids, window)
        .filter(where)
        .order_by("entered_at", "id")
        .values_list("unit_id", "unit__code", "indicator_id", "period", "value", "stage", "source")
    )
    for unit_id, code, ind, period, value, stage, source in rows:
        out[unit_id][ind].append(
            CoreObservation(_period(period), value, Stage(stage), code, source == SIMULATED_SOURCE, source)
        )
    return out


def _superseded(qs, as_of: date):
    """The figures in `qs` that a better-stage approved figure of the same unit, indicator
    and period (known at `as_of`) replaces: an estimate once the official figure is in."""
    def better(stages: list[Stage]):
        return Exists(
            Observation.objects.filter(
                known_by(as_of), unit_id=OuterRef("unit_id"), indicator_id=OuterRef("indicator_id"),
                period=OuterRef("period"), state=EntryState.APPROVED, stage__in=stages,
            )
        )

    return qs.filter(
        (Q(stage=Stage.PRELIMINARY) & better([Stage.OFFICIAL]))
        | (Q(stage=Stage.ESTIMATE) & better([Stage.PRELIMINARY, Stage.OFFICIAL]))
    )


class Figures(dict):
    """{indicator id: [core Observation]} as `latest_observations` returns it, plus `broken`:
    {indicator id: why its figures could not be combined} (a figure too large to add up)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.broken: dict[int, str] = {}
        #: {indicator id: which figures were read in other boundaries, and how} (boundaries.py).
        self.carried: dict[int, str] = {}


#: Figures beyond this size are kept out of a combination and mark it broken: no real figure
#: comes near, and adding them up could overflow (PostgreSQL raises, Python gives infinity).
HUGE = 1e300
TOO_LARGE_TO_COMBINE = "số liệu của đơn vị quá lớn, không tổng hợp được (kiểm tra lại số liệu đã duyệt)"


def _assigned(units: Q, indicator_ids: Sequence[int]) -> dict[int, list[tuple[date | None, date | None]]]:
    """The validity of each assignment of `indicator_ids` to a unit in `units` (one query)."""
    out: dict[int, list[tuple[date | None, date | None]]] = defaultdict(list)
    for ind, start, end in Assignment.objects.filter(units, indicator_id__in=list(indicator_ids)).values_list(
        "indicator_id", "valid_from", "valid_to"
    ):
        out[ind].append((start, end))
    return out


def _expected(spans: list[tuple[date | None, date | None]], period: Period) -> int:
    """How many assignments hold during `period` (open ends hold)."""
    return sum(1 for start, end in spans if (start is None or start <= period.end) and (end is None or end >= period.start))


def _of_units(where: Q) -> Q:
    """`where`, a filter of figures by their unit ("unit__kind__in", "unit__parent"), as the
    same filter of the units themselves."""
    out = Q()
    out.connector, out.negated = where.connector, where.negated
    for child in where.children:
        if isinstance(child, Q):
            out.children.append(_of_units(child))
        else:
            name, value = child  # type: ignore[misc]
            out.children.append((name.removeprefix("unit__"), value))
    return out


def _raw_groups(how: dict[int, str], window, where: Q) -> dict[tuple[int, str], dict[str, list]]:
    """{(indicator id, period): {stage: [total, n, simulated, huge, assigned]}} from the raw
    figures known at `window.as_of` of the units in `where`, each unit once at its best
    stage: the figures grouped in the database (one scan the database can run in parallel;
    each figure marked whether its unit is assigned), then the few a better stage
    supersedes taken out in Python (two queries more: the units of `where`, the replaced
    figures)."""
    figures = _approved(how, window).filter(where)
    sane = Q(value__gte=-HUGE, value__lte=HUGE)
    is_assigned = Q(Exists(Assignment.objects.filter(indicator_id=OuterRef("indicator_id"), unit_id=OuterRef("unit_id"))))
    groups: dict[tuple[int, str], dict[str, list]] = defaultdict(dict)
    for r in (
        figures.values("indicator_id", "period", "stage")
        .annotate(total=Sum("value", filter=sane), n=Count("id"),
                  simulated=Count("id", filter=Q(source=SIMULATED_SOURCE)), huge=Count("id", filter=~sane),
                  assigned=Count("id", filter=is_assigned))
        .order_by()
    ):
        groups[(r["indicator_id"], r["period"])][r["stage"]] = [r["total"] or 0.0, r["n"], r["simulated"],
                                                                       r["huge"], r["assigned"]]
    # The replaced figures are sought by stage and indicator (obs_stage_indicator_period),
    # each checked against its better figure, and kept to the units of `where` here: with a
    # join to the units' kind the planner could loop over the communes and rebuild a bitmap
    # of every estimate once per commune (195 s at the national scale).
    local = set(Unit.objects.filter(_of_units(where)).values_list("pk", flat=True))
    candidates = _approved(how, window).filter(stage__in=[Stage.ESTIMATE, Stage.PRELIMINARY])
    superseded = _superseded(candidates, window.as_of).annotate(assigned=is_assigned)
    for unit_id, ind, period, stage, value, source, was_assigned in superseded.order_by().values_list(
        "unit_id", "indicator_id", "period", "stage", "value", "source", "assigned"
    ):
        if unit_id not in local:
            continue
        group = groups[(ind, period)][stage]
        if -HUGE <= value <= HUGE:
            group[0] -= value
        else:
            group[3] -= 1
        group[1] -= 1
        group[2] -= source == SIMULATED_SOURCE
        group[4] -= bool(was_assigned)
    return groups


def _communes_combined(where: Q, indicators: Sequence[Indicator], window, units: Q, *,
                       city_id: int | None = None, maintained: bool = True) -> Figures:
    """The communes' figures combined per indicator and period, with their coverage.

    Each commune counts once per period, with its best stage; the combined figure takes the
    lowest stage among those (a sum of official and estimated figures is an estimate). Its
    coverage is the number of assigned units (plans.Assignment, `units` filtering them) that
    reported against the number assigned for the period: a combination missing any is partial
    and never judged as the period's figure (chitieu.core.evaluation.evaluate). Two
    queries: the assignments, and the groups the write service maintains
    (`chitieu.monitoring.combined`: O(indicators x periods) rows, whatever the number of
    communes); when one of those groups holds a figure reported after `as_of` (a review of
    the past), or with `maintained` False, two queries on the raw figures instead
    (`_raw_groups`), with the same result. An indicator with a figure
    beyond HUGE in a combination is left out and listed in `broken` (its targets then say
    why they cannot be evaluated).
    """
    out = Figures()
    if not indicators:
        return out
    how = {i.pk: i.unit_aggregation for i in indicators}
    assigned = _assigned(units, list(how))
    groups = combined_groups(list(how), window, city_id) if maintained else None
    if groups is None:
        groups = _raw_groups(how, window, where)
    for (ind, period), by_stage in groups.items():
        live = {Stage(stage): g for stage, g in by_stage.items() if g[1] > 0}
        if not live:
            continue
        if any(g[3] > 0 for g in live.values()):
            out.broken[ind] = TOO_LARGE_TO_COMBINE
            continue
        total = sum(g[0] for g in live.values())
        n = sum(g[1] for g in live.values())
        simulated = sum(g[2] for g in live.values())
        reported = int(sum(g[4] for g in live.values()))
        expected = _expected(assigned.get(ind, []), _period(period))
        value = total if how[ind] == Aggregation.SUM else total / n
        stage = min(live, key=lambda st: st.rank)
        rule = "tổng" if how[ind] == Aggregation.SUM else "bình quân cộng (không gia quyền)"
        source = SIMULATED_SOURCE if simulated else f"{rule} {coverage_words(reported, expected)}"
        out.setdefault(ind, []).append(
            CoreObservation(_period(period), float(value), stage, None, bool(simulated), source, reported, expected)
        )
    # Sort so sub-periods come in time order (the core reads "later in the sequence" as newer).
    for obs in out.values():
        obs.sort(key=lambda o: (o.period.start, o.period.end))
    return out


def latest_observations(
    indicators: Sequence[Indicator], period: Period | Iterable[Period], *, as_of: date,
    unit: Unit | None = None, city: Unit | None = None, history: str = "all", issuer: Unit | None = None,
) -> Figures:
    """Return, per indicator id, the approved figures that bear on `period` (one period or
    several): those inside it or in the HISTORY_YEARS before it, for periods started by
    `as_of`, in the indicator's unit, oldest entry first.

    `history="cumulative"` reads the earlier years only for indicators whose sub-periods add
    up (Aggregation.SUM): the only ones whose evaluation looks back (seasonal forecasts), so
    a review reads far fewer figures; other callers (series, same period last year) keep
    the default "all".

    With `unit` the unit's own figures (unit_code = its code). Without, the city's: for each
    indicator and calendar year, the city's own figures (the city unit's and those of its
    Party bodies and departments) when it reported any that year,
    else the communes' figures combined by the indicator's `unit_aggregation` (unit_code
    None), each commune once with its best stage. Without `city` the city is the root unit of
    kind city and the communes are all units of a local kind; with it, `city` and the
    local units directly below it. One query for a unit, at most three for the city.

    Figures are read in the boundaries of the window's end (chitieu.monitoring.boundaries): a
    unit formed or changed by a reorganisation, or the city (`issuer`, or the root city: one
    query more), gets its predecessors' figures carried over, each saying so in `carried`.
    """
    periods = [period] if isinstance(period, Period) else list(period)
    if not indicators or not periods:
        return Figures()
    recent_only = (
        [i.pk for i in indicators if i.aggregation != Aggregation.SUM] if history == "cumulative" else []
    )
    window = _window(periods, as_of, recent_only)
    ids = [i.pk for i in indicators]
    if unit is not None:
        mine = Figures(_own(Q(unit=unit), ids, window, unit.code))
        boundaries.carry_for_unit(mine, unit, indicators, _approved(_with_weights(indicators), window), window.end)
        return mine
    own_filter, communes_filter = _city_filters(city, ids)
    found = Figures(_own(own_filter, ids, window, None))
    # Year by year, the city's own figures stand for it; years it did not report come from
    # the communes. Indicators the city reported every year skip the communes' query.
    last_year = min(window.end, as_of).year
    own_years = {i: {o.period.start.year for o in obs} for i, obs in found.items()}
    partial = [
        i for i in indicators
        if not set(range(window.first_year(i.pk), last_year + 1)) <= own_years.get(i.pk, set())
    ]
    combined = _communes_combined(communes_filter, partial, window, communes_filter,  # Assignment has `unit` too
                                  city_id=city.pk if city is not None else None)
    found.broken.update(combined.broken)
    for ind, obs in combined.items():
        covered = own_years.get(ind, set())
        extra = [o for o in obs if o.period.start.year not in covered]
        if extra:
            found[ind] = sorted(found.get(ind, []) + extra, key=lambda o: (o.period.start, o.period.end))
    # The city read in the boundaries of the window's end: the territory of the resolution's
    # issuer (the city itself for its Thành ủy or HĐND), else the reorganised root city.
    reorganised = city or (area_of(issuer) if issuer is not None else None) or boundaries.city_unit_for_boundaries()
    if reorganised is not None:
        boundaries.carry_for_unit(found, reorganised, indicators, _approved(_with_weights(indicators), window),
                                  window.end)
    return found


# ---- evaluation --------------------------------------------------------------------------


def _factor(indicator: Indicator, target: Target) -> float:
    try:
        return conversion_factor(indicator.unit, target.unit)
    except UnitError:
        return 1.0


def target_spec(target: Target) -> TargetSpec:
    """The pure description of a stored target that `chitieu.core.evaluation` evaluates."""
    indicator = target.indicator
    period = _period(target.period)
    term_aggregation = (
        TermAggregation(target.term_aggregation) if target.term_aggregation
        else core_forecast.default_term_aggregation(Aggregation(indicator.aggregation))
    )
    return TargetSpec(
        comparator=Comparator(target.comparator),
        value=target.value,
        value_max=target.value_max,
        unit=target.unit,
        period=period,
        direction=Direction(indicator.direction),
        aggregation=Aggregation(indicator.aggregation),
        term_aggregation=term_aggregation,
        baseline_value=target.baseline_value,
        indicator_name=indicator.name,
    )


def target_figures(target: Target, figures: dict[int, list[CoreObservation]], period: Period) -> list[CoreObservation]:
    """The figures of `target`'s indicator that bear on its `period`, in the target's unit:
    what its evaluation reads, and what a report reads for its other columns."""
    return _relevant(figures.get(target.indicator_id, []), period, _factor(target.indicator, target))


def _relevant(obs: list[CoreObservation], period: Period, factor: float) -> list[CoreObservation]:
    start = date(period.start.year - HISTORY_YEARS, 1, 1)
    out = [o for o in obs if o.period.start >= start and o.period.end <= period.end]
    if factor != 1.0:
        out = [replace(o, value=o.value * factor) for o in out]
    return out


#: Why a figure cannot be used, in words a reader understands (OverflowError says "math range
#: error"): a sum, ratio or projection beyond the largest number the engine carries.
#: The statuses that ask the lead unit for a follow-up (why, and what it will do).
WEAK = (Status.AT_RISK, Status.NOT_ACHIEVED)

TOO_LARGE = "số liệu quá lớn, không tính được (kiểm tra lại số liệu đã duyệt)"


def evaluate_targets(targets: Sequence[Target], figures: dict[int, list[CoreObservation]], *, as_of: date) -> list[TargetRow]:
    """Evaluate each target against the figures of its indicator (no queries).

    A target that cannot be evaluated (a bad target, figures that cannot be combined or whose
    result is not a finite number) gets one row with status ERROR and its reason; the other
    targets are evaluated as usual."""
    broken = getattr(figures, "broken", {})
    rows = []
    for target in targets:
        indicator = target.indicator
        try:
            if indicator.pk in broken:
                raise ValueError(broken[indicator.pk])
            spec = target_spec(target)
            obs = target_figures(target, figures, spec.period)
            evaluation = evaluate(spec, obs, as_of=as_of)
            if not is_finite(evaluation):
                raise OverflowError(TOO_LARGE)
        except ArithmeticError:
            evaluation = unevaluable(TOO_LARGE)
        except ValueError as exc:
            evaluation = unevaluable(str(exc).rstrip("."))
        lead = target.lead_unit.display_name if target.lead_unit else ""
        rows.append(TargetRow(target, indicator, lead, evaluation, bool(evaluation.simulated),
                              getattr(target, "share", None)))
    return rows


def summary_of(rows: Sequence[TargetRow]) -> Summary:
    """Counts by status and category, at-risk list and headline of the rows (core.review)."""
    return summarise(
        [
            ReviewRow(
                key=f"{r.target.resolution.code}:{r.target.number}",
                indicator=r.indicator.name,
                category=Category(r.indicator.category),
                evaluation=r.evaluation,
                lead_unit=r.lead_unit,
            )
            for r in rows
        ]
    )


def evaluate_resolution(resolution: Resolution, *, as_of: date, unit: Unit | None = None) -> ResolutionReview:
    """Evaluate every confirmed target of `resolution` as of `as_of`, for the city (unit None:
    the city's own figures or the communes combined) or for `unit`'s own figures.

    Returns a ResolutionReview; targets without figures have status no_data. Runs a bounded
    number of queries (at most six) whatever the size of the data; one when the same review
    was asked before and nothing it reads has changed since (`review_cache`).
    """
    from chitieu.monitoring.review_cache import cached

    return cached(
        "resolution", (resolution.pk, as_of.isoformat(), unit.pk if unit else "-"),
        lambda: _evaluate_resolution(resolution, as_of=as_of, unit=unit),
    )


def review_with_figures(
    resolution: Resolution, *, as_of: date, unit: Unit | None = None, covering: Period | None = None,
    history: str = "cumulative",
) -> tuple[ResolutionReview, Figures]:
    """The review of `resolution` at `as_of` (rows and summary, no ranking or jumps) and the
    figures it was judged on, for a caller that reads more from them (a report's "so với cùng
    kỳ" column reads last year's figures with `history="all"`). With `covering`, only the
    targets whose plan period overlaps it are reviewed (a Q1 target is not part of the Q2
    review; a term target is part of every review of the term); a target whose period cannot
    be read stays in, as its ERROR row. The one way a review is made: evaluate_resolution and
    the reports both call it.

    Whose targets, on whose figures: a commune's (ward's, special zone's) own resolution is
    judged on its issuer's figures; for another `unit`, only the targets it was given a share
    of, each against its share (`own_targets`): a unit without a target of its own is never
    judged against the city's."""
    targets = targets_of(resolution)
    if unit is None and judged_on_issuer(resolution):
        unit = resolution.issuer
    elif unit is not None and unit.pk != resolution.issuer_id:
        targets = own_targets(targets, unit)
    if covering is not None:
        targets = [t for t in targets if _overlaps(t, covering)]
    figures = latest_observations(list({t.indicator_id: t.indicator for t in targets}.values()),
                                  set(_periods_of(targets)), as_of=as_of, unit=unit, history=history,
                                  issuer=resolution.issuer if unit is None else None)
    rows = evaluate_targets(targets, figures, as_of=as_of)
    if not any(r.share is not None for r in rows):  # a unit's shares have no scenarios of their own
        with_scenarios(rows)
    review = ResolutionReview(resolution=resolution, as_of=as_of, rows=rows, summary=summary_of(rows), unit=unit)
    codes = {t.indicator_id: t.indicator.code for t in targets}
    review.boundaries = {codes[i]: note for i, note in getattr(figures, "carried", {}).items() if i in codes}
    return review, figures


def scenarios_of(targets: Iterable[Target]) -> dict[int, list[Scenario]]:
    """{target id: its scenarios} (one query; none when no target has any: `targets_of`
    marks the targets that have, `has_scenarios`)."""
    ids = [t.pk for t in targets if getattr(t, "has_scenarios", True)]
    out: dict[int, list[Scenario]] = defaultdict(list)
    if not ids:
        return out
    for target_id, code, value, kind in TargetScenario.objects.filter(target_id__in=ids).order_by(
        "period_end", "period_start", "pk"
    ).values_list("target_id", "period", "value", "kind"):
        out[target_id].append(Scenario(_period(code), value, ScenarioKind(kind)))
    return out


def with_scenarios(rows: Sequence[TargetRow]) -> None:
    """Give each row the comparison of its figure so far with the target's scenario ending
    with it (chitieu.core.scenarios.compare): one query for all rows."""
    scenarios = scenarios_of(r.target for r in rows)
    for row in rows:
        own = scenarios.get(row.target.pk)
        e = row.evaluation
        if not own or e.actual is None:
            continue
        try:
            higher = target_spec(row.target).higher_is_better
        except ValueError:
            continue
        row.scenario = compare(own, target_value=row.target.value, unit=row.target.unit, higher_is_better=higher,
                               actual=e.actual, actual_period=e.actual_period)


def judged_on_issuer(resolution: Resolution) -> bool:
    """True for a resolution a commune, ward or special zone issued for itself: its targets
    are judged on that unit's own figures, not the city's."""
    return resolution.issuer.kind in LOCAL_KINDS


def _as_share(target: Target, share: TargetShare) -> Target:
    """A copy of `target` that carries `share`'s value (never saved): every formatter of a
    review row reads the plan from the row's target."""
    share.target = target  # the target as the resolution sets it (no query for share.target)
    own = copy(target)
    own.value = share.value
    own.value_max = share.value_max
    own.share = share  # type: ignore[attr-defined]
    return own


def own_targets(targets: Sequence[Target], unit: Unit) -> list[Target]:
    """The targets among `targets` that `unit` was given a share of, each carrying its share
    (one query); the others are not `unit`'s to answer for."""
    shares = {s.target_id: s for s in TargetShare.objects.filter(target__in=list(targets), unit=unit)}
    return [_as_share(t, shares[t.pk]) for t in targets if t.pk in shares]


def shares_standing(targets: Sequence[Target], *, as_of: date) -> dict[int, SharesStanding]:
    """{target id: the units given a share of it, each judged on its own figures against its
    share}, for the targets that were broken down (two queries: the shares, the figures)."""
    shares = list(
        TargetShare.objects.filter(target__in=list(targets)).select_related("unit").order_by("unit__name", "pk")
    )
    if not shares:
        return {}
    by_pk = {t.pk: t for t in targets}
    periods = _periods_of(by_pk[s.target_id] for s in shares)
    if not periods:
        return {}
    window = _window(periods, as_of)
    indicator_ids = sorted({by_pk[s.target_id].indicator_id for s in shares})
    figures = _own_by_unit(Q(unit_id__in={s.unit_id for s in shares}), indicator_ids, window)
    out: dict[int, SharesStanding] = {}
    for share in shares:
        own = _as_share(by_pk[share.target_id], share)
        found = Figures({own.indicator_id: figures.get(share.unit_id, {}).get(own.indicator_id, [])})
        row = evaluate_targets([own], found, as_of=as_of)[0]
        row.lead_unit = share.unit.display_name
        out.setdefault(share.target_id, SharesStanding([])).rows.append(row)
    return out


def _overlaps(target: Target, covering: Period) -> bool:
    try:
        return _period(target.period).overlaps(covering)
    except ValueError:
        return True


def _evaluate_resolution(resolution: Resolution, *, as_of: date, unit: Unit | None) -> ResolutionReview:
    review, _ = review_with_figures(resolution, as_of=as_of, unit=unit)
    if review.unit is None:
        targets = [r.target for r in review.rows]
        indicators = indicators_of(targets)
        reported = set(indicators_with_unit_figures([i.pk for i in indicators], as_of))
        chosen = next((i for i in indicators if i.pk in reported), None)
        review.ranking = resolution_ranking(resolution, chosen, as_of=as_of, targets=targets) if chosen else None
        review.jumps = resolution_jumps(resolution, as_of)
        review.shares = shares_standing(targets, as_of=as_of)
        weak = [r.target.pk for r in review.rows if r.evaluation.status in WEAK]
        review.follow_ups = latest_follow_ups(weak) if weak else {}
    return review


def _periods_of(targets: Iterable[Target]) -> list[Period]:
    """The targets' periods (a target whose period does not parse is left out here; its row
    says so)."""
    out = []
    for t in targets:
        try:
            out.append(_period(t.period))
        except ValueError:
            continue
    return out


def indicators_of(targets: Iterable[Target]) -> list[Indicator]:
    """The targets' indicators, each once, by name (the order a ranking's list offers)."""
    found = {t.indicator_id: t.indicator for t in targets}
    return sorted(found.values(), key=lambda i: (i.name, i.pk))


def indicators_with_unit_figures(indicator_ids: list[int], as_of: date) -> list[int]:
    """Return the ids among `indicator_ids` that communes or wards reported, among the
    figures known at `as_of` (approved) for periods ended by then, as the ranking reads
    them. One query; each indicator stops at its first
    matching figure (EXISTS), so the cost does not grow with the number of figures."""
    reported = known_figures(as_of, ended=True).filter(indicator_id=OuterRef("pk"), unit__kind__in=LOCAL_KINDS)
    return list(Indicator.objects.filter(pk__in=indicator_ids).filter(Exists(reported)).values_list("pk", flat=True))


def resolution_ranking(resolution: Resolution, indicator: Indicator, *, as_of: date,
                       targets: Sequence[Target] | None = None) -> UnitRanking | None:
    """The communes ranked for `indicator` over the period of its target in `resolution`
    (the resolution's own period when none measures it), from the figures known at `as_of`;
    what a review's ranking panel shows for any of its indicators."""
    targets = targets_of(resolution) if targets is None else targets
    try:
        fallback: Period | None = _period(resolution.period)
    except ValueError:
        fallback = None
    return target_ranking(targets, indicator, as_of=as_of, fallback=fallback)


def resolutions_in_force(as_of: date, *, grace_days: int = 366) -> list[Resolution]:
    """Return the resolutions whose plan period contains `as_of` or ended at most `grace_days`
    before it (year-end reviews come in the following months), newest first (one query)."""
    out = []
    for r in Resolution.objects.order_by(F("issued_on").desc(nulls_last=True), "code"):
        try:
            p = _period(r.period)
        except ValueError:
            continue
        if p.start <= as_of <= p.end + timedelta(days=grace_days):
            out.append(r)
    return out


def city_review(as_of: date, *, resolutions: Sequence[Resolution] | None = None) -> CityReview:
    """Evaluate every resolution in force at `as_of` (or those given) for the city.

    All targets and all figures are fetched at once, so the number of queries does not grow
    with resolutions, targets, units or figures. Returns a CityReview with one
    ResolutionReview per resolution and a summary over all targets.
    """
    resolutions = list(resolutions) if resolutions is not None else resolutions_in_force(as_of)
    targets = list(
        Target.objects.filter(resolution__in=resolutions, confirmed=True)
        .select_related("indicator", "lead_unit", "leader", "resolution")
        .order_by("resolution_id", "order", "id")
    )
    periods = set(_periods_of(targets))
    indicators = list({t.indicator_id: t.indicator for t in targets}.values())
    figures = latest_observations(indicators, periods, as_of=as_of, history="cumulative") if targets else {}
    rows = evaluate_targets(targets, figures, as_of=as_of)
    by_resolution: dict[int, list[TargetRow]] = defaultdict(list)
    for row in rows:
        by_resolution[row.target.resolution_id].append(row)
    reviews = [
        ResolutionReview(resolution=r, as_of=as_of, rows=by_resolution[r.pk], summary=summary_of(by_resolution[r.pk]))
        for r in resolutions
    ]
    return CityReview(as_of=as_of, reviews=reviews, summary=summary_of(rows))


# ---- JSON ------------------------------------------------------------------------------


def _num(x: float | None) -> float | None:
    return None if x is None else round(float(x), 6)


def row_as_json(row: TargetRow) -> dict[str, Any]:
    """One target of a review as the JSON contract's target object (plus extra keys)."""
    t, e = row.target, row.evaluation
    f, need, chance = e.forecast, e.required, e.probability
    return {
        "number": t.number,
        "indicator": row.indicator.name,
        "indicator_code": row.indicator.code,
        "category": row.indicator.category,
        "comparator": t.comparator,
        "value": _num(t.value),
        "value_max": _num(t.value_max),
        "unit": t.unit,
        "period": t.period,
        "lead_unit": row.lead_unit or None,
        "actual": _num(e.actual),
        "actual_period": e.actual_period.code if e.actual_period is not None else None,
        "stage": str(e.stage) if e.stage else None,
        "provisional": bool(e.provisional),
        "status": str(e.status),
        "achievement": _num(e.achievement),
        "forecast": None if f is None else {
            "value": _num(f.value), "method": str(f.method), "low": _num(f.low), "high": _num(f.high),
            "achievement": _num(f.achievement),
        },
        "method": str(e.method) if e.method else None,
        "required": None if need is None else {
            "value": _num(need.value), "unit": need.unit, "words": need.words, "months": need.months,
            "per_month": _num(need.per_month),
        },
        "probability": None if chance is None else _num(chance.value),
        "probability_method": None if chance is None else chance.method,
        "probability_label": None if chance is None else chance.label,
        "probability_inputs": None if chance is None else {k: _num(v) for k, v in chance.inputs.items()},
        "progress_ratio": None if chance is None else _num(chance.progress),
        "progress_class": (chance.progress_class or None) if chance is not None else None,
        "explanation": e.explanation,
        "coverage": e.coverage or None,
        "error": row.error or None,
        "simulated": row.simulated,
        "scenario": None if row.scenario is None else {
            "period": row.scenario.period.code, "expected": _num(row.scenario.expected),
            "actual": _num(row.scenario.actual), "ratio": _num(row.scenario.ratio), "words": row.scenario.words,
        },
        "share_of": None if row.share is None else {"unit": row.share.unit.code, "target_value": _num(row.share.target.value)},
    }


def ranking_as_json(ranking: UnitRanking | None) -> dict[str, Any] | None:
    """A review's unit ranking: indicator code, period code, whether every figure covers the
    whole period, the average, and the units best first."""
    if ranking is None:
        return None
    return {
        "indicator": ranking.indicator.code,
        "period": ranking.period.code,
        "final": ranking.final,
        "average": _num(ranking.ranks[0].group_average) if ranking.ranks else None,
        "simulated": ranking.simulated,
        "units": [
            {"unit": r.unit, "name": ranking.names.get(r.unit, r.unit), "value": _num(r.value), "rank": r.rank,
             "deviation": _num(r.deviation), "lagging": r.lagging}
            for r in ranking.ranks
        ],
    }


def summary_as_json(summary: Summary) -> dict[str, Any]:
    """A review's summary: total, met, counts by status (all present), the headline."""
    return {
        "total": summary.total,
        "met": summary.met,
        "counts": {s.value: summary.counts.get(s, 0) for s in Status},
        "headline": summary.headline,
    }


def follow_up_as_json(review: ResolutionReview, row: TargetRow) -> dict[str, Any]:
    """A weak city target's follow-up ({"cause", "action", "due"} or None) and whether it
    needs one ("needs_action")."""
    f = review.follow_ups.get(row.target.pk)
    return {
        "follow_up": None if f is None else {"cause": f.cause, "action": f.action, "due": f.due.isoformat()},
        "needs_action": review.needs_action(row),
    }


def review_as_json(review: ResolutionReview) -> dict[str, Any]:
    """The review as the DESIGN.md contract: {"resolution", "as_of", "counts": {status: n},
    "targets": [...]} with every status present in counts (0 when none), plus "title",
    "unit" (None for the city), "simulated" (any simulated figure used), "summary" and
    "headline" (chitieu.core.review's wording), "ranking" and "jumps" (the city's)."""
    summary = summary_as_json(review.summary)
    return {
        "resolution": review.resolution.code,
        "title": review.resolution.title,
        "as_of": review.as_of.isoformat(),
        "unit": review.unit.code if review.unit else None,
        "counts": summary["counts"],
        "headline": summary["headline"],
        "summary": summary,
        "simulated": review.simulated,
        "targets": [{**row_as_json(r), **follow_up_as_json(review, r)} for r in review.rows],
        "ranking": ranking_as_json(review.ranking),
        "boundaries": review.boundaries,
        "jumps": [
            {"indicator": j.indicator_name, "unit": j.unit_name, "period": j.period, "previous": _num(j.previous),
             "value": _num(j.value), "z": _num(j.z), "observation": j.observation_id, "simulated": j.simulated}
            for j in review.jumps
        ],
    }
