"""A database outage, for real: this test starts its own PostgreSQL server (initdb and pg_ctl in
a temporary folder, on a free port), serves chitieu from it with gunicorn, stops the server
and asks again. The answer is a 503 with Retry-After, a Vietnamese page for a person and a
JSON problem for the API; when the server is back, so is the application.

In CI (CI=true) a server that cannot be started is a failure, never a skip.
"""

from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A throwaway PostgreSQL cluster owned by this test (run as `postgres` when we are root:
    PostgreSQL refuses to run as root)."""

    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            _unavailable("không tìm thấy initdb của PostgreSQL (/usr/lib/postgresql/*/bin)")
        self.bin = Path(found[-1]).parent
        self.dir = Path(tempfile.mkdtemp(prefix="chitieu-outage-"))
        self.data, self.port = self.dir / "data", _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def run(self, *args: str) -> None:
        done = subprocess.run([*self.as_user, *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            _unavailable(f"{' '.join(args[:2])}: {done.stderr.strip() or done.stdout.strip()}")

    def init(self) -> None:
        self.run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "chitieu", "--auth=trust",
                 "-E", "UTF8", "--locale=C.UTF-8")
        self.start()
        self.run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "chitieu", "chitieu")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", "start")

    def stop(self) -> None:
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def remove(self) -> None:
        subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgres://chitieu@127.0.0.1:{self.port}/chitieu"


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def served():
    server = Server()
    app = None
    try:
        server.init()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CHITIEU_", "DJANGO_"))}
        env.update(CHITIEU_DATABASE_URL=server.url, CHITIEU_SECRET_KEY="k" * 50,
                   CHITIEU_ALLOWED_HOSTS="127.0.0.1")
        migrate = subprocess.run([sys.executable, "-m", "chitieu", "migrate", "--noinput"], cwd=ROOT, env=env,
                                 capture_output=True, text=True, timeout=300)
        assert migrate.returncode == 0, migrate.stderr
        port = _free_port()
        app = subprocess.Popen([sys.executable, "-m", "gunicorn", "chitieu.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                _get(base + "/dang-nhap/")
                break
            except OSError:
                time.sleep(0.2)
        yield server, base
    finally:
        if app is not None:
            app.terminate()
            app.wait(timeout=30)
        server.remove()


# A session cookie and a bearer token make each request read the database.
PAGE = {"Cookie": "sessionid=khong-co-phien-nay"}
API = {"Authorization": "Bearer ct_khong-co-ma-nay"}


def test_a_stopped_postgresql_answers_503_in_vietnamese_and_the_app_recovers(served):
    server, base = served
    assert _get(base + "/", **PAGE)[0] == 302  # to the login page: the database answered
    assert _get(base + "/api/v1/resolutions", **API)[0] == 401

    server.stop()
    status, headers, body = _get(base + "/", **PAGE)
    assert status == 503 and headers["Retry-After"] == "10"
    assert headers["Content-Type"].startswith("text/html")
    assert "Cơ sở dữ liệu tạm thời không truy cập được" in body and "Server Error" not in body
    status, headers, body = _get(base + "/api/v1/resolutions", **API)
    assert status == 503 and headers["Retry-After"] == "10"
    assert headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["detail"].startswith("Cơ sở dữ liệu tạm thời không truy cập được")

    server.start()
    assert _get(base + "/", **PAGE)[0] == 302
    assert _get(base + "/api/v1/resolutions", **API)[0] == 401
