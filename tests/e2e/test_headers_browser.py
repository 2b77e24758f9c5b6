"""Under the Content-Security-Policy (chitieu/edge.py) the pages keep working in a real browser:
no script, style or image refused, the charts drawn, HTMX swaps done, the API docs shown."""

from __future__ import annotations

import pytest

from tests.e2e.test_browser import log_in
from tests.factories import make_observation

pytestmark = pytest.mark.e2e


def watch(page) -> list[str]:
    """Collect what the browser refused under the policy, and any script error."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    return problems


def test_no_page_breaks_the_content_security_policy(page, city):
    make_observation(city.city, city.revenue, "Q2/2021", 25000)
    problems = watch(page)
    response = page.goto("/dang-nhap/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "camera=()" in response.headers["permissions-policy"]
    log_in(page, "vanphong")
    for path in ["/?resolution=hp-2021&as_of=2021-07-20", "/chi-tieu/", "/nhiem-vu/", "/nhiem-vu/?xem=bang",
                 "/lich-su/", "/doc-van-ban/", "/doc-van-ban/moi/", "/bao-cao/", "/nhap-so-lieu/duyet/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    page.goto("/?resolution=hp-2021&as_of=2021-07-20")
    page.locator("#targets a", has_text="Thu ngân sách").click()
    chart = page.locator('[data-chart="series"] canvas')
    chart.wait_for()
    chart.hover()  # the tooltip is HTML with style attributes
    page.wait_for_timeout(300)
    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info").wait_for()
    assert problems == []


def test_an_htmx_cell_save_works_under_the_policy(page, city):
    problems = watch(page)
    log_in(page, "xa-a")
    page.goto(f"/nhap-so-lieu/?don_vi={city.commune_a.pk}&nam=2021&ky=year&muc=official")
    cell = page.get_by_label("truong-dat-chuan 2021")
    cell.fill("86,5")
    cell.press("Tab")
    page.locator("td.cell.saved", has_text="Nháp").wait_for()
    assert problems == []
