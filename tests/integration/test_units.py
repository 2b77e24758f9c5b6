"""Loading the city's units from vietnam-provinces and the bodies file; finding units."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

from chitieu.core.choices import UnitKind
from chitieu.errors import NotFound
from chitieu.org.models import Unit
from chitieu.org.services import city_unit, load_units, local_units, unit_by_code

pytestmark = pytest.mark.django_db


def package_wards(code: int = 31) -> list[dict]:
    with open(NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as f:
        return next(p for p in json.load(f) if p["code"] == code)["wards"]


def test_the_city_gets_every_local_unit_of_the_package_with_its_kind():
    load = load_units(31)
    wards = package_wards()
    assert load.local_units == len(wards) == 114
    kinds = Counter(u.kind for u in local_units(load.city))
    expected = Counter({"xã": UnitKind.COMMUNE, "phường": UnitKind.WARD, "đặc khu": UnitKind.SPECIAL_ZONE}[w["division_type"]]
                       for w in wards)
    assert kinds == expected
    assert set(local_units(load.city).values_list("admin_code", flat=True)) == {w["code"] for w in wards}


def test_party_bodies_and_departments_sit_below_the_city():
    city = load_units(31).city
    assert city_unit() == city and city.name == "Thành phố Hải Phòng"
    assert unit_by_code("ban-to-chuc").parent == unit_by_code("thanh-uy")
    assert unit_by_code("so-khdt").kind == UnitKind.DEPARTMENT
    assert unit_by_code("so-khdt").is_within(city)


def test_repeated_codenames_get_their_national_code_so_unit_codes_stay_unique():
    load_units(31)
    repeated = [c for c, n in Counter(w["codename"] for w in package_wards()).items() if n > 1]
    assert repeated, "the package has wards that share a name; this test is about them"
    for codename in repeated:
        units = Unit.objects.filter(code__startswith=codename.replace("_", "-") + "-")
        assert units.count() == 2
        assert all(u.code.endswith(str(u.admin_code)) for u in units)


def test_loading_twice_changes_nothing_and_writes_no_history():
    load_units(31)
    units, history = Unit.objects.count(), Unit.history.count()
    again = load_units(31)
    assert (again.created, again.updated) == (0, 0)
    assert (Unit.objects.count(), Unit.history.count()) == (units, history)


def test_an_unknown_province_is_named():
    with pytest.raises(NotFound) as info:
        load_units(999)
    assert "999" in info.value.errors["province_code"]


def test_an_unknown_unit_code_is_named():
    with pytest.raises(NotFound) as info:
        unit_by_code("khong-co")
    assert "khong-co" in info.value.errors["unit"]


def test_without_units_there_is_no_city():
    with pytest.raises(NotFound):
        city_unit()


def test_the_load_units_command_reports_what_it_did_and_names_a_bad_province():
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = StringIO()
    call_command("load_units", province_code=31, stdout=out)
    assert "Thành phố Hải Phòng: 114" in out.getvalue()
    with pytest.raises(CommandError) as info:
        call_command("load_units", province_code=999)
    assert "999" in str(info.value)
