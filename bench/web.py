"""Benchmark: latency of the web pages over real HTTP, with 1 and 20 concurrent clients.

    python bench/web.py                                   # SQLite, and PostgreSQL when a URL is set
    python bench/web.py --indicators 30 --years 2 --rounds 5 --backends sqlite \
        --sqlite-file /tmp/bench-small.sqlite3           # a quick run, leaving the full city alone

For each backend the benchmark builds (or reuses) the simulated city of bench/simcity.py in
the database bench/evaluate.py uses (var/bench.sqlite3; "<name>_bench" on the server of
CHITIEU_BENCH_DATABASE_URL or CHITIEU_TEST_DATABASE_URL), adds a bench office account and
an API token, then starts gunicorn on 127.0.0.1 (a free port; `--workers` processes x
`--threads` threads, production settings: DEBUG off, a random secret) and drives it from
this process with http.client, one keep-alive connection per client thread:

- the dashboard of the simulated focus resolution at the last year's end;
- the indicator page of its first indicator, as the dashboard links it (resolution, date);
- a 200-figure bulk submit: POST /api/v1/observations (Bearer token), 200 draft rows,
  all or none; each client writes its own commune and a different year per round, so
  rounds never collide; the drafts are deleted afterwards;
- the mixed load: `--clients` clients at once, 70 % opening the dashboard and 30 % sending
  200-figure bulk submits, each kind's p50 / p95 printed apart.

The review cache is on as in production (CHITIEU_REVIEW_CACHE_SECONDS, default 600), so
repeated dashboards of unchanged data are served from it; run with
CHITIEU_REVIEW_CACHE_SECONDS=0 to time every dashboard computed afresh.

Page clients sign in like a browser: GET the login page for the CSRF cookie and token, POST
the form, keep the session cookie. Every loop is bounded by a count (`--rounds`) and by
`--max-seconds` per scenario; nothing is sent anywhere but 127.0.0.1. Prints p50 and p95
in milliseconds per backend, scenario and concurrency.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"
BULK = 200
QUARTERS = 4  # 200 rows = 50 indicators x 4 quarters
USERNAME = "bench-vanphong"
TIMEOUT = 120  # seconds per request


# ---- preparing the database (a child process with Django) ------------------------------


def _bench_figures(sim_communes, indicators):
    from chitieu.core.choices import EntryState, Stage
    from chitieu.monitoring.models import Observation

    return Observation.objects.filter(unit__in=sim_communes, indicator__in=indicators, stage=Stage.PRELIMINARY,
                                      state=EntryState.DRAFT, period__startswith="Q")


def prepare(args: argparse.Namespace) -> None:
    """Migrate, build the city, set up the bench account and token; print what the clients need."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chitieu.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench.simcity import build_city
    from chitieu.core.choices import Role
    from chitieu.org.models import Account, ApiToken
    from chitieu.org.tokens import create_token

    call_command("migrate", verbosity=0, interactive=False)
    print("  … thành phố mô phỏng", file=sys.stderr, flush=True)
    sim = build_city(indicators=args.indicators, years=args.years, focus_targets=args.targets)
    focus = sim.resolutions[0]
    password = secrets.token_urlsafe(16)
    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    user.set_password(password)
    user.is_active = True
    user.save()
    Account.objects.update_or_create(user=user, defaults={"unit": sim.city, "role": Role.OFFICE_ADMIN})
    ApiToken.objects.filter(user=user).delete()
    _, token = create_token(USERNAME, "bench/web.py", now=timezone.now())
    communes = sim.communes[: args.clients]
    indicators = sim.indicators[: BULK // QUARTERS]
    _bench_figures(communes, indicators).delete()  # leftovers of an interrupted run
    print(json.dumps({
        "backend": connection.vendor, "rows": sim.observations, "communes": len(sim.communes),
        "indicators": len(sim.indicators), "years": f"{sim.first_year}-{sim.last_year}",
        "last_year": sim.last_year, "focus": focus.code, "targets": focus.targets.count(),
        "indicator": focus.targets.order_by("order").first().indicator.code,
        "bench_communes": [c.code for c in communes], "bench_indicators": [i.code for i in indicators],
        "username": USERNAME, "password": password, "token": token,
    }, ensure_ascii=False))


def cleanup(args: argparse.Namespace) -> None:
    """Delete the drafts the bulk submits wrote, and the bench token."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chitieu.settings")
    import django

    django.setup()
    from chitieu.org.models import ApiToken, Unit
    from chitieu.plans.models import Indicator

    info = json.loads(args.cleanup)
    communes = Unit.objects.filter(code__in=info["bench_communes"])
    indicators = Indicator.objects.filter(code__in=info["bench_indicators"])
    deleted, _ = _bench_figures(communes, indicators).delete()
    ApiToken.objects.filter(user__username=USERNAME).delete()
    print(f"  … đã xóa {deleted} bản ghi thử", file=sys.stderr, flush=True)


# ---- the HTTP clients (no Django in this process) ---------------------------------------


class Client:
    """One browser-like client: a keep-alive connection to the server and its cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """Send one request; return (status, headers, body). Reconnects once if the server
        closed the kept-alive connection."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=TIMEOUT)
                if attempt == 2:
                    raise
        for raw in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(raw).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, data

    def login(self, username: str, password: str) -> None:
        status, _, page = self.request("GET", "/dang-nhap/")
        assert status == 200, f"trang đăng nhập trả về {status}"
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        form = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token}).encode()
        status, headers, _ = self.request("POST", "/dang-nhap/", form, {
            "Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{HOST}:{self.port}/dang-nhap/",
        })
        assert status == 302 and "sessionid" in self.cookies, f"đăng nhập không được ({status})"

    def close(self) -> None:
        self.conn.close()


def _percentiles(samples: list[float]) -> dict:
    ms = sorted(s * 1000 for s in samples)
    if not ms:
        return {"n": 0, "p50": float("nan"), "p95": float("nan"), "max": float("nan")}
    cuts = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    return {"n": len(ms), "p50": statistics.median(ms), "p95": cuts[94], "max": ms[-1]}


def _run(clients: int, rounds: int, make_step, max_seconds: float) -> tuple[list[float], list[str]]:
    """Run `clients` threads; each sets up its step (not timed), waits for the others, then
    calls it at most `rounds` times and stops early once `max_seconds` have passed. Return
    (latencies in seconds, error messages)."""
    samples: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)
    deadline: list[float] = []

    def body(index: int) -> None:
        try:
            step = make_step(index)
        except BaseException as exc:
            errors.append(f"chuẩn bị máy khách {index}: {exc!r}")
            barrier.abort()
            return
        try:
            if barrier.wait() == 0:
                deadline.append(time.monotonic() + max_seconds)
        except threading.BrokenBarrierError:
            return
        for i in range(rounds):
            if deadline and time.monotonic() > deadline[0]:
                break
            try:
                took = step(i)
            except BaseException as exc:  # counted, not fatal: the report says how many failed
                with lock:
                    errors.append(repr(exc))
                continue
            with lock:
                samples.append(took)

    threads = [threading.Thread(target=body, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max_seconds + TIMEOUT + 60)
    return samples, errors


def measure(port: int, info: dict, args: argparse.Namespace) -> list[dict]:
    """Time the three scenarios at 1 and `args.clients` concurrent clients."""
    year = info["last_year"]
    as_of = f"{year}-12-31"
    pages = {
        f"tổng quan ({info['targets']} chỉ tiêu)": f"/?resolution={info['focus']}&as_of={as_of}",
        "trang chỉ tiêu": f"/chi-tieu/{info['indicator']}/?resolution={info['focus']}&as_of={as_of}",
    }
    opened: list[Client] = []

    def page(path: str):
        def make(_: int):
            client = Client(port)
            opened.append(client)
            client.login(info["username"], info["password"])
            assert client.request("GET", path)[0] == 200  # warm this connection and the worker

            def step(_: int) -> float:
                started = time.perf_counter()
                status, _, _ = client.request("GET", path)
                took = time.perf_counter() - started
                assert status == 200, (path, status)
                return took
            return step
        return make

    used_rounds: dict[int, int] = {}

    def api_bulk(index: int):
        client = Client(port)
        opened.append(client)
        commune = info["bench_communes"][index]
        headers = {"Authorization": f"Bearer {info['token']}", "Content-Type": "application/json"}

        codes = info["bench_indicators"]
        span = -(-BULK // (QUARTERS * len(codes)))  # years per round when the city has few indicators

        def step(i: int) -> float:
            # Different years per round and per scenario run: never the same rows twice.
            n = used_rounds[index] = used_rounds.get(index, 0) + 1
            first = year - n * span + 1
            pairs = [(c, q, y) for y in range(first, first + span) for c in codes for q in range(1, QUARTERS + 1)]
            # Values inside every simulated indicator's plausible range (a share is at most 100 %).
            rows = [{"unit": commune, "indicator": code, "period": f"Q{q}/{y}", "value": 10 + k % 40 / 2,
                     "stage": "preliminary", "state": "draft"} for k, (code, q, y) in enumerate(pairs[:BULK])]
            assert len(rows) == BULK
            body = json.dumps(rows).encode()
            started = time.perf_counter()
            status, _, data = client.request("POST", "/api/v1/observations", body, headers)
            took = time.perf_counter() - started
            assert status == 201, (status, data[:300])
            return took
        return step

    scenarios = [(name, page(path), args.rounds, args.rounds) for name, path in pages.items()]
    # Bulk rounds are capped so each commune's years stay distinct across both runs.
    scenarios.append((f"API: gửi {BULK} số liệu một lần", api_bulk, min(args.rounds, 5), min(args.rounds, 3)))
    results = []
    for name, make, single_rounds, shared_rounds in scenarios:
        for clients, rounds in ((1, single_rounds), (args.clients, shared_rounds)):
            print(f"  … {name}, {clients} máy khách x {rounds} lượt", file=sys.stderr, flush=True)
            samples, errors = _run(clients, rounds, make, args.max_seconds)
            results.append({"scenario": name, "clients": clients, "errors": len(errors),
                            "first_error": errors[0] if errors else None, **_percentiles(samples)})
            while opened:
                opened.pop().close()
    results += _mixed(pages, page, api_bulk, args, opened)
    return results


def _mixed(pages: dict, page, api_bulk, args: argparse.Namespace, opened: list) -> list[dict]:
    """The mixed load: `args.clients` clients at once, 70 % of them opening dashboards and
    30 % sending 200-figure bulk submits (at least one of each), each kind's latencies
    reported apart."""
    name, path = next(iter(pages.items()))
    bulk_clients = max(1, round(args.clients * 0.3))
    page_clients = max(1, args.clients - bulk_clients)
    rounds = min(args.rounds, 5)
    by_kind: dict[str, list[float]] = {name: [], f"API: gửi {BULK} số liệu một lần": []}
    failed = dict.fromkeys(by_kind, 0)
    lock = threading.Lock()

    def make(index: int):
        # Bulk clients take the indices after the page clients': their communes and years
        # are those api_bulk gives them, distinct from every other run's.
        kind, inner = (name, page(path)) if index < page_clients else (f"API: gửi {BULK} số liệu một lần", api_bulk)
        step = inner(index)

        def timed(i: int) -> float:
            try:
                took = step(i)
            except BaseException:
                with lock:
                    failed[kind] += 1
                raise
            with lock:
                by_kind[kind].append(took)
            return took
        return timed

    total = page_clients + bulk_clients
    print(f"  … hỗn hợp: {page_clients} máy khách mở tổng quan, {bulk_clients} gửi {BULK} số liệu, "
          f"x {rounds} lượt", file=sys.stderr, flush=True)
    _, errors = _run(total, rounds, make, args.max_seconds)
    while opened:
        opened.pop().close()
    return [
        {"scenario": f"hỗn hợp 70/30: {kind}", "clients": total, "errors": failed[kind],
         "first_error": errors[0] if errors and failed[kind] else None, **_percentiles(samples)}
        for kind, samples in by_kind.items()
    ]


# ---- the server ----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _wait_ready(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn dừng với mã {server.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/dang-nhap/")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn chưa sẵn sàng sau 60 giây")


def serve_and_measure(env: dict, info: dict, args: argparse.Namespace) -> list[dict]:
    port = _free_port()
    cmd = [sys.executable, "-m", "gunicorn", "chitieu.wsgi", "-w", str(args.workers), "--threads", str(args.threads),
           "-b", f"{HOST}:{port}", "--timeout", str(TIMEOUT), "--keep-alive", "30", "--log-level", "warning"]
    server = subprocess.Popen(cmd, env=env, cwd=ROOT)
    try:
        _wait_ready(port, server)
        return measure(port, info, args)
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _print(info: dict, results: list[dict], args: argparse.Namespace) -> None:
    print(f"\n== {info['backend']}: {info['rows']:,} số liệu ({info['communes']} xã/phường x "
          f"{info['indicators']} chỉ tiêu x tháng {info['years']}); gunicorn {args.workers} tiến trình x "
          f"{args.threads} luồng trên {HOST}; bộ nhớ đệm đánh giá "
          f"{os.environ.get('CHITIEU_REVIEW_CACHE_SECONDS', '600')} giây")
    print(f"{'kịch bản':<50} {'máy khách':>9} {'số lần':>7} {'lỗi':>5} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for r in results:
        print(f"{r['scenario']:<50} {r['clients']:>9} {r['n']:>7} {r['errors']:>5} {r['p50']:>9.0f} "
              f"{r['p95']:>9.0f} {r['max']:>9.0f}")
        if r["first_error"]:
            print(f"{'':<50} lỗi đầu tiên: {r['first_error'][:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--targets", type=int, default=40)
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients of the second round")
    parser.add_argument("--rounds", type=int, default=20, help="requests per client and scenario (at most)")
    parser.add_argument("--max-seconds", type=float, default=120, help="time limit per scenario run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--sqlite-file", default=str(ROOT / "var" / "bench.sqlite3"),
                        help="SQLite database (shared with bench/evaluate.py; a quick run may use another)")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cleanup", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args)
        return
    if args.cleanup:
        cleanup(args)
        return
    from bench.evaluate import _pg_bench_url

    urls = {}
    if "sqlite" in args.backends:
        Path(args.sqlite_file).parent.mkdir(parents=True, exist_ok=True)
        urls["sqlite"] = f"sqlite:///{Path(args.sqlite_file).resolve()}"
    pg = os.environ.get("CHITIEU_BENCH_DATABASE_URL") or os.environ.get("CHITIEU_TEST_DATABASE_URL")
    if "postgres" in args.backends:
        if pg:
            urls["postgres"] = _pg_bench_url(pg)
        else:
            print("(bỏ qua PostgreSQL: đặt CHITIEU_BENCH_DATABASE_URL hoặc CHITIEU_TEST_DATABASE_URL)")
    for name, url in urls.items():
        # Production settings (no demo, no test shortcuts), a throw-away secret, this host only.
        env = {k: v for k, v in os.environ.items() if k not in ("CHITIEU_DEMO", "CHITIEU_TESTING", "CHITIEU_DEBUG")}
        env.update({"CHITIEU_DATABASE_URL": url, "CHITIEU_SECRET_KEY": secrets.token_urlsafe(50),
                    "CHITIEU_ALLOWED_HOSTS": HOST, "DJANGO_SETTINGS_MODULE": "chitieu.settings",
                    "PYTHONPATH": str(ROOT), "CHITIEU_LOG_LEVEL": "ERROR"})
        sizes = ["--indicators", str(args.indicators), "--years", str(args.years), "--targets", str(args.targets),
                 "--clients", str(args.clients)]
        print(f"… {name}: chuẩn bị", flush=True)
        done = subprocess.run([sys.executable, __file__, "--prepare", *sizes], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, text=True, check=True)
        info = json.loads(done.stdout.strip().splitlines()[-1])
        try:
            print(f"… {name}: đo qua HTTP", flush=True)
            results = serve_and_measure(env, info, args)
        finally:
            subprocess.run([sys.executable, __file__, "--cleanup", json.dumps(info)], env=env, cwd=ROOT, check=False)
        _print(info, results, args)


if __name__ == "__main__":
    main()
