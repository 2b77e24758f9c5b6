"""Units through time: which units exist on a date, and the reorganisations between them.

A reorganisation (NQ 1669/NQ-UBTVQH15, effective 1/7/2025) is recorded once, with its
predecessor → successor links and the share of each predecessor that went into each
successor. Recording it ends the predecessors that do not go on (valid_to the day before),
starts the successors (valid_from the day itself) and counts one more version for a unit that
goes on with a changed territory. A code is never a unit's identity across dates: the 2025
national codes re-use old ones, so a code finds a unit only together with a day.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from chitieu.core.choices import ShareBasis
from chitieu.core.quantities import format_number
from chitieu.errors import Invalid, NotFound
from chitieu.org.models import Reorganisation, Unit, UnitLink

#: How far a predecessor's shares may stray from the whole (rounded published shares).
SHARE_TOLERANCE = 1e-6


def valid_on(day: date) -> Q:
    """The filter of units that exist on `day` (open ends hold)."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def units_on(day: date) -> QuerySet[Unit]:
    """The units that exist on `day`, in tree order."""
    return Unit.objects.filter(valid_on(day))


def unit_on(code: str, day: date, *, field_name: str = "unit") -> Unit:
    """The unit with chitieu code or national code `code` that exists on `day`.

    Raises NotFound keyed by `field_name` naming the code and the day."""
    match = Q(code=code)
    if code.isdigit():
        match |= Q(admin_code=int(code))
    unit = units_on(day).filter(match).order_by("pk").first()
    if unit is None:
        message = f"Không có đơn vị mã «{code}» vào ngày {day:%d/%m/%Y}."
        raise NotFound(message, {field_name: message})
    return unit


@dataclass(frozen=True)
class LinkSpec:
    """One link to record: `share` (0–1] of `predecessor` goes into `successor` (codes)."""

    predecessor: str
    successor: str
    share: float = 1.0
    basis: str = ShareBasis.WHOLE
    basis_indicator: str = ""
    part: str = ""


def _share_words(x: float) -> str:
    return f"{format_number(round(x * 100, 4))}%"


def _check(on: date, legal_basis: str, specs: Sequence[LinkSpec], units: dict[str, Unit]) -> dict[str, str]:
    """Every reason the reorganisation cannot be recorded, keyed by field."""
    errors: dict[str, str] = {}
    if not legal_basis.strip():
        errors["legal_basis"] = f"Chưa nêu căn cứ pháp lý của việc sắp xếp ngày {on:%d/%m/%Y}."
    if not specs:
        errors["links"] = f"Việc sắp xếp ngày {on:%d/%m/%Y} chưa có đơn vị trước – sau nào."
    totals: dict[str, float] = defaultdict(float)
    seen: set[tuple[str, str]] = set()
    for n, spec in enumerate(specs):
        key = f"links.{n}"
        pred, succ = units.get(spec.predecessor), units.get(spec.successor)
        for name, code, unit in (("predecessor", spec.predecessor, pred), ("successor", spec.successor, succ)):
            if unit is None:
                errors[f"{key}.{name}"] = f"Không có đơn vị mã «{code}»."
        try:
            basis = ShareBasis.parse(str(spec.basis))
        except ValueError as exc:
            errors[f"{key}.basis"] = str(exc)
            basis = None
        if basis is ShareBasis.INDICATOR and not spec.basis_indicator.strip():
            errors[f"{key}.basis_indicator"] = "Tỷ lệ tính theo chỉ tiêu phải nêu chỉ tiêu nào."
        if not (isinstance(spec.share, int | float) and math.isfinite(spec.share) and 0 < spec.share <= 1):
            errors[f"{key}.share"] = (
                f"Tỷ lệ chuyển từ «{pred or spec.predecessor}» sang «{succ or spec.successor}» "
                f"ngày {on:%d/%m/%Y} phải lớn hơn 0 và không quá 100%."
            )
        elif pred is not None:
            totals[spec.predecessor] += spec.share
        if (spec.predecessor, spec.successor) in seen:
            errors[f"{key}.successor"] = f"Liên kết «{pred}» → «{succ}» bị lặp."
        seen.add((spec.predecessor, spec.successor))
        if pred is None or succ is None:
            continue
        if pred.valid_from is not None and on <= pred.valid_from:
            errors[f"{key}.predecessor"] = (
                f"Đơn vị «{pred}» có hiệu lực từ {pred.valid_from:%d/%m/%Y}, không thể sắp xếp lại "
                f"ngày {on:%d/%m/%Y}."
            )
        elif pred.valid_to is not None and pred.valid_to < on - timedelta(days=1):
            errors[f"{key}.predecessor"] = (
                f"Đơn vị «{pred}» đã hết hiệu lực từ {pred.valid_to:%d/%m/%Y}, trước ngày sắp xếp {on:%d/%m/%Y}."
            )
        if succ.pk != pred.pk and succ.valid_from is not None and (
            succ.valid_from < on or (pred.valid_from is not None and succ.valid_from <= pred.valid_from)
        ):
            errors[f"{key}.successor"] = (
                f"Đơn vị sau «{succ}» có hiệu lực từ {succ.valid_from:%d/%m/%Y}, trước ngày sắp xếp "
                f"{on:%d/%m/%Y} của đơn vị trước «{pred}»."
            )
        if succ.valid_to is not None and succ.valid_to < on:
            errors[f"{key}.successor"] = (
                f"Đơn vị sau «{succ}» đã hết hiệu lực từ {succ.valid_to:%d/%m/%Y}, trước ngày sắp xếp {on:%d/%m/%Y}."
            )
    for code, total in totals.items():
        if abs(total - 1.0) > SHARE_TOLERANCE:
            n = next(i for i, s in enumerate(specs) if s.predecessor == code)
            errors.setdefault(f"links.{n}.share", (
                f"Các tỷ lệ chia của «{units[code]}» ngày {on:%d/%m/%Y} cộng lại {_share_words(total)}, "
                "phải đúng 100% (toàn bộ đơn vị)."
            ))
    return errors


