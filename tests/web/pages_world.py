"""A small city for the page tests: units, personas, a resolution with targets, figures, tasks.

Built with the factories of `tests.factories` and the personas of `tests.personas` (the one
set every tier uses), plus pytest fixtures that the page tests import explicitly. The personas
sit here in: office – Văn phòng Thành ủy; leader – Ban Thường vụ Thành ủy; reporter_a – commune
A (xa-an-lao); reporter_b – commune B (xa-kien-thuy); dept_reporter – the statistics department;
viewer – the city.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from chitieu.core.choices import (
    Aggregation,
    Category,
    Comparator,
    Direction,
    PeriodKind,
    Stage,
    UnitKind,
)
from chitieu.org.models import Person, Unit
from chitieu.plans.models import Indicator, Resolution, Target
from chitieu.tasks.models import Task
from tests.factories import (
    PASSWORD,
    assign,
    make_indicator,
    make_observation,
    make_task,
    make_unit,
)
from tests.personas import make_personas

__all__ = ["PASSWORD", "World", "as_user", "build_world", "world"]

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


def build_world(extra_indicators: int = 0, extra_units: int = 0, extra_tasks: int = 0) -> World:
    """Create the small city; `extra_indicators` adds more targets and figures, `extra_units`
    more communes assigned to report and reporting every indicator, `extra_tasks` more tasks
    with supporting units (query guards)."""
    city = make_unit("hai-phong", "Thành phố Hải Phòng", kind=UnitKind.CITY)
    office_unit = make_unit("van-phong", "Văn phòng Thành ủy", kind=UnitKind.PARTY_BODY, parent=city)
    standing = make_unit("ban-thuong-vu", "Ban Thường vụ Thành ủy", kind=UnitKind.PARTY_BODY, parent=city)
    dept = make_unit("cuc-thong-ke", "Cục Thống kê", kind=UnitKind.DEPARTMENT, parent=city)
    commune_a = make_unit("xa-an-lao", "Xã An Lão", parent=city)
    commune_b = make_unit("xa-kien-thuy", "Xã Kiến Thụy", parent=city)
    quarterly = PeriodKind.QUARTER
    growth = make_indicator("tang-truong-grdp", "Tốc độ tăng trưởng GRDP", "%", frequency=quarterly)
    revenue = make_indicator("thu-ngan-sach", "Thu ngân sách nhà nước", "tỷ đồng", aggregation=Aggregation.SUM,
                             frequency=quarterly)
    poverty = make_indicator(
        "ty-le-ho-ngheo", "Tỷ lệ hộ nghèo", "%", category=Category.SOCIETY, direction=Direction.LOWER,
        frequency=quarterly,
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
        ind = make_indicator(f"chi-tieu-them-{i}", f"Chỉ tiêu thêm {i}", "%", frequency=quarterly)
        Target.objects.create(
            resolution=resolution, indicator=ind, number=f"{10 + i}", comparator=Comparator.GE,
            value=50, unit="%", period="2021", lead_unit=commune_a, order=10 + i,
        )
        for unit in (city, commune_a, commune_b):
            make_observation(unit, ind, "2021", 40 + i % 20)
    more_units = [make_unit(f"xa-them-{i}", f"Xã Thêm {i}", parent=city) for i in range(extra_units)]
    for i, unit in enumerate(more_units):
        for ind in Indicator.objects.filter(targets__resolution=resolution).distinct():
            make_observation(unit, ind, "2021", 10 + i % 7)
            assign(ind, [unit])
    for i in range(extra_tasks):
        make_task(f"nv-them-{i}", more_units[i % len(more_units)] if more_units else commune_a,
                  supporting=(commune_a, commune_b), deadline=date(2021, 3 + i % 9, 1),
                  resolution=resolution, confirmed=True)
    leader_person = Person.objects.create(full_name="Nguyễn Văn Lãnh", title="Phó Bí thư Thành ủy")
    task_a = Task.objects.create(
        code="nv-khu-kinh-te", title="Thành lập Khu kinh tế ven biển phía Nam", lead_unit=commune_a,
        leader=leader_person, deadline=date(2020, 12, 31),
    )
    task_b = Task.objects.create(
        code="nv-cang-lach-huyen", title="Hoàn thành bến cảng Lạch Huyện", lead_unit=commune_b,
        deadline=date(2099, 12, 31),
    )
    units = {"city": city, "office": office_unit, "standing": standing, "department": dept,
             "commune_a": commune_a, "commune_b": commune_b}
    users = make_personas(units)
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
