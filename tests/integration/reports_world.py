"""A small city for the report and spreadsheet tests: four targets of a 2024 resolution with
figures chosen so each status the report talks about occurs, one simulated figure, and an
overdue task. Plain functions; the tests import `make_world`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chitieu.core.choices import (
    SIMULATED_SOURCE,
    Aggregation,
    Category,
    Comparator,
    Direction,
    PeriodKind,
    Stage,
    UnitKind,
)
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator, Resolution, Target
from chitieu.tasks.models import Task
from tests.factories import (
    make_city,
    make_indicator,
    make_observation,
    make_resolution,
    make_target,
    make_unit,
)

AS_OF = date(2024, 6, 30)


@dataclass
class World:
    city: Unit
    finance: Unit
    commune: Unit
    resolution: Resolution
    grdp: Indicator
    revenue: Indicator
    members: Indicator
    poor: Indicator
    targets: dict[str, Target]
    overdue: Task


def make_world() -> World:
    """Return the world (see the module docstring). Figures as of AS_OF:
    - GRDP growth Q1/2024 9,32% against "tăng 10%" (simulated): at risk;
    - budget revenue 6 x 56 = 336 tỷ đồng by June against 1.000 (2023: 6 x 41): at risk,
      33,6% of plan, +36,59% on the same months of 2023;
    - new Party members Q1/2024 120 against >= 100 (official): exceeded;
    - poor households: no figure yet.
    """
    city = make_city("hai-phong")
    party = make_unit("thanh-uy", name="Thành ủy", kind=UnitKind.PARTY_BODY, parent=city)
    finance = make_unit("so-tai-chinh", name="Sở Tài chính", kind=UnitKind.DEPARTMENT, parent=city)
    commune = make_unit("xa-a", name="Xã A", kind=UnitKind.COMMUNE, parent=city)
    resolution = make_resolution("nq-2024", issuer=party, period="2024", number="05-NQ/TU")
    resolution.title = "Nghị quyết về nhiệm vụ năm 2024"
    resolution.save()
    grdp = make_indicator("grdp", name="Tổng sản phẩm trên địa bàn (GRDP)", unit="%", value_kind="rate",
                          aggregation=Aggregation.LAST, unit_aggregation=Aggregation.AVERAGE,
                          frequency=PeriodKind.QUARTER)
    revenue = make_indicator("thu-ngan-sach", name="Tổng thu ngân sách", unit="tỷ đồng",
                             aggregation=Aggregation.SUM, frequency=PeriodKind.MONTH)
    members = make_indicator("dang-vien-moi", name="Kết nạp đảng viên mới", unit="đảng viên",
                             category=Category.PARTY, aggregation=Aggregation.SUM, frequency=PeriodKind.QUARTER)
    poor = make_indicator("ho-ngheo", name="Hộ nghèo", unit="hộ", category=Category.SOCIETY,
                          direction=Direction.LOWER, frequency=PeriodKind.YEAR)
    targets = {
        "grdp": make_target(resolution, grdp, number="1", comparator=Comparator.INCREASE_BY, value=10,
                            baseline="cùng kỳ", lead_unit=finance, order=1),
        "revenue": make_target(resolution, revenue, number="2", comparator=Comparator.GE, value=1000,
                               baseline="dự toán Trung ương giao", lead_unit=finance, order=2),
        "members": make_target(resolution, members, number="3", comparator=Comparator.GE, value=100,
                               period="Q1/2024", order=3),
        "poor": make_target(resolution, poor, number="4", comparator=Comparator.EQ, value=0, order=4),
    }
    make_observation(city, grdp, period="Q1/2024", value=9.32, stage=Stage.ESTIMATE, source=SIMULATED_SOURCE)
    for month in range(1, 7):
        make_observation(city, revenue, period=f"T{month}/2023", value=41, stage=Stage.OFFICIAL)
        make_observation(city, revenue, period=f"T{month}/2024", value=56, stage=Stage.OFFICIAL)
    make_observation(city, members, period="Q1/2024", value=120, stage=Stage.OFFICIAL)
    overdue = Task.objects.create(code="kkt-phia-nam", title="Thành lập Khu kinh tế ven biển phía Nam",
                                  resolution=resolution, lead_unit=finance, deadline=date(2024, 3, 31), progress=40)
    Task.objects.create(code="quy-hoach", title="Phê duyệt quy hoạch", resolution=resolution,
                        deadline=date(2024, 5, 1), completed_on=date(2024, 4, 20), progress=100)
    return World(city, finance, commune, resolution, grdp, revenue, members, poor, targets, overdue)
