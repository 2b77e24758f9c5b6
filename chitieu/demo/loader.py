"""The Hai Phong demo: the city's units, the 2021 resolution `hp-2021`, the figures the
conferences reported, the tasks they set, and simulated figures that make the demo alive.

Facts come from `demo/data/hp_demo.json`. Real figures carry the conference as their source;
simulated ones carry SIMULATED_SOURCE ("mô phỏng") and are drawn from a seeded generator, so
every load produces the same numbers. Simulation never touches an indicator and year for which
a real figure exists, so the review of 2021 shows GRDP growth and new Party members from what
the year-end conference reported.

Loading is idempotent: records are matched on their codes and only missing figures are added.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from django.db import models, transaction
from simple_history.utils import bulk_create_with_history

from chitieu.core.choices import (
    SIMULATED_SOURCE,
    Aggregation,
    Direction,
    PeriodKind,
    ResolutionKind,
    ResolutionStatus,
    Stage,
)
from chitieu.core.periods import Period
from chitieu.core.quantities import conversion_factor, format_number
from chitieu.demo.units_history import load_units_history, old_local_units
from chitieu.monitoring.models import Observation
from chitieu.monitoring.services import Mode, record_observations
from chitieu.monitoring.shares import Part, give_shares
from chitieu.org.models import Person, Unit
from chitieu.org.services import LOCAL_KINDS, load_units, local_units
from chitieu.plans.models import Assignment, Indicator, Resolution, Target, Term
from chitieu.tasks.follow_ups import explain
from chitieu.tasks.models import Task

DATA_PATH = Path(__file__).resolve().parent / "data" / "hp_demo.json"
RESOLUTION_CODE = "hp-2021"
#: The resolution's own words are not part of the project: when the shared seed texts sit
#: beside the checkout (as in development and CI), each target's clause is read from there.
SHARED_DIR = Path(__file__).resolve().parents[3] / "shared"
RESOLUTION_TEXT = "001_89a644c1831c70f8"
#: The reporting calendar's story: the communes' monthly figures of January 2026 fall due on 15
#: February (the city's deadline, 20 days after the month, less the communes' 5 days). Every
#: commune has sent them except the demo reporter's, overdue on REMINDER_DAY and reminded then.
CALENDAR_PERIOD = "T1/2026"
REMINDER_DAY = date(2026, 2, 16)
#: The demo reporters' address domain: .invalid is never delivered anywhere (RFC 2606).
DEMO_MAIL_DOMAIN = "chitieu.invalid"
_MARKER = re.compile(r"\(\d{1,2}\)\s")


M = TypeVar("M", bound=models.Model)

def resolution_clauses(shared: Path = SHARED_DIR) -> list[tuple[str, float, str]]:
    """Return (comparator, value, clause) for each non-optional annotated target of the
    demo resolution, in text order: the words from the target's list marker ("(1) ...") or
    the start of its line to the end of its item (";", a line break or a sentence end).
    An empty list when the shared texts are not there."""
    text_path = shared / "seeds" / f"{RESOLUTION_TEXT}.txt"
    gold_path = shared / "gold" / f"{RESOLUTION_TEXT}.json"
    if not (text_path.exists() and gold_path.exists()):
        return []
    text = text_path.read_text(encoding="utf-8")
    items = json.loads(gold_path.read_text(encoding="utf-8"))
    items = items["items"] if isinstance(items, dict) else items
    out = []
    for item in items:
        if item.get("optional"):
            continue
        start, end = item["start"], item["end"]
        line = text.rfind("\n", 0, start) + 1
        markers = [m.start() for m in _MARKER.finditer(text, line, start)]
        head = markers[-1] if markers else line
        stops = [i for i in (text.find(c, end) for c in (";", "\n", ". ")) if i != -1]
        tail = min(stops) if stops else len(text)
        out.append((item["comparator"], float(item["value"]), text[head:tail].strip()))
    return out


def _fill_clauses(resolution: Resolution) -> None:
    """Give the demo's targets their clause, matched in order and checked by comparator and
    value; a clause someone already wrote is kept."""
    clauses = resolution_clauses()
    targets = list(Target.objects.filter(resolution=resolution).order_by("order"))
    if len(clauses) != len(targets):
        return
    for target, (comparator, value, clause) in zip(targets, clauses, strict=True):
        if not target.clause and target.comparator == comparator and math.isclose(target.value, value):
            target.clause = clause
            target.save(update_fields=["clause"])


@dataclass
class DemoLoad:
    """What `load_demo` did: the resolution and how many records it holds or added."""

    resolution: Resolution
    units: int
    indicators: int
    targets: int
    tasks: int
    real_added: int
    simulated_added: int


def demo_data() -> dict[str, Any]:
    """Return the demo's facts as loaded from the JSON data file."""
    return json.loads(DATA_PATH.read_text(encoding="utf-8"))


