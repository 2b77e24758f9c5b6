"""In a real browser: a commune reporter sees a figure due on the entry page, enters and sends
it, and the office then sees the commune reported (and the other commune overdue)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.e2e.test_browser import log_in, log_out
from tests.factories import assign

pytestmark = pytest.mark.e2e


def test_a_commune_reporter_sees_a_figure_due_enters_it_and_the_office_sees_it_reported(page, city):
    assign(city.schools, [city.commune_b], valid_from=date(2021, 1, 1))  # commune A's is the world's
    log_in(page, "xa-a")
    page.goto(f"/nhap-so-lieu/?don_vi={city.commune_a.pk}&nam=2021&ky=year&muc=official&ngay=2022-01-10")
    due = page.locator('#due-panel li[data-indicator="truong-dat-chuan"][data-period="2021"]')
    assert due.get_attribute("data-status") == "due"
    assert "Sắp đến hạn" in due.inner_text() and "hạn 15/01/2022" in due.inner_text()
    assert "Xã Kiến Thụy" not in page.locator("#due-panel").inner_text()  # commune B's own is not shown

    cell = page.get_by_label("truong-dat-chuan 2021")
    cell.fill("86,5")
    cell.press("Tab")
    page.locator("td.cell.saved", has_text="Nháp").wait_for()
    page.get_by_role("button", name="Gửi duyệt tất cả số nháp").click()
    page.get_by_text("Đã gửi 1 số liệu chờ duyệt.").wait_for()
    page.goto(f"/nhap-so-lieu/?don_vi={city.commune_a.pk}&nam=2021&ky=year&muc=official&ngay=2022-01-10")
    assert page.locator('#due-panel li[data-indicator="truong-dat-chuan"][data-period="2021"]').count() == 0
    log_out(page)

    log_in(page, "vanphong")
    page.goto("/nhap-so-lieu/day-du/?ky=2021&ngay=2022-01-16")
    table = page.locator("#day-du-truong-dat-chuan")
    assert "Đã báo cáo 1/2 xã, phường" in table.inner_text()
    assert table.locator('tr[data-unit="xa-an-lao"]').get_attribute("class") is None  # reported
    missing = page.locator('#chua-bao-cao tr[data-unit="xa-kien-thuy"]')
    assert "Quá hạn 1" in missing.inner_text()
    assert page.locator('#chua-bao-cao tr[data-unit="xa-an-lao"]').count() == 0
    assert "Chờ duyệt: 1" in page.locator("#waiting-approval").inner_text()
