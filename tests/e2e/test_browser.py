"""In a real browser: log in, read the dashboard, enter and submit a figure as a commune
reporter, approve it as a leader, and see the dashboard change."""

from __future__ import annotations

import re

import pytest

from chitieu.core.choices import EntryState
from chitieu.monitoring.models import Observation
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def log_in(page, username: str) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/$|/\?"))


def log_out(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r"/dang-nhap/"))


def met_count(page) -> int:
    text = page.locator("#summary").inner_text()
    return int(re.search(r"Đạt (\d+)/4", text).group(1))


def test_a_figure_goes_from_a_commune_reporter_through_approval_to_the_dashboard(page, city):
    dashboard = "/?resolution=hp-2021&as_of=2021-12-31"
    log_in(page, "xa-a")
    page.goto(dashboard)
    before = met_count(page)
    assert page.locator('tr[data-status="no_data"]', has_text="trường đạt chuẩn").count() == 1

    page.goto(f"/nhap-so-lieu/?don_vi={city.commune_a.pk}&nam=2021&ky=year&muc=official")
    cell = page.get_by_label("truong-dat-chuan 2021")
    cell.fill("86,5")
    cell.press("Tab")
    saved = page.locator("td.cell.saved", has_text="Nháp")
    saved.wait_for()
    assert Observation.objects.get(indicator=city.schools).state == EntryState.DRAFT

    page.get_by_role("button", name="Gửi duyệt tất cả số nháp").click()
    page.get_by_text("Đã gửi 1 số liệu chờ duyệt.").wait_for()
    assert page.locator("td.cell", has_text="Đã gửi, chờ duyệt").count() == 1
    log_out(page)

    log_in(page, "lanhdao")
    page.goto("/nhap-so-lieu/duyet/")
    row = page.locator("tr", has_text="Tỷ lệ trường đạt chuẩn quốc gia")
    row.get_by_role("button", name="Duyệt").click()
    page.locator("tr", has_text="Tỷ lệ trường đạt chuẩn quốc gia").get_by_text("Đã duyệt (khóa)").wait_for()
    assert Observation.objects.get(indicator=city.schools).state == EntryState.APPROVED

    page.goto(dashboard)
    assert met_count(page) == before + 1
    met = page.locator('tr[data-status="achieved"], tr[data-status="exceeded"]', has_text="trường đạt chuẩn")
    assert met.count() == 1


def test_the_dashboard_link_opens_a_drawn_year_to_date_chart_at_its_date(page, city):
    from tests.factories import make_observation

    make_observation(city.city, city.revenue, "Q2/2021", 25000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, "nguoixem")
    page.goto("/?resolution=hp-2021&as_of=2021-07-20")
    page.locator("#targets a", has_text="Thu ngân sách").click()
    page.wait_for_url(re.compile(r"as_of=2021-07-20"))
    assert "tính đến 20/07/2021" in page.content()
    page.locator('[data-chart="series"] canvas').wait_for()
    assert errors == []
