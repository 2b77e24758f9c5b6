"""Browser tests: Playwright for Python driving Debian's Chromium against pytest-django's
live server. Without /usr/bin/chromium they are skipped locally and fail in CI (CI=true)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chitieu.core.choices import Aggregation, Comparator
from chitieu.plans.models import Target
from tests.factories import assign, make_indicator
from tests.web.pages_world import build_world

CHROMIUM = Path(os.environ.get("CHITIEU_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

# Sync Playwright runs an event loop in this thread; Django's async-safety check would refuse
# the live server's database access from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: không có Chromium tại {CHROMIUM}; kiểm thử trình duyệt là bắt buộc")
        pytest.skip(f"Không có Chromium tại {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def city(transactional_db):
    w = build_world()
    schools = make_indicator("truong-dat-chuan", "Tỷ lệ trường đạt chuẩn quốc gia", "%",
                             frequency="year", unit_aggregation=Aggregation.AVERAGE)
    Target.objects.create(
        resolution=w.resolution, indicator=schools, number="4", comparator=Comparator.GE, value=80,
        unit="%", period="2021", lead_unit=w.commune_a, clause="Tỷ lệ trường đạt chuẩn quốc gia đạt 80% trở lên.",
        order=4,
    )
    # Commune A is the one unit assigned to report it: its figure alone is complete (1/1).
    assign(schools, [w.commune_a])
    w.schools = schools
    return w
