"""Benchmark: how well calibrated the chance of meeting a target is (chitieu.core.pace).

    python bench/forecast.py                 # the demo's series and 600 simulated cases per kind
    python bench/forecast.py --simulated 200 --seed 7

Backtest: each forecast is the probability a review gave for a target not yet final, at a
date before the end of its period; its outcome is the verdict once the period's figure is
known (exceeded or achieved = 1, not achieved = 0).

- Demo: the demo (`chitieu demo` data) is loaded into a temporary SQLite database; the 2021
  resolution's targets are reviewed as of the end of each quarter and November
  (`evaluate_resolution`, the one way a review is made, figures known by then) and judged
  once 2021 is over; the same targets are also set for 2019 and 2020, whose simulated
  figures the demo carries, and judged by the core on those years' figures; the 2025 plan
  (`hp-2025`) is reviewed after 6 and 9 months on its real figures and judged at the year's end.
- Simulated: units with their own history (three earlier years) for a growth within a year
  (GRDP-like: half-year growth, an acceleration of the second half), a cumulative sum (monthly,
  seasonal) and a term's average growth (five years), targets set around what happens.

Prints, per set and for all: n, the Brier score (`brier=`; 0.25 is a coin toss) and the
reliability table (per tenth of probability: forecasts, mean probability, share met).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chitieu.core.choices import Aggregation, Comparator, Stage, Status, TermAggregation  # noqa: E402
from chitieu.core.evaluation import Observation, TargetSpec, evaluate  # noqa: E402
from chitieu.core.periods import Period  # noqa: E402
from chitieu.core.quantities import UnitError, conversion_factor  # noqa: E402

MET = (Status.EXCEEDED, Status.ACHIEVED)
JUDGED = (*MET, Status.NOT_ACHIEVED)
Case = tuple[float, int, str]  # (probability, outcome, method)


def _outcome(spec: TargetSpec, obs: list[Observation], end: date) -> int | None:
    e = evaluate(spec, obs, as_of=end)
    return None if e.status not in JUDGED else int(e.status in MET)


def _forecast(spec: TargetSpec, obs: list[Observation], as_of: date) -> tuple[float, str] | None:
    e = evaluate(spec, [o for o in obs if o.period.end <= as_of], as_of=as_of)
    return None if e.probability is None else (e.probability.value, e.probability.method)


# ---- simulated --------------------------------------------------------------------------------


def simulated_growth(rng: random.Random, n: int) -> list[Case]:
    """Growth within a year: H1 and the year's growth, three earlier years of the same unit."""
    out: list[Case] = []
    year = 2025
    for _ in range(n):
        trend, accel, noise = rng.gauss(8, 2), rng.gauss(0.5, 0.7), rng.uniform(0.7, 2.0)
        obs = []
        for y in range(year - 3, year + 1):
            h1 = trend + rng.gauss(0, noise)
            h2 = h1 + accel + rng.gauss(0, noise)
            whole = 0.465 * h1 + 0.535 * h2
            obs.append(Observation(Period.half(y, 1), round(h1, 2), Stage.OFFICIAL))
            obs.append(Observation(Period.year(y), round(whole, 2), Stage.OFFICIAL))
        plan = obs[-1].value + rng.gauss(0, 1.5)
        spec = TargetSpec(Comparator.INCREASE_BY, round(plan, 2), None, "%", Period.year(year),
                          aggregation=Aggregation.AVERAGE)
        met = _outcome(spec, obs, date(year + 1, 3, 1))
        got = _forecast(spec, obs, date(year, 7, 15))
        if met is not None and got is not None:
            out.append((got[0], met, got[1]))
    return out


