"""The demo's units before 1/7/2025 and the reorganisation into today's 114, read from the
vietnamadminunits package (never typed by hand), through the API contract
`GET /api/v1/units?on=`."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import pytest
from django.db import transaction
from django.test import Client

from chitieu.core.choices import Role, UnitKind
from chitieu.demo.units_history import load_units_history
from chitieu.org.history import unit_on
from chitieu.org.models import Unit, UnitLink
from chitieu.org.services import load_units
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        city = load_units().city
        yield load_units_history(city)
        transaction.set_rollback(True)


@pytest.fixture
def client(history):
    c = Client()
    city = Unit.objects.get(code="hai-phong")
    c.force_login(make_user("xem", role=Role.VIEWER, unit=city), backend="django.contrib.auth.backends.ModelBackend")
    return c


def kinds(response) -> Counter:
    return Counter(u["kind"] for u in response.json())


def test_on_1_january_2025_the_old_districts_and_their_communes_are_listed(client):
    r = client.get("/api/v1/units?on=2025-01-01")
    units = r.json()
    districts = [u for u in units if u["kind"] == "district"]
    by_parent = Counter(u["parent"] for u in districts)
    assert by_parent == {"hai-phong": 15, "tinh-hai-duong-cu": 12}
    local = [u for u in units if u["kind"] in ("commune", "ward", "town")]
    assert len(local) == 167 + 207 and all(u["valid_to"] == "2025-06-30" for u in local)
    assert {u["code"] for u in units if u["kind"] in ("city", "province")} == {"hai-phong", "tinh-hai-duong-cu"}


def test_on_1_july_2025_the_114_are_listed_with_their_predecessors(client):
    units = client.get("/api/v1/units?on=2025-07-01").json()
    local = [u for u in units if u["kind"] in ("commune", "ward", "special_zone")]
    assert len(local) == 114 and not any(u["kind"] in ("district", "province", "town") for u in units)
    assert all(u["predecessors"] and u["valid_from"] == "2025-07-01" for u in local)
    hai_an = next(u for u in local if u["name"] == "Phường Hải An")
    assert any(p["part"] == "một phần" and p["share"] < 1 for p in hai_an["predecessors"])  # parts of old wards


def test_a_re_used_national_code_names_two_units_on_two_dates(history):
    assert unit_on("11311", date(2025, 6, 30)).name == "Phường Minh Khai"
    assert unit_on("11311", date(2025, 7, 1)).name == "Phường Hồng Bàng"


def test_every_predecessors_shares_add_up_to_the_whole(history):
    totals: dict[int, float] = defaultdict(float)
    for pred, share in UnitLink.objects.values_list("predecessor_id", "share"):
        totals[pred] += share
    assert totals and all(abs(t - 1) < 1e-9 for t in totals.values())
    assert Unit.objects.filter(valid_to__isnull=False).exclude(kind=UnitKind.PROVINCE).count() == 374 + 27


def test_loading_again_changes_nothing(history):
    before = Unit.objects.count(), UnitLink.objects.count()
    assert load_units_history(Unit.objects.get(code="hai-phong")).pk == history.pk
    assert (Unit.objects.count(), UnitLink.objects.count()) == before


def test_the_five_codes_the_two_lists_give_differently_are_said_beside_the_code(client):
    units = client.get("/api/v1/units?on=2025-07-01").json()
    noted = {u["name"]: (u["admin_code"], u["admin_code_note"]) for u in units if u["admin_code_note"]}
    assert noted == {
        "Phường Tứ Minh": (10540, "Danh mục của Cục Thống kê (CV 1027/CTK-CSCL) ghi mã 10891"),
        "Phường Ngô Quyền": (11341, "Danh mục của Cục Thống kê (CV 1027/CTK-CSCL) ghi mã 11329"),
        "Phường Thành Đông": (10510, "Danh mục của Cục Thống kê (CV 1027/CTK-CSCL) ghi mã 10507"),
        "Phường Nam Đồng": (10672, "Danh mục của Cục Thống kê (CV 1027/CTK-CSCL) ghi mã 10837"),
        "Xã An Thành": (10777, "Danh mục của Cục Thống kê (CV 1027/CTK-CSCL) ghi mã 10792"),
    }
    # the old ward that had the same code, and the same name, is another unit: no note
    old = client.get("/api/v1/units?on=2025-01-01").json()
    assert not any(u["admin_code_note"] for u in old)
    # and the units page says it beside the unit
    page = client.get("/don-vi/").content.decode()
    assert "mã 10540 (gói vietnam-provinces); Danh mục của Cục Thống kê (CV 1027/CTK-CSCL) ghi mã 10891" in page


def test_the_noted_codes_are_the_statistics_offices_list_in_shared(history):
    """The five codes are facts read from ../shared/world (the statistics office's list)."""
    import csv
    import json
    from pathlib import Path

    from chitieu.org.codes import DATA_PATH

    shared = Path(__file__).resolve().parents[3] / "shared" / "world" / "haiphong-114-units-codes.csv"
    if not shared.exists():
        pytest.skip("../shared không có ở đây")
    rows = [line for line in shared.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    office = {r["name"]: int(r["code"]) for r in csv.DictReader(rows)}
    for u in json.loads(DATA_PATH.read_text(encoding="utf-8"))["units"]:
        assert office[u["name"].split(" ", 1)[1]] == u["statistics_office"]
        assert Unit.objects.get(name=u["name"], valid_from=date(2025, 7, 1)).admin_code == u["package"]
