"""The unit tree in a real browser: today's units with where they came from; choosing a day
before the reorganisation shows the old units and where they went."""

from __future__ import annotations

from datetime import date

from chitieu.core.choices import ShareBasis, UnitKind
from chitieu.org.history import LinkSpec, record_reorganisation
from tests.e2e.test_browser import log_in
from tests.factories import make_unit


def test_a_viewer_walks_the_unit_tree_back_to_before_the_reorganisation(page, city):
    make_unit("phuong-cu", "Phường Cũ", kind=UnitKind.WARD, parent=city.city)
    make_unit("xa-tach", "Xã Tách", kind=UnitKind.COMMUNE, parent=city.city)
    make_unit("phuong-moi", "Phường Mới", kind=UnitKind.WARD, parent=city.city)
    record_reorganisation(date(2025, 7, 1), "NQ 1669/NQ-UBTVQH15", [
        LinkSpec("phuong-cu", "phuong-moi"), LinkSpec("xa-tach", "phuong-moi", 0.25, ShareBasis.POPULATION),
        LinkSpec("xa-tach", city.commune_a.code, 0.75, ShareBasis.POPULATION),
        LinkSpec(city.commune_a.code, city.commune_a.code),
    ])
    log_in(page, "vanphong")
    page.goto("/don-vi/")
    new = page.locator("#u-phuong-moi")
    assert "hiệu lực từ 01/07/2025" in new.inner_text()
    assert "Hình thành từ: Phường Cũ, Xã Tách (25% theo dân số)" in new.inner_text()
    assert page.locator("#u-phuong-cu").count() == 0

    page.locator("input[name=ngay]").fill("2025-01-01")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**/don-vi/?ngay=2025-01-01")
    old = page.locator("#u-xa-tach")
    assert "hiệu lực đến 30/06/2025" in old.inner_text() and "Chuyển thành: Phường Mới (25% theo dân số)" in old.inner_text()
    assert page.locator("#u-phuong-moi").count() == 0
    old.get_by_role("link", name="Phường Mới").click()
    page.get_by_role("heading", name="Phường Mới").wait_for()
