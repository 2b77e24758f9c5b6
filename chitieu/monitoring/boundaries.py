"""Reading figures in the boundaries of a date (the rules: chitieu.core.boundaries).

Figures stay filed under the unit that reported them. A review or series of a unit formed by
a reorganisation (phường Hồng Bàng, from 1/7/2025) reads, for the periods before it existed,
its predecessors' figures carried over by the shares of the links, back through every earlier
reorganisation they came from (the links composed, chitieu.core.boundaries.compose: xã A, then
phường B from 1/11/2024, then phường C from 1/7/2025); one of an old unit reads,
for the periods after it ended, its successors' figures carried back where the shares allow
(every successor came from it alone). A unit that goes on with a changed territory (the city,
joined by the old Hải Dương) reads its figures before the change in today's boundaries when
the period it is judged on spans the change, so a year that spans the reorganisation compares
"so với cùng kỳ" on one set of boundaries: a summed figure adds the joining units' share; a
rate whose indicator names a weight indicator (GRDP growth weighted by GRDP) combines the
units' rates by their levels of the year before (chitieu.core.boundaries.forward_weighted);
where the joining units have no figure, or for a rate without weights, the unit's own stands
and the note says the comparison is not on one set of boundaries. Every carried figure says in its source which figures were carried and how,
and `Figures.carried` ({indicator id: note}) lists them for the review.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from django.db.models import F, Q

from chitieu.core.boundaries import (
    MAX_STEPS,
    Carried,
    Chain,
    ChainError,
    Link,
    backward,
    compose,
    forward,
    forward_weighted,
    weight_year,
    weighted_words,
)
from chitieu.core.choices import (
    SIMULATED_SOURCE,
    Aggregation,
    PeriodKind,
    ShareBasis,
    Stage,
    UnitKind,
)
from chitieu.core.forecast import Observation as CoreObservation
from chitieu.core.periods import Period
from chitieu.org.models import Unit, UnitLink
from chitieu.plans.models import Indicator


def _links(q: Q) -> list[UnitLink]:
    return list(UnitLink.objects.filter(q).select_related("predecessor", "successor", "reorganisation"))


def _figures(approved, unit_ids: set[int], ids: Sequence[int]) -> dict[tuple[int, str], dict[int, tuple]]:
    """{(indicator id, period code): {unit id: (value, stage, simulated, source)}} with each
    unit's best stage (official over preliminary over estimate), from the figures a review may
    read."""
    out: dict[tuple[int, str], dict[int, tuple]] = defaultdict(dict)
    rows = approved.filter(unit_id__in=list(unit_ids), indicator_id__in=list(ids)).order_by("entered_at", "id")
    for unit_id, ind, code, value, stage, source in rows.values_list(
        "unit_id", "indicator_id", "period", "value", "stage", "source"
    ):
        st = Stage(stage)
        have = out[(ind, code)].get(unit_id)
        if have is None or st.rank >= have[1].rank:
            out[(ind, code)][unit_id] = (value, st, source == SIMULATED_SOURCE, source)
    return out


def _note(carried: Carried, links: list[UnitLink], on: date, direction: str) -> str:
    names, bases = {}, {}
    for link in links:
        for u in (link.predecessor, link.successor):
            names[str(u.pk)] = u.name
        if link.basis not in (ShareBasis.WHOLE, ""):
            bases[str(link.predecessor_id if direction == "forward" else link.successor_id)] = ShareBasis(link.basis).label
    return f"{carried.words(names, bases)} (địa giới ngày {on:%d/%m/%Y})"


def _observation(period: Period, carried: Carried, by_unit: dict[int, tuple], unit: Unit, note: str) -> CoreObservation:
    """The carried figure as a core Observation: its worst stage, simulated if any part is."""
    # The city's own figures carry no unit code (they are the aggregate).
    code = None if unit.kind == UnitKind.CITY and unit.parent_id is None else unit.code
    assert carried.value is not None
    stages = [by_unit[int(k)][1] for k, _ in carried.parts if int(k) in by_unit]
    simulated = any(by_unit[int(k)][2] for k, _ in carried.parts if int(k) in by_unit)
    return CoreObservation(period, float(carried.value), min(stages, key=lambda s: s.rank), code, simulated,
                           SIMULATED_SOURCE if simulated else note, carried.reported, carried.expected)


def carry_for_unit(found: Any, unit: Unit, indicators: Sequence[Any], approved, window_end: date) -> None:
    """Add to `found` ({indicator id: [core Observation]}) the figures of `unit` read in its
    own boundaries for the periods it did not exist in, and (a unit that went on) its earlier
    figures in the boundaries after the change, when the window reaches past it. Does nothing
    (and runs no query) for a unit never reorganised."""
    if unit.valid_from is None and unit.valid_to is None and unit.version <= 1:
        return
    how = {i.pk: i.unit_aggregation == Aggregation.SUM for i in indicators}
    # A rate with a weight indicator (GRDP growth by GRDP) is weighted by the units' levels.
    weighted = {i.pk: i.weight_indicator_id for i in indicators if i.weight_indicator_id and not how[i.pk]}
    links = _links(Q(successor=unit) | Q(predecessor=unit))
    # A unit formed by a reorganisation has no past but its predecessors'; a unit that went on
    # is read in the later boundaries only when the window reaches past the change.
    going_on = {link.reorganisation_id for link in links if link.predecessor_id == link.successor_id == unit.pk}
    into = [link for link in links if link.successor_id == unit.pk and (
        link.reorganisation_id not in going_on or link.reorganisation.effective_on <= window_end)]
    out_of = [link for link in links if link.predecessor_id == unit.pk and link.successor_id != unit.pk]
    ids = list(how)
    if into:
        _forward(found, unit, into, how, approved, ids, weighted)
    if out_of and unit.valid_to is not None:
        _backward(found, unit, out_of, how, approved, ids)


def _forward(found: Any, unit: Unit, into: list[UnitLink], how: dict[int, bool], approved, ids: list[int],
             weighted: dict[int, int]) -> None:
    on = max(link.reorganisation.effective_on for link in into)
    into = _finest([link for link in into if link.reorganisation.effective_on == on])
    # Back through the earlier reorganisations its predecessors came from (a bounded walk).
    into = _chain(into)
    before = approved.filter(period_end__lt=on)
    predecessors = {link.predecessor_id for link in into}
    figures = _figures(before, predecessors, ids)
    levels = _levels(before, predecessors, set(weighted.values()))
    weights = _WeightWords(weighted)
    links = [Link(str(link.predecessor_id), str(link.successor_id), link.share, on=link.reorganisation.effective_on)
             for link in into]
    names = {str(u.pk): u.name for link in into for u in (link.predecessor, link.successor)}
    composed: dict[date, tuple[list[Link], tuple[Chain, ...]]] = {}
    goes_on = any(link.predecessor_id == unit.pk for link in into)
    clauses: dict[int, list[tuple[str, str]]] = defaultdict(list)  # (period, how it was read)
    sources: dict[int, set[str]] = defaultdict(set)
    for (ind, code), by_unit in sorted(figures.items(), key=lambda kv: (kv[0][0], Period.parse(kv[0][1]).start,
                                                                       Period.parse(kv[0][1]).end)):
        period = Period.parse(code)
        values = {str(k): v[0] for k, v in by_unit.items()}
        if period.end not in composed:
            try:
                composed[period.end] = compose(str(unit.pk), links, period_end=period.end, names=names)
            except ChainError as error:
                found.carried.setdefault(ind, str(error))
                continue
        rules, chains = composed[period.end]
        if ind in weighted:
            carried = _weighted(str(unit.pk), rules, values, levels.get(weighted[ind], {}), period)
        else:
            carried = forward(str(unit.pk), rules, values, summed=how[ind])
        carried = replace(carried, chains=chains)
        note = _note(carried, into, on, "forward")
        if goes_on and (carried.partial or carried.value is None or (not how[ind] and ind not in weighted)):
            # The unit's own figure of its old territory stands (a rate of the joined territory
            # needs weights the links do not give); the note says so.
            if ind in weighted:
                clauses[ind].append((period.label, _own_words(unit, carried, into, values)))
            found.carried.setdefault(ind, f"Trước {on:%d/%m/%Y}: số liệu theo địa giới cũ; {note}")
            continue
        if carried.value is None:
            continue
        if ind in weighted:
            how_read = weights.words(ind, carried, into, period)
            clauses[ind].append((period.label, how_read))
            used = {by_unit[int(k)][3] for k, _ in carried.weights}
            used |= {levels[weighted[ind]][k]["sources"][carried.weight_year] for k, _ in carried.weights}
            used = {u for u in used if u and u != SIMULATED_SOURCE}
            sources[ind] |= used
            note = f"{period.label}: {how_read} (địa giới ngày {on:%d/%m/%Y}; nguồn: {'; '.join(sorted(used))})"
        obs = [o for o in found.get(ind, []) if not (goes_on and o.period == period)]
        obs.append(_observation(period, carried, by_unit, unit, note))
        found[ind] = sorted(obs, key=lambda o: (o.period.start, o.period.end))
        found.carried.setdefault(ind, f"Số liệu trước {on:%d/%m/%Y} {note}")
    for ind, items in clauses.items():
        # A weighted rate says which periods were combined and how, those read alike together.
        grouped: dict[str, list[str]] = {}
        for label, how_read in items:
            grouped.setdefault(how_read, []).append(label)
        parts = [f"{', '.join(labels)}: {how_read}" for how_read, labels in grouped.items()]
        found.carried[ind] = (
            f"Số liệu trước {on:%d/%m/%Y} đọc theo địa giới ngày {on:%d/%m/%Y}; tốc độ của các đơn vị cũ gộp theo "
            f"trọng số {weights.name(ind)} năm trước. " + "; ".join(parts) + "."
            + (f" Nguồn: {'; '.join(sorted(sources[ind]))}." if sources[ind] else "")
        )


def _finest(links: list[UnitLink]) -> list[UnitLink]:
    """The links of one event without a predecessor that contains others of the same
    successor (an old district beside its communes would count them twice)."""
    return [link for link in links if link.predecessor_id == link.successor_id or not any(
        o.successor_id == link.successor_id and o.predecessor_id != link.predecessor_id
        and o.predecessor.path.startswith(link.predecessor.path) for o in links)]


def _chain(into: list[UnitLink]) -> list[UnitLink]:
    """`into` with the links of the earlier reorganisations its predecessors came from, back
    through the chain: one query per event gone back through, at most MAX_STEPS + 1 (one more
    than `compose` walks, so a longer chain is refused there with its message)."""
    links = list(into)
    seen = {link.pk for link in links}
    reached: dict[int, date] = {}
    for link in into:
        reached[link.predecessor_id] = max(reached.get(link.predecessor_id, date.min), link.reorganisation.effective_on)
    for _ in range(MAX_STEPS + 1):
        found = [link for link in _links(Q(successor_id__in=list(reached)))
                 if link.pk not in seen and link.reorganisation.effective_on < reached[link.successor_id]]
        if not found:
            break
        by_event: dict[tuple[int, int], list[UnitLink]] = defaultdict(list)
        for link in found:
            by_event[(link.successor_id, link.reorganisation_id)].append(link)
        found = [link for group in by_event.values() for link in _finest(group)]
        links += found
        seen |= {link.pk for link in found}
        reached = {}
        for link in found:
            reached[link.predecessor_id] = max(reached.get(link.predecessor_id, date.min),
                                               link.reorganisation.effective_on)
    return links


def _levels(approved, unit_ids: set[int], weight_ids: set[int]) -> dict[int, dict[str, dict]]:
    """{weight indicator id: {unit key: {year: level, "sources": {year: source}}}}: the yearly
    levels that weigh a rate (one query, none without weights)."""
    out: dict[int, dict[str, dict]] = defaultdict(lambda: defaultdict(lambda: {"sources": {}}))
    if not weight_ids:
        return out
    for (ind, code), by_unit in sorted(_figures(approved, unit_ids, sorted(weight_ids)).items()):
        period = Period.parse(code)
        if period.kind == PeriodKind.YEAR:
            for unit_id, (value, _stage, _simulated, source) in by_unit.items():
                out[ind][str(unit_id)][period.start.year] = value
                out[ind][str(unit_id)]["sources"][period.start.year] = source
    return out


def _weighted(successor: str, rules: list[Link], values: dict[str, float], levels: dict[str, dict[int, float]],
              period: Period) -> Carried:
    """The rate of `period` weighted by the levels of the year before it began, or of the
    nearest year every reporting unit has a level for."""
    reporting = [r.predecessor for r in rules if r.successor == successor and r.predecessor in values]
    years = {u: {y for y in levels.get(u, {}) if isinstance(y, int)} for u in reporting}
    year = weight_year(period.start.year - 1, years, reporting)
    at = {u: levels[u][year] for u in reporting} if year is not None else {}
    return forward_weighted(successor, rules, values, at, year=year)


def _own_words(unit: Unit, carried: Carried, links: list[UnitLink], values: dict[str, float]) -> str:
    """Why a period of a weighted rate was not combined: which units have no rate for it, or
    that no year has a level of every unit."""
    names = {str(link.predecessor_id): link.predecessor.name for link in links}
    lacking = sorted(names[k] for k, _ in carried.parts if k not in values and k in names)
    why = (f"{', '.join(lacking)} không có số kỳ này" if lacking
           else "không có năm nào mọi đơn vị đều có quy mô để làm trọng số")
    return f"số của {unit.name} như đã báo cáo, không gộp ({why})"


class _WeightWords:
    """The words of a weighted rate: the weight indicator's name and unit, read once."""

    def __init__(self, weighted: dict[int, int]) -> None:
        self._weighted = weighted
        self._indicators = {i.pk: i for i in Indicator.objects.filter(pk__in=set(weighted.values()))} if weighted else {}

    def name(self, ind: int) -> str:
        w = self._indicators.get(self._weighted[ind])
        return (w.short_name or w.name) if w is not None else "quy mô"

    def words(self, ind: int, carried: Carried, links: list[UnitLink], period: Period) -> str:
        w = self._indicators.get(self._weighted[ind])
        names = {str(link.predecessor_id): link.predecessor.name for link in links}
        text = weighted_words(carried, names, self.name(ind), w.unit if w is not None else "")
        wanted = period.start.year - 1
        if carried.weight_year is not None and carried.weight_year != wanted:
            text += f" (không có số năm {wanted} của mọi đơn vị, dùng năm {carried.weight_year})"
        return f"gộp {carried.reported} đơn vị cũ, {text}"


