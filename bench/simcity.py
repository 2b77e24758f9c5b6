"""A simulated city for benchmarks: the real city tree (114 communes from vietnam-provinces),
N simulated indicators, M years of monthly figures for every commune (and for the city itself
on a third of the indicators), and resolutions whose targets cover the indicators.

Figures are written with raw multi-row inserts (SQLite) or COPY (PostgreSQL), without history
records: this is benchmark data, not user data. Every figure carries source "mô phỏng".
Generation is deterministic (seeded) and skipped when the database already holds the same
city (same indicator count, years and row count), so benchmarks can be re-run cheaply.

Used by bench/evaluate.py; later benchmarks can call `build_city(...)` the same way.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection, transaction
from django.utils import timezone

from chitieu.core.choices import (
    SIMULATED_SOURCE,
    Aggregation,
    Category,
    Comparator,
    Direction,
    EntryState,
    PeriodKind,
    Stage,
)
from chitieu.core.periods import Period
from chitieu.monitoring.models import Observation
from chitieu.org.models import Unit
from chitieu.org.services import LOCAL_KINDS, load_units
from chitieu.plans.models import Indicator, Resolution, Target

PREFIX = "sim-"
COLUMNS = ("period", "period_start", "period_end", "value", "entered_unit", "stage", "state", "source",
           "note", "correction_reason", "entered_at", "updated_at", "indicator_id", "unit_id", "version", "warnings")


@dataclass
class SimCity:
    """What is in the database: the city, its local units, indicators and the resolutions."""

    city: Unit
    communes: list[Unit]
    indicators: list[Indicator]
    resolutions: list[Resolution]
    observations: int
    first_year: int
    last_year: int
    generated_seconds: float | None  # None when reused
    #: The simulated provinces beside the city (with --provinces), each with its communes.
    provinces: list[Unit] = field(default_factory=list)


def _indicators(n: int) -> list[Indicator]:
    aggs = [Aggregation.SUM, Aggregation.SUM, Aggregation.AVERAGE, Aggregation.LAST, Aggregation.LAST]
    cats = list(Category)
    existing = {i.code: i for i in Indicator.objects.filter(code__startswith=PREFIX)}
    todo = []
    for k in range(n):
        code = f"{PREFIX}{k + 1:03d}"
        if code in existing:
            continue
        agg = aggs[k % len(aggs)]
        todo.append(Indicator(
            code=code, name=f"Chỉ tiêu mô phỏng {k + 1}", category=cats[k % len(cats)],
            unit="tỷ đồng" if agg == Aggregation.SUM else "%",
            direction=Direction.LOWER if k % 7 == 0 else Direction.HIGHER, aggregation=agg,
            unit_aggregation=Aggregation.SUM if agg == Aggregation.SUM else Aggregation.AVERAGE,
            frequency=PeriodKind.MONTH,
        ))
    Indicator.objects.bulk_create(todo)
    return list(Indicator.objects.filter(code__startswith=PREFIX).order_by("code")[:n])


def _provinces(n: int) -> list[Unit]:
    """`n - 1` simulated provinces beside the real city ("sim-tinh-02" ...), roots of their
    own communes: the nation's 34 with `n` 34. Those beyond are removed (their communes are
    moved back first)."""
    from chitieu.core.choices import UnitKind

    have = {u.code: u for u in Unit.objects.filter(code__startswith=f"{PREFIX}tinh-")}
    wanted = [f"{PREFIX}tinh-{k:02d}" for k in range(2, n + 1)]
    out = []
    for k, code in enumerate(wanted, start=2):
        unit = have.get(code) or Unit.objects.create(code=code, name=f"Tỉnh mô phỏng {k}", kind=UnitKind.PROVINCE,
                                                    order=k)
        out.append(unit)
    return out


def _extra_communes(city: Unit, wanted: int, real: list[Unit], provinces: list[Unit]) -> tuple[list[Unit], bool]:
    """The local units a city (or nation) of `wanted` communes has: the real ones first, then
    simulated communes ("sim-xa-0115" ...) for the rest, below the city or, with `provinces`,
    spread over them in blocks; simulated communes beyond `wanted` are removed (their
    figures first). `wanted` 0 keeps the real ones only. Returns the communes and whether
    any unit was added, removed or moved (the combined figures are then rebuilt)."""
    from chitieu.core.choices import UnitKind

    extra = Unit.objects.filter(code__startswith=f"{PREFIX}xa-")
    keep = max(wanted - len(real), 0)
    surplus = list(extra.order_by("code").values_list("pk", flat=True)[keep:])
    changed = bool(surplus)
    if surplus:
        with connection.cursor() as cur:
            marks = ", ".join(["%s"] * len(surplus))
            cur.execute(f"DELETE FROM {Observation._meta.db_table} WHERE unit_id IN ({marks})", surplus)
            cur.execute(f"DELETE FROM {Unit._meta.db_table} WHERE id IN ({marks})", surplus)
    have = extra.count()
    if have < keep:
        changed = True
        Unit.objects.bulk_create([
            Unit(code=f"{PREFIX}xa-{n:04d}", name=f"Xã mô phỏng {n}", kind=UnitKind.COMMUNE, parent=city,
                 order=10000 + n)
            for n in range(len(real) + have + 1, len(real) + keep + 1)
        ])
    parents = provinces or [city]
    units = list(extra.order_by("code"))
    block = -(-len(units) // len(parents)) if units else 1
    for i, unit in enumerate(units):
        # bulk_create and update() skip Unit.save, which sets the path below the parent.
        parent = parents[i // block]
        path = f"{parent.path}{unit.pk}/"
        if unit.parent_id != parent.pk or unit.path != path:
            Unit.objects.filter(pk=unit.pk).update(parent=parent, path=path)
            changed = True
    communes = real[:wanted] if 0 < wanted < len(real) else real + list(extra.order_by("code"))
    return communes, changed


def _level(indicator: Indicator) -> float:
    return 100.0 if indicator.aggregation == Aggregation.SUM else 60.0


def _rows(city: Unit, communes: list[Unit], indicators: list[Indicator], years: range,
          rng: random.Random) -> Iterator[tuple]:
    now = timezone.now()
    months = [Period.month(y, m) for y in years for m in range(1, 13)]
    last_year = years[-1]
    for i, ind in enumerate(indicators):
        level = _level(ind)
        reporters = communes + ([city] if i % 3 == 0 else [])
        for unit in reporters:
            base = level * rng.uniform(0.7, 1.3) * (len(communes) if unit is city and ind.aggregation == Aggregation.SUM else 1)
            for p in months:
                growth = 1 + 0.05 * (p.start.year - years[0])
                season = 1 + 0.2 * ((p.start.month % 12) - 6) / 6 if ind.aggregation == Aggregation.SUM else 1
                value = round(base * growth * season * rng.uniform(0.9, 1.1), 3)
                stage = Stage.ESTIMATE if p.start.year == last_year and p.start.month > 9 else Stage.OFFICIAL
                yield (p.code, p.start, p.end, value, ind.unit, stage.value, EntryState.APPROVED.value,
                       SIMULATED_SOURCE, "", "", now, now, ind.pk, unit.pk, 1, "")


def _insert(rows: Iterator[tuple], batch: int = 20000, progress=None) -> int:
    """Write rows in batches; COPY on PostgreSQL, multi-row executemany elsewhere."""
    table = Observation._meta.db_table
    count = 0
    if connection.vendor == "postgresql":
        raw = connection.connection  # psycopg 3
        while True:
            chunk = list(islice(rows, batch))
            if not chunk:
                break
            with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for r in chunk:
                    copy.write_row(r)
            count += len(chunk)
            if progress:
                progress(count)
        return count
    sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
    with connection.cursor() as cur:
        while True:
            chunk = list(islice(rows, batch))
            if not chunk:
                break
            cur.executemany(sql, chunk)
            count += len(chunk)
            if progress:
                progress(count)
    return count


def _resolutions(city: Unit, indicators: list[Indicator], year: int, focus: int, communes: int) -> list[Resolution]:
    """One resolution with `focus` targets, one with a target for every other indicator;
    cumulative targets scale with the number of communes (1.4 times a commune's year)."""
    out = []
    specs = [(f"{PREFIX}nq-{year}", indicators[:focus]), (f"{PREFIX}nq-{year}-con-lai", indicators[focus:])]
    for code, inds in specs:
        res, _ = Resolution.objects.get_or_create(
            code=code, defaults={"title": f"Nghị quyết mô phỏng {code}", "issuer": city, "period": str(year)})
        if not res.targets.exists():
            targets = []
            for n, ind in enumerate(inds, start=1):
                comp = Comparator.LE if ind.direction == Direction.LOWER else Comparator.GE
                per_city = _level(ind) * 12 * 1.4 * communes if ind.aggregation == Aggregation.SUM else _level(ind)
                p = Period.year(year)
                targets.append(Target(resolution=res, indicator=ind, number=str(n), comparator=comp,
                                      value=round(per_city, 1), unit=ind.unit, period=p.code,
                                      period_start=p.start, period_end=p.end, order=n))
            Target.objects.bulk_create(targets)
        for t in res.targets.select_related("indicator").filter(indicator__aggregation=Aggregation.SUM):
            value = round(_level(t.indicator) * 12 * 1.4 * communes, 1)
            if t.value != value:
                Target.objects.filter(pk=t.pk).update(value=value)
        out.append(res)
    return out


def build_city(*, indicators: int = 300, years: int = 10, last_year: int = 2024, focus_targets: int = 40,
               communes: int = 0, provinces: int = 1, seed: int = 7, progress=None) -> SimCity:
    """Create (or reuse) the simulated city; return what it holds.

    Rows: the communes x `indicators` x 12 x `years`, plus the city's own monthly figures
    for every third indicator. The communes are the city's 114 real ones, or `communes` of
    them: fewer real ones, or the real ones and simulated communes below the city (456, 912,
    3,321 for the nation's count).
    """
    first_year = last_year - years + 1
    city = load_units().city
    real = list(Unit.objects.filter(parent=city, kind__in=LOCAL_KINDS, admin_code__isnull=False).order_by("admin_code"))
    province_units = _provinces(provinces)
    communes_list, moved = _extra_communes(city, communes, real, province_units)
    inds = _indicators(indicators)
    expected = len(inds) * 12 * years * len(communes_list) + len(inds[::3]) * 12 * years
    stored = Observation.objects.filter(indicator__code__startswith=PREFIX).count()
    took = None
    if stored != expected:
        started = time.perf_counter()
        with transaction.atomic():
            # Raw delete: the ORM would load every row to send history signals.
            with connection.cursor() as cur:
                cur.execute(
                    f"DELETE FROM {Observation._meta.db_table} WHERE indicator_id IN "
                    f"(SELECT id FROM {Indicator._meta.db_table} WHERE code LIKE %s)", [f"{PREFIX}%"],
                )
            rows = _rows(city, communes_list, inds, range(first_year, last_year + 1), random.Random(seed))
            stored = _insert(rows, progress=progress)
        took = time.perf_counter() - started
    # The communes' combined figures (chitieu.monitoring.combined) of rows written around the
    # write service: rebuilt after a generation, or when missing.
    # The units' best figures (chitieu.monitoring.unit_figures) likewise.
    from chitieu.monitoring import unit_figures
    from chitieu.monitoring.combined import rebuild
    from chitieu.monitoring.models import CombinedFigure, UnitFigure

    if took is not None or moved or not CombinedFigure.objects.filter(indicator__code__startswith=PREFIX).exists():
        started = time.perf_counter()
        with transaction.atomic():
            rebuild([i.pk for i in inds])
        took = (took or 0.0) + time.perf_counter() - started
    if took is not None or not UnitFigure.objects.filter(indicator__code__startswith=PREFIX).exists():
        started = time.perf_counter()
        with transaction.atomic():
            unit_figures.rebuild([i.pk for i in inds])
        took = (took or 0.0) + time.perf_counter() - started
    # Fresh planner statistics on the tables a review joins; without them PostgreSQL may
    # guess one commune and loop over the figures once per commune.
    tables = [Observation._meta.db_table, Unit._meta.db_table, Indicator._meta.db_table, CombinedFigure._meta.db_table,
              UnitFigure._meta.db_table]
    with connection.cursor() as cur:
        for table in tables:
            cur.execute(f"ANALYZE {table}")
    resolutions = _resolutions(city, inds, last_year, focus_targets, len(communes_list))
    return SimCity(city, communes_list, inds, resolutions, stored, first_year, last_year, took, province_units)

