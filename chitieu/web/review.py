"""The web pages' door to the review services: a resolution's targets evaluated at a date,
figures that jumped, and units ranked against the city average.

This module only shapes the services' answers for templates (labels, order, chart data);
the rules live in chitieu.core and the queries in the spine's review service.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chitieu.core.choices import STATUS_ATTENTION_ORDER, Category, Comparator, Status
from chitieu.core.quantities import format_number, format_range

JUMP_THRESHOLD = 3.5


def target_text(target: Any) -> str:
    """The target in words: "≥ 12,5 %", "3.300 – 3.500 đảng viên", "tăng 10 %"."""
    comparator = Comparator(target.comparator)
    if comparator == Comparator.RANGE and target.value_max is not None:
        return format_range(target.value, target.value_max, target.unit)
    sign = {Comparator.GE: "≥", Comparator.LE: "≤", Comparator.EQ: "=",
            Comparator.INCREASE_BY: "tăng", Comparator.DECREASE_BY: "giảm"}.get(comparator, "")
    return f"{sign} {format_number(target.value)} {target.unit}".strip()


@dataclass
class Row:
    """One target on the dashboard with its evaluation at the date."""

    target: Any
    status: Status
    actual: float | None = None
    stage: Any = None
    provisional: bool = False
    achievement: float | None = None
    forecast: float | None = None
    method: str = ""
    simulated: bool = False

    @property
    def target_text(self) -> str:
        return target_text(self.target)


@dataclass
class Board:
    rows: list[Row]
    counts: list[tuple[Status, int]]
    total: int
    by_category: list[tuple[Category, list[int], int]]
    statuses: list[Status]
    simulated: bool = False
    jump_threshold: float = JUMP_THRESHOLD

    @property
    def headline(self) -> str:
        """"Đạt 5/20 · Có nguy cơ không đạt 7 · …": met (achieved or exceeded) over all, then the rest."""
        by = dict(self.counts)
        met = by.get(Status.ACHIEVED, 0) + by.get(Status.EXCEEDED, 0)
        parts = [f"{Status.ACHIEVED.label} {met}/{self.total}"]
        parts += [f"{s.label} {n}" for s, n in self.counts if s not in (Status.ACHIEVED, Status.EXCEEDED)]
        return " · ".join(parts)


def _row(target: Any, ev: Any) -> Row:
    if ev is None:
        return Row(target, Status.NO_DATA)
    forecast = getattr(ev, "forecast", None)
    return Row(
        target=target,
        status=Status(ev.status),
        actual=ev.actual,
        stage=ev.stage,
        provisional=bool(ev.provisional),
        achievement=ev.achievement,
        forecast=getattr(forecast, "value", forecast),
        method=_method_label(getattr(ev, "method", "")),
        simulated=bool(getattr(ev, "simulated", False)),
    )


def _method_label(method: str) -> str:
    from chitieu.core.forecast import ForecastMethod

    try:
        return ForecastMethod(method).label
    except ValueError:
        return method or ""


def board_of(pairs: list[tuple[Any, Any]]) -> Board:
    """Return the dashboard from (target, evaluation) pairs: rows at risk first (by
    STATUS_ATTENTION_ORDER, then target order), counts by status, and status counts by category."""
    rank = {s: i for i, s in enumerate(STATUS_ATTENTION_ORDER)}
    rows = [_row(t, ev) for t, ev in pairs]
    rows.sort(key=lambda r: (rank[r.status], r.target.order, r.target.pk))
    counter = Counter(r.status for r in rows)
    counts = [(s, counter[s]) for s in STATUS_ATTENTION_ORDER if counter[s]]
    statuses = [s for s, _ in counts]
    by_cat: dict[str, Counter] = {}
    for r in rows:
        by_cat.setdefault(r.target.indicator.category, Counter())[r.status] += 1
    by_category = [
        (c, [by_cat[c.value][s] for s in statuses], sum(by_cat[c.value].values()))
        for c in Category if c.value in by_cat
    ]
    return Board(rows, counts, len(rows), by_category, statuses, any(r.simulated for r in rows))


def evaluate_targets_of(targets: list[Any], *, as_of: date, figures: dict | None = None) -> dict[int, Any]:
    """Return {target id: Evaluation} for targets of any resolutions, from the city's approved
    figures (the spine's review queries; a fixed number of queries). `figures`, when given,
    are the city figures latest_observations already returned for a window covering the
    targets' periods (no further query)."""
    from chitieu.monitoring.review import _period, evaluate_targets, latest_observations

    if not targets:
        return {}
    if figures is None:
        indicators = list({t.indicator_id: t.indicator for t in targets}.values())
        figures = latest_observations(indicators, {_period(t.period) for t in targets}, as_of=as_of)
    return {row.target.pk: row.evaluation for row in evaluate_targets(targets, figures, as_of=as_of)}


REPORT_FORMATS = (("docx", "DOCX"), ("pdf", "PDF"), ("xlsx", "XLSX"))


def report_kind(resolution: Any, as_of: date):
    """The review a report at `as_of` is for (chitieu.reports.document.ReportKind): for a term
    resolution mid-term or end of term; for a yearly one the year once it has ended, the half
    at 30 June, else the quarter."""
    from chitieu.core.choices import PeriodKind
    from chitieu.core.periods import Period, PeriodError
    from chitieu.reports.document import ReportKind

    try:
        period = Period.parse(resolution.period)
    except PeriodError:
        return ReportKind.QUARTER
    ended = as_of >= period.end
    if period.kind == PeriodKind.TERM:
        return ReportKind.ENDTERM if ended else ReportKind.MIDTERM
    if ended:
        return ReportKind.YEAR
    return ReportKind.HALF if (as_of.month, as_of.day) == (6, 30) else ReportKind.QUARTER


def report_links(resolution: Any, as_of: date) -> tuple[Any, list[tuple[str, str]]]:
    """Return (report kind, [(format label, download address)]) for the dashboard's buttons."""
    from django.urls import reverse

    kind = report_kind(resolution, as_of)
    links = [
        (label, reverse("reports:resolution_report", kwargs={
            "resolution": resolution.code, "kind": kind.value, "as_of": as_of.isoformat(), "fmt": fmt,
        }))
        for fmt, label in REPORT_FORMATS
    ]
    return kind, links


def dashboard(user: Any, resolution: Any, as_of: date) -> Board:
    """Return the dashboard of `resolution` at `as_of` for the city (approved figures only)."""
    from chitieu.monitoring.review import evaluate_resolution

    review = evaluate_resolution(resolution, as_of=as_of)
    return board_of([(r.target, r.evaluation) for r in review.rows])


@dataclass
class Jump:
    indicator_name: str
    unit_name: str
    period: str
    previous: float
    value: float
    z: float
    observation_id: int
    simulated: bool = False


def jumps(user: Any, resolution: Any, as_of: date, *, threshold: float = JUMP_THRESHOLD) -> list[Jump]:
    """The jumps of `_jumps`, kept until the figures change (approved figures only, the same
    for every reader, so `user` does not enter the key)."""
    from chitieu.monitoring.review_cache import cached

    return cached("jumps", (resolution.pk, as_of.isoformat(), threshold),
                  lambda: _jumps(resolution, as_of, threshold=threshold))


def _jumps(resolution: Any, as_of: date, *, threshold: float = JUMP_THRESHOLD) -> list[Jump]:
    """Return figures of the resolution's indicators whose change from the period before is an
    outlier among the units' changes: for each indicator, the latest period reported by `as_of`
    against the period before it (same kind), scored by chitieu.core.review.jumps (robust
    median/MAD z-score across the units). Largest |z| first; at most 20. Two queries, each
    an index seek per indicator, so the cost grows with units, not with years of figures.
    """
    from django.db.models import OuterRef, Subquery

    from chitieu.core.choices import SIMULATED_SOURCE, EntryState, Stage
    from chitieu.core.periods import Period
    from chitieu.core.review import jumps as core_jumps
    from chitieu.monitoring.models import Observation
    from chitieu.plans.models import Indicator

    figures = Observation.objects.filter(state=EntryState.APPROVED, period_end__lte=as_of).order_by()
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
    wanted = {(ind, code) for ind, p in current.items() for code in (p.code, p.previous().code)}
    starts = {d for ind, p in current.items() for d in (p.start, p.previous().start)}
    best: dict[tuple[int, int, str], tuple] = {}
    # Seek by (indicator, period_start) on the index, then keep the wanted periods.
    for row in figures.filter(indicator_id__in=list(current), period_start__in=starts).values_list(
        "id", "indicator_id", "indicator__name", "unit_id", "unit__name", "period", "stage", "value", "source"
    ):
        if (row[1], row[5]) not in wanted:
            continue
        key = (row[1], row[3], row[5])
        if key not in best or Stage(row[6]).rank > Stage(best[key][6]).rank:
            best[key] = row
    # One series per unit: the figure before and the latest; core.review scores the relative
    # changes of all units of one indicator together.
    previous = {ind: p.previous() for ind, p in current.items()}
    # Period codes once per indicator, not once per figure (they are computed, not stored).
    current_code = {ind: p.code for ind, p in current.items()}
    previous_code = {ind: p.code for ind, p in previous.items()}
    series: dict[int, dict[str, list]] = {ind: {} for ind in current}
    pairs: dict[int, dict[str, tuple]] = {ind: {} for ind in current}
    for (ind, unit_id, period), row in best.items():
        if period != current_code[ind]:
            continue
        before = best.get((ind, unit_id, previous_code[ind]))
        if before is not None:
            series[ind][str(unit_id)] = [(previous[ind], before[7]), (current[ind], row[7])]
            pairs[ind][str(unit_id)] = (row, before)
    out: list[Jump] = []
    for ind, rows in pairs.items():
        for j in core_jumps(series[ind], threshold=threshold):
            row, before = rows[j.key]
            out.append(Jump(row[2], row[4], row[5], j.previous, j.value, j.z, row[0],
                            SIMULATED_SOURCE in (row[8], before[8])))
    out.sort(key=lambda j: -abs(j.z))
    return out[:20]


@dataclass
class RankRow:
    unit_name: str
    value: float
    ratio: float | None
    better: bool
    simulated: bool


@dataclass
class Ranking:
    """Local units' figures for one indicator and period, best first, against their average."""

    period: str
    average: float
    rows: list[RankRow] = field(default_factory=list)
    simulated: bool = False
    unit: str = ""

    @property
    def chart(self) -> dict:
        """The JSON the ranking bar chart reads."""
        return {
            "labels": [r.unit_name for r in self.rows],
            "values": [r.value for r in self.rows],
            "above": [r.better for r in self.rows],
            "average": self.average,
            "unit": self.unit,
        }


def indicators_with_unit_figures(indicator_ids: list[int], as_of: date) -> list[int]:
    """Return the ids among `indicator_ids` that communes or wards reported (approved) for a
    period ended by `as_of`.

    One query; each indicator stops at its first matching figure (EXISTS), so the cost does
    not grow with the number of figures.
    """
    from django.db.models import Exists, OuterRef

    from chitieu.core.choices import EntryState
    from chitieu.monitoring.models import Observation
    from chitieu.org.services import LOCAL_KINDS
    from chitieu.plans.models import Indicator

    reported = Observation.objects.filter(
        indicator_id=OuterRef("pk"), state=EntryState.APPROVED, unit__kind__in=LOCAL_KINDS, period_end__lte=as_of,
    )
    return list(Indicator.objects.filter(pk__in=indicator_ids).filter(Exists(reported)).values_list("pk", flat=True))


def ranking(user: Any, indicator: Any, resolution: Any, as_of: date) -> Ranking | None:
    """Return the communes and wards ranked for `indicator` at the latest period any of them
    reported (approved figures of periods ended by `as_of`, as the jumps list reads them: a
    quarter or month still running is not ranked), best first by the indicator's direction;
    None when none reported. Two queries."""
    from chitieu.core.choices import SIMULATED_SOURCE, Direction, EntryState, Stage
    from chitieu.monitoring.models import Observation
    from chitieu.org.services import LOCAL_KINDS

    figures = Observation.objects.filter(
        indicator=indicator, state=EntryState.APPROVED, unit__kind__in=LOCAL_KINDS, period_end__lte=as_of,
    )
    period = figures.order_by("-period_end", "period_start").values_list("period", flat=True).first()
    if period is None:
        return None
    best: dict[int, tuple[int, float, str, str]] = {}
    for unit_id, name, short, value, stage, source in figures.filter(period=period).values_list(
        "unit_id", "unit__name", "unit__short_name", "value", "stage", "source"
    ):
        rank = Stage(stage).rank
        if unit_id not in best or rank > best[unit_id][0]:
            best[unit_id] = (rank, value, short or name, source)
    values = [v for _, v, _, _ in best.values()]
    average = sum(values) / len(values)
    higher = indicator.direction != Direction.LOWER
    rows = [
        RankRow(name, value, value / average if average else None,
                value >= average if higher else value <= average, source == SIMULATED_SOURCE)
        for _, value, name, source in best.values()
    ]
    rows.sort(key=lambda r: -r.value if higher else r.value)
    return Ranking(period, average, rows, any(r.simulated for r in rows), indicator.unit)
