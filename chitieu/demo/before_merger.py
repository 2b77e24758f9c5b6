"""The figures of the two units that formed today's Hải Phòng, before 1/7/2025.

From `demo/data/hp_before_merger.json`: GRDP growth and GRDP at current prices of the old
city of Hải Phòng (filed under the city unit, which went on) and of the old province of Hải
Dương (filed under `tinh-hai-duong-cu`), each with the public page it was read from. GRDP
growth names GRDP at current prices as its weight, so the city's series read in today's
boundaries combines the two by their levels (chitieu.core.boundaries.forward_weighted).
Loading is idempotent and runs in the demo's transaction.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.utils import timezone

from chitieu.core.choices import Direction
from chitieu.core.periods import Period
from chitieu.monitoring.models import Observation
from chitieu.monitoring.services import Mode, record_observations
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator

DATA_PATH = Path(__file__).resolve().parent / "data" / "hp_before_merger.json"
#: The data's name for the city unit (its code is the package's).
CITY = "city"


def before_merger_data() -> dict[str, Any]:
    return json.loads(DATA_PATH.read_text(encoding="utf-8"))


def figure_rows(data: dict[str, Any], city: Unit) -> list[dict[str, Any]]:
    """The figures as rows for record_observations, each with its page and the day it was
    published as its source and reported_on."""
    sources = data["sources"]
    return [
        {"unit": city.code if r["unit"] == CITY else r["unit"], "indicator": r["indicator"], "period": r["period"],
         "value": r["value"], "unit_of_measure": r["unit_of_measure"], "stage": r["stage"],
         "source": sources[r["source"]]["url"], "note": r["note"],
         "reported_on": date.fromisoformat(sources[r["source"]]["on"])}
        for r in data["figures"]
    ]


def load_before_merger(city: Unit) -> int:
    """Load (or complete) the indicators, the weights and the figures; return how many
    figures were added."""
    from chitieu.demo.loader import _upsert

    data = before_merger_data()
    for spec in data["indicators"]:
        values = {k: v for k, v in spec.items() if k != "code"}
        values.setdefault("direction", Direction.HIGHER)
        _upsert(Indicator, {"code": spec["code"]}, values)
    for code, weight in data["weights"].items():
        _upsert(Indicator, {"code": code}, {"weight_indicator": Indicator.objects.get(code=weight)})
    rows = figure_rows(data, city)
    stored = set(Observation.objects.filter(indicator__code__in={r["indicator"] for r in rows}).values_list(
        "unit__code", "indicator__code", "period", "stage"))
    todo = [r for r in rows if (r["unit"], r["indicator"], Period.parse(r["period"]).code, r["stage"]) not in stored]
    if todo:
        record_observations(todo, mode=Mode.DEMO, now=max(timezone.localdate(), max(r["reported_on"] for r in todo)))
    return len(todo)
