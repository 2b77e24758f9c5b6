"""Which units must report an indicator (plans.Assignment, "giao báo cáo"): the one place
where assignments are made, reopened and ended, each change in history with who and why.

The office names an indicator's reporting units on its set-up page (`set_reporting`); giving
a unit a share of a target obliges it to report that target's indicator (`ensure_reporting`,
called by `monitoring.shares.give_shares`). The calendar, the completeness table and the
coverage of a combined figure all read these assignments.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q

from chitieu.org.models import Unit
from chitieu.plans.models import Assignment, Indicator


def _stamp(assignment: Assignment, by: Any, reason: str) -> Assignment:
    if getattr(by, "pk", None):
        assignment._history_user = by  # type: ignore[attr-defined]
    assignment._change_reason = reason  # type: ignore[attr-defined]
    return assignment


def reporting_on(indicator: Indicator, on: date) -> list[Unit]:
    """The units assigned to report `indicator` on the day `on`."""
    valid = (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    return [a.unit for a in Assignment.objects.select_related("unit").filter(valid, indicator=indicator).order_by("unit__path")]


def ensure_reporting(indicator: Indicator, units: Iterable[Unit], *, since: date | None, by: Any = None,
                     reason: str) -> list[Assignment]:
    """Make every unit of `units` report `indicator` from `since` on (None: from the start):
    a unit without an assignment gets one; one assigned only later is assigned from `since`;
    one whose assignment ended before `since` has it reopened. Return the assignments
    created or changed."""
    changed: list[Assignment] = []
    with transaction.atomic():
        have = {a.unit_id: a for a in Assignment.objects.select_for_update().filter(indicator=indicator)}
        for unit in units:
            found = have.get(unit.pk)
            if found is None:
                found = Assignment(indicator=indicator, unit=unit, valid_from=since)
            else:
                starts_late = found.valid_from is not None and (since is None or found.valid_from > since)
                ended = found.valid_to is not None and (since is None or found.valid_to < since)
                if not starts_late and not ended:
                    continue
                if starts_late:
                    found.valid_from = since
                if ended:
                    found.valid_to = None
            _stamp(found, by, reason).save()
            changed.append(found)
    return changed


def set_reporting(indicator: Indicator, units: Iterable[Unit], *, on: date, by: Any, reason: str) -> None:
    """From the day `on`, exactly `units` report `indicator`: the new ones are assigned from
    `on` (an ended assignment is reopened), the ones no longer named stop the day before (an
    assignment that would not have begun by then is removed). Earlier periods keep the units
    that owed them."""
    wanted = {u.pk: u for u in units}
    with transaction.atomic():
        ensure_reporting(indicator, wanted.values(), since=on, by=by, reason=reason)
        eve = on - timedelta(days=1)
        for a in Assignment.objects.select_for_update().filter(indicator=indicator).exclude(unit_id__in=wanted):
            if a.valid_to is not None and a.valid_to <= eve:
                continue  # already ended
            if a.valid_from is not None and a.valid_from > eve:
                _stamp(a, by, reason).delete()
                continue
            a.valid_to = eve
            _stamp(a, by, reason).save()
