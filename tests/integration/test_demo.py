"""The Hai Phong demo: what `chitieu demo` loads and what the 2021 review must show."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from chitieu.core.choices import SIMULATED_SOURCE, Stage, Status, UnitKind
from chitieu.demo.loader import RESOLUTION_CODE, load_demo
from chitieu.monitoring.models import Observation
from chitieu.org.models import Unit
from chitieu.plans.models import Target, TargetShare
from chitieu.tasks.models import Task

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "gold" / "001_89a644c1831c70f8.json"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for this module, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


def review_json(as_of: str = "2021-12-31") -> dict:
    out = StringIO()
    call_command("review", resolution=RESOLUTION_CODE, as_of=as_of, format="json", stdout=out)
    return json.loads(out.getvalue())


def by_number(data: dict) -> dict[str, dict]:
    return {t["number"]: t for t in data["targets"]}


@pytest.mark.django_db
def test_demo_then_review_prints_38_targets_with_grdp_and_party_members_not_achieved():
    call_command("demo", "--no-serve", stdout=StringIO())
    data = review_json()
    assert data["resolution"] == "hp-2021" and len(data["targets"]) == 38
    grdp, members = by_number(data)["1"], by_number(data)["20"]
    assert (grdp["value"], grdp["actual"], grdp["stage"], grdp["status"]) == (13.5, 12.5, "estimate", "not_achieved")
    assert (members["value"], members["value_max"], members["actual"]) == (3300, 3500, 3186)
    assert (members["stage"], members["status"]) == ("estimate", "not_achieved")
    # budget revenue: the conference's "hơn 90 nghìn tỷ", 101% of the council's estimate
    revenue = by_number(data)["4"]
    assert (revenue["actual"], revenue["simulated"], revenue["status"]) == (90000, False, "exceeded")
    assert not grdp["simulated"] and not members["simulated"]


@pytest.mark.django_db
class TestDemoContents:
    def test_the_city_has_its_114_communes_wards_and_special_zones(self, demo):
        city = Unit.objects.get(kind=UnitKind.CITY)
        local = Unit.objects.filter(parent=city, kind__in=[UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE])
        assert local.count() == 114
        assert local.filter(admin_code__isnull=True).count() == 0

    def test_loading_again_adds_nothing(self, demo):
        before = Observation.objects.count(), Target.objects.count(), Unit.objects.count()
        again = load_demo()
        assert (again.real_added, again.simulated_added) == (0, 0)
        assert (Observation.objects.count(), Target.objects.count(), Unit.objects.count()) == before

    def test_a_commune_is_judged_against_its_share_of_the_jobs_target_only(self, demo):
        shares = TargetShare.objects.filter(target__resolution__code=RESOLUTION_CODE, target__number="13")
        # Given in 2021 to the old city's 167 communes, wards and towns (the units of that year).
        assert shares.count() == 167 and sum(shares.values_list("value", flat=True)) == 56000
        assert all(s.unit.valid_to == date(2025, 6, 30) for s in shares.select_related("unit"))
        assert all("mô phỏng" in note for note in shares.values_list("note", flat=True))
        commune = shares.order_by("unit__admin_code").first().unit
        out = StringIO()
        call_command("review", resolution=RESOLUTION_CODE, unit=commune.code, as_of="2021-12-31", format="json",
                     stdout=out)
        data = json.loads(out.getvalue())
        assert [(t["number"], t["value"]) for t in data["targets"]] == [("13", shares.get(unit=commune).value)]
        assert data["targets"][0]["actual"] is not None  # the commune's own simulated jobs figures

    def test_one_weak_target_carries_its_lead_units_simulated_answer_and_the_others_are_flagged(self, demo):
        out = StringIO()
        call_command("review", resolution=RESOLUTION_CODE, as_of="2021-12-31", format="json", stdout=out)
        targets = {t["number"]: t for t in json.loads(out.getvalue())["targets"]}
        assert targets["1"]["status"] == "not_achieved" and targets["1"]["needs_action"] is False
        assert targets["1"]["follow_up"]["cause"].startswith("[mô phỏng]")
        assert targets["20"]["needs_action"] is True  # Party members: not achieved, no answer yet

    def test_a_wards_own_resolution_is_judged_on_the_wards_figures(self, demo):
        out = StringIO()
        call_command("review", resolution="an-bien-2021", as_of="2021-12-31", format="json", stdout=out)
        data = json.loads(out.getvalue())
        # The ward of 2021 (quận Lê Chân), not today's phường An Biên formed on 1/7/2025.
        assert data["unit"] == "phuong-an-bien-11371-cu" and "mô phỏng" in data["title"]
        ward_jobs = sum(Observation.objects.filter(unit__code="phuong-an-bien-11371-cu", indicator__code="jobs",
                                                   period_start__year=2021).values_list("value", flat=True))
        assert data["targets"][0]["actual"] == ward_jobs  # the ward's months, not the city's 56.000

    def test_every_target_has_a_lead_unit_and_a_leader(self, demo):
        targets = Target.objects.filter(resolution__code=RESOLUTION_CODE)
        assert targets.count() == 38
        assert not targets.filter(lead_unit__isnull=True).exists()
        assert not targets.filter(leader__isnull=True).exists()
        assert targets.get(number="20").lead_unit.code == "ban-to-chuc"

    def test_the_targets_are_the_38_items_of_the_gold_annotation(self, demo):
        if not GOLD.exists():
            pytest.skip(f"thiếu {GOLD}")
        gold = [i for i in json.loads(GOLD.read_text(encoding="utf-8")) if not i["optional"]]
        stored = sorted(
            (t.comparator, t.value, t.value_max, t.unit)
            for t in Target.objects.filter(resolution__code=RESOLUTION_CODE)
        )
        assert stored == sorted((g["comparator"], g["value"], g["value_max"], g["unit"]) for g in gold)

    def test_each_target_carries_its_clause_read_from_the_shared_resolution_text(self, demo):
        if not GOLD.exists():
            pytest.skip(f"thiếu {GOLD}")
        text = (GOLD.parents[1] / "seeds" / f"{GOLD.stem}.txt").read_text(encoding="utf-8")
        gold = [i for i in json.loads(GOLD.read_text(encoding="utf-8")) if not i["optional"]]
        targets = Target.objects.filter(resolution__code=RESOLUTION_CODE).order_by("order")
        for target, item in zip(targets, gold, strict=True):
            assert item["text"] in target.clause and target.clause in text, target.number
        assert targets[0].clause.startswith("(1) ")

    def test_real_figures_name_their_conference_and_are_not_simulated(self, demo):
        real = Observation.objects.exclude(source=SIMULATED_SOURCE)
        grdp_q1 = real.get(indicator__code="grdp-growth", period="Q1/2024")
        assert grdp_q1.value == 9.32 and "lần thứ 15" in grdp_q1.source
        iip = real.get(indicator__code="iip-growth", period="Q1/2024")
        assert (iip.value, iip.stage) == (12.59, Stage.ESTIMATE)
        assert real.get(indicator__code="budget-vs-central-estimate", period="2021").value == 117.2

    def test_simulation_never_covers_grdp_or_party_members_in_2021_at_city_level(self, demo):
        city = Unit.objects.get(kind=UnitKind.CITY)
        simulated = Observation.objects.filter(unit=city, source=SIMULATED_SOURCE, period_start__year=2021)
        assert simulated.exists()
        assert not simulated.filter(indicator__code__in=["grdp-growth", "new-party-members"]).exists()

    def test_tasks_carry_the_deadlines_the_conferences_set(self, demo):
        zone = Task.objects.get(code="kkt-ven-bien-phia-nam")
        assert zone.deadline.isoformat() == "2024-12-31" and zone.deadline_text == "trước năm 2025"
        assert Task.objects.get(code="cang-nam-do-son").deadline.year == 2029
        assert Task.objects.filter(deadline__year=2024, deadline__month=6).count() >= 1

    def test_the_table_shows_labels_and_marks_simulated_figures(self, demo):
        out = StringIO()
        call_command("review", resolution=RESOLUTION_CODE, as_of="2021-12-31", format="table", stdout=out)
        text = out.getvalue()
        assert Status.NOT_ACHIEVED.label in text and "Tăng trưởng GRDP" in text
        assert "mô phỏng" in text

    def test_mid_year_the_review_forecasts_and_knows_nothing_of_the_december_estimates(self, demo):
        data = review_json("2021-06-30")
        statuses = {t["status"] for t in data["targets"]}
        assert statuses & {Status.ON_TRACK, Status.AT_RISK}
        assert any(t["forecast"] for t in data["targets"])
        # GRDP 12,5% and 3.186 new members were reported on 4/12/2021
        assert by_number(data)["1"]["status"] == Status.NO_DATA
        assert by_number(data)["20"]["actual"] != 3186


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ({"resolution": "khong-co", "as_of": "2021-12-31"}, "khong-co"),
        ({"resolution": RESOLUTION_CODE, "as_of": "31/12/2021"}, "31/12/2021"),
    ],
)
def test_review_with_bad_input_fails_naming_the_value(args, fragment):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as info:
        call_command("review", format="json", **args)
    assert fragment in str(info.value)


@pytest.mark.django_db
class TestDemoHistory:
    def test_the_2021_commune_figures_are_filed_under_the_units_of_2021(self, demo):
        units = Unit.objects.filter(observations__period_start__year=2021,
                                    kind__in=[UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWN]).distinct()
        assert units.count() == 167
        assert all(u.valid_to == date(2025, 6, 30) for u in units)

    def test_the_calendar_figures_of_2026_are_todays_units(self, demo):
        units = Unit.objects.filter(observations__period="T1/2026").distinct()
        assert units.count() == 113 and all(u.valid_from == date(2025, 7, 1) for u in units)