def _upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> M:
    """Create the record matching `lookup`, or save it only when a value differs (no history noise)."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        if hasattr(obj, "clean"):
            obj.clean()
        obj.save()
        return obj
    changed = False
    for key, value in values.items():
        current = getattr(obj, f"{key}_id") if isinstance(value, models.Model) else getattr(obj, key)
        wanted = value.pk if isinstance(value, models.Model) else value
        if current != wanted:
            setattr(obj, key, value)
            changed = True
    if changed:
        obj.save()
    return obj


def _set_m2m(manager: Any, units: list[Unit]) -> None:
    if {u.pk for u in manager.all()} != {u.pk for u in units}:
        manager.set(units)


def _load_plan(data: dict[str, Any], units: dict[str, Unit]) -> tuple[Resolution, dict[str, Indicator], int]:
    people = {
        p["key"]: _upsert(Person, {"full_name": p["full_name"]}, {"title": p["title"], "unit": units[p["unit"]]})
        for p in data["people"]
    }
    for p in data["people"]:
        _set_m2m(people[p["key"]].responsible_units, [units[c] for c in p.get("responsible", [])])
    t = data["term"]
    term = _upsert(Term, {"code": t["code"]}, {"name": t["name"], "start_year": t["start_year"], "end_year": t["end_year"]})
    indicators: dict[str, Indicator] = {}
    for spec in data["indicators"]:
        values = {k: v for k, v in spec.items() if k != "code"}
        values.setdefault("direction", Direction.HIGHER)
        indicators[spec["code"]] = _upsert(Indicator, {"code": spec["code"]}, values)
    r = data["resolution"]
    resolution = _upsert(
        Resolution, {"code": r["code"]},
        {"title": r["title"], "issuer": units[r["issuer"]], "term": term, "period": r["period"],
         "source_ref": r["source_ref"], "kind": ResolutionKind.YEARLY, "status": ResolutionStatus.IN_FORCE},
    )
    leaders = data["leaders_by_category"]
    for order, spec in enumerate(data["targets"], start=1):
        indicator = indicators[spec["indicator"]]
        target = _upsert(
            Target, {"resolution": resolution, "number": spec["number"]},
            {"indicator": indicator, "comparator": spec["comparator"], "value": spec["value"],
             "value_max": spec.get("value_max"), "unit": spec["unit"], "period": r["period"],
             "baseline": spec.get("baseline", ""), "lead_unit": units[spec["lead"]],
             "leader": people[leaders[indicator.category]], "order": order},
        )
        _set_m2m(target.supporting_units, [units[c] for c in spec["support"]])
    sources = data["sources"]
    for spec in data["tasks"]:
        task = _upsert(
            Task, {"code": spec["code"]},
            {"title": spec["title"], "deadline": date.fromisoformat(spec["deadline"]),
             "deadline_text": spec["deadline_text"], "source": sources[spec["source"]],
             "lead_unit": units[spec["lead"]], "leader": people[spec["leader"]]},
        )
        _set_m2m(task.supporting_units, [units[c] for c in spec["support"]])
    return resolution, indicators, len(data["targets"])


def _sub_periods(year: int, frequency: str) -> list[Period]:
    if frequency == PeriodKind.MONTH:
        return [Period.month(year, m) for m in range(1, 13)]
    if frequency == PeriodKind.QUARTER:
        return [Period.quarter(year, q) for q in range(1, 5)]
    return [Period.year(year)]


def _stage(period: Period, last_year: int) -> Stage:
    if period.start.year < last_year:
        return Stage.OFFICIAL
    if period.kind == PeriodKind.YEAR or period.start.month >= 10:
        return Stage.ESTIMATE
    return Stage.PRELIMINARY


def _reported_on(period: Period, stage: Stage) -> date:
    """When a simulated figure would have been reported: estimates a few weeks before the
    period closes (for the year-end conference), preliminary figures ten days after it,
    official ones a month after."""
    if stage == Stage.ESTIMATE:
        return max(period.start, period.end - timedelta(days=25))
    return period.end + timedelta(days=10 if stage == Stage.PRELIMINARY else 30)


def _target_level(target: Target, indicator: Indicator) -> float:
    """The target's value in the indicator's unit (the middle of a range)."""
    value = target.value if target.value_max is None else (target.value + target.value_max) / 2
    try:
        return value * conversion_factor(target.unit, indicator.unit)
    except ValueError:
        return value


#: Units whose figures are whole counts: simulated figures in them are rounded to integers.
COUNT_UNITS = {"xã", "hộ", "đảng viên", "tổ chức đảng", "lượt tổ chức đảng", "lượt người"}


def _city_series(rng: random.Random, indicator: Indicator, level: float, year: int, last_year: int) -> Iterator[tuple[Period, float]]:
    """Plausible figures for one indicator and year at city level, around `level`."""
    behind = year < last_year
    if indicator.direction == Direction.LOWER:
        scale = rng.uniform(1.0, 1.15) if behind else rng.uniform(0.92, 1.12)
    else:
        scale = rng.uniform(0.82, 0.95) if behind else rng.uniform(0.9, 1.08)
    year_level = level * scale
    periods = _sub_periods(year, indicator.frequency)
    n = len(periods)
    if indicator.aggregation == Aggregation.SUM:
        weights = [1 + 0.25 * math.sin(2 * math.pi * (i + 0.5) / n - 1.0) for i in range(n)]
        total = sum(weights)
        for p, w in zip(periods, weights, strict=True):
            value = year_level * w / total * rng.uniform(0.95, 1.05)
            yield p, float(round(value)) if indicator.unit in COUNT_UNITS else round(value, 3)
    else:
        for i, p in enumerate(periods):
            drift = 1 - 0.04 * (n - 1 - i) / max(n - 1, 1)
            value = year_level * drift * rng.uniform(0.98, 1.02)
            if indicator.unit in COUNT_UNITS:
                yield p, float(round(value))
            else:
                yield p, round(min(value, 100.0) if indicator.unit == "%" else value, 3)


def _commune_value(rng: random.Random, code: str, period: Period, unit_index: int) -> float:
    q = (period.start.month + 2) // 3
    if code == "jobs":
        return float(round(56000 / 114 / 12 * rng.uniform(0.5, 1.5)))
    if code == "new-party-members":
        return float(rng.choice([0, 1, 2, 2, 3, 3, 4, 5]))
    if code == "poor-households":
        start = rng.choice([0] * 9 + [2, 4, 7]) if unit_index % 9 == 0 else 0
        return float(max(start - 2 * (q - 1), 1 if unit_index % 27 == 0 else 0))
    if code == "health-insurance":
        return round(min(100.0, rng.uniform(86, 96) + 0.2 * period.start.month), 2)
    if code == "dan-van-kheo":
        return 100.0 if rng.random() < 0.55 + 0.14 * q else 0.0
    return round(rng.uniform(0, 10), 2)


def simulated_rows(data: dict[str, Any], city: Unit, locals_: list[Unit], indicators: dict[str, Indicator],
                   resolution: Resolution, real_keys: set[tuple[str, int]]) -> list[dict[str, Any]]:
    """Return the simulated figures as rows for `record_observations` (source "mô phỏng").

    City-level series for every target indicator and simulated year, except indicators the
    communes report (the city figure is their aggregate) and (indicator, year) pairs that
    have a real figure; monthly or quarterly commune figures for the commune indicators.
    """
    sim = data["simulation"]
    rng = random.Random(sim["seed"])
    last_year = max(sim["city_years"])
    commune_codes = set(sim["commune_indicators"])
    rows: list[dict[str, Any]] = []
    targets = Target.objects.filter(resolution=resolution).select_related("indicator").order_by("order")
    for target in targets:
        indicator = target.indicator
        if indicator.code in commune_codes:
            continue
        level = _target_level(target, indicator)
        for year in sim["city_years"]:
            if (indicator.code, year) in real_keys:
                continue
            for period, value in _city_series(rng, indicator, level, year, last_year):
                stage = _stage(period, last_year)
                rows.append({"unit": city.code, "indicator": indicator.code, "period": period.code,
                             "value": value, "stage": stage, "source": SIMULATED_SOURCE,
                             "reported_on": _reported_on(period, stage)})
    year = sim["commune_year"]
    for code in sim["commune_indicators"]:
        indicator = indicators[code]
        for i, unit in enumerate(locals_):
            for period in _sub_periods(year, indicator.frequency):
                value = _commune_value(rng, code, period, i)
                if code == "jobs" and i == 7 and period.start.month == 8:
                    value *= 6  # a suspicious jump the review should flag
                stage = _stage(period, year)
                rows.append({"unit": unit.code, "indicator": code, "period": period.code, "value": value,
                             "stage": stage, "source": SIMULATED_SOURCE, "reported_on": _reported_on(period, stage)})
    return rows


def _missing(rows: list[dict[str, Any]], units: dict[str, Unit], indicators: dict[str, Indicator]) -> list[dict[str, Any]]:
    """The rows whose (unit, indicator, period, stage) is not stored yet."""
    stored = set(
        Observation.objects.filter(indicator__in=indicators.values()).values_list(
            "unit_id", "indicator_id", "period", "stage"
        )
    )
    return [
        r for r in rows
        if (units[r["unit"]].pk, indicators[r["indicator"]].pk, Period.parse(r["period"]).code, str(r["stage"])) not in stored
    ]


#: The target the demo breaks down into the communes' shares (issue 12): jobs, a sum.
SHARED_TARGET = "13"
SHARES_NOTE = f"Phần giao {SIMULATED_SOURCE} cho trình diễn (chia đều), không phải văn bản giao chỉ tiêu thật"


def _give_demo_shares(resolution: Resolution, locals_: list[Unit]) -> None:
    """Give target 13 (jobs) to the communes, wards and towns of 2021 in equal simulated shares that
    add up to it, through the one service shares are given by; kept as they are once given."""
    target = Target.objects.filter(resolution=resolution, number=SHARED_TARGET).select_related(
        "indicator", "resolution__issuer").first()
    if target is None or not locals_ or target.shares.exists():
        return
    base, extra = divmod(round(target.value), len(locals_))
    parts = [Part(u, float(base + (1 if i < extra else 0)), note=SHARES_NOTE) for i, u in enumerate(locals_)]
    give_shares(target, parts, system="Dữ liệu trình diễn: giao chỉ tiêu việc làm cho xã, phường")


def calendar_rows(data: dict[str, Any], locals_: list[Unit], indicators: dict[str, Indicator]) -> list[dict[str, Any]]:
    """The simulated monthly commune figures of CALENDAR_PERIOD, sent on time by every commune
    but the demo reporter's (the first local unit, chitieu.org.demo_accounts), which owes them."""
    late = local_units().order_by("order", "pk").first()
    rng = random.Random(data["simulation"]["seed"] + 1)
    period = Period.parse(CALENDAR_PERIOD)
    rows: list[dict[str, Any]] = []
    for code in data["simulation"]["commune_indicators"]:
        if indicators[code].frequency != PeriodKind.MONTH:
            continue
        for i, unit in enumerate(locals_):
            if late is not None and unit.pk == late.pk:
                continue
            rows.append({"unit": unit.code, "indicator": code, "period": period.code, "stage": Stage.PRELIMINARY,
                         "value": _commune_value(rng, code, period, i), "source": SIMULATED_SOURCE,
                         "reported_on": period.end + timedelta(days=10)})
    return rows


