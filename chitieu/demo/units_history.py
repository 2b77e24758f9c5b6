"""The demo's units before 1 July 2025 and the reorganisation that made today's city.

The old units (the old Hải Phòng's 15 districts with their 167 communes, wards and towns,
the old Hải Dương province with its 12 districts and 207 communes) and which of them went
into each of the 114 new units come from the `vietnamadminunits` package (its 63-province
list and its 2025 converter; never typed by hand). An old unit split between several new
ones is shared equally among them, marked as an estimate (the package gives no population or
area of the parts); a better share is data and can replace it.

Old units keep their national codes in `admin_code` (the new units re-use some of them) and
get chitieu codes of their own ending in "-cu", so no code names two units.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

from chitieu.core.choices import ShareBasis, UnitKind
from chitieu.org.history import LinkSpec, record_reorganisation
from chitieu.org.models import Reorganisation, Unit
from chitieu.plans.models import Assignment

EFFECTIVE_ON = date(2025, 7, 1)
LEGAL_BASIS = "NQ 1669/NQ-UBTVQH15"
NOTE = (
    "Sắp xếp đơn vị hành chính cấp xã của thành phố Hải Phòng (NQ 1669/NQ-UBTVQH15 ngày 16/6/2025) "
    "và hợp nhất tỉnh Hải Dương vào thành phố Hải Phòng (NQ 202/2025/QH15 ngày 12/6/2025); "
    "không tổ chức cấp huyện. Danh sách đơn vị cũ và đơn vị hình thành từ chúng theo gói vietnamadminunits; "
    "đơn vị cũ chia cho nhiều đơn vị mới được chia đều (ước tính) khi chưa có số dân, diện tích của từng phần."
)
NEW_PROVINCE = "thanhphohaiphong"
#: Old province keys of the package → (national code, chitieu code of the unit).
OLD_PROVINCES = {"thanhphohaiphong": 31, "tinhhaiduong": 30}
DISTRICT_KINDS = {"Quận": UnitKind.DISTRICT, "Huyện": UnitKind.DISTRICT, "Thị xã": UnitKind.DISTRICT,
                  "Thành phố": UnitKind.DISTRICT}
WARD_KINDS = {"Phường": UnitKind.WARD, "Xã": UnitKind.COMMUNE, "Thị trấn": UnitKind.TOWN}


def _data_dir() -> Path:
    # The package's __init__ pulls in geocoding libraries; only its data files are needed.
    spec = importlib.util.find_spec("vietnamadminunits")
    assert spec is not None and spec.submodule_search_locations, "vietnamadminunits is not installed"
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def slug(text: str) -> str:
    """"Phường Minh Khai" -> "phuong-minh-khai"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return "-".join("".join(c if c.isalnum() else " " for c in plain.lower()).split())


@dataclass(frozen=True)
class OldUnit:
    key: str  # the package's "province_district_ward" key
    province: str
    district_code: int
    district: str
    district_type: str
    ward_code: int | None
    ward: str | None
    ward_type: str | None


@cache
def old_units() -> dict[str, OldUnit]:
    """The package's units before 1/7/2025 of the old provinces that formed the city, by key
    (a district without communes, Bạch Long Vĩ, has a key of its own with no ward)."""
    db = sqlite3.connect(f"file:{_data_dir() / 'dataset.db'}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "select provinceKey, districtKey, wardKey, districtCode, district, districtType, wardCode, ward, wardType "
            "from admin_units_legacy where provinceKey in (?, ?)", tuple(OLD_PROVINCES),
        ).fetchall()
    finally:
        db.close()
    out = {}
    for prov, dkey, wkey, dcode, dname, dtype, wcode, wname, wtype in rows:
        key = f"{prov}_{dkey}_{wkey or ''}"
        out[key] = OldUnit(key, prov, int(dcode), dname, dtype, int(wcode) if wcode else None, wname, wtype)
    return out


@cache
def transitions() -> dict[tuple[int, str], list[tuple[str, float, str]]]:
    """{(new unit's national code, its name key): [(old unit key, share of the old unit, part
    note)]}: the package's 2025 converter, an old unit split among n new ones giving each 1/n."""
    data = json.loads((_data_dir() / "converter_2025.json").read_text(encoding="utf-8"))
    db = sqlite3.connect(f"file:{_data_dir() / 'dataset.db'}?mode=ro", uri=True)
    try:
        codes = dict(db.execute("select wardKey, wardCode from admin_units where provinceKey = ?", (NEW_PROVINCE,)))
    finally:
        db.close()
    out: dict[tuple[int, str], list[tuple[str, float, str]]] = defaultdict(list)
    for new_key, olds in data["DICT_PROVINCE_WARD_NO_DIVIDED"][NEW_PROVINCE].items():
        out[(int(codes[new_key]), new_key)].extend((old, 1.0, "") for old in olds)
    for old, parts in data["DICT_PROVINCE_WARD_DIVIDED"][NEW_PROVINCE].items():
        for part in parts:
            new_key = part["newWardKey"]
            out[(int(codes[new_key]), new_key)].append((old, 1.0 / len(parts), "một phần"))
    return dict(out)


