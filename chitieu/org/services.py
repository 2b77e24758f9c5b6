"""Services for units: load the city's tree, find units by code.

The city and its communes, wards and special zones come from the `vietnam-provinces` package
(never typed by hand); the Party bodies and departments come from `org/data/bodies.json`.
Loading is idempotent: a second run changes nothing and writes no history.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from chitieu.core.choices import UnitKind
from chitieu.errors import NotFound
from chitieu.org.demo_accounts import ensure_demo_accounts  # noqa: F401  (used by `chitieu demo`)
from chitieu.org.models import Unit

BODIES_PATH = Path(__file__).resolve().parent / "data" / "bodies.json"

#: Division types of the package mapped to unit kinds.
DIVISION_KINDS = {
    "xã": UnitKind.COMMUNE,
    "phường": UnitKind.WARD,
    "đặc khu": UnitKind.SPECIAL_ZONE,
}

#: Unit kinds that are local administrations below the city (what "communes" means here).
LOCAL_KINDS = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE, UnitKind.TOWN)


@dataclass
class UnitLoad:
    """What `load_units` did: the city unit and how many units it created or changed."""

    city: Unit
    created: int = 0
    updated: int = 0
    local_units: int = 0
    codes: list[str] = field(default_factory=list)


@cache
def _divisions() -> list[dict[str, Any]]:
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    return json.loads(Path(NESTED_DIVISIONS_JSON_PATH).read_text(encoding="utf-8"))


def province_divisions(province_code: int | None = None) -> dict[str, Any]:
    """Return the province entry (with its `wards`) of the package's nested JSON.

    `province_code` defaults to settings.CHITIEU_PROVINCE_CODE. Raises NotFound when the
    package has no such province.
    """
    code = settings.CHITIEU_PROVINCE_CODE if province_code is None else province_code
    for province in _divisions():
        if province["code"] == code:
            return province
    raise NotFound(
        f"Không có tỉnh, thành phố mã {code} trong danh mục đơn vị hành chính.",
        {"province_code": f"Mã «{code}» không tồn tại."},
    )


def _slug(codename: str) -> str:
    return codename.replace("_", "-")


def _short(name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _differs(unit: Unit, key: str, value: Any) -> bool:
    if key == "parent":
        return unit.parent_id != (value.pk if value is not None else None)
    return getattr(unit, key) != value


def _upsert(load: UnitLoad, lookup: dict[str, Any], values: dict[str, Any]) -> Unit:
    """Create the unit matching `lookup` among the units still in force (a national code
    re-used by a new unit never matches the ended one), or update it only when a value differs."""
    unit = Unit.objects.filter(**lookup, valid_to__isnull=True).first()
    if unit is None:
        unit = Unit(**lookup, **values)
        unit.save()
        load.created += 1
    else:
        changed = [k for k, v in values.items() if _differs(unit, k, v)]
        if changed:
            for k in changed:
                setattr(unit, k, values[k])
            unit.save()
            load.updated += 1
    load.codes.append(unit.code)
    return unit


def _load_bodies(load: UnitLoad, specs: list[dict[str, Any]], parent: Unit, kind: UnitKind) -> None:
    for order, spec in enumerate(specs, start=1):
        unit = _upsert(
            load,
            {"code": spec["code"]},
            {"name": spec["name"], "short_name": spec.get("short_name", ""), "kind": kind,
             "parent": parent, "order": order},
        )
        _load_bodies(load, spec.get("children", []), unit, kind)


def load_units(province_code: int | None = None, *, bodies_path: Path | None = None) -> UnitLoad:
    """Create or update the city, its Party bodies and departments, and its local units.

    Returns a UnitLoad with the city unit and counts. The city's code is the package's
    codename ("hai-phong"); communes keep their national code in `admin_code` and are
    matched on it, so renaming in a new package release updates rather than duplicates.
    Runs in one transaction; a second run with the same data writes nothing.
    """
    province = province_divisions(province_code)
    bodies = json.loads((bodies_path or BODIES_PATH).read_text(encoding="utf-8"))
    with transaction.atomic():
        load = UnitLoad(city=Unit())  # replaced just below
        city = _upsert(
            load,
            {"admin_code": province["code"]},
            {"code": _slug(province["codename"]), "name": province["name"],
             "short_name": _short(province["name"]), "kind": UnitKind.CITY, "parent": None, "order": 0},
        )
        load.city = city
        _load_bodies(load, bodies.get("party_bodies", []), city, UnitKind.PARTY_BODY)
        _load_bodies(load, bodies.get("departments", []), city, UnitKind.DEPARTMENT)
        wards = sorted(province["wards"], key=lambda w: w["name"])
        # A few codenames repeat within a province ("xa_cam_giang" twice): those get the
        # national code appended, so unit codes stay unique and stable.
        seen = Counter(w["codename"] for w in wards)
        for order, ward in enumerate(wards, start=100):
            code = _slug(ward["codename"])
            if seen[ward["codename"]] > 1:
                code = f"{code}-{ward['code']}"
            _upsert(
                load,
                {"admin_code": ward["code"]},
                {"code": code, "name": ward["name"], "short_name": "",
                 "kind": DIVISION_KINDS.get(ward["division_type"], UnitKind.OTHER),
                 "parent": city, "order": order},
            )
            load.local_units += 1
    return load


def city_unit() -> Unit:
    """Return the root unit of kind city (the one without a parent).

    Raises NotFound when the units have not been loaded yet.
    """
    city = Unit.objects.filter(kind=UnitKind.CITY, parent__isnull=True).order_by("pk").first()
    if city is None:
        raise NotFound(
            "Chưa có đơn vị cấp thành phố; hãy nạp danh mục đơn vị trước.", {"unit": "Chưa có thành phố."}
        )
    return city


def unit_by_code(code: str, *, field_name: str = "unit") -> Unit:
    """Return the unit with `code`; raise NotFound keyed by `field_name` naming the code."""
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise NotFound(
            f"Không có đơn vị mã «{code}».", {field_name: f"Không có đơn vị mã «{code}»."}
        )
    return unit


def local_units(city: Unit | None = None) -> QuerySet[Unit]:
    """Return the communes, wards and special zones directly below `city` (default: the city)."""
    city = city or city_unit()
    return Unit.objects.filter(parent=city, kind__in=LOCAL_KINDS, active=True)