def _backward(found: Any, unit: Unit, out_of: list[UnitLink], how: dict[int, bool], approved, ids: list[int]) -> None:
    on = min(link.reorganisation.effective_on for link in out_of)
    out_of = [link for link in out_of if link.reorganisation.effective_on == on]
    successors = {link.successor_id for link in out_of}
    # The shares allow carrying back only when no successor took in another unit.
    other = UnitLink.objects.filter(successor_id__in=successors, reorganisation=out_of[0].reorganisation).exclude(
        predecessor=unit).exclude(predecessor_id=F("successor_id")).values_list("successor_id", flat=True)
    rules = [Link(str(unit.pk), str(link.successor_id), link.share) for link in out_of]
    rules += [Link(f"other-{s}", str(s), 1.0) for s in set(other)]
    figures = _figures(approved.filter(period_start__gte=on), successors, ids)
    for (ind, code), by_unit in sorted(figures.items()):
        carried = backward(str(unit.pk), rules, {str(k): v[0] for k, v in by_unit.items()}, summed=how[ind])
        if carried is None:
            found.carried.setdefault(ind, (
                f"Sau {on:%d/%m/%Y} không chuyển ngược được số liệu về {unit.name}: đơn vị mới gồm cả phần của đơn vị khác"
            ))
            break
        if carried.value is None:
            continue
        note = _note(carried, out_of, on, "backward")
        found.setdefault(ind, []).append(_observation(Period.parse(code), carried, by_unit, unit, note))
        found[ind].sort(key=lambda o: (o.period.start, o.period.end))
        found.carried.setdefault(ind, f"Số liệu từ {on:%d/%m/%Y} {note}")


def city_unit_for_boundaries() -> Unit | None:
    """The root city when it went through a reorganisation (one query), else None."""
    return Unit.objects.filter(kind=UnitKind.CITY, parent__isnull=True, version__gt=1).order_by("pk").first()
