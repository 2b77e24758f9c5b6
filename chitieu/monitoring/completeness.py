"""Who has reported: for a period, each assigned unit's figure of each indicator, and how late.

The reporting-rate table DHIS2 users rely on: per indicator, the units assigned to report it
(plans.Assignment, valid during the period), which of them have sent a figure (submitted or
approved, any stage), when it was reported and how many days after its due date, and the units
still missing. Each unit's due date is the reporting calendar's (chitieu.core.deadlines,
settings.REPORT_CALENDAR: the city's deadline less its level's lead time), the same date the
calendar, the reminders and `chitieu due` use. Two queries whatever the number of units: the
assignments, then the figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Q

from chitieu.core.choices import EntryState, Stage
from chitieu.core.deadlines import DeadlineRule, DueStatus, due_status
from chitieu.core.figures import best_of, coverage_words
from chitieu.core.periods import Period
from chitieu.monitoring.models import Observation
from chitieu.org.models import Unit
from chitieu.plans.models import Assignment, Indicator

#: Figures a unit has sent: drafts are still the unit's own.
SENT = (EntryState.SUBMITTED, EntryState.APPROVED)


@dataclass
class UnitReport:
    unit: Unit
    observation: Observation | None
    days_late: int | None  # days after the due date (0 on time); None when not reported
    sent_on: date | None = None  # when its first figure for the period was reported
    due: date | None = None  # this unit's deadline (its level reports before the city)
    status: DueStatus | None = None  # at the table's `as_of`, when one was given

    @property
    def reported(self) -> bool:
        return self.observation is not None

    @property
    def overdue(self) -> bool:
        return self.status == DueStatus.OVERDUE


@dataclass
class IndicatorCompleteness:
    indicator: Indicator
    period: Period
    due: date  # the city's deadline; each unit's own is UnitReport.due
    units: list[UnitReport] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return len(self.units)

    @property
    def reported(self) -> int:
        return sum(1 for u in self.units if u.reported)

    @property
    def on_time(self) -> int:
        return sum(1 for u in self.units if u.reported and u.days_late == 0)

    @property
    def missing(self) -> list[UnitReport]:
        return [u for u in self.units if not u.reported]

    @property
    def coverage(self) -> str:
        return coverage_words(self.reported, self.expected)

    @property
    def rate(self) -> float | None:
        return self.reported / self.expected if self.expected else None


def completeness(period: Period, *, units: Q | None = None, rule: DeadlineRule | None = None,
                 as_of: date | None = None) -> list[IndicatorCompleteness]:
    """Every indicator with units assigned during `period` (restricted to `units`, a filter on
    Unit, when given): which assigned units sent a figure for it, and how late by `rule`
    (default settings.REPORT_CALENDAR). With `as_of`, each unit also gets its calendar status
    at that date (reported, due, overdue)."""
    rule = rule or settings.REPORT_CALENDAR
    assigned = Assignment.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=period.end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.start),
    ).select_related("indicator", "unit").order_by("indicator__category", "indicator__code", "unit__path", "unit__name")
    if units is not None:
        assigned = assigned.filter(unit__in=Unit.objects.filter(units))
    by_indicator: dict[int, list[Assignment]] = defaultdict(list)
    indicators: dict[int, Indicator] = {}
    for a in assigned:
        by_indicator[a.indicator_id].append(a)
        indicators[a.indicator_id] = a.indicator
    if not by_indicator:
        return []
    figures = list(Observation.objects.filter(
        indicator_id__in=list(by_indicator), period=period.code, state__in=SENT,
        unit_id__in={a.unit_id for rows in by_indicator.values() for a in rows},
    ).order_by("entered_at", "id"))
    best = best_of(figures, key=lambda o: (o.indicator_id, o.unit_id),
                   rank=lambda o: (o.state == EntryState.APPROVED, Stage(o.stage).rank))
    first: dict[tuple[int, int], date] = {}
    for o in figures:  # lateness counts from the unit's first figure sent for the period
        sent = o.reported_on or o.entered_at.date()
        k = (o.indicator_id, o.unit_id)
        first[k] = min(first.get(k, sent), sent)
    out = []
    for ind_id, rows in by_indicator.items():
        table = IndicatorCompleteness(indicators[ind_id], period, rule.city_due(period))
        for a in rows:
            obs = best.get((ind_id, a.unit_id))
            sent_on = first.get((ind_id, a.unit_id))
            due = rule.due_on(period, a.unit.kind)
            late = None if sent_on is None else max(0, (sent_on - due).days)
            status = None if as_of is None else due_status(reported=obs is not None, due_on=due, as_of=as_of)
            table.units.append(UnitReport(a.unit, obs, late, sent_on, due, status))
        out.append(table)
    return out


@dataclass
class MissingUnit:
    """A unit that has not reported some of its assigned indicators for the period."""

    unit: Unit
    reports: list[tuple[Indicator, UnitReport]] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for _, r in self.reports if r.overdue)


def units_not_reported(tables: list[IndicatorCompleteness]) -> list[MissingUnit]:
    """The units missing at least one figure in `tables`, in unit order, each with the
    indicators it still owes (the office's list of who has not reported)."""
    by_unit: dict[int, MissingUnit] = {}
    for t in tables:
        for r in t.missing:
            by_unit.setdefault(r.unit.pk, MissingUnit(r.unit)).reports.append((t.indicator, r))
    return sorted(by_unit.values(), key=lambda m: (m.unit.path, m.unit.name))