def load_reminder_demo(as_of: date = REMINDER_DAY) -> int:
    """Give the demo reporters an address that is never delivered (@chitieu.invalid) when they
    have none, then send the reminders due on `as_of` through the configured mail backend (the
    demo writes them to var/mail). Returns how many reminders the log holds for `as_of` (those
    sent before count: each goes once)."""
    from django.contrib.auth import get_user_model

    from chitieu.core.choices import Role
    from chitieu.reminders.services import send_reminders

    with transaction.atomic():
        for user in get_user_model().objects.filter(account__role=Role.REPORTER, email=""):
            user.email = f"{user.get_username()}@{DEMO_MAIL_DOMAIN}"
            user.save(update_fields=["email"])
    from chitieu.reminders.models import Reminder

    send_reminders(as_of)
    return Reminder.objects.filter(as_of=as_of).count()


#: A commune's own resolution, judged on the commune's own figures (issue 12). Simulated.
COMMUNE_RESOLUTION = "an-bien-2021"
#: The ward of 2021 (quận Lê Chân), not today's phường An Biên formed on 1/7/2025.
COMMUNE_RESOLUTION_WARD = "phuong-an-bien-11371-cu"


def _commune_resolution(units: dict[str, Unit], indicators: dict[str, Indicator]) -> None:
    """Phường An Biên's own 2021 resolution with two targets on the indicators it reports;
    its title and source say it is simulated."""
    ward = units.get(COMMUNE_RESOLUTION_WARD)
    if ward is None:
        return
    resolution = _upsert(
        Resolution, {"code": COMMUNE_RESOLUTION},
        {"title": f"Nghị quyết Đảng bộ phường An Biên về nhiệm vụ năm 2021 ({SIMULATED_SOURCE})", "issuer": ward,
         "period": "2021", "source_ref": f"Văn bản {SIMULATED_SOURCE} cho trình diễn, không phải nghị quyết thật",
         "kind": ResolutionKind.YEARLY, "status": ResolutionStatus.IN_FORCE},
    )
    for order, (number, code, comparator, value) in enumerate(
        [("1", "jobs", ">=", 500.0), ("2", "health-insurance", ">=", 93.0)], start=1
    ):
        indicator = indicators[code]
        _upsert(Target, {"resolution": resolution, "number": number},
                {"indicator": indicator, "comparator": comparator, "value": value, "unit": indicator.unit,
                 "period": "2021", "lead_unit": ward, "order": order,
                 "clause": f"({SIMULATED_SOURCE}) {indicator.name} đạt {format_number(value)} {indicator.unit} trở lên."})


