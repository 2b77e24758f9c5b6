"""Figures read in the boundaries of a date: pure rules, no Django.

A reorganisation links each predecessor to its successors with the share (0–1] of the
predecessor that went into each. A figure stays filed under the unit that reported it; to
read it in the boundaries of another date it is carried along the links:

- forward (old units onto new): a successor's figure for a period before it existed is made
  of its predecessors' figures. A sum (jobs, revenue) takes share × value from each; a rate or
  average takes the mean of its predecessors' values weighted by the shares that went into it.
  It covers as many predecessors as reported of all it has (a missing one makes it partial).
- backward (new units onto an old one, for the transition years): only where the shares
  allow it, i.e. every successor of the old unit came from it alone (a split or a rename):
  the old unit's sum is the sum of its successors', its rate their mean weighted by its
  shares. A successor that also took in another unit makes the old unit unreadable then.

- a rate weighted by a level (growth of GRDP): a merged territory's growth is not the mean
  of its parts' growth but their mean weighted by each part's level of the period before
  (the named weight indicator, GRDP): sum(w_i * g_i) / sum(w_i), because the merged level
  grows from sum(w_i) to sum(w_i * (1 + g_i)) (`forward_weighted`). Where a part's level of
  the year before is not known, the nearest year every part has one is used
  (`weight_year`), and the words say which year.

- through several reorganisations (xã A into phường B on 1/11/2024, phường B into phường C on
  1/7/2025): the links are composed (`compose`). The share of an ancestor in today's unit is
  the product of the shares along each path, summed over the paths; a figure is read from the
  latest ancestors that have it for the period (the units valid then): the walk goes back
  through a unit only for a period that ended before it was formed and it has no figure of its
  own. The walk is bounded (`MAX_STEPS` events; a loop or a longer chain is refused, `ChainError`).

Each result says which figures were carried and how (`Carried.words`), naming the chain of
units a part came through ("Xã A (đến 31/10/2024) → Phường B (đến 30/06/2025) → Phường C").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from chitieu.core.quantities import format_number


@dataclass(frozen=True)
class Link:
    """`share` of `predecessor` went into `successor` (unit keys) by `basis` ("theo dân số")."""

    predecessor: str
    successor: str
    share: float
    basis: str = ""
    #: The day the reorganisation took effect (None: one event of unknown date).
    on: date | None = None


#: A part's chain: (unit key, ((unit key, the day it ended)..., (today's unit, None))).
Chain = tuple[str, tuple[tuple[str, date | None], ...]]

#: How many reorganisations a chain of units may go back through.
MAX_STEPS = 12


class ChainError(ValueError):
    """A chain of links that loops or goes back through more than `MAX_STEPS` events."""


@dataclass(frozen=True)
class Carried:
    """A value read in other boundaries: from which units, with which shares, and how many
    of the units it needs reported (`reported` of `expected`)."""

    value: float | None
    parts: tuple[tuple[str, float], ...]
    reported: int
    expected: int
    direction: str  # "forward" (old onto new) or "backward" (new onto old)
    #: The weights of a weighted rate ((unit key, share × level), in `parts` order) and the
    #: year of the levels; empty for a sum or a mean by shares.
    weights: tuple[tuple[str, float], ...] = ()
    weight_year: int | None = None
    #: The chains a part came through ((unit key, ((unit key, day it ended)..., today's)), ...)
    #: for a part reached through more than one reorganisation; empty for one step.
    chains: tuple[Chain, ...] = ()

    @property
    def partial(self) -> bool:
        return self.reported < self.expected

    def words(self, names: Mapping[str, str] | None = None, bases: Mapping[str, str] | None = None) -> str:
        """"chuyển từ 2 đơn vị cũ: Phường A (toàn bộ), Phường B (40% theo dân số)"."""
        names = names or {}
        bases = bases or {}
        items = []
        paths: dict[str, list[str]] = {}
        for key, path in self.chains:
            paths.setdefault(key, []).append(" → ".join(
                f"{names.get(k, k)} (đến {end:%d/%m/%Y})" if end is not None else names.get(k, k) for k, end in path))
        # By name, so the words do not depend on the order a database returned the links in.
        for key, share in sorted(self.parts, key=lambda part: (names.get(part[0], part[0]), part[0])):
            name = "; ".join(paths[key]) if key in paths else names.get(key, key)
            if share >= 1 - 1e-9:
                items.append(f"{name} (toàn bộ)")
            else:
                basis = bases.get(key, "")
                items.append(f"{name} ({format_number(round(share * 100, 1))}%{' ' + basis if basis else ''})")
        what = "đơn vị cũ" if self.direction == "forward" else "đơn vị mới"
        head = f"chuyển từ {len(self.parts)} {what}"
        if self.partial:
            head += f" ({self.reported}/{self.expected} đơn vị có số liệu)"
        return f"{head}: {', '.join(items)}"


def forward(successor: str, links: Sequence[Link], values: Mapping[str, float], *, summed: bool) -> Carried:
    """`successor`'s value from its predecessors' `values` ({unit key: value}; a unit
    missing has not reported). With no reporting predecessor the value is None."""
    into = [link for link in links if link.successor == successor]
    have = [link for link in into if link.predecessor in values]
    value: float | None = None
    if have:
        if summed:
            value = sum(link.share * values[link.predecessor] for link in have)
        else:
            weight = sum(link.share for link in have)
            value = sum(link.share * values[link.predecessor] for link in have) / weight
    return Carried(value, tuple((link.predecessor, link.share) for link in into), len(have), len(into), "forward")


def backward(predecessor: str, links: Sequence[Link], values: Mapping[str, float], *, summed: bool) -> Carried | None:
    """`predecessor`'s value from its successors' `values`, or None when the shares do not
    allow it (a successor of it also took in another unit) or it has no successor."""
    out = [link for link in links if link.predecessor == predecessor and link.successor != predecessor]
    if not out:
        return None
    for link in out:
        if any(o.successor == link.successor and o.predecessor != predecessor for o in links):
            return None
    have = [link for link in out if link.successor in values]
    value: float | None = None
    if len(have) == len(out):
        if summed:
            value = sum(values[link.successor] for link in out)
        else:
            value = sum(link.share * values[link.successor] for link in out) / sum(link.share for link in out)
    return Carried(value, tuple((link.successor, link.share) for link in out), len(have), len(out), "backward")


def weight_year(wanted: int, years: Mapping[str, set[int]], units: Sequence[str]) -> int | None:
    """The year whose levels weigh a rate of the year after `wanted`: `wanted` itself when
    every one of `units` has a level for it, else the nearest year every one has (the
    earlier of two as near), None when they share no year. `years` is {unit: its years}."""
    common = set.intersection(*(set(years.get(u, set())) for u in units)) if units else set()
    if not common:
        return None
    return min(common, key=lambda y: (abs(y - wanted), y))


def forward_weighted(successor: str, links: Sequence[Link], values: Mapping[str, float],
                     levels: Mapping[str, float], *, year: int | None = None) -> Carried:
    """`successor`'s rate from its predecessors' rates `values` weighted by share × their
    `levels` (the weight indicator's figures of the year before, or of `year`): a unit with
    a rate but no level cannot be weighed and counts as not reported. With none to weigh
    the value is None. A level of 0 everywhere gives None too (nothing to weigh by)."""
    into = [link for link in links if link.successor == successor]
    have = [link for link in into if link.predecessor in values and link.predecessor in levels]
    weights = tuple((link.predecessor, link.share * levels[link.predecessor]) for link in have)
    total = sum(w for _, w in weights)
    value: float | None = None
    if have and total > 0:
        value = sum(w * values[key] for key, w in weights) / total
    return Carried(value, tuple((link.predecessor, link.share) for link in into), len(have), len(into),
                   "forward", weights, year)


def weighted_words(carried: Carried, names: Mapping[str, str], weight: str, unit: str) -> str:
    """"trọng số GRDP năm 2021: Hải Phòng 315.700 tỷ đồng (67,9%), Hải Dương 149.090 tỷ đồng
    (32,1%)" for a weighted rate (empty for one that is not)."""
    total = sum(w for _, w in carried.weights)
    if not carried.weights or total <= 0:
        return ""
    items = [f"{names.get(key, key)} {format_number(round(w, 1))} {unit} ({format_number(round(100 * w / total, 1))}%)"
             for key, w in sorted(carried.weights, key=lambda kw: (names.get(kw[0], kw[0]), kw[0]))]
    year = f" năm {carried.weight_year}" if carried.weight_year is not None else ""
    return f"trọng số {weight}{year}: {', '.join(items)}"


def compose(successor: str, links: Sequence[Link], *, period_end: date | None = None, max_steps: int = MAX_STEPS,
            names: Mapping[str, str] | None = None) -> tuple[list[Link], tuple[Chain, ...]]:
    """The links of several reorganisations composed into links straight into `successor`,
    for a period ending `period_end`: each ancestor's share is the product of the shares along
    a path, summed over the paths. The figure is read from the latest ancestors valid during
    the period: the walk goes back through a unit only by the links of an event after the
    period ends (it was formed after the period) and before the event it was reached by (a
    unit that went on reaches its earlier past through its link to itself). Returns the composed links (for `forward`,
    `forward_weighted`) and the chains (`Carried.chains`) of the parts reached through more
    than one event. Raises ChainError on a loop or a chain longer than `max_steps`."""
    names = names or {}
    by_successor: dict[str, list[Link]] = {}
    for link in links:
        by_successor.setdefault(link.successor, []).append(link)

    def key(link: Link) -> date:
        return link.on or date.min

    def earlier(unit: str, before: date) -> list[Link]:
        into = [link for link in by_successor.get(unit, []) if key(link) < before
                and (period_end is None or link.on is None or link.on > period_end)]
        if not into:
            return []
        latest = max(key(link) for link in into)
        return [link for link in into if key(link) == latest]

    shares: dict[str, float] = {}
    order: list[str] = []
    chains: list[Chain] = []
    # (unit, share of it in `successor`, the units walked through with the day each ended)
    stack: list[tuple[str, float, tuple[tuple[str, date | None], ...], date]] = [
        (successor, 1.0, ((successor, None),), date.max)]
    while stack:
        unit, share, path, before = stack.pop()
        step = earlier(unit, before)
        if len(path) > 1 and not step:
            if unit not in shares:
                order.append(unit)
            shares[unit] = shares.get(unit, 0.0) + share
            # A unit that went on (linked to itself) is named once, at its latest.
            shown = [part for i, part in enumerate(path) if i == 0 or part[0] != path[i - 1][0]]
            if len(path) > 2:
                chains.append((unit, tuple(reversed(shown))))
            continue
        if len(path) > max_steps:
            raise ChainError(f"Chuỗi sắp xếp đơn vị dẫn tới {names.get(successor, successor)} dài quá {max_steps} "
                             f"bước (qua {', '.join(names.get(k, k) for k, _ in path)}); không đọc được số liệu "
                             "theo địa giới mới.")
        for link in reversed(step):
            if link.predecessor != unit and any(k == link.predecessor for k, _ in path):
                raise ChainError(f"Các liên kết sắp xếp đơn vị tạo thành vòng lặp ở "
                                 f"{names.get(link.predecessor, link.predecessor)} (dẫn tới "
                                 f"{names.get(successor, successor)}); không đọc được số liệu theo địa giới mới.")
            ended = link.on - timedelta(days=1) if link.on is not None else None
            stack.append((link.predecessor, share * link.share, path + ((link.predecessor, ended),), key(link)))
    composed = [Link(unit, successor, shares[unit]) for unit in order]
    return composed, tuple(chains)