def simulated_sum(rng: random.Random, n: int) -> list[Case]:
    """A cumulative sum (budget revenue): monthly, seasonal, three earlier years; forecast at
    the end of months 3, 6 and 9."""
    out: list[Case] = []
    year = 2025
    for _ in range(n):
        level, growth, noise = rng.uniform(500, 2000), rng.gauss(0.08, 0.05), rng.uniform(0.03, 0.15)
        shape = [1 + 0.3 * math.sin(2 * math.pi * (m + 0.5) / 12 - 1.0) for m in range(12)]
        obs = []
        expected = 0.0
        for y in range(year - 3, year + 1):
            base = level * (1 + growth) ** (y - year + 3)
            shock = rng.gauss(1, noise)
            for m in range(12):
                value = base / 12 * shape[m] * shock * rng.gauss(1, noise)
                obs.append(Observation(Period.month(y, m + 1), round(max(value, 0.0), 3), Stage.OFFICIAL))
            expected = base
        plan = expected * rng.uniform(0.9, 1.1)
        spec = TargetSpec(Comparator.GE, round(plan, 1), None, "tỷ đồng", Period.year(year),
                          aggregation=Aggregation.SUM)
        met = _outcome(spec, obs, date(year + 1, 3, 1))
        for month in (3, 6, 9):
            got = _forecast(spec, obs, Period.month(year, month).end)
            if met is not None and got is not None:
                out.append((got[0], met, got[1]))
    return out


def simulated_term(rng: random.Random, n: int) -> list[Case]:
    """A term's average growth (five years, three earlier years known): forecast after each of
    the first four years."""
    out: list[Case] = []
    first = 2021
    for _ in range(n):
        mean, sd = rng.gauss(7, 2), rng.uniform(0.5, 2.5)
        obs = [Observation(Period.year(y), round(mean + rng.gauss(0, sd), 2), Stage.OFFICIAL)
               for y in range(first - 3, first + 5)]
        plan = mean + rng.gauss(0, 1)
        spec = TargetSpec(Comparator.INCREASE_BY, round(plan, 2), None, "%", Period.term(first, first + 4),
                          aggregation=Aggregation.AVERAGE, term_aggregation=TermAggregation.AVERAGE)
        met = _outcome(spec, obs, date(first + 5, 3, 1))
        for done in range(1, 5):
            got = _forecast(spec, obs, date(first + done, 1, 15))
            if met is not None and got is not None:
                out.append((got[0], met, got[1]))
    return out


# ---- the demo ---------------------------------------------------------------------------------


