"""The extraction output: one stated target, result or task, tied to its words."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from chitieu.text.numbers import as_json_number


@dataclass(frozen=True, slots=True)
class Item:
    """A target, result or task read from a text.

    `text` is exactly `source[start:end]`. `kind` is an ItemKind value, `comparator` a
    Comparator value (None for tasks), `period` and `deadline` period codes ("2021",
    "Q1/2024", "2021-2025"). `indicator_code` and `link_score` are set by linking against a
    catalogue; `lead_unit` is the unit a task names as in charge.
    """

    text: str
    start: int
    end: int
    indicator: str
    kind: str
    comparator: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    period: str | None
    baseline: str | None
    planned: float | None
    deadline: str | None = None
    lead_unit: str | None = None
    indicator_code: str | None = None
    link_score: float | None = None

    @property
    def title(self) -> str:
        """A task's title (its indicator field)."""
        return self.indicator

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON item: numbers as ints when whole, every field present."""
        d = asdict(self)
        for key in ("value", "value_max", "planned"):
            if d[key] is not None:
                d[key] = as_json_number(d[key])
        return d
