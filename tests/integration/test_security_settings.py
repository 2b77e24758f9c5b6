"""Account security: Argon2, login throttling, secure cookies and HSTS outside demo mode,
idle session timeout. Settings are read once at start-up, so each mode runs in a fresh
interpreter with its own environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from tests.factories import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json
import chitieu.settings as s
print(json.dumps({
    "debug": s.DEBUG, "session_secure": s.SESSION_COOKIE_SECURE, "csrf_secure": s.CSRF_COOKIE_SECURE,
    "hsts": s.SECURE_HSTS_SECONDS, "hasher": s.PASSWORD_HASHERS[0], "session_age": s.SESSION_COOKIE_AGE,
    "idle": s.SESSION_SAVE_EVERY_REQUEST, "axes_limit": s.AXES_FAILURE_LIMIT,
}))
"""


def settings_with(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CHITIEU_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


def test_outside_demo_mode_cookies_are_secure_hsts_is_on_and_passwords_use_argon2():
    run = settings_with(CHITIEU_SECRET_KEY="k" * 50, CHITIEU_SESSION_MINUTES="15")
    assert run.returncode == 0, run.stderr
    s = json.loads(run.stdout)
    assert s["debug"] is False
    assert s["session_secure"] and s["csrf_secure"]
    assert s["hsts"] >= 365 * 24 * 3600
    assert s["hasher"].endswith("Argon2PasswordHasher")
    assert (s["session_age"], s["idle"]) == (15 * 60, True)
    assert s["axes_limit"] == 5


def test_the_demo_relaxes_cookies_for_plain_http_on_localhost_and_never_runs_debug():
    s = json.loads(settings_with(CHITIEU_DEMO="1").stdout)
    assert (s["session_secure"], s["hsts"]) == (False, 0)
    assert s["debug"] is False  # Django's debug page lists every address and setting in English


def test_asking_for_debug_pages_stops_start_up_with_a_vietnamese_reason():
    run = settings_with(CHITIEU_DEMO="1", CHITIEU_DEBUG="1")
    assert run.returncode != 0
    assert "CHITIEU_DEBUG không còn được dùng" in run.stderr


@pytest.mark.parametrize("env", [{}, {"CHITIEU_SECRET_KEY": "chitieu-demo-only-not-secret"}])
def test_outside_demo_mode_a_missing_or_placeholder_secret_stops_start_up(env):
    run = settings_with(**env)
    assert run.returncode != 0
    assert "ImproperlyConfigured" in run.stderr and "CHITIEU_SECRET_KEY" in run.stderr


HASH_PROBE = """
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "chitieu.settings"
import django
django.setup()
from django.contrib.auth.hashers import check_password, make_password
stored = make_password("mật khẩu đúng")
print(stored.split("$")[0], stored.split("$")[1], check_password("mật khẩu đúng", stored), check_password("sai", stored))
"""


def test_passwords_are_stored_with_argon2id_by_the_settings_a_deployment_runs():
    # The hasher is chitieu.settings' own, in a fresh interpreter outside testing mode (the
    # suite itself adds a fast hasher first); nothing here chooses it.
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CHITIEU_", "DJANGO_"))}
    run = subprocess.run(
        [sys.executable, "-c", HASH_PROBE], cwd=ROOT, env={**clean, "CHITIEU_SECRET_KEY": "k" * 50},
        capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["argon2", "argon2id", "True", "False"]


@pytest.mark.django_db
def test_five_failed_logins_lock_the_account_even_for_the_right_password(settings):
    settings.AXES_ENABLED = True
    make_user("reporter")
    request = RequestFactory().post("/dang-nhap/", REMOTE_ADDR="10.0.0.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert authenticate(request, username="reporter", password="sai-mat-khau") is None
    assert authenticate(request, username="reporter", password=PASSWORD) is None
    other_address = RequestFactory().post("/dang-nhap/", REMOTE_ADDR="10.0.0.8")
    assert authenticate(other_address, username="reporter", password=PASSWORD) is not None


def run_cli(*args: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CHITIEU_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "chitieu", *args], cwd=ROOT, env={**clean, **env},
        capture_output=True, text=True, timeout=120,
    )


def test_terminal_commands_run_without_a_web_secret(tmp_path):
    text = tmp_path / "nq.txt"
    text.write_text("Chỉ tiêu năm 2025: tốc độ tăng trưởng GRDP đạt 10%.", encoding="utf-8")
    run = run_cli("extract", str(text), "--format", "json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["items"][0]["value"] == 10


def test_serving_pages_without_a_secret_is_one_vietnamese_line_and_exit_2():
    run = run_cli("runserver", "--noreload", "127.0.0.1:8799")
    assert run.returncode == 2
    assert run.stderr.startswith("Lỗi cấu hình: CHITIEU_SECRET_KEY chưa được đặt")
    assert "Traceback" not in run.stderr


def test_the_demo_command_implies_demo_mode_unless_told_otherwise():
    from chitieu.__main__ import prepare_environment

    env: dict[str, str] = {}
    prepare_environment(["chitieu", "demo", "--no-serve"], env)
    assert env["CHITIEU_DEMO"] == "1" and "CHITIEU_EPHEMERAL_SECRET" not in env
    env = {"CHITIEU_DEMO": "0"}
    prepare_environment(["chitieu", "demo"], env)
    assert env["CHITIEU_DEMO"] == "0"
    env = {"CHITIEU_SECRET_KEY": "k" * 50}
    prepare_environment(["chitieu", "review"], env)
    assert "CHITIEU_EPHEMERAL_SECRET" not in env


@pytest.mark.django_db
def test_behind_a_trusted_proxy_five_wrong_passwords_from_one_client_do_not_lock_the_leader(settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    make_user("leader")

    def via_proxy(client: str):
        return RequestFactory().post("/dang-nhap/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=client)

    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert authenticate(via_proxy("10.1.1.66"), username="leader", password="sai-mat-khau") is None
    assert authenticate(via_proxy("10.1.1.66"), username="leader", password=PASSWORD) is None
    assert authenticate(via_proxy("10.1.1.5"), username="leader", password=PASSWORD) is not None


@pytest.mark.django_db
def test_a_forwarded_address_is_ignored_unless_the_connection_comes_from_a_trusted_proxy(settings):
    from chitieu.org.throttle import client_address

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    direct = RequestFactory().get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="10.1.1.5")
    assert client_address(direct) == "10.9.9.9"
    # The proxy appends the address it saw; whatever the client put before it is not read.
    proxied = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.1.1.5")
    assert client_address(proxied) == "10.1.1.5"
    forged = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="ai-đó")
    assert client_address(forged) == "127.0.0.1"


@pytest.mark.django_db
def test_one_address_trying_many_user_names_is_locked_at_the_address_limit(settings):
    settings.AXES_ENABLED = True
    settings.ADDRESS_FAILURE_LIMIT = 8
    make_user("reporter")
    spray = RequestFactory().post("/dang-nhap/", REMOTE_ADDR="10.0.0.9")
    for n in range(8):
        assert authenticate(spray, username=f"ten-{n}", password="sai-mat-khau") is None
    assert authenticate(spray, username="reporter", password=PASSWORD) is None
    assert authenticate(RequestFactory().post("/dang-nhap/", REMOTE_ADDR="10.0.0.10"), username="reporter", password=PASSWORD) is not None


@pytest.mark.django_db
def test_the_lock_out_page_says_how_long_in_vietnamese(client, settings):
    settings.AXES_ENABLED = True
    make_user("reporter")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post("/dang-nhap/", {"username": "reporter", "password": "sai-mat-khau"})
    body = response.content.decode()
    assert "trong 15 phút" in body and "PT15M" not in body


def test_a_trusted_proxy_that_is_not_an_address_stops_start_up_in_one_vietnamese_line():
    run = run_cli("check", CHITIEU_SECRET_KEY="k" * 50, CHITIEU_TRUSTED_PROXIES="127.0.0.1,proxy.local")
    assert run.returncode == 2
    assert run.stderr == "Lỗi cấu hình: CHITIEU_TRUSTED_PROXIES: «proxy.local» không phải địa chỉ IP hay dải mạng\n"
