"""The whole cycle in a real browser, as its three people do it: the office sets up a
resolution with two targets (lead units, a leader) and gives one to two communes; a commune
reporter finds that figure due on the entry page, enters and sends it; the office sees the
commune reported and the other one still owing."""

from __future__ import annotations

import pytest

from chitieu.plans.models import Assignment, TargetShare
from tests.e2e.test_browser import log_in, log_out
from tests.e2e.test_setup_browser import add_target, fill_resolution

pytestmark = pytest.mark.e2e


def test_the_office_sets_up_and_cascades_a_target_a_commune_reports_it_and_the_office_sees_it(page, city):
    log_in(page, "vanphong")
    page.goto("/thiet-lap/nghi-quyet/moi/")
    fill_resolution(page, code="hp-2022", number="02-NQ/TU", year=2022)
    add_target(page, number="1", indicator="Tốc độ tăng trưởng GRDP (%)", value="8", lead="Cục Thống kê",
               leader="Nguyễn Văn Lãnh (Phó Bí thư Thành ủy)")
    page.get_by_text("Đã thêm chỉ tiêu.").wait_for()
    add_target(page, number="2", indicator="Thu ngân sách nhà nước (tỷ đồng)", value="90.000", lead="Cục Thống kê")
    page.get_by_text("Đã thêm chỉ tiêu.").wait_for()

    page.goto("/nghi-quyet/hp-2022/chi-tieu/2/giao/")
    page.get_by_label("Phần giao Xã An Lão").fill("50.000")
    page.get_by_label("Phần giao Xã Kiến Thụy").fill("40.000")
    page.get_by_role("button", name="Lưu phần giao").click()
    page.get_by_text("Đã giao chỉ tiêu (2) cho 2 đơn vị.").wait_for()
    assert TargetShare.objects.filter(target__resolution__code="hp-2022").count() == 2
    assert Assignment.objects.filter(indicator=city.revenue, unit__in=[city.commune_a, city.commune_b]).count() == 2
    log_out(page)

    log_in(page, "xa-a")
    grid = f"/nhap-so-lieu/?don_vi={city.commune_a.pk}&nam=2022&ky=quarter&muc=official&ngay=2022-04-10"
    page.goto(grid)
    due = page.locator('#due-panel li[data-indicator="thu-ngan-sach"][data-period="Q1/2022"]')
    assert due.get_attribute("data-status") == "due"
    assert "Sắp đến hạn" in due.inner_text()
    cell = page.get_by_label("thu-ngan-sach Q1/2022")
    cell.fill("12.500")
    cell.press("Tab")
    page.locator("td.cell.saved", has_text="Nháp").wait_for()
    page.get_by_role("button", name="Gửi duyệt tất cả số nháp").click()
    page.get_by_text("Đã gửi 1 số liệu chờ duyệt.").wait_for()
    page.goto(grid)
    assert page.locator('#due-panel li[data-indicator="thu-ngan-sach"][data-period="Q1/2022"]').count() == 0
    log_out(page)

    log_in(page, "vanphong")
    page.goto("/nhap-so-lieu/day-du/?ky=Q1/2022&chi_tieu=thu-ngan-sach&ngay=2022-04-16")
    table = page.locator("#day-du-thu-ngan-sach")
    assert "Đã báo cáo 1/2 xã, phường" in table.inner_text()
    missing = page.locator('#chua-bao-cao tr[data-unit="xa-kien-thuy"]')
    assert "Quá hạn 1" in missing.inner_text()
    assert page.locator('#chua-bao-cao tr[data-unit="xa-an-lao"]').count() == 0
