"""In a real browser: paste a resolution, see its items highlighted, accept one (its row and
its highlight change in place), correct another inline, reject a third, create the drafts."""

from __future__ import annotations

import re

import pytest

from chitieu.core.choices import Decision
from chitieu.plans.models import Target
from chitieu.reading.models import ExtractedItem
from tests.e2e.test_browser import log_in
from tests.personas import make_cast

pytestmark = pytest.mark.e2e

TEXT = """NGHỊ QUYẾT về nhiệm vụ năm 2025
Các chỉ tiêu chủ yếu năm 2025: (1) Tốc độ tăng trưởng kinh tế (GRDP) đạt trên 10%;
(2) Thu ngân sách nhà nước trên địa bàn đạt 1.350 tỷ đồng; (3) Tỷ lệ hộ nghèo giảm còn dưới 1,5%."""


@pytest.fixture
def cast(transactional_db):
    return make_cast()


def test_the_office_reads_a_resolution_and_drafts_the_targets_it_accepts(page, cast):
    log_in(page, "vanphong")
    page.goto("/doc-van-ban/moi/")
    page.locator("#id_title").fill("Nghị quyết năm 2025")
    page.locator("#id_kind").select_option("resolution")
    page.get_by_test_id("document-text").fill(TEXT)
    page.get_by_test_id("read-document").click()
    page.wait_for_url(re.compile(r"/doc-van-ban/\d+/$"))

    rows = page.get_by_test_id("item-row")
    assert rows.count() >= 3
    assert page.get_by_test_id("item-mark").count() == rows.count()
    first, second, third = (rows.nth(i).get_attribute("data-item") for i in range(3))

    page.locator(f"#accept-item-{first}").click()
    page.locator(f'#item-{first}[data-decision="accepted"]').wait_for()
    # HTMX settles classes a moment after the swap; wait for the highlight's new class.
    page.locator(f"#mark-{first}.decision-accepted").wait_for()

    page.locator(f"#edit-item-{second}").click()
    form = page.get_by_test_id("item-edit-form")
    form.locator('input[name="value"]').fill("nhiều")
    form.get_by_test_id("save-item").click()
    page.get_by_text("«nhiều» không phải là số").wait_for()
    form.locator('input[name="value"]').fill("1.400")
    form.get_by_test_id("save-item").click()
    page.locator(f'#item-{second}[data-decision="edited"]').wait_for()

    page.locator(f"#reject-item-{third}").click()
    page.locator(f'#item-{third}[data-decision="rejected"]').wait_for()
    page.locator(f"#mark-{third}.decision-rejected").wait_for()

    # Leave any further items out, then draft.
    for extra in ExtractedItem.objects.exclude(pk__in=[first, second, third]):
        page.locator(f"#reject-item-{extra.pk}").click()
        page.locator(f'#item-{extra.pk}[data-decision="rejected"]').wait_for()
    page.locator("#create-drafts").click()
    page.get_by_text("Chưa có gì được xác nhận").wait_for()

    drafted = Target.objects.filter(confirmed=False).order_by("order")
    assert drafted.count() == 2
    assert ExtractedItem.objects.get(pk=second).decision == Decision.EDITED
    assert 1400.0 in {t.value for t in drafted}
