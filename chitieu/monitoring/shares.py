"""Giving a target's shares to units ("giao chỉ tiêu"): the one way shares are written.

`give_shares(target, parts, user=...)` replaces the target's shares with `parts` in one
transaction, after every check: the office only; units below the resolution's issuer, each
once; values that are numbers; ranges with both ends; and, for an indicator whose units'
figures add up, parts that add up to the target (chitieu.core.shares.parts_refusal names the
difference). Every change leaves a history row; a refusal writes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from chitieu.core.choices import Aggregation, Comparator, UnitKind
from chitieu.core.periods import Period
from chitieu.core.shares import parts_refusal
from chitieu.errors import Invalid
from chitieu.org.access import can_manage, require
from chitieu.org.models import Unit
from chitieu.plans.models import Target, TargetShare
from chitieu.plans.reporting import ensure_reporting


@dataclass(frozen=True)
class Part:
    """One unit's share: `value` (and `value_max` for a range target)."""

    unit: Unit
    value: float
    value_max: float | None = None
    note: str = ""


def area_of(issuer: Unit) -> Unit:
    """The unit whose territory a resolution covers: the issuer itself for a city, commune or
    ward; for a Party body or department (the city's Thành ủy, a Sở) the city it belongs to."""
    area = issuer
    while area.kind in (UnitKind.PARTY_BODY, UnitKind.DEPARTMENT) and area.parent is not None:
        area = area.parent
    return area


def _below(area: Unit) -> set[int]:
    """The ids of the units below `area` in the unit tree, at most four levels down (enough for
    city → district → commune and the bodies between): one query, whatever the parts."""
    levels = Q(parent=area)
    for depth in range(2, 5):
        levels |= Q(**{"__".join(["parent"] * depth): area})
    return set(Unit.objects.filter(levels).values_list("pk", flat=True))


def give_shares(target: Target, parts: Sequence[Part], *, user: Any = None, system: str = "") -> list[TargetShare]:
    """Replace the shares of `target` with `parts` (an empty list removes them all) and
    return them, or raise Invalid keyed by unit code ("parts" for the sum) with nothing
    written; Forbidden for anyone but the office. `system` names a loader that writes
    without a person (the demo): every rule but the access check still holds, and the name
    is the history's reason."""
    if not system:
        require(can_manage(user), "Chỉ Văn phòng được giao chỉ tiêu cho các đơn vị.")
    area = area_of(target.resolution.issuer)
    below = _below(area)
    errors: dict[str, str] = {}
    seen: set[int] = set()
    ranged = target.comparator == Comparator.RANGE
    for part in parts:
        key = part.unit.code
        if part.unit.pk in seen:
            errors[key] = f"{part.unit.display_name} được giao hai lần."
        seen.add(part.unit.pk)
        if part.unit.pk not in below:
            errors[key] = f"{part.unit.display_name} không thuộc {area.display_name}, không giao được."
        if not math.isfinite(part.value) or part.value < 0:
            errors[key] = f"Phần giao cho {part.unit.display_name} phải là số không âm."
        if ranged and (part.value_max is None or part.value_max < part.value):
            errors[key] = f"Chỉ tiêu dạng khoảng: phần giao cho {part.unit.display_name} cần mức tối đa không nhỏ hơn mức tối thiểu."
        if not ranged and part.value_max is not None:
            errors[key] = "Chỉ chỉ tiêu dạng khoảng mới có mức tối đa."
    if not errors:
        refusal = parts_refusal(
            Comparator(target.comparator), Aggregation(target.indicator.unit_aggregation), target.value,
            target.value_max, [p.value for p in parts], target.unit,
        )
        if refusal:
            errors["parts"] = refusal
    if errors:
        raise Invalid(f"Chưa giao được chỉ tiêu ({target.number}) cho các đơn vị.", errors)
    with transaction.atomic():
        existing = {s.unit_id: s for s in TargetShare.objects.select_for_update().filter(target=target)}
        wanted = {p.unit.pk: p for p in parts}
        for unit_id, share in existing.items():
            if unit_id not in wanted:
                share.delete()
        out = []
        for unit_id, part in wanted.items():
            found = existing.get(unit_id)
            if found is None:
                share = TargetShare(target=target, unit=part.unit)
            else:
                share = found
            if found is not None and (share.value, share.value_max, share.note) == (part.value, part.value_max, part.note):
                out.append(share)
                continue  # unchanged: no history row of no change
            share.value, share.value_max, share.note = part.value, part.value_max, part.note
            if system:
                share._change_reason = system  # type: ignore[attr-defined]
            share.save()
            out.append(share)
        # A unit given a share owes the indicator's figures from the target's period on.
        ensure_reporting(target.indicator, [p.unit for p in parts], since=Period.parse(target.period).start,
                         by=user, reason=system or f"Giao chỉ tiêu ({target.number}) của {target.resolution.code}")
    return out
