"""Benchmark: evaluate a 40-target resolution and a whole-city review on a simulated city.

    python bench/evaluate.py                      # SQLite, and PostgreSQL when a URL is set
    python bench/evaluate.py --indicators 60 --years 3 --backends sqlite   # a quick run

The city: the 114 communes of the configured province, `--indicators` indicators, `--years`
years of monthly figures for every commune and indicator (114 x 300 x 120 = 4.1 million rows
by default) plus the city's own figures for every third indicator (see bench/simcity.py).
PostgreSQL runs when CHITIEU_BENCH_DATABASE_URL (or CHITIEU_TEST_DATABASE_URL) is set; the
benchmark then uses a separate database named "<name>_bench" on that server (created when
missing), never the database in the URL itself. SQLite uses var/bench.sqlite3. With
`--communes N` the city has N local units (the 114 real ones, then simulated communes) and
its own databases ("<name>_bench_N", var/bench_N.sqlite3).

Last line per backend, from the same run: `database=postgresql communes=N figures=F
review=S.SSs raw=S.SSs ratio=R.RRx`: the whole-city review against the smallest hand-written
SQL that fetches the same figures (`_raw_city_figures`); `--explain` prints the plan of the
review's slowest query (EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL) to stderr.

Prints, per backend and scenario: wall time (median and best of --repeat runs), the number
of queries, and peak Python memory (tracemalloc, measured on a separate run). The review
cache is off for the timed evaluations (each computes from the figures); the last scenario
is a later reader of a review already in the cache (the first reader paid the rows above).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _pg_bench_url(url: str, suffix: str = "") -> str:
    """The URL of the "<name>_bench" database (with `suffix`, e.g. "_456" for a city of 456
    communes) on the same server, created when missing."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "postgres"
    bench = f"{name}_bench{suffix}"
    with psycopg.connect(url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (bench,)).fetchone():
            conn.execute(f'CREATE DATABASE "{bench}" TEMPLATE template0 ENCODING \'UTF8\'')
    return urlunsplit(parts._replace(path=f"/{bench}"))


def _measure(fn, repeat: int) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    times = []
    result = None
    queries = 0
    for _ in range(repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - started)
        queries = len(ctx)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"median_s": statistics.median(times), "best_s": min(times), "queries": queries,
            "peak_mb": peak / 2**20, "result": result}


def _raw_city_figures(sim, as_of: date):
    """The smallest hand-written SQL fetching the figures the whole-city review needs: the
    city's own approved figures, and the communes' grouped by indicator, period and stage
    (sum and count), over the review's window (cumulative indicators from three years
    before the target year, the others from its start). Returns the number of rows read;
    what the engine alone costs, the yardstick of the review's `ratio`."""
    from django.db import connection

    from chitieu.core.choices import Aggregation, EntryState
    from chitieu.core.forecast import SEASONAL_YEARS
    from chitieu.org.services import LOCAL_KINDS

    start, recent = date(sim.last_year - SEASONAL_YEARS, 1, 1), date(sim.last_year, 1, 1)
    cumulative = [i.pk for i in sim.indicators if i.aggregation == Aggregation.SUM] or [-1]
    others = [i.pk for i in sim.indicators if i.aggregation != Aggregation.SUM] or [-1]

    def marks(xs):
        return ", ".join(["%s"] * len(xs))

    where = (f"o.state = %s AND (o.reported_on IS NULL OR o.reported_on <= %s) AND o.period_start <= %s "
             f"AND o.period_end <= %s AND ((o.indicator_id IN ({marks(cumulative)}) AND o.period_start >= %s) "
             f"OR (o.indicator_id IN ({marks(others)}) AND o.period_start >= %s))")
    params = [EntryState.APPROVED.value, as_of, as_of, as_of, *cumulative, start, *others, recent]
    kinds = [str(k) for k in LOCAL_KINDS]
    own = (f"SELECT o.indicator_id, o.period, o.value, o.stage FROM monitoring_observation o "
           f"WHERE o.unit_id = %s AND {where}")
    combined = (f"SELECT o.indicator_id, o.period, o.stage, SUM(o.value), COUNT(*) FROM monitoring_observation o "
                f"JOIN org_unit u ON u.id = o.unit_id WHERE u.kind IN ({marks(kinds)}) AND {where} "
                f"GROUP BY o.indicator_id, o.period, o.stage")
    n = 0
    with connection.cursor() as cur:
        cur.execute(own, [sim.city.pk, *params])
        n += len(cur.fetchall())
        cur.execute(combined, [*kinds, *params])
        n += len(cur.fetchall())
    return n


