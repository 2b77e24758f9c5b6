"""In a real browser, as a leader: the demo's default dashboard is today's city (the 2026 plan),
and its targets show the figure against the scenario and the pace the rest of the year needs."""

from __future__ import annotations

import re

import pytest

from chitieu.core.choices import Role
from chitieu.demo.loader import load_demo
from chitieu.org.models import Unit
from tests.e2e.test_browser import log_in
from tests.factories import make_user

pytestmark = pytest.mark.e2e


@pytest.fixture
def todays_city(transactional_db):
    load_demo(simulate=False)
    make_user("lanhdao", role=Role.LEADER, unit=Unit.objects.get(code="thanh-uy"))


def test_a_leader_sees_the_2026_plan_against_its_scenarios_with_the_pace_required(page, todays_city):
    log_in(page, "lanhdao")
    page.goto("/")
    assert "Kế hoạch phát triển kinh tế - xã hội năm 2026" in page.content()  # the default is today's plan
    page.goto("/?resolution=hp-2026&as_of=2026-03-31")
    budget = page.locator("tr.target-row", has_text="Thu NSNN")
    assert budget.locator(".scenario").inner_text() == "đạt 120,8% kịch bản tháng 2/2026 (34.392 tỷ đồng)"
    assert budget.locator(".required").inner_text().startswith("10 tháng còn lại của năm cần thêm 153.506 tỷ đồng")
    assert re.search(r"\(\d+(,\d)?%\)", budget.locator(".chance").inner_text())
    iip = page.locator("tr.target-row", has_text="IIP")
    assert iip.locator(".scenario").inner_text() == "thấp hơn kịch bản tháng 2/2026 (-4,7%) 1,55 điểm %"
    # the indicator chart says the pace in words (the first quarter's GRDP is known from 6 April)
    page.goto("/chi-tieu/grdp-growth/?resolution=hp-2026&as_of=2026-04-30")
    page.wait_for_selector("[data-chart=series][data-drawn]")
    assert "Cần đạt: 9 tháng còn lại của năm cần tăng 13,23%" in page.locator(".target", has_text="kỳ 2026:").inner_text()
    assert "Cần đạt" in page.evaluate(
        "() => JSON.stringify(echarts.getInstanceByDom(document.querySelector('[data-chart=series]')).getOption().title)")
