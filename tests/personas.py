"""The people of the access story, and a small organisation for them to work in, built with
the factories of `tests.factories` (the one set every tier uses).

    Thành phố (city)
    ├── Văn phòng Thành ủy          office admin "vanphong"
    ├── Ban Thường vụ               leader "lanhdao"; viewer "xem" sits at the city
    ├── Sở Kế hoạch và Đầu tư       department reporter "so"
    │   └── Trung tâm Xúc tiến      (a sub-unit: the department reporter covers it)
    ├── Xã An Lư (commune A)        reporter "xa_a"
    │   └── Thôn 1 (hamlet of A)    (a sub-unit: reporter A covers it)
    └── Xã Bạch Đằng (commune B)    reporter "xa_b"
    plus "ngoai": a signed-in user without an account, and "goc": a superuser without one.

Plain functions with defaults; no fixtures hidden behind decorators.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from chitieu.core.choices import PeriodKind, Role, UnitKind
from chitieu.org.models import Person, Unit
from chitieu.plans.models import Indicator, Resolution, Target
from tests.factories import PASSWORD, make_indicator, make_unit, make_user

__all__ = ["PASSWORD", "PERSONAS", "Cast", "make_cast"]

#: Persona name -> (role, unit key); None role means no Account.
PERSONAS = {
    "office_admin": (Role.OFFICE_ADMIN, "office"),
    "leader": (Role.LEADER, "standing"),
    "reporter_a": (Role.REPORTER, "commune_a"),
    "reporter_b": (Role.REPORTER, "commune_b"),
    "dept_reporter": (Role.REPORTER, "department"),
    "viewer": (Role.VIEWER, "city"),
    "outsider": (None, None),
    "superuser": (None, None),
}


@dataclass
class Cast:
    units: dict[str, Unit] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    indicator: Indicator | None = None
    resolution: Resolution | None = None
    target: Target | None = None
    leader_person: Person | None = None


def make_cast() -> Cast:
    """Create the organisation, one user per persona, an indicator and a resolution target."""
    cast = Cast()
    u = cast.units
    u["city"] = make_unit("tp", "Thành phố Hải Phòng", kind=UnitKind.CITY)
    u["office"] = make_unit("van-phong", "Văn phòng Thành ủy", kind=UnitKind.PARTY_BODY, parent=u["city"])
    u["standing"] = make_unit("ban-thuong-vu", "Ban Thường vụ Thành ủy", kind=UnitKind.PARTY_BODY, parent=u["city"])
    u["department"] = make_unit("so-khdt", "Sở Kế hoạch và Đầu tư", kind=UnitKind.DEPARTMENT, parent=u["city"])
    u["department_sub"] = make_unit("ttxt", "Trung tâm Xúc tiến đầu tư", kind=UnitKind.OTHER, parent=u["department"])
    u["commune_a"] = make_unit("xa-an-lu", "Xã An Lư", kind=UnitKind.COMMUNE, parent=u["city"])
    u["hamlet_a"] = make_unit("thon-1-an-lu", "Thôn 1 xã An Lư", kind=UnitKind.OTHER, parent=u["commune_a"])
    u["commune_b"] = make_unit("xa-bach-dang", "Xã Bạch Đằng", kind=UnitKind.COMMUNE, parent=u["city"])
    for name, (role, unit_key) in PERSONAS.items():
        cast.users[name] = make_user(
            name, role=role, unit=u.get(unit_key) if unit_key else None, superuser=name == "superuser"
        )
    cast.indicator = make_indicator(
        "thu-ngan-sach", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", frequency=PeriodKind.YEAR
    )
    cast.resolution = Resolution.objects.create(
        code="hp-2024", title="Nghị quyết về nhiệm vụ năm 2024", number="01-NQ/TU",
        issuer=u["city"], issued_on=date(2023, 12, 20), period="2024",
    )
    cast.leader_person = Person.objects.create(full_name="Nguyễn Văn Phụ Trách", title="Phó Bí thư")
    cast.target = Target.objects.create(
        resolution=cast.resolution, indicator=cast.indicator, number="1", comparator=">=",
        value=1000, unit="tỷ đồng", period="2024", lead_unit=u["department"], leader=cast.leader_person,
    )
    return cast
