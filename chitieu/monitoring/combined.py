"""Figures combined once, read many times: the communes' figures per indicator, period and
stage, kept up to date as figures are written, so a city review reads O(indicators x periods)
rows instead of every commune's figures.

One `CombinedFigure` row holds, for the local units (communes, wards, special zones) directly
below one unit (`scope`: the city, or a province), one indicator, one period and one stage:
the sum of the approved figures that count (each unit once, at its best approved stage: an
estimate an official figure replaced no longer counts), how many, how many simulated, how
many too large to add up (beyond review.HUGE, left out of the sum) and how many from units
assigned the indicator (plans.Assignment), and `reported_last`, the latest report date among
all the approved figures of that scope, indicator and period (any stage).

Kept by `refresh(keys)`, in the transaction of the write that changed the figures:
`changed(figures)` is the one hook of a write (it refreshes the figures' groups here and their
units' rows in `unit_figures`): `services._write` calls it for the figures it bulk-creates;
the signals below for a figure saved or deleted one at a time (an update, an approval, a return, a
correction, the admin), an assignment given or taken back, and a unit whose kind or parent
changed. `rebuild()` (the `rebuild_combinations` command, and the migration that created the
table) recomputes every group, for figures bulk-loaded around the service (bench/simcity.py).

What the review reads (`review._communes_combined`) is what it would compute from the raw
figures known at `as_of` only when every figure of a group was known then: a group whose
`reported_last` is after `as_of` (a review of the past that predates some report) sends the
review back to the raw figures (`combined_groups` returns None).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_delete, post_init, post_save

from chitieu.core.choices import SIMULATED_SOURCE, EntryState, Stage
from chitieu.monitoring import unit_figures
from chitieu.monitoring.models import CombinedFigure, Observation
from chitieu.org.models import Unit
from chitieu.org.services import LOCAL_KINDS
from chitieu.plans.models import Assignment

#: (indicator id, period code, scope unit id): one group of communes' figures.
Key = tuple[int, str, int]

#: Mirrors review.HUGE: figures beyond it are counted in `huge`, never summed.
HUGE = 1e300
BATCH = 300
RANK = {s.value: s.rank for s in Stage}

_local = threading.local()


def _scopes(unit_ids: Iterable[int]) -> dict[int, int]:
    """{unit id: its parent's id} for the local units among `unit_ids` (one query)."""
    ids = list(set(unit_ids))
    if not ids:
        return {}
    return dict(
        Unit.objects.filter(pk__in=ids, kind__in=LOCAL_KINDS, parent__isnull=False).values_list("pk", "parent_id")
    )


def keys_of(figures: Iterable[tuple[int, str, int]]) -> set[Key]:
    """The groups of figures given as (indicator id, period code, unit id) (one query)."""
    figures = list(figures)
    parent = _scopes(u for _, _, u in figures)
    return {(ind, period, parent[u]) for ind, period, u in figures if u in parent}


def _combine(rows: Iterable[tuple]) -> list[CombinedFigure]:
    """The groups' rows from the approved figures of their local units, given as
    (scope, indicator id, period, period_start, period_end, unit id, stage, value, source,
    reported_on, assigned)."""
    by_group: dict[Key, dict] = {}
    for scope, ind, period, start, end, unit, stage, value, source, reported, assigned in rows:
        g = by_group.setdefault((ind, period, scope), {"start": start, "end": end, "units": {}, "reported": None})
        if reported is not None and (g["reported"] is None or reported > g["reported"]):
            g["reported"] = reported
        best = g["units"].get(unit)
        if best is None or RANK[stage] > RANK[best[0]]:
            g["units"][unit] = (stage, value, source, assigned)
    out = []
    for (ind, period, scope), g in by_group.items():
        stages: dict[str, list] = {}
        # Units in id order, so a group's sum does not depend on the order rows came in.
        for _unit, (stage, value, source, assigned) in sorted(g["units"].items()):
            s = stages.setdefault(stage, [0.0, 0, 0, 0, 0])
            if -HUGE <= value <= HUGE:
                s[0] += value
            else:
                s[3] += 1
            s[1] += 1
            s[2] += source == SIMULATED_SOURCE
            s[4] += bool(assigned)
        for stage, (total, n, simulated, huge, assigned) in stages.items():
            out.append(CombinedFigure(
                scope_id=scope, indicator_id=ind, period=period, period_start=g["start"], period_end=g["end"],
                stage=stage, total=total, n=n, simulated=simulated, huge=huge, assigned=assigned,
                reported_last=g["reported"],
            ))
    return out


def _figures(where: Q) -> Iterator[tuple]:
    is_assigned = Exists(Assignment.objects.filter(indicator_id=OuterRef("indicator_id"), unit_id=OuterRef("unit_id")))
    return (
        Observation.objects.filter(where, state=EntryState.APPROVED, unit__kind__in=LOCAL_KINDS,
                                   unit__parent__isnull=False)
        .annotate(assigned=is_assigned)
        .order_by()
        .values_list("unit__parent_id", "indicator_id", "period", "period_start", "period_end", "unit_id",
                     "stage", "value", "source", "reported_on", "assigned")
        .iterator(chunk_size=5000)
    )


def refresh(keys: Iterable[Key]) -> None:
    """Recompute the groups `keys` from the approved figures (deleting those left empty);
    deferred to the end of a `deferred()` block when inside one."""
    keys = set(keys)
    if not keys:
        return
    pending = getattr(_local, "pending", None)
    if pending is not None:
        pending.update(keys)
        return
    keys_list = sorted(keys)
    for i in range(0, len(keys_list), BATCH):
        chunk = keys_list[i:i + BATCH]
        where = reduce(or_, (Q(indicator_id=ind, period=period, unit__parent_id=scope) for ind, period, scope in chunk))
        CombinedFigure.objects.filter(
            reduce(or_, (Q(indicator_id=ind, period=period, scope_id=scope) for ind, period, scope in chunk))
        ).delete()
        CombinedFigure.objects.bulk_create(_combine(_figures(where)), batch_size=1000)


def changed(figures: Iterable[tuple[int, str, int]]) -> None:
    """The hook of every write: the approved figures given as (indicator id, period code,
    unit id) changed (written, approved, returned, corrected, deleted). Refreshes their
    communes' groups and their units' rows (`unit_figures.refresh`), at the end of the
    `deferred()` block when inside one."""
    figures = set(figures)
    if not figures:
        return
    pending = getattr(_local, "figures", None)
    if pending is not None:
        pending.update(figures)
        return
    refresh(keys_of(figures))
    unit_figures.refresh((unit, ind, period) for ind, period, unit in figures)


@contextmanager
def deferred() -> Iterator[None]:
    """Collect the groups refreshed and the figures changed inside the block and refresh
    each once at its end (a write of many figures of one group recomputes it once). Nested
    blocks join the outer."""
    if getattr(_local, "pending", None) is not None:
        yield
        return
    _local.pending, _local.figures = set(), set()
    try:
        yield
        keys, figures = _local.pending, _local.figures
    finally:
        _local.pending = _local.figures = None
    refresh(keys | keys_of(figures))
    unit_figures.refresh((unit, ind, period) for ind, period, unit in figures)


def rebuild(indicator_ids: Iterable[int] | None = None) -> int:
    """Recompute every group (of `indicator_ids` only, when given) from the approved figures;
    return the number of rows stored. One pass per indicator."""
    ids = list(indicator_ids) if indicator_ids is not None else list(
        Observation.objects.order_by().values_list("indicator_id", flat=True).distinct()
    )
    stale = CombinedFigure.objects.all() if indicator_ids is None else CombinedFigure.objects.filter(indicator_id__in=ids)
    stale.delete()
    stored = 0
    for ind in sorted(ids):
        rows = _combine(_figures(Q(indicator_id=ind)))
        CombinedFigure.objects.bulk_create(rows, batch_size=2000)
        stored += len(rows)
    return stored


def combined_groups(indicator_ids: list[int], window, city_id: int | None) -> dict[tuple[int, str], dict[str, list]] | None:
    """{(indicator id, period): {stage: [total, n, simulated, huge, assigned]}} for the
    communes of `city_id` (all scopes when None) in the review's `window` (review._Window),
    from the maintained groups; None when a group holds a figure reported after the window's
    `as_of` (the raw figures must answer then)."""
    with_history = [i for i in indicator_ids if i not in window.recent_only]
    without = [i for i in indicator_ids if i in window.recent_only]
    since = Q(indicator_id__in=with_history, period_start__gte=window.start) if with_history else Q(pk__in=[])
    if without:
        since |= Q(indicator_id__in=without, period_start__gte=window.recent)
    qs = CombinedFigure.objects.filter(since, period_end__lte=window.end, period_start__lte=window.as_of)
    if city_id is not None:
        qs = qs.filter(scope_id=city_id)
    out: dict[tuple[int, str], dict[str, list]] = defaultdict(dict)
    for ind, period, stage, total, n, simulated, huge, assigned, reported in qs.order_by("scope_id").values_list(
        "indicator_id", "period", "stage", "total", "n", "simulated", "huge", "assigned", "reported_last"
    ):
        if reported is not None and reported > window.as_of:
            return None
        g = out[(ind, period)].setdefault(stage, [0.0, 0, 0, 0, 0])
        g[0] += total
        g[1] += n
        g[2] += simulated
        g[3] += huge
        g[4] += assigned
    return out


# ---- the hooks of writes one record at a time -----------------------------------------------


def _loaded(instance, names: tuple[str, ...]) -> tuple | None:
    """The values of `names` the instance was loaded with; None when one was deferred
    (reading it here would load it, inside the loading)."""
    values = instance.__dict__
    return tuple(values[n] for n in names) if all(n in values for n in names) else None


def _remember(sender, instance, **kwargs) -> None:
    instance._combined_was = _loaded(instance, ("indicator_id", "period", "unit_id", "state"))  # type: ignore[attr-defined]


def _figure_changed(sender, instance: Observation, **kwargs) -> None:
    now = (instance.indicator_id, instance.period, instance.unit_id, instance.state)
    was = getattr(instance, "_combined_was", None) or now
    instance._combined_was = now  # type: ignore[attr-defined]
    if EntryState.APPROVED not in (was[3], now[3]):
        return  # a draft, a submission or a return of a figure never approved: no group changes
    changed({now[:3], was[:3]} - {(None, "", None)})


def _assignment_changed(sender, instance: Assignment, **kwargs) -> None:
    periods = Observation.objects.filter(indicator_id=instance.indicator_id, unit_id=instance.unit_id).values_list(
        "period", flat=True
    ).distinct()
    refresh(keys_of((instance.indicator_id, p, instance.unit_id) for p in periods))


def _unit_loaded(sender, instance: Unit, **kwargs) -> None:
    instance._combined_was = _loaded(instance, ("kind", "parent_id"))  # type: ignore[attr-defined]


def _unit_changed(sender, instance: Unit, created: bool = False, **kwargs) -> None:
    was = getattr(instance, "_combined_was", None)
    now = (instance.kind, instance.parent_id)
    instance._combined_was = now  # type: ignore[attr-defined]
    if created or was is None or was == now:
        return
    # The unit's groups under its old parent and its new one.
    figures = set(Observation.objects.filter(unit=instance).values_list("indicator_id", "period").distinct())
    scopes = [p for kind, p in (was, now) if kind in LOCAL_KINDS and p is not None]
    refresh({(ind, period, scope) for ind, period in figures for scope in scopes})


post_init.connect(_remember, sender=Observation, dispatch_uid="combined-remember")
post_save.connect(_figure_changed, sender=Observation, dispatch_uid="combined-save")
post_delete.connect(_figure_changed, sender=Observation, dispatch_uid="combined-delete")
post_save.connect(_assignment_changed, sender=Assignment, dispatch_uid="combined-assign")
post_delete.connect(_assignment_changed, sender=Assignment, dispatch_uid="combined-unassign")
post_init.connect(_unit_loaded, sender=Unit, dispatch_uid="combined-unit-loaded")
post_save.connect(_unit_changed, sender=Unit, dispatch_uid="combined-unit")
