"""The figures known on date D: the one answer every reader of figures starts from.

A figure counts for a reader as of `as_of` when it was known by then: reported on or before
`as_of` (`Observation.reported_on`), or with no report date, and for a period that had
begun by then. The review (`monitoring.review.latest_observations`), the unit ranking
(`monitoring.ranking`), the jumps (`monitoring.jumps`), the indicator page's series and
per-unit table (`web.series`) and the reports all read through `known_figures`, so the
panels of one page never disagree about what was known at the date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from chitieu.core.choices import EntryState
from chitieu.monitoring.models import Observation


def known_by(as_of: date) -> Q:
    """Figures known at `as_of`: reported on or before it, or with no report date."""
    return Q(reported_on__isnull=True) | Q(reported_on__lte=as_of)


def known_figures(as_of: date, *, states: Iterable[str] = (EntryState.APPROVED,),
                  ended: bool = False) -> QuerySet[Observation]:
    """Return the figures known at `as_of` (see the module docstring): approved ones by
    default (`states` widens it, e.g. to submitted figures a per-unit table may show), for
    periods begun by `as_of`, or ended by it with `ended` (a ranking or a jump compares
    whole periods, never one still running)."""
    qs = Observation.objects.filter(known_by(as_of), state__in=list(states))
    return qs.filter(period_end__lte=as_of) if ended else qs.filter(period_start__lte=as_of)
