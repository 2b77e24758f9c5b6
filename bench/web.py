"""Benchmark: latency of the web pages on the simulated city, 1 and 20 concurrent clients.

    python bench/web.py                                   # SQLite, and PostgreSQL when a URL is set
    python bench/web.py --indicators 60 --years 3 --backends sqlite    # a quick run

Scenarios (each request goes through the whole Django stack: middleware, sessions, access
checks, templates), measured with Django's test client, one client per thread:

- the dashboard of the 40-target simulated resolution at the year end;
- an indicator page (series by stage, target, the per-unit breakdown);
- a 200-figure bulk submit: POST /api/v1/observations with 200 draft rows (all or none);
- sending 200 drafts for approval from the entry grid ("Gửi duyệt tất cả số nháp").

With 20 clients each thread works on its own commune, so writes do not collide on rows
(they still contend for the database: SQLite serialises writers). Prints p50 and p95 in
milliseconds per backend, scenario and concurrency. The city comes from bench/simcity.py (114
communes x 300 indicators x 10 years monthly by default, reused when already built); the
databases are those of bench/evaluate.py (var/bench.sqlite3; "<name>_bench" on the server of
CHITIEU_BENCH_DATABASE_URL or CHITIEU_TEST_DATABASE_URL).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BULK = 200


def _percentiles(samples: list[float]) -> dict:
    ms = sorted(s * 1000 for s in samples)
    cuts = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    return {"n": len(ms), "p50": statistics.median(ms), "p95": cuts[94], "max": ms[-1]}


def _run(clients: int, per_client: int, make_worker) -> list[float]:
    """Run `clients` threads, each calling its worker `per_client` times; return latencies."""
    from django.db import connection

    samples: list[float] = []
    lock = threading.Lock()
    errors: list[BaseException] = []
    barrier = threading.Barrier(clients)

    def body(index: int) -> None:
        try:
            step = make_worker(index)
            barrier.wait()
            for i in range(per_client):
                took = step(i)
                with lock:
                    samples.append(took)
        except BaseException as exc:  # reported after the run; free the others from the barrier
            errors.append(exc)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=body, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise next((e for e in errors if not isinstance(e, threading.BrokenBarrierError)), errors[0])
    return samples


def child(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chitieu.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench.simcity import build_city
    from chitieu.core.choices import EntryState, Role, Stage
    from chitieu.core.periods import Period
    from chitieu.monitoring.models import Observation
    from chitieu.monitoring.services import record_observations
    from chitieu.org.models import Account

    call_command("migrate", verbosity=0, interactive=False)
    print("  … thành phố mô phỏng", file=sys.stderr, flush=True)
    sim = build_city(indicators=args.indicators, years=args.years, focus_targets=args.targets)
    focus = sim.resolutions[0]
    year = sim.last_year
    user, _ = get_user_model().objects.get_or_create(username="bench-vanphong")
    Account.objects.update_or_create(user=user, defaults={"unit": sim.city, "role": Role.OFFICE_ADMIN})
    communes = sim.communes[: args.clients]
    indicators = sim.indicators[: BULK // 4]
    quarters = [Period.quarter(year, q).code for q in range(1, 5)]

    def rows(commune) -> list[dict]:
        return [{"unit": commune.code, "indicator": ind.code, "period": q, "value": 10 + k,
                 "stage": Stage.PRELIMINARY.value, "state": EntryState.DRAFT.value}
                for k, (ind, q) in enumerate((i, q) for i in indicators for q in quarters)]

    def bench_figures(commune):
        return Observation.objects.filter(unit=commune, stage=Stage.PRELIMINARY, period__in=quarters,
                                          indicator__in=indicators)

    def client() -> Client:
        c = Client()
        c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return c

    def page(url: str):
        def make(index: int):
            c = client()
            c.get(url)  # warm this thread's connection and caches

            def step(_: int) -> float:
                started = time.perf_counter()
                response = c.get(url)
                took = time.perf_counter() - started
                assert response.status_code == 200, (url, response.status_code)
                return took
            return step
        return make

    def api_bulk(index: int):
        c, commune = client(), communes[index]
        payload = json.dumps(rows(commune))

        def step(_: int) -> float:
            bench_figures(commune).delete()  # each round creates the 200 figures afresh
            started = time.perf_counter()
            response = c.post("/api/v1/observations", payload, content_type="application/json")
            took = time.perf_counter() - started
            assert response.status_code == 201, response.content[:300]
            return took
        return step

    def grid_submit(index: int):
        c, commune = client(), communes[index]
        bench_figures(commune).delete()
        record_observations(rows(commune), user=user)

        def step(_: int) -> float:
            bench_figures(commune).update(state=EntryState.DRAFT)
            started = time.perf_counter()
            response = c.post("/nhap-so-lieu/gui/", {"don_vi": commune.pk, "nam": year, "ky": "quarter",
                                                    "muc": Stage.PRELIMINARY.value})
            took = time.perf_counter() - started
            assert response.status_code == 302
            assert bench_figures(commune).filter(state=EntryState.SUBMITTED).count() == BULK
            return took
        return step

    scenarios = {
        f"tổng quan ({focus.targets.count()} chỉ tiêu)": (page(f"/?resolution={focus.code}&as_of={year}-12-31"), 20, 3),
        "trang chỉ tiêu": (page(f"/chi-tieu/{sim.indicators[0].code}/?as_of={year}-12-31"), 20, 3),
        f"API: gửi {BULK} số liệu một lần": (api_bulk, 5, 2),
        f"gửi duyệt {BULK} số nháp": (grid_submit, 5, 2),
    }
    out = {"backend": connection.vendor, "rows": sim.observations, "communes": len(sim.communes),
           "indicators": len(sim.indicators), "years": f"{sim.first_year}-{sim.last_year}", "results": []}
    for name, (make, single_runs, per_thread) in scenarios.items():
        for clients, per_client in ((1, single_runs), (args.clients, per_thread)):
            print(f"  … {name}, {clients} máy khách", file=sys.stderr, flush=True)
            samples = _run(clients, per_client, make)
            out["results"].append({"scenario": name, "clients": clients, **_percentiles(samples)})
    for commune in communes:
        bench_figures(commune).delete()
    print(json.dumps(out, ensure_ascii=False))


def _print(report: dict) -> None:
    print(f"\n== {report['backend']}: {report['rows']:,} số liệu ({report['communes']} xã/phường x "
          f"{report['indicators']} chỉ tiêu x tháng {report['years']})")
    print(f"{'kịch bản':<34} {'máy khách':>9} {'số lần':>7} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for r in report["results"]:
        print(f"{r['scenario']:<34} {r['clients']:>9} {r['n']:>7} {r['p50']:>9.0f} {r['p95']:>9.0f} {r['max']:>9.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--targets", type=int, default=40)
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients of the second round")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    from bench.evaluate import _pg_bench_url

    urls = {}
    if "sqlite" in args.backends:
        (ROOT / "var").mkdir(exist_ok=True)
        urls["sqlite"] = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    pg = os.environ.get("CHITIEU_BENCH_DATABASE_URL") or os.environ.get("CHITIEU_TEST_DATABASE_URL")
    if "postgres" in args.backends:
        if pg:
            urls["postgres"] = _pg_bench_url(pg)
        else:
            print("(bỏ qua PostgreSQL: đặt CHITIEU_BENCH_DATABASE_URL hoặc CHITIEU_TEST_DATABASE_URL)")
    for name, url in urls.items():
        env = {**os.environ, "CHITIEU_DATABASE_URL": url, "CHITIEU_TESTING": "1", "CHITIEU_AXES_ENABLED": "0",
               "DJANGO_SETTINGS_MODULE": "chitieu.settings", "PYTHONPATH": str(ROOT)}
        cmd = [sys.executable, __file__, "--child", "--indicators", str(args.indicators), "--years",
               str(args.years), "--targets", str(args.targets), "--clients", str(args.clients)]
        print(f"… {name}: chuẩn bị và đo", flush=True)
        done = subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
        _print(json.loads(done.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