#: The weak target the demo's lead unit has answered for (GRDP growth, not achieved in 2021).
EXPLAINED_TARGET = "1"


def _explain_demo_target(resolution: Resolution) -> None:
    """One weak target with its lead unit's follow-up, so the demo shows an answered flag next
    to the unanswered ones; the text is simulated and says so."""
    target = Target.objects.filter(resolution=resolution, number=EXPLAINED_TARGET).select_related("lead_unit").first()
    if target is None or target.follow_ups.exists():
        return
    explain(
        target, user=None, system="Dữ liệu trình diễn: giải trình mô phỏng",
        cause=f"[{SIMULATED_SOURCE}] Công nghiệp chế biến, chế tạo tăng thấp hơn kịch bản trong quý IV",
        action=f"[{SIMULATED_SOURCE}] Rà soát các dự án FDI chậm tiến độ, tháo gỡ vướng mắc mặt bằng",
        due=date(2022, 3, 31), today=date(2022, 1, 15),
    )


def load_demo(*, simulate: bool = True) -> DemoLoad:
    """Load (or complete) the demo in one transaction and return what it holds and added.

    Raises whatever the services raise if the data file breaks a rule (nothing is written then).
    """
    data = demo_data()
    with transaction.atomic():
        city = load_units().city
        load_units_history(city)  # the units before 1/7/2025 and the reorganisation
        units = {u.code: u for u in Unit.objects.all()}
        resolution, indicators, n_targets = _load_plan(data, units)
        _fill_clauses(resolution)
        sources = data["sources"]
        real = [
            {"unit": city.code, "indicator": r["indicator"], "period": r["period"], "value": r["value"],
             "unit_of_measure": r["unit"], "stage": r["stage"], "source": sources[r["source"]], "note": r["note"],
             "reported_on": data["source_dates"][r["source"]]}
            for r in data["results"]
        ]
        real_keys = {(r["indicator"], Period.parse(r["period"]).start.year) for r in data["results"]}
        todo = _missing(real, units, indicators)
        if todo:
            record_observations(todo, mode=Mode.DEMO)
        # The commune figures of 2021 are the old city's communes' (the units of that year);
        # the calendar's of January 2026 are today's.
        year = data["simulation"]["commune_year"]
        locals_ = old_local_units(city, date(year, 12, 31))
        today_locals = sorted((u for u in units.values() if u.kind in LOCAL_KINDS and u.parent_id == city.pk
                               and u.valid_to is None), key=lambda u: u.admin_code or 0)
        # Which units report what is data: every commune and ward reports the commune
        # indicators in the years the demo has their figures (2021, and today's from 2026), so
        # the city's figure combined from them says "167/167" in 2021 and "114/114" in 2026.
        have = set(Assignment.objects.values_list("indicator_id", "unit_id"))
        bulk_create_with_history(
            [Assignment(indicator=indicators[code], unit=u, valid_from=start, valid_to=end)
             for code in data["simulation"]["commune_indicators"]
             for units_, (start, end) in ((locals_, (date(year, 1, 1), date(year, 12, 31))),
                                          (today_locals, (Period.parse(CALENDAR_PERIOD).start, None)))
             for u in units_ if (indicators[code].pk, u.pk) not in have],
            Assignment, default_change_reason="Dữ liệu trình diễn: xã, phường báo cáo chỉ tiêu cấp xã",
        )
        _give_demo_shares(resolution, locals_)
        _explain_demo_target(resolution)
        _commune_resolution(units, indicators)
        from chitieu.demo.plans_2025 import load_plans_2025

        plans_added = load_plans_2025(city)  # today's city: hp-2025, hp-2026 and the 2026-2030 plan
        from chitieu.demo.before_merger import load_before_merger

        plans_added += load_before_merger(city)  # the old city's and Hải Dương's GRDP, 2021-2024
        sim_added = 0
        if simulate:
            rows = simulated_rows(data, city, locals_, indicators, resolution, real_keys)
            rows += calendar_rows(data, today_locals, indicators)
            todo_sim = _missing(rows, units, indicators)
            if todo_sim:
                record_observations(todo_sim, mode=Mode.DEMO)
            sim_added = len(todo_sim)
    return DemoLoad(
        resolution=resolution, units=len(units), indicators=len(indicators), targets=n_targets,
        tasks=len(data["tasks"]), real_added=len(todo) + plans_added, simulated_added=sim_added,
    )
