"""Plausibility of a reported figure, DHIS2-style: hard rules refuse, soft checks warn.

Hard rules (`hard_problem`) follow the indicator's kind of value (`ValueKind`) and its own
bounds: a share lies in 0-100, a count is a whole number, counts and amounts are never
negative, and no figure exceeds `MAX_MAGNITUDE` (the review sums and multiplies figures; a
1e308 would overflow it). Soft checks (`warnings`) compare the value, and its change from the
unit's previous figure, with the unit's own history and with its sibling units by a robust z
score (median and MAD, so one earlier outlier does not hide the next), and a unit's figure of
a summed indicator with the city's. Pure standard library.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import median

from chitieu.core.choices import ValueKind
from chitieu.core.quantities import format_number

#: Largest magnitude any stored figure may have (1 million billion): beyond every real figure
#: the system tracks, far below where sums overflow.
MAX_MAGNITUDE = 1e15

#: A robust z above this warns (3.5 is Iglewicz and Hoaglin's cut-off for modified z scores).
Z_LIMIT = 3.5

#: Fewest comparison figures a robust z is computed from.
MIN_SAMPLE = 4


def kind_of(kind: str, unit: str) -> ValueKind:
    """The indicator's kind of value: the one it states, else a share for a "%" unit and a
    plain level otherwise."""
    if kind:
        return ValueKind(kind)
    return ValueKind.SHARE if unit.strip() == "%" else ValueKind.LEVEL


def bounds(kind: ValueKind, minimum: float | None, maximum: float | None) -> tuple[float | None, float | None]:
    """The (low, high) a figure must lie in: the indicator's own bounds where it states
    them, else those of its kind (None: no bound besides the magnitude)."""
    low: float | None = None
    high: float | None = None
    if kind is ValueKind.SHARE:
        low, high = 0.0, 100.0
    elif kind in (ValueKind.COUNT, ValueKind.AMOUNT):
        low = 0.0
    return (low if minimum is None else minimum), (high if maximum is None else maximum)


def hard_problem(
    value: float, *, kind: str, unit: str, name: str, minimum: float | None = None, maximum: float | None = None
) -> str | None:
    """Return why `value` (in the indicator's unit) cannot be a figure of the indicator
    `name`, in Vietnamese, or None when it may be stored."""
    shown = f"{format_number(value)} {unit}".strip() if math.isfinite(value) and abs(value) < 1e18 else f"{value:g}"
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        return f"Giá trị {shown} vượt quá độ lớn hợp lý của chỉ tiêu «{name}»."
    what = kind_of(kind, unit)
    low, high = bounds(what, minimum, maximum)
    if low is not None and value < low:
        if low == 0:
            return f"Giá trị {shown} âm; chỉ tiêu «{name}» không nhận số âm."
        return f"Giá trị {shown} nhỏ hơn mức thấp nhất {format_number(low)} {unit} của chỉ tiêu «{name}»."
    if high is not None and value > high:
        return f"Giá trị {shown} lớn hơn mức cao nhất {format_number(high)} {unit} của chỉ tiêu «{name}»."
    if what is ValueKind.COUNT and value != math.floor(value):
        return f"Giá trị {shown} không phải số nguyên; chỉ tiêu «{name}» đếm {unit or 'số lượng'}."
    return None


def robust_z(value: float, sample: Sequence[float]) -> float | None:
    """The modified z score of `value` against `sample`: 0.6745 (value - median) / MAD.

    None when the sample has fewer than MIN_SAMPLE figures. When the MAD is 0 (most figures
    equal) the mean absolute deviation stands in (scaled by 0.7979, as Iglewicz and Hoaglin
    do); when every figure is equal, any other value is infinitely far (inf) and the same
    value is 0."""
    if len(sample) < MIN_SAMPLE:
        return None
    mid = median(sample)
    mad = median(abs(x - mid) for x in sample)
    if mad > 0:
        return 0.6745 * (value - mid) / mad
    mean_dev = sum(abs(x - mid) for x in sample) / len(sample)
    if mean_dev > 0:
        return (value - mid) / (1.253314 * mean_dev)
    return 0.0 if value == mid else math.copysign(math.inf, value - mid)


def warnings(
    value: float,
    *,
    unit: str,
    history: Sequence[float] = (),
    siblings: Sequence[float] = (),
    city: float | None = None,
) -> list[str]:
    """Vietnamese warnings for a plausible but unusual figure (empty when nothing is odd).

    `history` is the unit's earlier figures of the indicator for periods as long as this
    one, oldest first; `siblings` the figures of the units beside it for the same period;
    `city` the city's figure for the same period of a summed indicator (a unit's part may not
    exceed the whole)."""
    out: list[str] = []
    shown = f"{format_number(value)} {unit}".strip()
    z = robust_z(value, history)
    if z is not None and abs(z) > Z_LIMIT:
        out.append(f"{shown} khác xa các kỳ trước của đơn vị (trung vị {format_number(median(history))}).")
    if len(history) > MIN_SAMPLE:
        changes = [b - a for a, b in zip(history, history[1:], strict=False)]
        zc = robust_z(value - history[-1], changes)
        if zc is not None and abs(zc) > Z_LIMIT and (z is None or abs(z) <= Z_LIMIT):
            out.append(f"{shown} thay đổi bất thường so với kỳ trước ({format_number(history[-1])}).")
    zs = robust_z(value, siblings)
    if zs is not None and abs(zs) > Z_LIMIT:
        out.append(f"{shown} khác xa các đơn vị cùng cấp (trung vị {format_number(median(siblings))}).")
    if city is not None and city >= 0 and value > city:
        out.append(f"{shown} lớn hơn số của toàn thành phố ({format_number(city)}) cùng kỳ.")
    return out
