"""The people of the access story, and a small organisation for them to work in.

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

from django.contrib.auth import get_user_model

from chitieu.core.choices import Category, EntryState, PeriodKind, Role, Stage, UnitKind
from chitieu.monitoring.models import Observation
from chitieu.org.models import Account, Person, Unit
from chitieu.plans.models import Indicator, Resolution, Target
from chitieu.tasks.models import Task

PASSWORD = "mat-khau-thu-nghiem-2025"

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


def make_unit(code: str, name: str, kind: UnitKind, parent: Unit | None = None) -> Unit:
    return Unit.objects.create(code=code, name=name, kind=kind, parent=parent)


def make_user(username: str, *, role: Role | None = None, unit: Unit | None = None, superuser: bool = False):
    """Create a user with PASSWORD and, when `role` is given, an Account at `unit`."""
    User = get_user_model()
    if superuser:
        user = User.objects.create_superuser(username=username, password=PASSWORD)
    else:
        user = User.objects.create_user(username=username, password=PASSWORD)
    if role is not None:
        Account.objects.create(user=user, unit=unit, role=role)
    return user


def make_indicator(code: str = "thu-ngan-sach", **kw) -> Indicator:
    defaults = dict(
        name="Thu ngân sách nhà nước trên địa bàn", category=Category.ECONOMY,
        unit="tỷ đồng", frequency=PeriodKind.YEAR,
    )
    return Indicator.objects.create(code=code, **{**defaults, **kw})


def make_observation(unit: Unit, indicator: Indicator, *, period: str = "2024", value: float = 100.0,
                     state: EntryState = EntryState.APPROVED, stage: Stage = Stage.OFFICIAL, by=None) -> Observation:
    return Observation.objects.create(
        unit=unit, indicator=indicator, period=period, value=value, state=state, stage=stage,
        entered_by=by, entered_unit=indicator.unit,
    )


def make_cast() -> Cast:
    """Create the organisation, one user per persona, an indicator and a resolution target."""
    cast = Cast()
    u = cast.units
    u["city"] = make_unit("tp", "Thành phố Hải Phòng", UnitKind.CITY)
    u["office"] = make_unit("van-phong", "Văn phòng Thành ủy", UnitKind.PARTY_BODY, u["city"])
    u["standing"] = make_unit("ban-thuong-vu", "Ban Thường vụ Thành ủy", UnitKind.PARTY_BODY, u["city"])
    u["department"] = make_unit("so-khdt", "Sở Kế hoạch và Đầu tư", UnitKind.DEPARTMENT, u["city"])
    u["department_sub"] = make_unit("ttxt", "Trung tâm Xúc tiến đầu tư", UnitKind.OTHER, u["department"])
    u["commune_a"] = make_unit("xa-an-lu", "Xã An Lư", UnitKind.COMMUNE, u["city"])
    u["hamlet_a"] = make_unit("thon-1-an-lu", "Thôn 1 xã An Lư", UnitKind.OTHER, u["commune_a"])
    u["commune_b"] = make_unit("xa-bach-dang", "Xã Bạch Đằng", UnitKind.COMMUNE, u["city"])
    for name, (role, unit_key) in PERSONAS.items():
        cast.users[name] = make_user(
            name, role=role, unit=u.get(unit_key) if unit_key else None, superuser=name == "superuser"
        )
    cast.indicator = make_indicator()
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


def make_task(code: str, lead: Unit | None, *, supporting: tuple[Unit, ...] = (), **kw) -> Task:
    task = Task.objects.create(code=code, title=kw.pop("title", f"Nhiệm vụ {code}"), lead_unit=lead, **kw)
    if supporting:
        task.supporting_units.set(supporting)
    return task
