"""In a real browser: the office sets up a resolution with two targets, a lead unit and a
leader, and meets a refused value next to its field."""

from __future__ import annotations

import re

import pytest

from chitieu.plans.models import Resolution
from tests.e2e.test_browser import log_in

pytestmark = pytest.mark.e2e


def add_target(page, *, number: str, indicator: str, value: str, lead: str, leader: str | None = None) -> None:
    page.get_by_role("link", name="Thêm chỉ tiêu").click()
    page.get_by_label("Số thứ tự").fill(number)
    page.get_by_label("Chỉ tiêu (danh mục)").select_option(label=indicator)
    page.get_by_label("Phép so sánh").select_option(value=">=")
    page.get_by_label("Giá trị", exact=True).fill(value)
    page.get_by_label("Đơn vị chủ trì").select_option(label=lead)
    if leader:
        page.get_by_label("Đồng chí phụ trách").select_option(label=leader)
    page.get_by_role("button", name="Lưu").click()


def fill_resolution(page, *, code: str, number: str, year: int) -> None:
    """Fill and save the new-resolution form: the city's yearly resolution for `year`."""
    page.get_by_label("Mã", exact=True).fill(code)
    page.get_by_label("Số, ký hiệu").fill(number)
    page.get_by_label("Trích yếu").fill(f"Nghị quyết về nhiệm vụ năm {year}")
    page.get_by_label("Cơ quan ban hành").select_option(label="Thành phố Hải Phòng")
    page.get_by_label("Ngày ban hành").fill(f"{year - 1}-12-20")
    page.get_by_label("Loại nghị quyết").select_option(label="Nghị quyết năm")
    page.get_by_label("Kỳ kế hoạch").fill(str(year))
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(rf"/thiet-lap/nghi-quyet/{code}/$"))


def test_the_office_creates_a_resolution_with_two_targets_a_lead_unit_and_a_leader(page, city):
    log_in(page, "vanphong")
    page.get_by_role("link", name="Thiết lập").click()
    page.get_by_role("link", name="Thêm nghị quyết").click()
    fill_resolution(page, code="hp-2026", number="05-NQ/TU", year=2026)
    page.get_by_text("Đã tạo nghị quyết.").wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == "05-NQ/TU · Nghị quyết về nhiệm vụ năm 2026"

    add_target(page, number="1", indicator="Tốc độ tăng trưởng GRDP (%)", value="11,5", lead="Cục Thống kê",
               leader="Nguyễn Văn Lãnh (Phó Bí thư Thành ủy)")
    page.get_by_text("Đã thêm chỉ tiêu.").wait_for()

    # A number the resolution already uses comes back next to the number, nothing written.
    add_target(page, number="1", indicator="Thu ngân sách nhà nước (tỷ đồng)", value="95.000", lead="Xã An Lão")
    refusal = page.locator('[data-field="number"] .error')
    refusal.wait_for()
    assert "Nghị quyết đã có chỉ tiêu số «1»" in refusal.inner_text()
    page.get_by_label("Số thứ tự").fill("2")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã thêm chỉ tiêu.").wait_for()

    rows = page.locator("#resolution-targets tbody tr")
    assert rows.count() == 2
    first, second = rows.nth(0).inner_text(), rows.nth(1).inner_text()
    assert "Tốc độ tăng trưởng GRDP" in first and "≥ 11,5%" in first
    assert "Cục Thống kê" in first and "Nguyễn Văn Lãnh" in first
    assert "Thu ngân sách nhà nước" in second and "≥ 95.000 tỷ đồng" in second and "Xã An Lão" in second
    targets = Resolution.objects.get(code="hp-2026").targets.order_by("order")
    assert [(t.number, t.lead_unit.code, t.leader.full_name if t.leader else None) for t in targets] == [
        ("1", "cuc-thong-ke", "Nguyễn Văn Lãnh"), ("2", "xa-an-lao", None)]
