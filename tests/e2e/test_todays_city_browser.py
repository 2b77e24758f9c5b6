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


def _chart(page) -> dict:
    page.wait_for_selector("[data-chart=series][data-drawn]")
    return page.evaluate(
        "() => { const o = echarts.getInstanceByDom(document.querySelector('[data-chart=series]')).getOption();"
        " return {x: o.xAxis[0].data, series: o.series.map(s => ({name: s.name, data: s.data}))}; }")


@pytest.mark.parametrize(("resolution", "last"), [("hp-2026", 2026), ("hp-2025", 2025)])
def test_a_leader_sees_grdp_growth_from_2021_in_todays_boundaries_with_how_it_was_combined(
        page, todays_city, resolution, last):
    log_in(page, "lanhdao")
    page.goto(f"/chi-tieu/grdp-growth/?resolution={resolution}")
    chart = _chart(page)  # year by year: a rate judged over a year
    years = [f"năm {y}" for y in range(2021, last + 1)]
    assert chart["x"] == years
    # 2021-2024: the old city and Hải Dương combined by GRDP (weights 67,9% / 32,1% for 2021):
    # 2021 (315.700 × 12,38 + 149.090 × 8,6) / 464.790 = 11,17; 2025 the merged city's 11,81.
    drawn = {}
    for s in chart["series"]:
        for x, v in zip(chart["x"], s["data"], strict=False):
            value = v[1] if isinstance(v, list) else v
            if value is not None and x in years:
                drawn.setdefault(x, round(float(value), 2))
    assert (drawn["năm 2021"], drawn["năm 2022"], drawn["năm 2023"], drawn["năm 2024"], drawn["năm 2025"]) == (
        11.17, 11.29, 9.64, 10.75, 11.81)
    note = page.locator("#boundaries-note").inner_text()
    assert "năm 2021: gộp 2 đơn vị cũ, trọng số GRDP giá hiện hành năm 2021" in note
    assert "Thành phố Hải Phòng 315.700 tỷ đồng (67,9%), Tỉnh Hải Dương 149.090 tỷ đồng (32,1%)" in note
    assert "không có số năm 2022 của mọi đơn vị, dùng năm 2021" in note  # said plainly, not made up
    assert "https://thongkehd.gov.vn/" in note and "https://vneconomy.vn/" in note
    # the table under the chart gives each combined year its own sources
    row = page.locator("tbody tr", has_text="Năm 2022").first
    assert "thanhphohaiphong.gov.vn" in row.inner_text() or "thongkehd.gov.vn" in row.inner_text()


def test_the_plan_year_says_what_is_known_of_it_and_marks_the_simulated_quarter(page, todays_city):
    log_in(page, "lanhdao")
    page.goto("/chi-tieu/grdp-growth/?resolution=hp-2026&as_of=2026-04-30")
    _chart(page)
    so_far = page.locator("#plan-year-note").inner_text()
    assert so_far.startswith("2026: kỳ kế hoạch, chưa có số cả kỳ; đã có quý I/2026 12,2 %")
    assert "mô phỏng" in so_far.lower()
