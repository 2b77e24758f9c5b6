"""The reporting calendar: which figures each assigned unit owes, by when, and where they stand.

For every assignment (plans.Assignment: a unit must report an indicator, valid from/to), the
indicator's reporting frequency gives the periods, and the one deadline rule
(chitieu.core.deadlines, settings.REPORT_CALENDAR) gives each period's due date for the unit's
level. A figure counts as reported once sent (submitted or approved, any stage), exactly as on
the completeness page (chitieu.monitoring.completeness.SENT). Time is an argument: `as_of`.

Two queries whatever the number of units: the assignments, then the figures sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet

from chitieu.core.deadlines import DeadlineRule, DueStatus, due_status
from chitieu.core.periods import Period
from chitieu.monitoring.completeness import SENT
from chitieu.monitoring.models import Observation
from chitieu.org.models import Unit
from chitieu.plans.models import Assignment, Indicator

#: How far back the calendar looks for deadlines (a year of months, quarters and the year).
LOOKBACK_DAYS = 366


@dataclass(frozen=True)
class DueItem:
    """One figure a unit owes: an indicator for a period, due on a day, and its status."""

    unit: Unit
    indicator: Indicator
    period: Period
    due_on: date
    status: DueStatus

    def as_json(self) -> dict[str, str]:
        return {"unit": self.unit.code, "indicator": self.indicator.code, "period": self.period.code,
                "due_on": self.due_on.isoformat(), "status": self.status.value}


def due_items(as_of: date, *, units: QuerySet[Unit] | None = None, rule: DeadlineRule | None = None,
              since: date | None = None, until: date | None = None) -> list[DueItem]:
    """The figures owed by the assigned units (restricted to `units` when given) whose deadline
    lies in [since, until]: by default from a year before `as_of` to `rule.notice_days` after
    it (what is overdue, and what falls due soon). Periods not yet begun at `as_of` and
    periods outside an assignment's validity are left out. Sorted by due date, unit, indicator,
    period. `rule` defaults to settings.REPORT_CALENDAR."""
    rule = rule or settings.REPORT_CALENDAR
    first = since or as_of - timedelta(days=LOOKBACK_DAYS)
    last = until or as_of + timedelta(days=rule.notice_days)
    assigned = Assignment.objects.select_related("indicator", "unit").filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=last + timedelta(days=LOOKBACK_DAYS)),
        Q(valid_to__isnull=True) | Q(valid_to__gte=first - timedelta(days=LOOKBACK_DAYS)),
    )
    if units is not None:
        assigned = assigned.filter(unit__in=units)
    wanted: list[tuple[Assignment, Period, date]] = []
    for a in assigned:
        for period, due in rule.periods_due_between(a.indicator.frequency, a.unit.kind, first, last):
            if period.start > as_of:
                continue
            if a.valid_from and a.valid_from > period.end or a.valid_to and a.valid_to < period.start:
                continue
            wanted.append((a, period, due))
    if not wanted:
        return []
    sent = set(Observation.objects.filter(
        indicator_id__in={a.indicator_id for a, _, _ in wanted},
        unit_id__in={a.unit_id for a, _, _ in wanted},
        period__in={p.code for _, p, _ in wanted},
        state__in=SENT,
    ).values_list("indicator_id", "unit_id", "period").distinct())
    items = [
        DueItem(a.unit, a.indicator, p, due,
                due_status(reported=(a.indicator_id, a.unit_id, p.code) in sent, due_on=due, as_of=as_of))
        for a, p, due in wanted
    ]
    items.sort(key=lambda i: (i.due_on, i.unit.path, i.unit.name, i.indicator.code, i.period.start))
    return items


def open_items(items: list[DueItem]) -> list[DueItem]:
    """The items still owed (due or overdue), overdue first."""
    return sorted((i for i in items if i.status != DueStatus.REPORTED),
                  key=lambda i: (i.status != DueStatus.OVERDUE, i.due_on))


def due_as_json(as_of: date, items: list[DueItem]) -> dict:
    """The JSON of `chitieu due --format json`: {"as_of", "due": [{"unit", "indicator",
    "period", "due_on", "status"}]}."""
    return {"as_of": as_of.isoformat(), "due": [i.as_json() for i in items]}
