"""A lead unit's reporter answers for a weak target in a real browser: the flag on the
dashboard leads to the form, a missing cause is shown next to its field, the answer then shows
on the dashboard in place of the flag."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.e2e.test_browser import log_in

DASHBOARD = "/?resolution=hp-2021&as_of=2021-12-31"


def test_the_lead_unit_explains_a_weak_target_from_the_dashboard_flag(page, city):
    log_in(page, "thong-ke")
    page.goto(DASHBOARD)
    row = page.locator("tr.target-row", has_text="Thu ngân sách")
    row.get_by_role("link", name="Chưa có giải trình, giải pháp").click()
    page.get_by_role("heading", name="Giải trình chỉ tiêu (2)").wait_for()

    page.get_by_label("Giải pháp khắc phục").fill("Đẩy nhanh đấu giá quỹ đất")
    page.get_by_label("Hạn hoàn thành giải pháp").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Lưu giải trình").click()
    page.get_by_text("Chưa nhập nguyên nhân.").wait_for()
    assert page.get_by_label("Giải pháp khắc phục").input_value() == "Đẩy nhanh đấu giá quỹ đất"

    page.get_by_label("Nguyên nhân").fill("Thu tiền sử dụng đất chậm")
    page.get_by_role("button", name="Lưu giải trình").click()
    page.get_by_text("Đã lưu giải trình chỉ tiêu (2).").wait_for()
    assert "Thu tiền sử dụng đất chậm" in page.locator("#follow-ups").inner_text()

    page.goto(DASHBOARD)
    text = page.locator("tr.target-row", has_text="Thu ngân sách").inner_text()
    assert "Giải pháp: Đẩy nhanh đấu giá quỹ đất" in text and "Chưa có giải trình" not in text
