"""The web pages' door to the review services: a resolution's targets evaluated at a date,
figures that jumped, and units ranked against the city average.

This module only shapes the services' answers for templates (labels, order, chart data);
the rules live in chitieu.core and the queries in the spine's review service.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chitieu.core.choices import STATUS_ATTENTION_ORDER, Category, Status
from chitieu.core.quantities import format_percent, format_target

JUMP_THRESHOLD = 3.5


def target_text(target: Any) -> str:
    """The target in words: "≥ 12,5%", "3.300 – 3.500 đảng viên", "tăng 10%"
    (core.quantities.format_target)."""
    return format_target(target.comparator, target.value, target.value_max, target.unit)


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
    explanation: str = ""
    coverage: str = ""  # "114/114 xã, phường" for a city figure combined from its units
    shares: str = ""  # "đạt phần giao 3/5 đơn vị" for a target broken down into units' shares
    required: str = ""  # "6 tháng cuối năm cần tăng 13,35%" for a target not yet final
    chance: str = ""  # "khó đạt (7,6%); có tiến bộ, cần đẩy nhanh" (core.pace)
    chance_method: str = ""
    scenario: str = ""  # "đạt 120,8% kịch bản tháng 2/2026 (34.392 tỷ đồng)" (core.scenarios)
    follow_up: Any = None  # the lead unit's latest tasks.FollowUp of a weak target
    needs_action: bool = False  # weak, and its lead unit has not said why and what it will do

    @property
    def target_text(self) -> str:
        return target_text(self.target)

    @property
    def error(self) -> str:
        """Why the target could not be evaluated ("" when it was)."""
        return self.explanation if self.status == Status.ERROR else ""


@dataclass
class Board:
    """The dashboard: the review's rows (attention first), counts and headline (worded once,
    in chitieu.core.review), counts by category, and the review's jumps."""

    rows: list[Row]
    counts: list[tuple[Status, int]]
    total: int
    by_category: list[tuple[Category, list[int], int]]
    statuses: list[Status]
    simulated: bool = False
    jump_threshold: float = JUMP_THRESHOLD
    headline: str = ""
    jumps: list = field(default_factory=list)


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
        explanation=getattr(ev, "explanation", ""),
        coverage=getattr(ev, "coverage", ""),
        required=getattr(getattr(ev, "required", None), "words", ""),
        chance=_chance_text(getattr(ev, "probability", None)),
        chance_method=getattr(getattr(ev, "probability", None), "method", ""),
    )


def _chance_text(chance: Any) -> str:
    """ "khó đạt (7,6%); có tiến bộ, cần đẩy nhanh": the label, the probability and the
    UN-style class of the forecast's ratio to the target."""
    if chance is None:
        return ""
    text = f"{chance.label} ({format_percent(chance.value)})"
    return f"{text}; {chance.progress_class}" if chance.progress_class else text


def _method_label(method: str) -> str:
    from chitieu.core.forecast import ForecastMethod

    try:
        return ForecastMethod(method).label
    except ValueError:
        return method or ""


def board_of(review: Any) -> Board:
    """Return the dashboard of a monitoring.review.ResolutionReview (or CityReview): its
    rows at risk first (by STATUS_ATTENTION_ORDER, then target order), and its summary's
    counts, counts by category and headline as they are (chitieu.core.review.summarise):
    the board formats the review, it never counts again."""
    rank = {s: i for i, s in enumerate(STATUS_ATTENTION_ORDER)}
    rows = [_row(r.target, r.evaluation) for r in review.rows]
    for row, source in zip(rows, review.rows, strict=True):
        check = getattr(source, "scenario", None)
        row.scenario = check.words if check is not None else ""
    standing = getattr(review, "shares", {})
    follow_ups = getattr(review, "follow_ups", {})
    flagged = {r.target.pk for r in getattr(review, "without_action", [])}
    for row in rows:
        if row.target.pk in standing:
            row.shares = standing[row.target.pk].words
        row.follow_up = follow_ups.get(row.target.pk)
        row.needs_action = row.target.pk in flagged
    rows.sort(key=lambda r: (rank[r.status], r.target.order, r.target.pk))
    summary = review.summary
    counts = [(s, summary.counts[s]) for s in STATUS_ATTENTION_ORDER if summary.counts.get(s)]
    statuses = [s for s, _ in counts]
    by_category = [
        (c, [per[s] for s in statuses], sum(per.values()))
        for c, per in summary.by_category.items() if sum(per.values())
    ]
    board = Board(rows, counts, summary.total, by_category, statuses, any(r.simulated for r in rows),
                  headline=summary.headline)
    board.jumps = list(getattr(review, "jumps", []))
    return board


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
    """Return the dashboard of `resolution` at `as_of` for the city: the review's rows,
    summary and jumps, formatted (monitoring.review.evaluate_resolution; approved figures
    known at `as_of` only)."""
    from chitieu.monitoring.review import evaluate_resolution

    return board_of(evaluate_resolution(resolution, as_of=as_of))


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


def ranking_of(found: Any) -> Ranking | None:
    """The ranking panel from a monitoring.ranking.UnitRanking (None, or no unit: None):
    units best first with their figure against the units' average."""
    if found is None or not found.ranks:
        return None
    average = found.ranks[0].group_average
    rows = [
        RankRow(found.names.get(r.unit, r.unit), r.value, _ratio(r.value, average),
                r.deviation >= 0, False)
        for r in found.ranks
    ]
    label = found.period.label if found.final else f"{found.period.label} (ước tính từ các kỳ đã qua)"
    return Ranking(label, average, rows, found.simulated, found.indicator.unit)


def _ratio(value: float, average: float) -> float | None:
    if not average:
        return None
    ratio = value / average
    return ratio if math.isfinite(ratio) else None


def ranking(user: Any, indicator: Any, resolution: Any, as_of: date, review: Any = None) -> Ranking | None:
    """Return the communes and wards ranked for `indicator` over its target's own period
    (monitoring.review.resolution_ranking, the figures known at `as_of`), best first by the
    indicator's direction; the review's own ranking when `review` ranks that indicator
    already; None when no unit reported."""
    from chitieu.monitoring.review import resolution_ranking

    found = getattr(review, "ranking", None)
    if found is None or found.indicator.pk != indicator.pk:
        found = resolution_ranking(resolution, indicator, as_of=as_of)
    return ranking_of(found)
