"""The people of every test tier: one set of personas, each with a role, the unit it sits in
(a key into the world it is created in), a user name and a full name. Both test worlds, the
access story of `make_cast` here and the page city of `tests.web.pages_world.build_world`,
create their users from this table with `make_personas`, so a persona is the same person
(same name, same role, same place in the organisation) in unit, integration, web and browser
tests.

The access story's organisation:

    Thành phố (city)                 viewer "nguoixem" sits at the city
    ├── Văn phòng Thành ủy          office "vanphong"
    ├── Ban Thường vụ               leader "lanhdao"
    ├── Sở Kế hoạch và Đầu tư       dept_reporter "thong-ke"
    │   └── Trung tâm Xúc tiến      (a sub-unit: the department reporter covers it)
    ├── Xã An Lư (commune A)        reporter_a "xa-a"
    │   └── Thôn 1 (hamlet of A)    (a sub-unit: reporter A covers it)
    └── Xã Bạch Đằng (commune B)    reporter_b "xa-b"
    plus outsider "ngoai": a signed-in user without an account, and superuser "goc": a
    superuser without one.

Plain functions with defaults; no fixtures hidden behind decorators.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from chitieu.core.choices import PeriodKind, Role, UnitKind
from chitieu.org.models import Person, Unit
from chitieu.plans.models import Indicator, Resolution, Target
from tests.factories import PASSWORD, make_indicator, make_unit, make_user

__all__ = ["PASSWORD", "PERSONAS", "Cast", "Persona", "make_cast", "make_personas"]


@dataclass(frozen=True)
class Persona:
    role: Role | None  # None: no Account
    unit: str | None  # the key of the persona's unit in its world
    username: str
    full_name: str
    superuser: bool = False


PERSONAS: dict[str, Persona] = {
    "office": Persona(Role.OFFICE_ADMIN, "office", "vanphong", "Trần Văn Phòng"),
    "leader": Persona(Role.LEADER, "standing", "lanhdao", "Nguyễn Lãnh Đạo"),
    "reporter_a": Persona(Role.REPORTER, "commune_a", "xa-a", "Lê Xã A"),
    "reporter_b": Persona(Role.REPORTER, "commune_b", "xa-b", "Phạm Xã B"),
    "dept_reporter": Persona(Role.REPORTER, "department", "thong-ke", "Hoàng Thống Kê"),
    "viewer": Persona(Role.VIEWER, "city", "nguoixem", "Vũ Người Xem"),
    "outsider": Persona(None, None, "ngoai", "Người Ngoài"),
    "superuser": Persona(None, None, "goc", "Quản Trị Gốc", superuser=True),
}


def make_personas(units: Mapping[str, Unit], names: Iterable[str] = PERSONAS) -> dict[str, object]:
    """One user per persona named, each in the unit its table row names in `units`."""
    users: dict[str, object] = {}
    for name in names:
        p = PERSONAS[name]
        users[name] = make_user(p.username, role=p.role, unit=units[p.unit] if p.unit else None,
                                full_name=p.full_name, superuser=p.superuser)
    return users


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
    cast.users = make_personas(u)
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