def _explain_slowest(fn, top: int = 2) -> str:
    """Each query `fn` runs with its time, then EXPLAIN (ANALYZE, BUFFERS) of the `top`
    slowest (PostgreSQL; SQLite gives its EXPLAIN QUERY PLAN)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    queries = ctx.captured_queries
    lines = [f"-- {float(q['time']):.3f}s {q['sql'][:160]}" for q in queries]
    for q in sorted(queries, key=lambda q: -float(q["time"]))[:top]:
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                cur.execute(f"EXPLAIN (ANALYZE, BUFFERS) {q['sql']}")
            else:
                cur.execute(f"EXPLAIN QUERY PLAN {q['sql']}")
            plan = "\n".join(" | ".join(str(c) for c in row) for row in cur.fetchall())
        lines.append(f"-- plan of the {float(q['time']):.3f}s query:\n{q['sql']}\n{plan}")
    return "\n".join(lines)


def child(args: argparse.Namespace) -> None:
    """Run inside one backend's process: migrate, build the city, time the scenarios."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chitieu.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.simcity import build_city
    from chitieu.monitoring.review import city_review, evaluate_resolution
    from chitieu.org.models import Unit

    call_command("migrate", verbosity=0, interactive=False)

    def cached_review(resolution, as_of):
        """The same review asked again with the review cache on: what a second reader pays."""
        from django.conf import settings

        settings.REVIEW_CACHE_SECONDS = 600
        try:
            return evaluate_resolution(resolution, as_of=as_of)
        finally:
            settings.REVIEW_CACHE_SECONDS = 0

    def progress(n: int) -> None:
        if n % 500000 < 20000:
            print(f"  … {n:,} dòng", file=sys.stderr, flush=True)

    sim = build_city(indicators=args.indicators, years=args.years, focus_targets=args.targets,
                     communes=args.communes, provinces=args.provinces, progress=progress)
    focus, rest = sim.resolutions
    year_end = date(sim.last_year, 12, 31)
    mid_year = date(sim.last_year, 6, 30)
    commune = sim.communes[len(sim.communes) // 2]
    scenarios = {
        f"nghị quyết {focus.targets.count()} chỉ tiêu, cuối năm": lambda: evaluate_resolution(focus, as_of=year_end),
        f"nghị quyết {focus.targets.count()} chỉ tiêu, giữa năm (dự báo)": lambda: evaluate_resolution(focus, as_of=mid_year),
        f"nghị quyết {focus.targets.count()} chỉ tiêu, một xã": lambda: evaluate_resolution(focus, as_of=year_end, unit=commune),
        f"toàn thành phố ({focus.targets.count() + rest.targets.count()} chỉ tiêu)": lambda: city_review(year_end),
        f"nghị quyết {focus.targets.count()} chỉ tiêu, hỏi lại (bộ nhớ đệm)": lambda: cached_review(focus, year_end),
    }
    if sim.provinces:
        province = sim.provinces[len(sim.provinces) // 2]

        def province_review():
            """The whole-city review's targets judged on one province's communes."""
            from types import SimpleNamespace

            from chitieu.monitoring.review import _periods_of, evaluate_targets, latest_observations
            from chitieu.plans.models import Target

            targets = list(Target.objects.filter(resolution__in=sim.resolutions, confirmed=True).select_related(
                "indicator", "lead_unit", "resolution"))
            indicators = list({t.indicator_id: t.indicator for t in targets}.values())
            figures = latest_observations(indicators, set(_periods_of(targets)), as_of=year_end, city=province,
                                          history="cumulative")
            return SimpleNamespace(rows=evaluate_targets(targets, figures, as_of=year_end))

        n = Unit.objects.filter(parent=province).count()
        scenarios[f"một tỉnh ({n} xã, {len(sim.indicators)} chỉ tiêu)"] = province_review
    out = {
        "backend": connection.vendor,
        "rows": sim.observations,
        "communes": len(sim.communes),
        "indicators": len(sim.indicators),
        "years": f"{sim.first_year}-{sim.last_year}",
        "generated_s": sim.generated_seconds,
        "scenarios": [],
    }
    cached_review(focus, year_end)  # the first reader fills the cache, outside the timing
    for name, fn in scenarios.items():
        m = _measure(fn, args.repeat)
        counts = {}
        for row in m.pop("result").rows:
            counts[str(row.evaluation.status)] = counts.get(str(row.evaluation.status), 0) + 1
        out["scenarios"].append({"name": name, **m, "statuses": counts})
        if name.startswith("toàn thành phố"):
            out["review_s"] = m["median_s"]
    raw = _measure(lambda: _raw_city_figures(sim, year_end), args.repeat)
    out["raw_s"] = raw["median_s"]
    out["raw_rows"] = raw["result"]
    if args.explain:
        print(_explain_slowest(lambda: city_review(year_end)), file=sys.stderr, flush=True)
    print(json.dumps(out, ensure_ascii=False))


def _print(report: dict) -> None:
    gen = report["generated_s"]
    gen_text = f"sinh dữ liệu {gen:.0f}s" if gen is not None else "dùng lại dữ liệu đã sinh"
    print(f"\n== {report['backend']}: {report['rows']:,} số liệu "
          f"({report['communes']} xã/phường x {report['indicators']} chỉ tiêu x tháng {report['years']}, "
          f"cộng số của thành phố cho 1/3 chỉ tiêu; {gen_text})")
    print(f"{'kịch bản':<48} {'trung vị':>9} {'tốt nhất':>9} {'truy vấn':>9} {'bộ nhớ đỉnh':>12}")
    for s in report["scenarios"]:
        print(f"{s['name']:<48} {s['median_s']:>8.3f}s {s['best_s']:>8.3f}s {s['queries']:>9} {s['peak_mb']:>9.1f} MB")
        print(f"{'':<48} trạng thái: {s['statuses']}")
    database = "postgresql" if report["backend"] == "postgresql" else report["backend"]
    print(f"database={database} communes={report['communes']} figures={report['rows']} "
          f"review={report['review_s']:.2f}s raw={report['raw_s']:.2f}s ratio={report['review_s'] / report['raw_s']:.2f}x",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--targets", type=int, default=40, help="targets of the focus resolution")
    parser.add_argument("--communes", type=int, default=0,
                        help="local units of the city (default: the 114 real ones; more are simulated)")
    parser.add_argument("--provinces", type=int, default=1,
                        help="spread the simulated communes over this many provinces (34: the nation)")
    parser.add_argument("--explain", action="store_true",
                        help="print EXPLAIN (ANALYZE, BUFFERS) of the whole-city review's slowest query")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    urls = {}
    # One database per city size, so each size's data are generated once and reused.
    suffix = (f"_{args.communes}" if args.communes else "") + (f"_p{args.provinces}" if args.provinces > 1 else "")
    if "sqlite" in args.backends:
        (ROOT / "var").mkdir(exist_ok=True)
        urls["sqlite"] = f"sqlite:///{ROOT / 'var' / f'bench{suffix}.sqlite3'}"
    pg = os.environ.get("CHITIEU_BENCH_DATABASE_URL") or os.environ.get("CHITIEU_TEST_DATABASE_URL")
    if "postgres" in args.backends:
        if pg:
            urls["postgres"] = _pg_bench_url(pg, suffix)
        else:
            print("(bỏ qua PostgreSQL: đặt CHITIEU_BENCH_DATABASE_URL hoặc CHITIEU_TEST_DATABASE_URL)")
    for name, url in urls.items():
        env = {**os.environ, "CHITIEU_DATABASE_URL": url, "CHITIEU_TESTING": "1",
               "DJANGO_SETTINGS_MODULE": "chitieu.settings", "PYTHONPATH": str(ROOT)}
        cmd = [sys.executable, __file__, "--child", "--indicators", str(args.indicators), "--years",
               str(args.years), "--targets", str(args.targets), "--repeat", str(args.repeat),
               "--communes", str(args.communes), "--provinces", str(args.provinces),
               *(["--explain"] if args.explain else [])]
        print(f"… {name}: chuẩn bị và đo", flush=True)
        done = subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
        _print(json.loads(done.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
