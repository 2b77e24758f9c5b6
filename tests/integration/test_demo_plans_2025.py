"""Today's Hải Phòng in the demo: the 2025 re-based plan judged on the real figures, the 2026
plan measured against its scenarios, and every forecast a report shows kept as a vintage."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from chitieu.core.choices import SIMULATED_SOURCE
from chitieu.demo.loader import load_demo
from chitieu.plans.models import PeerFigure, Target, TargetScenario
from chitieu.reports.build import build_report, resolution_by_code
from chitieu.reports.models import ForecastVintage


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


def review(code: str, as_of: str) -> dict:
    out = StringIO()
    call_command("review", resolution=code, as_of=as_of, format="json", stdout=out)
    return json.loads(out.getvalue())


def targets(code: str, as_of: str) -> dict[str, dict]:
    return {t["number"]: t for t in review(code, as_of)["targets"]}


@pytest.mark.django_db
class TestTodaysCity:
    def test_the_2025_and_2026_plans_have_22_targets_each(self, demo):
        assert Target.objects.filter(resolution__code="hp-2025").count() == 22
        assert Target.objects.filter(resolution__code="hp-2026").count() == 22
        simulated = Target.objects.filter(resolution__code="hp-2025", clause__startswith=f"[{SIMULATED_SOURCE}]")
        assert "1" not in set(simulated.values_list("number", flat=True))  # GRDP's 12,35% is real

    def test_the_year_end_review_of_2025_says_grdp_was_not_achieved_on_the_real_figure(self, demo):
        data = review("hp-2025", "2025-12-31")
        grdp = {t["number"]: t for t in data["targets"]}["1"]
        assert (grdp["value"], grdp["actual"], grdp["status"], grdp["simulated"]) == (12.35, 11.81, "not_achieved", False)
        assert grdp["required"] is None and grdp["probability"] is None  # final: neither
        assert data["summary"]["met"] == 18 and data["counts"]["not_achieved"] == 4
        budget = {t["number"]: t for t in data["targets"]}["2"]
        assert (budget["actual"], budget["status"], budget["simulated"]) == (187766, "exceeded", False)

    def test_after_the_first_half_the_second_needs_13_35_percent(self, demo):
        grdp = targets("hp-2025", "2025-07-31")["1"]
        assert grdp["actual"] == 11.2 and grdp["status"] == "at_risk"
        assert grdp["required"]["words"] == "6 tháng cuối năm cần tăng 13,35%"
        assert 0 <= grdp["probability"] <= 1 and grdp["probability_method"] == "growth-normal"

    def test_the_2026_budget_is_measured_against_its_scenario_to_february(self, demo):
        budget = targets("hp-2026", "2026-03-31")["7"]
        assert budget["actual"] == 41546 and not budget["simulated"]
        assert budget["scenario"]["period"] == "T2/2026"
        assert budget["scenario"]["words"] == "đạt 120,8% kịch bản tháng 2/2026 (34.392 tỷ đồng)"
        assert budget["required"]["words"].startswith("10 tháng còn lại của năm cần thêm 153.506 tỷ đồng")

    def test_the_february_iip_falls_short_of_its_scenario(self, demo):
        iip = targets("hp-2026", "2026-03-31")["5"]
        assert iip["actual"] == -6.25
        assert iip["scenario"]["words"] == "thấp hơn kịch bản tháng 2/2026 (-4,7%) 1,55 điểm %"

    def test_the_citys_rank_is_the_published_one(self, demo):
        own = PeerFigure.objects.get(own=True, indicator__code="grdp-growth", period="2025")
        assert (own.value, own.rank, own.rank_of) == (11.81, 2, 34)

    def test_scenarios_are_not_duplicated_by_a_second_load(self, demo):
        before = TargetScenario.objects.count()
        again = load_demo()
        assert again.real_added == 0 and TargetScenario.objects.count() == before


@pytest.mark.django_db
def test_a_report_keeps_each_forecast_it_shows_as_a_dated_vintage(demo):
    resolution = resolution_by_code("hp-2026")
    report = build_report("quy", resolution, as_of=date(2026, 3, 31))
    text = "\n".join(p for s in report.sections for p in s.paragraphs)
    assert "đạt 120,8% kịch bản tháng 2/2026" in text
    kept = ForecastVintage.objects.filter(target__resolution=resolution, as_of=date(2026, 3, 31))
    budget = kept.get(target__number="7")
    assert budget.scenario.startswith("đạt 120,8% kịch bản") and 0 <= budget.probability <= 1
    assert budget.required.startswith("10 tháng còn lại")
    n = kept.count()
    build_report("quy", resolution, as_of=date(2026, 3, 31))
    assert kept.count() == n  # built again the same day: the first vintage stands
