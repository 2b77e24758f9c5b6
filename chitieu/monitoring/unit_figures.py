"""Each unit's best figure per indicator and period, kept as figures are written, so the unit
ranking and the jumps read one row per unit and period instead of every stage of every
figure, and pair a period with the one before without a second pass.

One `UnitFigure` row holds, for one unit, indicator and period, the approved figure a reader
takes as the period's (`core.figures.best_of`: the highest stage, the later entered on a
tie), `reported_last`, the latest report date among the unit's approved figures of that
period (any stage), and the same best figure and date for the period before
(`Period.previous`).

Kept by `refresh(figures)` in the transaction of the write, through `combined.changed` (the
one hook of the write service and of the signals of single saves and deletes), which refreshes
a written period's row and the row of the period after it (whose "before" it is).
`rebuild()` recomputes every row, for figures bulk-loaded around the service.

A reader as of `as_of` gets from a row what the raw figures known at `as_of` give only when
every figure behind it was known then (`known`); a row whose `reported_last` or
`previous_reported_last` is later sends the reader back to the raw figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import reduce
from operator import or_

from django.db.models import Q

from chitieu.core.choices import EntryState, Stage
from chitieu.core.periods import Period, PeriodError
from chitieu.monitoring.models import Observation, UnitFigure

#: (unit id, indicator id, period code): one row.
Key = tuple[int, int, str]

BATCH = 300
RANK = {s.value: s.rank for s in Stage}


def known(reported: date | None, previous_reported: date | None, as_of: date) -> bool:
    """Whether every figure behind a row (of its period and of the one before) was known at
    `as_of`: none reported after it (no report date means known once the period began)."""
    return (reported is None or reported <= as_of) and (previous_reported is None or previous_reported <= as_of)


def _previous(code: str) -> str | None:
    try:
        return Period.parse(code).previous().code
    except PeriodError:
        return None


def _next(code: str) -> str | None:
    try:
        return Period.parse(code).next().code
    except PeriodError:
        return None


def _best(rows: Iterable[tuple]) -> dict[Key, dict]:
    """{key: the best figure and the latest report date} from approved figures given as
    (unit id, indicator id, period, period_start, period_end, id, stage, value, source,
    entered_at, reported_on)."""
    out: dict[Key, dict] = {}
    for unit, ind, period, start, end, pk, stage, value, source, entered, reported in rows:
        k = (unit, ind, period)
        g = out.get(k)
        order = (RANK[stage], entered, pk)
        if g is None:
            out[k] = g = {"start": start, "end": end, "order": order, "pk": pk, "stage": stage, "value": value,
                          "source": source, "entered": entered, "reported": reported}
        elif order > g["order"]:
            g.update(order=order, pk=pk, stage=stage, value=value, source=source, entered=entered)
        if reported is not None and (g["reported"] is None or reported > g["reported"]):
            g["reported"] = reported
    return out


def _rows(best: dict[Key, dict], keys: Iterable[Key]) -> list[UnitFigure]:
    out = []
    for k in keys:
        g = best.get(k)
        if g is None:
            continue
        before_code = _previous(k[2])
        before = best.get((k[0], k[1], before_code)) if before_code else None
        out.append(UnitFigure(
            unit_id=k[0], indicator_id=k[1], period=k[2], period_start=g["start"], period_end=g["end"],
            observation_id=g["pk"], stage=g["stage"], value=g["value"], source=g["source"], entered_at=g["entered"],
            reported_last=g["reported"],
            previous_value=before["value"] if before else None, previous_source=before["source"] if before else "",
            previous_reported_last=before["reported"] if before else None,
        ))
    return out


def _figures(where: Q) -> Iterator[tuple]:
    return (
        Observation.objects.filter(where, state=EntryState.APPROVED).order_by()
        .values_list("unit_id", "indicator_id", "period", "period_start", "period_end", "id", "stage", "value",
                     "source", "entered_at", "reported_on")
        .iterator(chunk_size=5000)
    )


def refresh(figures: Iterable[Key]) -> None:
    """Recompute the rows of `figures` (unit id, indicator id, period code) and of the
    periods after them, from the approved figures (deleting rows left without any)."""
    keys: set[Key] = set()
    for unit, ind, code in figures:
        keys.add((unit, ind, code))
        after = _next(code)
        if after is not None:
            keys.add((unit, ind, after))
    ordered = sorted(keys)
    for i in range(0, len(ordered), BATCH):
        chunk = ordered[i:i + BATCH]
        by_pair: dict[tuple[int, int], set[str]] = {}
        for unit, ind, code in chunk:
            codes = by_pair.setdefault((unit, ind), set())
            codes.add(code)
            before = _previous(code)
            if before is not None:
                codes.add(before)
        read = reduce(or_, (Q(unit_id=u, indicator_id=ind, period__in=sorted(codes))
                            for (u, ind), codes in by_pair.items()))
        stale = reduce(or_, (Q(unit_id=u, indicator_id=ind, period=code) for u, ind, code in chunk))
        UnitFigure.objects.filter(stale).delete()
        UnitFigure.objects.bulk_create(_rows(_best(_figures(read)), chunk), batch_size=1000)


def rebuild(indicator_ids: Iterable[int] | None = None) -> int:
    """Recompute every row (of `indicator_ids` only, when given) from the approved figures;
    return the number of rows stored. One pass per indicator."""
    ids = list(indicator_ids) if indicator_ids is not None else list(
        Observation.objects.order_by().values_list("indicator_id", flat=True).distinct()
    )
    stale = UnitFigure.objects.all() if indicator_ids is None else UnitFigure.objects.filter(indicator_id__in=ids)
    stale.delete()
    stored = 0
    for ind in sorted(ids):
        best = _best(_figures(Q(indicator_id=ind)))
        # Stored period by period, so the rows a reader takes together (one indicator and
        # period, every unit) sit on a few pages, as figures entered month by month do.
        rows = _rows(best, sorted(best, key=lambda k: (best[k]["start"], best[k]["end"], k)))
        UnitFigure.objects.bulk_create(rows, batch_size=2000)
        stored += len(rows)
    return stored