def record_reorganisation(
    on: date, legal_basis: str, links: Iterable[LinkSpec], *, note: str = "", user: Any = None
) -> Reorganisation:
    """Record a reorganisation effective `on` with its links, in one transaction.

    Ends each predecessor that does not go on (valid_to = the day before, no longer active),
    starts each successor (valid_from = `on` when it has none) and adds a version to a unit
    that goes on (it links to itself). Raises Invalid with messages keyed by field
    ("links.N.share", ...) naming the unit and the date, writing nothing, when a predecessor's
    shares do not add up to 100%, a successor is dated before its predecessor or the event,
    or a unit is unknown. Every change is kept in the units' history.
    """
    specs = list(links)
    codes = {s.predecessor for s in specs} | {s.successor for s in specs}
    with transaction.atomic():
        units = {u.code: u for u in Unit.objects.select_for_update().filter(code__in=codes).order_by("pk")}
        errors = _check(on, legal_basis, specs, units)
        if errors:
            raise Invalid(f"Không ghi được việc sắp xếp đơn vị ngày {on:%d/%m/%Y}.", errors)
        event = Reorganisation(effective_on=on, legal_basis=legal_basis.strip(), note=note)
        event._history_user = user  # type: ignore[attr-defined]
        event.save()
        going_on = {s.predecessor for s in specs if s.predecessor == s.successor}
        for spec in specs:
            link = UnitLink(
                reorganisation=event, predecessor=units[spec.predecessor], successor=units[spec.successor],
                share=float(spec.share), basis=ShareBasis.parse(str(spec.basis)).value,
                basis_indicator=spec.basis_indicator.strip(), part=spec.part.strip(),
            )
            link._history_user = user  # type: ignore[attr-defined]
            link.save()
        reason = f"Sắp xếp theo {event.legal_basis}, hiệu lực {on:%d/%m/%Y}"
        for code in sorted({s.predecessor for s in specs} - going_on):
            _change(units[code], reason, user, valid_to=on - timedelta(days=1), active=False)
        for code in sorted(going_on):
            unit = units[code]
            _change(unit, reason, user, version=unit.version + 1)
        for code in sorted({s.successor for s in specs} - going_on):
            unit = units[code]
            if unit.valid_from is None:
                _change(unit, reason, user, valid_from=on)
    return event


def _change(unit: Unit, reason: str, user: Any, **values: Any) -> None:
    if all(getattr(unit, k) == v for k, v in values.items()):
        return
    for k, v in values.items():
        setattr(unit, k, v)
    unit._change_reason = reason  # type: ignore[attr-defined]
    unit._history_user = user  # type: ignore[attr-defined]
    unit.save()


@dataclass
class Lineage:
    """A unit's links: where it came from and where it went, each with its event."""

    predecessors: list[UnitLink]
    successors: list[UnitLink]


def lineages(units: Sequence[Unit]) -> dict[int, Lineage]:
    """{unit id: Lineage} for `units`, in one query (links with their units and events)."""
    ids = [u.pk for u in units]
    out = {pk: Lineage([], []) for pk in ids}
    links = UnitLink.objects.filter(Q(predecessor_id__in=ids) | Q(successor_id__in=ids)).select_related(
        "predecessor", "successor", "reorganisation"
    ).order_by("reorganisation__effective_on", "pk")
    for link in links:
        if link.successor_id in out and link.predecessor_id != link.successor_id:
            out[link.successor_id].predecessors.append(link)
        if link.predecessor_id in out and link.predecessor_id != link.successor_id:
            out[link.predecessor_id].successors.append(link)
    return out
