"""The office breaks a city target down into two communes' shares in a real browser: a
breakdown that does not add up is refused with the difference shown above the table and the
typed figures kept; one that does is saved, and the dashboard says how the units stand."""

from __future__ import annotations

from chitieu.plans.models import TargetShare
from tests.e2e.test_browser import log_in
from tests.factories import make_observation


def test_the_office_gives_a_target_to_two_communes_and_sees_how_they_stand(page, city):
    make_observation(city.commune_a, city.revenue, "2021", 52000)
    make_observation(city.commune_b, city.revenue, "2021", 30000)
    log_in(page, "vanphong")
    page.goto("/?resolution=hp-2021&as_of=2022-01-31")
    page.locator("tr.target-row", has_text="Thu ngân sách").get_by_role("link", name="Giao cho đơn vị").click()
    page.get_by_role("heading", name="Giao chỉ tiêu (2) cho các đơn vị").wait_for()

    page.get_by_label("Phần giao Xã An Lão").fill("50.000")
    page.get_by_label("Phần giao Xã Kiến Thụy").fill("30.000")
    page.get_by_role("button", name="Lưu phần giao").click()
    alert = page.locator("#shares-error")
    alert.wait_for()
    assert "còn thiếu 10.000 tỷ đồng" in alert.inner_text()
    assert page.get_by_label("Phần giao Xã Kiến Thụy").input_value() == "30.000"
    assert not TargetShare.objects.exists()

    page.get_by_label("Phần giao Xã Kiến Thụy").fill("40.000")
    page.get_by_role("button", name="Lưu phần giao").click()
    page.get_by_text("Đã giao chỉ tiêu (2) cho 2 đơn vị.").wait_for()
    assert sorted(TargetShare.objects.values_list("unit__code", "value")) == [("xa-an-lao", 50000), ("xa-kien-thuy", 40000)]
    assert "Đạt phần giao 1/2 đơn vị" in page.locator("#shares-standing").inner_text()

    page.goto("/?resolution=hp-2021&as_of=2022-01-31")
    assert "Các đơn vị: đạt phần giao 1/2 đơn vị" in page.locator("tr.target-row", has_text="Thu ngân sách").inner_text()


def test_the_office_sends_a_shares_workbook_back_and_reads_its_row_errors(page, city, tmp_path):
    import io

    from openpyxl import load_workbook

    log_in(page, "vanphong")
    page.goto("/nghi-quyet/hp-2021/chi-tieu/2/giao/")
    with page.expect_download() as got:
        page.get_by_role("link", name="Tải bảng giao (Excel)").click()
    wb = load_workbook(io.BytesIO(open(got.value.path(), "rb").read()))
    ws = wb["Phần giao"]
    for row in ws.iter_rows(min_row=5):
        if row[0].value == "xa-an-lao":
            row[2].value = "năm mươi nghìn"
        if row[0].value == "xa-kien-thuy":
            row[2].value = 40000
    filled = tmp_path / "giao.xlsx"
    wb.save(filled)

    page.get_by_label("Nhập phần giao từ Excel").set_input_files(str(filled))
    page.get_by_role("button", name="Nhập bảng giao").click()
    errors = page.locator("#sheet-errors")
    errors.wait_for()
    text = errors.inner_text()
    assert "Sheet 'Phần giao', dòng" in text and "cột C (Phần giao)" in text
    assert "«năm mươi nghìn» không phải là số" in text
    assert not TargetShare.objects.exists()