def demo_cases() -> list[Case]:
    """The demo's 2021 resolution reviewed at each quarter's end, and its targets set for the
    two earlier simulated years (module docstring)."""
    tmp = tempfile.mkdtemp(prefix="chitieu-forecast-")
    os.environ["CHITIEU_DATABASE_URL"] = f"sqlite:///{tmp}/forecast.sqlite3"
    os.environ.setdefault("CHITIEU_TESTING", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chitieu.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from chitieu.demo.loader import load_demo
    from chitieu.monitoring.review import evaluate_resolution, latest_observations, target_spec

    settings.REVIEW_CACHE_SECONDS = 0
    call_command("migrate", verbosity=0, interactive=False)
    resolution = load_demo().resolution
    final = {r.target.pk: r.evaluation.status for r in evaluate_resolution(resolution, as_of=date(2022, 12, 31)).rows}
    out: list[Case] = []
    for as_of in (date(2021, 3, 31), date(2021, 6, 30), date(2021, 9, 30), date(2021, 11, 30)):
        for row in evaluate_resolution(resolution, as_of=as_of).rows:
            p, status = row.evaluation.probability, final.get(row.target.pk)
            if p is not None and status in JUDGED:
                out.append((p.value, int(status in MET), p.method))
    # Today's city: the 2025 plan re-based after the merger, on its real figures only (GRDP
    # after 6 and 9 months, judged on the year's 11,81%).
    from chitieu.plans.models import Resolution

    hp2025 = Resolution.objects.filter(code="hp-2025").first()
    if hp2025 is not None:
        year_end = {r.target.pk: r.evaluation.status for r in evaluate_resolution(hp2025, as_of=date(2025, 12, 31)).rows}
        for as_of in (date(2025, 7, 31), date(2025, 10, 31)):
            for row in evaluate_resolution(hp2025, as_of=as_of).rows:
                p, status = row.evaluation.probability, year_end.get(row.target.pk)
                if p is not None and status in JUDGED and not row.simulated:
                    out.append((p.value, int(status in MET), p.method))
    # The same targets set for 2019 and 2020, judged on those years' (simulated) figures.
    rows = evaluate_resolution(resolution, as_of=date(2022, 12, 31)).rows
    indicators = list({r.indicator.pk: r.indicator for r in rows}.values())
    figures = latest_observations(indicators, [Period.year(2021)], as_of=date(2022, 12, 31), history="all")
    for row in rows:
        try:
            spec = target_spec(row.target)
        except ValueError:
            continue
        if spec.period.months != 12:
            continue
        try:  # figures in the target's unit, as the review reads them
            factor = conversion_factor(row.indicator.unit, row.target.unit)
        except UnitError:
            factor = 1.0
        obs = [replace(o, value=o.value * factor) for o in figures.get(row.indicator.pk, [])]
        for year in (2019, 2020):
            shifted = replace(spec, period=Period.year(year))
            these = [o for o in obs if o.period.end <= shifted.period.end]
            met = _outcome(shifted, these, date(year + 1, 6, 30))
            for month in (3, 6, 9):
                got = _forecast(shifted, these, Period.month(year, month).end)
                if met is not None and got is not None:
                    out.append((got[0], met, got[1]))
    return out


# ---- scores -----------------------------------------------------------------------------------


def brier(cases: Iterable[Case]) -> float:
    cases = list(cases)
    return math.fsum((p - o) ** 2 for p, o, _ in cases) / len(cases) if cases else float("nan")


def report(name: str, cases: list[Case]) -> None:
    methods: dict[str, int] = {}
    for _, _, m in cases:
        methods[m] = methods.get(m, 0) + 1
    met = sum(o for _, o, _ in cases)
    print(f"\n== {name}: n={len(cases)} đạt={met} brier={brier(cases):.4f} "
          f"(tung đồng xu 0.2500; luôn đoán tỷ lệ chung {brier((met / len(cases), o, '') for _, o, _ in cases):.4f})"
          if cases else f"\n== {name}: n=0")
    if not cases:
        return
    print(f"   phương pháp: {methods}")
    print(f"   {'xác suất':<10} {'số dự báo':>10} {'TB xác suất':>12} {'tỷ lệ đạt':>10}")
    for i in range(10):
        lo, hi = i / 10, (i + 1) / 10
        inside = [(p, o) for p, o, _ in cases if lo <= p < hi or (i == 9 and p == 1.0)]
        if not inside:
            continue
        mean_p = sum(p for p, _ in inside) / len(inside)
        freq = sum(o for _, o in inside) / len(inside)
        print(f"   {lo:.1f}–{hi:.1f}    {len(inside):>10} {mean_p:>12.3f} {freq:>10.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--simulated", type=int, default=600, help="simulated units per kind of target")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--no-demo", action="store_true", help="skip the demo's series")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    sets = {}
    if not args.no_demo:
        sets["demo (hp-2021, hp-2025 số thật, và 2019-2020 mô phỏng)"] = demo_cases()
    sets["mô phỏng: tăng trưởng trong năm"] = simulated_growth(rng, args.simulated)
    sets["mô phỏng: tổng cộng dồn"] = simulated_sum(rng, args.simulated)
    sets["mô phỏng: tăng bình quân giai đoạn"] = simulated_term(rng, args.simulated)
    for name, cases in sets.items():
        report(name, cases)
    report("tất cả", [c for cases in sets.values() for c in cases])


if __name__ == "__main__":
    main()
