"""A small city for the page tests: units, personas, a resolution with targets, figures, tasks.

Plain factory functions with defaults (no factory library), plus pytest fixtures that the
page tests import explicitly. Personas tell the access story:

- office  – Văn phòng Thành ủy, office admin
- leader  – a Standing Committee member, leader
- rep_a   – reporter of commune A (xa-an-lao)
- rep_b   – reporter of commune B (xa-kien-thuy)
- rep_dept – reporter of the statistics department
- viewer  – reads, writes nothing
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from chitieu.core.choices import (
    Category,
    Comparator,
    Direction,
    EntryState,
    PeriodKind,
    Role,
    Stage,
)
from chitieu.core.periods import Period
from chitieu.monitoring.models import Observation
from chitieu.org.models import Account, Person, Unit
from chitieu.plans.models import Indicator, Resolution, Target
from chitieu.tasks.models import Task

PASSWORD = "mat-khau-thu-nghiem-1"


def make_unit(code: str, name: str, parent: Unit | None = None, kind: str = "commune") -> Unit:
    return Unit.objects.create(code=code, name=name, parent=parent, kind=kind)


def make_user(username: str, unit: Unit, role: Role, full_name: str = ""):
    first, _, last = full_name.partition(" ")
    user = get_user_model().objects.create_user(username, password=PASSWORD, first_name=first, last_name=last)
    Account.objects.create(user=user, unit=unit, role=role)
    return user


def make_indicator(code: str, name: str, unit: str = "%", category=Category.ECONOMY, **kw) -> Indicator:
    defaults = {"direction": Direction.HIGHER, "frequency": PeriodKind.QUARTER}
    defaults.update(kw)
    return Indicator.objects.create(code=code, name=name, unit=unit, category=category, **defaults)


def make_observation(unit: Unit, indicator: Indicator, period: str, value: float, **kw) -> Observation:
    p = Period.parse(period)
    fields = {"stage": Stage.OFFICIAL, "state": EntryState.APPROVED}
    fields.update(kw)
    return Observation.objects.create(
        unit=unit, indicator=indicator, period=p.code, value=value, **fields
    )


@dataclass
class World:
    city: Unit
    dept: Unit
    commune_a: Unit
    commune_b: Unit
    resolution: Resolution
    growth: Indicator
    revenue: Indicator
    poverty: Indicator
    task_a: Task
    task_b: Task
    users: dict


def build_world(extra_indicators: int = 0) -> World:
    """Create the small city; `extra_indicators` adds more targets and figures (query guards)."""
    city = make_unit("hai-phong", "Thành phố Hải Phòng", kind="city")
    office_unit = make_unit("van-phong", "Văn phòng Thành ủy", city, kind="party_body")
    dept = make_unit("cuc-thong-ke", "Cục Thống kê", city, kind="department")
    commune_a = make_unit("xa-an-lao", "Xã An Lão", city)
    commune_b = make_unit("xa-kien-thuy", "Xã Kiến Thụy", city)
    growth = make_indicator("tang-truong-grdp", "Tốc độ tăng trưởng GRDP", "%")
    revenue = make_indicator("thu-ngan-sach", "Thu ngân sách nhà nước", "tỷ đồng", aggregation="sum")
    poverty = make_indicator(
        "ty-le-ho-ngheo", "Tỷ lệ hộ nghèo", "%", category=Category.SOCIETY, direction=Direction.LOWER
    )
    resolution = Resolution.objects.create(
        code="hp-2021", title="Nghị quyết về nhiệm vụ năm 2021", number="01-NQ/TU", issuer=city,
        issued_on=date(2020, 12, 20), period="2021",
    )
    Target.objects.create(
        resolution=resolution, indicator=growth, number="1", comparator=Comparator.GE, value=12.5,
        unit="%", period="2021", lead_unit=dept, clause="Tốc độ tăng trưởng GRDP đạt 12,5% trở lên.",
        order=1,
    )
    Target.objects.create(
        resolution=resolution, indicator=revenue, number="2", comparator=Comparator.GE, value=90000,
        unit="tỷ đồng", period="2021", lead_unit=dept, clause="Thu ngân sách đạt 90.000 tỷ đồng.", order=2,
    )
    Target.objects.create(
        resolution=resolution, indicator=poverty, number="3", comparator=Comparator.LE, value=0.5,
        unit="%", period="2021", lead_unit=commune_a, clause="Tỷ lệ hộ nghèo dưới 0,5%.", order=3,
    )
    for unit, value in ((city, 13.9), (commune_a, 14.2), (commune_b, 9.1)):
        make_observation(unit, growth, "2021", value)
    make_observation(city, revenue, "Q1/2021", 20000, stage=Stage.ESTIMATE)
    make_observation(city, poverty, "2021", 0.4, stage=Stage.PRELIMINARY)
    for i in range(extra_indicators):
        ind = make_indicator(f"chi-tieu-them-{i}", f"Chỉ tiêu thêm {i}", "%")
        Target.objects.create(
            resolution=resolution, indicator=ind, number=f"{10 + i}", comparator=Comparator.GE,
            value=50, unit="%", period="2021", lead_unit=commune_a, order=10 + i,
        )
        for unit in (city, commune_a, commune_b):
            make_observation(unit, ind, "2021", 40 + i % 20)
    leader_person = Person.objects.create(full_name="Nguyễn Văn Lãnh", title="Phó Bí thư Thành ủy")
    task_a = Task.objects.create(
        code="nv-khu-kinh-te", title="Thành lập Khu kinh tế ven biển phía Nam", lead_unit=commune_a,
        leader=leader_person, deadline=date(2020, 12, 31),
    )
    task_b = Task.objects.create(
        code="nv-cang-lach-huyen", title="Hoàn thành bến cảng Lạch Huyện", lead_unit=commune_b,
        deadline=date(2099, 12, 31),
    )
    users = {
        "office": make_user("vanphong", office_unit, Role.OFFICE_ADMIN, "Trần Văn Phòng"),
        "leader": make_user("lanhdao", city, Role.LEADER, "Nguyễn Lãnh Đạo"),
        "rep_a": make_user("xa-a", commune_a, Role.REPORTER, "Lê Xã A"),
        "rep_b": make_user("xa-b", commune_b, Role.REPORTER, "Phạm Xã B"),
        "rep_dept": make_user("thong-ke", dept, Role.REPORTER, "Hoàng Thống Kê"),
        "viewer": make_user("nguoixem", city, Role.VIEWER, "Vũ Người Xem"),
    }
    return World(city, dept, commune_a, commune_b, resolution, growth, revenue, poverty, task_a, task_b, users)


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def as_user(client):
    """Return a function that logs the test client in as a persona (None: anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login
