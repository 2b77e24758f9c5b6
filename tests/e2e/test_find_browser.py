"""Finding an indicator from the page header in a real browser: typing "bhyt" without marks
or capitals finds the insurance indicator, whose page opens from the results."""

from __future__ import annotations

from tests.e2e.test_browser import log_in
from tests.factories import make_indicator


def test_typing_bhyt_in_the_header_box_finds_the_health_insurance_indicator(page, city):
    make_indicator("bao-hiem-y-te", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%")
    log_in(page, "xa-a")
    page.get_by_label("Tìm chỉ tiêu, nhiệm vụ, đơn vị").first.fill("bhyt")
    page.get_by_label("Tìm chỉ tiêu, nhiệm vụ, đơn vị").first.press("Enter")
    results = page.locator("#find-indicators")
    results.wait_for()
    assert "Tỷ lệ dân số tham gia bảo hiểm y tế" in results.inner_text()
    results.get_by_role("link", name="Tỷ lệ dân số tham gia bảo hiểm y tế").click()
    page.get_by_role("heading", name="Tỷ lệ dân số tham gia bảo hiểm y tế").wait_for()
