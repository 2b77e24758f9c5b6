"""Whether the shares a target is broken into ("giao chỉ tiêu") add up to it.

Pure standard library. Only an indicator whose units' figures add up into the city's
(`unit_aggregation` Aggregation.SUM: jobs, revenue, new members) is checked: a commune's share
of a rate (a coverage of 95%) is a rate of its own and need not add up to anything.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from chitieu.core.choices import Aggregation, Comparator
from chitieu.core.quantities import format_number, join_unit


def _q(x: float, unit: str) -> str:
    return join_unit(format_number(x), unit)


def parts_refusal(comparator: Comparator, unit_aggregation: Aggregation, value: float, value_max: float | None,
                  parts: Sequence[float], unit: str) -> str | None:
    """Why `parts` do not add up to the target (`comparator` `value`[–`value_max`] `unit`),
    naming the difference, or None when they do or need not.

    For a sum: "≥" needs the parts to reach the target, "≤" not to pass it, "=" to equal it,
    a range to fall inside it; a growth ("tăng 10%") is not a sum of its parts. Parts may not
    be negative or non-finite whatever the aggregation."""
    for part in parts:
        if not math.isfinite(part) or part < 0:
            return f"Phần giao {format_number(part) if math.isfinite(part) else part} không hợp lệ: phải là số không âm."
    if unit_aggregation != Aggregation.SUM or not parts or comparator in (Comparator.INCREASE_BY, Comparator.DECREASE_BY):
        return None
    total = math.fsum(parts)
    target = _q(value, unit)
    said = f"Tổng các phần giao là {_q(total, unit)}"
    if math.isclose(total, value, rel_tol=1e-9, abs_tol=1e-9):
        return None
    short, over = value - total, total - value
    match comparator:
        case Comparator.GE:
            if total < value:
                return f"{said}, thấp hơn chỉ tiêu {target}: còn thiếu {_q(short, unit)}."
        case Comparator.LE:
            if total > value:
                return f"{said}, vượt chỉ tiêu {target}: thừa {_q(over, unit)}."
        case Comparator.RANGE:
            high = value if value_max is None else value_max
            if total < value:
                return f"{said}, thấp hơn mức tối thiểu {target}: còn thiếu {_q(short, unit)}."
            if total > high:
                return f"{said}, vượt mức tối đa {_q(high, unit)}: thừa {_q(total - high, unit)}."
        case _:
            if total < value:
                return f"{said}, chưa bằng chỉ tiêu {target}: còn thiếu {_q(short, unit)}."
            return f"{said}, vượt chỉ tiêu {target}: thừa {_q(over, unit)}."
    return None
