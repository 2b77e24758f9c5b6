"""GET /api/v1/units?on=YYYY-MM-DD: the units that exist on a day, with predecessors and
successors (the contract of DESIGN.md)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from chitieu.core.choices import Role, ShareBasis, UnitKind
from chitieu.org.history import LinkSpec, record_reorganisation
from tests.factories import make_city, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    city = make_city("hai-phong")
    district = make_unit("q-hong-bang", name="Quận Hồng Bàng", kind=UnitKind.DISTRICT, parent=city, admin_code=303)
    make_unit("p-minh-khai", name="Phường Minh Khai", kind=UnitKind.WARD, parent=district, admin_code=11311)
    make_unit("p-nam-hai", name="Phường Nam Hải", kind=UnitKind.WARD, parent=district, admin_code=11414)
    make_unit("hong-bang", name="Phường Hồng Bàng", kind=UnitKind.WARD, parent=city, admin_code=11311)
    make_unit("hai-an", name="Phường Hải An", kind=UnitKind.WARD, parent=city, admin_code=11413)
    record_reorganisation(date(2025, 7, 1), "NQ 1669/NQ-UBTVQH15", [
        LinkSpec("p-minh-khai", "hong-bang"),
        LinkSpec("p-nam-hai", "hong-bang", 0.25, ShareBasis.POPULATION, part="một phần"),
        LinkSpec("p-nam-hai", "hai-an", 0.75, ShareBasis.POPULATION),
        LinkSpec("q-hong-bang", "hai-phong"),
        LinkSpec("hai-phong", "hai-phong"),
    ])
    c = Client()
    c.force_login(make_user("xem", role=Role.VIEWER, unit=city), backend="django.contrib.auth.backends.ModelBackend")
    return c


def codes(response):
    return {u["code"] for u in response.json()}


def test_before_the_reorganisation_the_old_district_and_wards_are_listed(client):
    r = client.get("/api/v1/units?on=2025-01-01")
    assert r.status_code == 200
    assert codes(r) == {"hai-phong", "q-hong-bang", "p-minh-khai", "p-nam-hai"}
    nam_hai = next(u for u in r.json() if u["code"] == "p-nam-hai")
    assert nam_hai["valid_to"] == "2025-06-30" and nam_hai["parent"] == "q-hong-bang"
    assert [(s["code"], s["share"], s["basis"]) for s in nam_hai["successors"]] == [
        ("hong-bang", 0.25, "population"), ("hai-an", 0.75, "population")]


def test_after_it_the_new_wards_are_listed_with_their_predecessors(client):
    r = client.get("/api/v1/units?on=2025-07-01")
    assert codes(r) == {"hai-phong", "hong-bang", "hai-an"}
    hong_bang = next(u for u in r.json() if u["code"] == "hong-bang")
    assert hong_bang["valid_from"] == "2025-07-01" and hong_bang["admin_code"] == 11311
    assert {p["code"] for p in hong_bang["predecessors"]} == {"p-minh-khai", "p-nam-hai"}
    assert hong_bang["predecessors"][0]["legal_basis"] == "NQ 1669/NQ-UBTVQH15"
    city = next(u for u in r.json() if u["code"] == "hai-phong")
    assert city["version"] == 2 and [p["code"] for p in city["predecessors"]] == ["q-hong-bang"]


def test_a_kind_filter_and_a_bad_one_named(client):
    assert codes(client.get("/api/v1/units?on=2025-01-01&kind=district")) == {"q-hong-bang"}
    r = client.get("/api/v1/units?on=2025-01-01&kind=tinh-thanh")
    assert r.status_code == 422 and "kind" in r.json()["errors"]
    assert client.get("/api/v1/units?on=2025-13-01").status_code == 422


def test_without_credentials_the_units_answer_401():
    assert Client().get("/api/v1/units?on=2025-07-01").status_code == 401
