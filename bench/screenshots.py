"""Screenshots of the main pages for the README, taken with Debian's Chromium on the demo.

    python bench/screenshots.py            # writes docs/screenshots/*.png

Loads the Hai Phong demo into a scratch SQLite file (var/screenshots.sqlite3, rebuilt each
run), serves it on 127.0.0.1:8765 and walks the pages as the demo accounts: the dashboard,
an indicator (jobs: communes combined, year to date), a reporter's entry grid, the approvals list, the task board, a record's
history, document reading and the login page.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
DB = ROOT / "var" / "screenshots.sqlite3"
ADDR = "127.0.0.1:8765"
BASE = f"http://{ADDR}"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
PASSWORDS = {"vanphong": "vanphong-demo-2025", "lanhdao": "lanhdao-demo-2025", "xa": "baocao-xa-demo-2025"}


def _env() -> dict:
    return {**os.environ, "CHITIEU_DEMO": "1", "CHITIEU_DATABASE_URL": f"sqlite:///{DB}", "PYTHONPATH": str(ROOT)}


def _chitieu(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "chitieu", *args], env=_env(), cwd=ROOT, check=True)


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"Máy chủ không trả lời tại {url}")


def log_in(page, username: str) -> None:
    page.goto(f"{BASE}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORDS[username])
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("networkidle")


def shoot(page, name: str, url: str | None = None, full: bool = True) -> None:
    if url:
        page.goto(f"{BASE}{url}")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(600)  # let the charts finish their entry animation
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=full)
    print("  ", OUT / f"{name}.png")


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    DB.parent.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)
    _chitieu("migrate", "--noinput", "-v0")
    _chitieu("demo", "--no-serve")
    server = subprocess.Popen([sys.executable, "-m", "chitieu", "runserver", ADDR, "--noreload"],
                              env=_env(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(f"{BASE}/dang-nhap/")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            ctx = browser.new_context(viewport={"width": 1366, "height": 860}, locale="vi-VN")
            page = ctx.new_page()
            shoot(page, "dang-nhap", "/dang-nhap/", full=False)
            log_in(page, "xa")
            page.goto(f"{BASE}/nhap-so-lieu/?nam=2021&ky=quarter&muc=estimate")
            first = page.locator("td.cell input").first
            first.fill("12,5")
            first.press("Tab")
            page.locator("td.cell.saved").first.wait_for()
            shoot(page, "nhap-so-lieu", full=False)
            page.get_by_role("button", name="Gửi duyệt tất cả số nháp").click()
            page.wait_for_load_state("networkidle")
            ctx.clear_cookies()
            log_in(page, "lanhdao")
            shoot(page, "duyet-so-lieu", "/nhap-so-lieu/duyet/", full=False)
            ctx.clear_cookies()
            log_in(page, "vanphong")
            shoot(page, "tong-quan", "/?resolution=hp-2021&as_of=2021-12-31")
            # Jobs in late November: reported by the communes only, so the city line is their
            # sum; year to date against the yearly target, the forecast at the year's end.
            shoot(page, "chi-tieu", "/chi-tieu/jobs/?resolution=hp-2021&as_of=2021-11-30")
            shoot(page, "nhiem-vu", "/nhiem-vu/?xem=bang")
            shoot(page, "lich-su", "/lich-su/", full=False)
            shoot(page, "doc-van-ban", "/doc-van-ban/", full=False)
            shoot(page, "thiet-lap", "/thiet-lap/nghi-quyet/hp-2021/", full=False)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
