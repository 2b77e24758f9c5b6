"""What a person sees when the application refuses something (issue "Numbers a committee can
trust", finding 1): the reporter's refused cell, the import's row errors, a return without a
reason, a refusal with no place of its own, and the Vietnamese error pages. Each asserts the
text on screen and the state left in the database."""

from __future__ import annotations

import pytest

from chitieu.core.choices import EntryState, Stage
from chitieu.monitoring.models import Observation
from tests.e2e.test_browser import log_in
from tests.factories import make_observation
from tests.integration.xlsx_helpers import fill, template

pytestmark = pytest.mark.e2e


def entry_grid(page, city) -> None:
    page.goto(f"/nhap-so-lieu/?don_vi={city.commune_a.pk}&nam=2021&ky=year&muc=official")


def test_a_refused_cell_keeps_the_typed_value_marked_with_the_message_beside_it(page, city):
    log_in(page, "xa-a")
    entry_grid(page, city)
    cell = page.get_by_label("truong-dat-chuan 2021")
    cell.fill("abc")
    cell.press("Tab")
    message = page.locator("td.cell .error[role=alert]")
    message.wait_for()
    assert "Chưa lưu" in message.inner_text() and "abc" in message.inner_text()
    refused = page.get_by_label("truong-dat-chuan 2021")
    assert refused.input_value() == "abc"
    assert refused.get_attribute("aria-invalid") == "true"
    assert not Observation.objects.filter(indicator=city.schools).exists()

    refused.fill("-5")  # a share below 0: a hard plausibility rule
    refused.press("Tab")
    page.locator("td.cell .error[role=alert]", has_text="-5").wait_for()
    assert not Observation.objects.filter(indicator=city.schools).exists()

    page.get_by_label("truong-dat-chuan 2021").fill("86,5")  # corrected: saved, the message gone
    page.get_by_label("truong-dat-chuan 2021").press("Tab")
    page.locator("td.cell.saved", has_text="Nháp").wait_for()
    assert page.locator("td.cell .error[role=alert]").count() == 0
    assert Observation.objects.get(indicator=city.schools).value == 86.5


def test_an_import_with_bad_rows_lists_every_row_error_and_writes_nothing(page, city, tmp_path):
    data = template(city.commune_a.code, "2021")
    path = tmp_path / "mau.xlsx"
    path.write_bytes(fill(data, {"D7": "mười", "D8": "abc"}))
    before = Observation.objects.count()
    log_in(page, "xa-a")
    page.goto("/bao-cao/")
    page.locator('input[type=file][name=file]').set_input_files(str(path))
    page.get_by_role("button", name="Nhập số liệu").click()
    result = page.locator("#import-result [role=alert]")
    result.wait_for()
    text = result.inner_text()
    assert "không ghi số liệu nào" in text
    assert "dòng 7, cột D" in text and "«mười» không phải là số" in text
    assert "dòng 8, cột D" in text and "«abc» không phải là số" in text
    assert Observation.objects.count() == before


def test_returning_a_figure_without_a_reason_says_why_and_leaves_it_submitted(page, city):
    obs = make_observation(city.commune_a, city.schools, "2021", 86.5, stage=Stage.OFFICIAL,
                           state=EntryState.SUBMITTED)
    log_in(page, "lanhdao")
    page.goto("/nhap-so-lieu/duyet/")
    row = page.locator(f"#obs-{obs.pk}")
    row.get_by_role("button", name="Trả lại").click()
    message = page.locator(f"#obs-{obs.pk} .error[role=alert]")
    message.wait_for()
    assert "lý do" in message.inner_text().lower()
    obs.refresh_from_db()
    assert obs.state == EntryState.SUBMITTED


def test_a_refusal_without_a_place_of_its_own_shows_in_the_alert_slot(page, city):
    """A grid opened for another commune's unit is refused for the reporter: the HTMX save of a
    cell there answers 403, shown above the page instead of silently dropped."""
    log_in(page, "xa-a")
    entry_grid(page, city)
    # The commune's own grid, but the cell's unit changed to a unit the reporter may not enter.
    page.evaluate(
        """(unit) => document.querySelectorAll('input[name=value]').forEach(el => {
               const vals = JSON.parse(el.getAttribute('hx-vals')); vals.unit = String(unit);
               el.setAttribute('hx-vals', JSON.stringify(vals)); })""",
        city.commune_b.pk,
    )
    cell = page.get_by_label("truong-dat-chuan 2021")
    cell.fill("70")
    cell.press("Tab")
    alert = page.locator("#htmx-error [role=alert]")
    alert.wait_for()
    assert "Không có quyền" in alert.inner_text() and "Xã Kiến Thụy" in alert.inner_text()
    assert not Observation.objects.filter(indicator=city.schools).exists()


def test_error_pages_are_vietnamese_and_list_no_addresses(page, city):
    log_in(page, "xa-a")
    page.goto("/khong-co-trang-nay/")
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    assert "URLconf" not in page.content() and "Page not found" not in page.content()
    response = page.goto("/bao-cao/hp-2021/quy/2021-13-45.pdf")
    assert response.status == 400
    assert "không có tháng 13" in page.locator("[data-message]").inner_text()
    page.goto("/?resolution=hp-2021&as_of=2021-02-30")
    assert "tháng 2/2021 không có ngày 30" in page.locator("[data-message]").inner_text()
