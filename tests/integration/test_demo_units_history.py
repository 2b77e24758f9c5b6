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
