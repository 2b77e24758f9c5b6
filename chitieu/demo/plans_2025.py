"""Today's Hải Phòng in the demo: the plans the merged city set after 1/7/2025.

- `hp-2025`: the 2025 plan re-based after the merger (NQ 42/NQ-HĐND, 22 targets);
- `hp-2026`: the 2026 plan (22 targets) with its scenarios ("kịch bản") by quarter and month;
- `hp-2026-2030`: the five-year plan's term targets.

Facts come from `demo/data/hp_plans_2025.json` (read from ../shared/world/haiphong-2025.md as
data, never its sentences). Figures the sources give are filed with their source; where the
sources give a target's number only as a count ("22 chỉ tiêu") or no result at all, the demo
fills in a simulated target (its clause says so) or a simulated figure (source
SIMULATED_SOURCE). The simulated 2025 results follow what the year-end report says of them
(18 of 22 met; GRDP, income, IIP and FDI missed). Loading is idempotent, like the rest of the
demo, and runs inside the demo's transaction.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from chitieu.core.choices import (
    SIMULATED_SOURCE,
    Direction,
    ResolutionKind,
    ResolutionStatus,
    Stage,
    UnitKind,
)
from chitieu.core.periods import Period
from chitieu.monitoring.models import Observation
from chitieu.monitoring.services import Mode, record_observations
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator, PeerFigure, Resolution, Target, TargetScenario, Term

DATA_PATH = Path(__file__).resolve().parent / "data" / "hp_plans_2025.json"
CODES = ("hp-2025", "hp-2026", "hp-2026-2030")
SIMULATED_CLAUSE = (f"[{SIMULATED_SOURCE}] Chỉ tiêu đặt cho trình diễn: nguồn chỉ nêu số lượng chỉ tiêu "
                    "của kế hoạch, không nêu giá trị này")


def plans_data() -> dict[str, Any]:
    return json.loads(DATA_PATH.read_text(encoding="utf-8"))


def _upsert(model, lookup: dict[str, Any], values: dict[str, Any]):
    from chitieu.demo.loader import _upsert as upsert

    return upsert(model, lookup, values)


def _issuer(data: dict[str, Any], city: Unit) -> Unit:
    spec = data["issuer"]
    return _upsert(Unit, {"code": spec["code"]},
                   {"name": spec["name"], "short_name": spec["short_name"], "kind": UnitKind.DEPARTMENT,
                    "parent": city})


def _plans(data: dict[str, Any], city: Unit) -> dict[str, Resolution]:
    units = {u.code: u for u in Unit.objects.all()}
    issuer = _issuer(data, city)
    for spec in data["terms"]:
        _upsert(Term, {"code": spec["code"]},
                {"name": spec["name"], "start_year": spec["start_year"], "end_year": spec["end_year"]})
    terms = {t.code: t for t in Term.objects.all()}
    for spec in data["indicators"]:
        values = {k: v for k, v in spec.items() if k != "code"}
        values.setdefault("direction", Direction.HIGHER)
        _upsert(Indicator, {"code": spec["code"]}, values)
    indicators = {i.code: i for i in Indicator.objects.all()}
    sources = data["sources"]
    out = {}
    for r in data["resolutions"]:
        source = sources[r["source"]]
        resolution = _upsert(Resolution, {"code": r["code"]}, {
            "title": r["title"], "number": r["number"], "issuer": issuer, "period": r["period"],
            "issued_on": date.fromisoformat(r["issued_on"]) if r["issued_on"] else None,
            "term": terms.get(r["term"]) if r["term"] else None, "source_ref": source["text"],
            "kind": ResolutionKind(r["kind"]), "status": ResolutionStatus.IN_FORCE,
        })
        for order, t in enumerate(r["targets"], start=1):
            clause = t.get("clause", "") if t["real"] else SIMULATED_CLAUSE
            _upsert(Target, {"resolution": resolution, "number": t["number"]}, {
                "indicator": indicators[t["indicator"]], "comparator": t["comparator"], "value": t["value"],
                "value_max": t.get("value_max"), "unit": t["unit"], "period": r["period"],
                "term_aggregation": t.get("term_aggregation", ""), "baseline": t.get("baseline", ""),
                "lead_unit": units[t["lead"]], "clause": clause, "order": order,
            })
        out[r["code"]] = resolution
    return out


def _scenarios(data: dict[str, Any], resolutions: dict[str, Resolution]) -> None:
    for s in data["scenarios"]:
        target = Target.objects.get(resolution=resolutions[s["resolution"]], number=s["target"])
        code = Period.parse(s["period"]).code
        _upsert(TargetScenario, {"target": target, "period": code},
                {"value": s["value"], "kind": s["kind"], "note": s["note"]})


def _peers(data: dict[str, Any]) -> None:
    sources = data["sources"]
    for p in data["peers"]:
        indicator = Indicator.objects.get(code=p["indicator"])
        _upsert(PeerFigure, {"indicator": indicator, "period": Period.parse(p["period"]).code, "place": p["place"]},
                {"own": p["own"], "value": p["value"], "rank": p["rank"], "rank_of": p["of"],
                 "source": sources[p["source"]]["text"]})


def _simulated_on(period: Period) -> date:
    """When a simulated figure would have been known: a year's estimate late in December,
    a part of the year's a week after it ends."""
    if period.kind.value == "year":
        return period.end - timedelta(days=2)
    return period.end + timedelta(days=6)


def figure_rows(data: dict[str, Any], city: Unit) -> list[dict[str, Any]]:
    """The real figures (their source and the day it was published) and the simulated ones
    (source SIMULATED_SOURCE), as rows for record_observations, all filed under the city."""
    sources = data["sources"]
    rows = [
        {"unit": city.code, "indicator": r["indicator"], "period": r["period"], "value": r["value"],
         "unit_of_measure": r["unit"], "stage": r["stage"], "source": sources[r["source"]]["text"],
         "note": r["note"], "reported_on": date.fromisoformat(sources[r["source"]]["on"])}
        for r in data["results"]
    ]
    for s in data["simulated"]:
        period = Period.parse(s["period"])
        rows.append({"unit": city.code, "indicator": s["indicator"], "period": s["period"], "value": s["value"],
                     "unit_of_measure": s["unit"], "stage": Stage.ESTIMATE, "source": SIMULATED_SOURCE,
                     "note": f"Số liệu {SIMULATED_SOURCE}: nguồn chưa công bố", "reported_on": _simulated_on(period)})
    return rows


def load_plans_2025(city: Unit) -> int:
    """Load (or complete) the merged city's plans, scenarios, peers and figures; return how
    many figures were added. Runs in the caller's transaction."""
    data = plans_data()
    resolutions = _plans(data, city)
    _scenarios(data, resolutions)
    _peers(data)
    rows = figure_rows(data, city)
    stored = set(Observation.objects.filter(unit=city).values_list("indicator__code", "period", "stage"))
    todo = [r for r in rows if (r["indicator"], Period.parse(r["period"]).code, str(r["stage"])) not in stored]
    if todo:
        # The figures' publication dates may lie ahead of a machine's clock; the demo is
        # loaded as of the newest of them so that it loads on any day.
        newest = max(r["reported_on"] for r in todo)
        record_observations(todo, mode=Mode.DEMO, now=max(timezone.localdate(), newest))
    return len(todo)