def _get_or_create(code: str, **values: Any) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        unit = Unit(code=code, **values)
        unit._change_reason = "Dữ liệu trình diễn: đơn vị trước ngày 01/07/2025"  # type: ignore[attr-defined]
        unit.save()
    return unit


def load_old_units(city: Unit) -> dict[str, Unit]:
    """Create the old province, districts and communes (idempotent); {package key: unit}."""
    hai_duong = _get_or_create("tinh-hai-duong-cu", name="Tỉnh Hải Dương", short_name="Hải Dương (cũ)",
                               kind=UnitKind.PROVINCE, admin_code=OLD_PROVINCES["tinhhaiduong"], order=1)
    tops = {"thanhphohaiphong": city, "tinhhaiduong": hai_duong}
    districts: dict[tuple[str, int], Unit] = {}
    out: dict[str, Unit] = {}
    olds = sorted(old_units().values(), key=lambda o: (o.province != "thanhphohaiphong", o.district_code,
                                                         o.ward_code or 0))
    for order, old in enumerate(olds, start=500):
        dkey = (old.province, old.district_code)
        if dkey not in districts:
            districts[dkey] = _get_or_create(
                f"{slug(old.district)}-{old.district_code}-cu", name=old.district, parent=tops[old.province],
                kind=DISTRICT_KINDS.get(old.district_type, UnitKind.DISTRICT), admin_code=old.district_code,
                order=order,
            )
        if old.ward is None:
            out[old.key] = districts[dkey]  # a district with no communes (Bạch Long Vĩ)
            continue
        out[old.key] = _get_or_create(
            f"{slug(old.ward)}-{old.ward_code}-cu", name=old.ward, parent=districts[dkey],
            kind=WARD_KINDS.get(old.ward_type or "", UnitKind.OTHER), admin_code=old.ward_code, order=order,
        )
    return out


def reorganisation_links(city: Unit, old: dict[str, Unit]) -> list[LinkSpec]:
    """The links of 1/7/2025: each old commune into its new units, each old district into the
    new units its communes went to (by its communes' count, an estimate), the old Hải Dương
    into the city, and the city going on."""
    units = list(Unit.objects.filter(parent=city, valid_to__isnull=True,
                                     kind__in=(UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE)))
    by_code = {u.admin_code: u for u in units}
    # Five of the 114 carry other codes in vietnam-provinces 2025.10.1 than in the statistics
    # office's list (and this package): those are found by name.
    by_name = {slug(u.name).replace("-", ""): u for u in units}
    links: list[LinkSpec] = []
    district_parts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for (code, raw_key), parts in sorted(transitions().items()):
        key = slug(raw_key).replace("-", "")  # one key of the package keeps its marks ("xãcẩmgiàng")
        successor = by_code.get(code)
        if successor is None or slug(successor.name).replace("-", "") != key:
            successor = by_name.get(key)
        if successor is None:
            continue
        for old_key, share, part in parts:
            unit = old[old_key]
            basis = ShareBasis.WHOLE if share == 1.0 else ShareBasis.EQUAL
            links.append(LinkSpec(unit.code, successor.code, share, basis, part=part))
            if unit.kind != UnitKind.DISTRICT:
                assert unit.parent is not None
                district_parts[unit.parent.code][successor.code] += share
    for district, weights in district_parts.items():
        total = sum(weights.values())
        for succ_code, weight in weights.items():
            share = weight / total
            links.append(LinkSpec(district, succ_code, share, ShareBasis.WHOLE if share == 1 else ShareBasis.EQUAL,
                                  part="" if share == 1 else "các xã, phường cũ của huyện"))
    links.append(LinkSpec("tinh-hai-duong-cu", city.code))
    links.append(LinkSpec(city.code, city.code))
    return links


def load_units_history(city: Unit) -> Reorganisation:
    """Load the old units and record the reorganisation of 1/7/2025 once (idempotent): the
    114 units start that day, the old ones end the day before, and the old units' reporting
    assignments end with them. Returns the event."""
    with transaction.atomic():
        event = Reorganisation.objects.filter(effective_on=EFFECTIVE_ON, legal_basis=LEGAL_BASIS).first()
        if event is not None:
            return event
        old = load_old_units(city)
        event = record_reorganisation(EFFECTIVE_ON, LEGAL_BASIS, reorganisation_links(city, old), note=NOTE)
        ended = Unit.objects.filter(valid_to__isnull=False)
        for a in Assignment.objects.filter(unit__in=ended, valid_to__isnull=True).select_related("unit"):
            a.valid_to = a.unit.valid_to
            a._change_reason = f"Đơn vị hết hiệu lực theo {LEGAL_BASIS}"  # type: ignore[attr-defined]
            a.save()
    return event


def old_local_units(city: Unit, on: date) -> list[Unit]:
    """The communes, wards and towns of the city's territory of that day that existed on `on`,
    by national code."""
    from chitieu.org.history import units_on
    from chitieu.org.services import LOCAL_KINDS

    return sorted(units_on(on).filter(kind__in=LOCAL_KINDS, path__startswith=city.path),
                  key=lambda u: (u.admin_code or 0, u.pk))
