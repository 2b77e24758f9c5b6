"""A target's scenarios ("kịch bản"): what the plan expects by a month or a quarter, and the
figure so far measured against it ("đạt 120,8% kịch bản 2 tháng").

A scenario gives, for a period inside the target's (a month, a quarter, the first six months),
either the figure expected by the end of that period in the target's own terms (LEVEL: the
year-to-date sum of a cumulative indicator, the growth of the months so far) or the share (%)
of the target expected by then (SHARE). `compare(target, scenarios, actual, actual_period)`
picks the scenario that ends when the figure so far does (the figure to 28/02 against the
scenario to 28/02; none ends then: no comparison, never one for another date) and returns
the ratio: figure / expected, expected / figure when lower is better; None when the expected
figure (or, lower being better, the figure) is zero. A rate in "%" is said in points above or
below the scenario ("cao hơn kịch bản quý I/2026 (12%) 0,3 điểm %"); the ratio stays in the
result.

Pure standard library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chitieu.core.choices import ScenarioKind
from chitieu.core.periods import Period
from chitieu.core.quantities import format_percent, format_reading, join_unit

__all__ = ["Scenario", "ScenarioCheck", "compare", "expected_value"]


@dataclass(frozen=True)
class Scenario:
    """The plan's expectation for `period`: `value` as `kind` says."""

    period: Period
    value: float
    kind: ScenarioKind = ScenarioKind.LEVEL


@dataclass(frozen=True)
class ScenarioCheck:
    """The figure so far (`actual`, to the end of `period`) against the scenario's `expected`
    figure (in the target's unit), their `ratio` and the sentence `words`."""

    period: Period
    expected: float
    actual: float
    ratio: float | None
    words: str
    #: actual - expected, in the target's unit ("cao hơn kịch bản 0,3 điểm %").
    gap: float = 0.0


def expected_value(scenario: Scenario, target_value: float) -> float:
    """The scenario's figure in the target's unit: its value, or its share of `target_value`."""
    if scenario.kind is ScenarioKind.SHARE:
        return target_value * scenario.value / 100
    return scenario.value


def compare(scenarios: Sequence[Scenario], *, target_value: float, unit: str, higher_is_better: bool,
            actual: float | None, actual_period: Period | None) -> ScenarioCheck | None:
    """The figure so far against the scenario ending with it (module docstring); None without
    a figure or without a scenario for that date."""
    if actual is None or actual_period is None:
        return None
    ending = [s for s in scenarios if s.period.end == actual_period.end]
    if not ending:
        return None
    # Several scenarios end that day (Q1 and T3): the one over the same days first.
    chosen = min(ending, key=lambda s: (s.period.start != actual_period.start, s.period.start))
    expected = expected_value(chosen, target_value)
    if higher_is_better:
        ratio = actual / expected if expected != 0 else None
    else:
        ratio = expected / actual if actual != 0 and expected != 0 else None
    label = f"kịch bản {chosen.period.label}"
    planned = join_unit(format_reading(expected), unit)
    gap = actual - expected
    if unit.strip().startswith("%"):
        # a rate against a rate is read in points ("cao hơn kịch bản 0,1 điểm %"), not as a ratio
        side = "bằng" if abs(gap) < 5e-4 else "cao hơn" if gap > 0 else "thấp hơn"
        words = f"{side} {label} ({planned})"
        if side != "bằng":
            words += f" {format_reading(abs(gap))} điểm %"
    elif ratio is not None:
        words = f"đạt {format_percent(ratio, strip=True)} {label} ({planned})"
    else:
        words = f"{label}: {planned}"
    return ScenarioCheck(chosen.period, expected, actual, ratio, words, gap)
