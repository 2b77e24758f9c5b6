"""Figures read in today's boundaries through two reorganisations (Hải Phòng had one in
10/2024, NQ 1232/NQ-UBTVQH15, then 1/7/2025): units and events recorded by
`record_reorganisation`, figures by the one write service, read by `latest_observations`."""

from __future__ import annotations

from datetime import date

import pytest

from chitieu.core.choices import Aggregation, PeriodKind, ShareBasis, UnitKind
from chitieu.core.periods import Period
from chitieu.errors import Invalid
from chitieu.monitoring.models import Observation
from chitieu.monitoring.review import latest_observations
from chitieu.monitoring.services import record_observation
from chitieu.org.history import LinkSpec, record_reorganisation
from chitieu.plans.models import Indicator
from tests.factories import make_city, make_indicator, make_unit

pytestmark = pytest.mark.django_db

FIRST, SECOND = date(2024, 11, 1), date(2025, 7, 1)
AS_OF = date(2026, 3, 31)


@pytest.fixture
def world():
    city = make_city("hai-phong")
    units = {code: make_unit(code, name=name, kind=kind, parent=city) for code, name, kind in (
        ("a", "Xã A", UnitKind.COMMUNE), ("d", "Xã D", UnitKind.COMMUNE), ("e", "Phường E", UnitKind.WARD),
        ("b", "Phường B", UnitKind.WARD), ("c", "Phường C", UnitKind.WARD), ("f", "Phường F", UnitKind.WARD))}
    make_indicator("jobs", name="Việc làm mới", unit="người", frequency=PeriodKind.QUARTER,
                   aggregation=Aggregation.SUM, unit_aggregation=Aggregation.SUM)
    # xã A and xã D into phường B; then phường B and 60% of phường E into phường C.
    record_reorganisation(FIRST, "NQ 1232/NQ-UBTVQH15", [LinkSpec("a", "b"), LinkSpec("d", "b")])
    record_reorganisation(SECOND, "NQ 1669/NQ-UBTVQH15", [
        LinkSpec("b", "c"), LinkSpec("e", "c", 0.6, ShareBasis.POPULATION),
        LinkSpec("e", "f", 0.4, ShareBasis.POPULATION)])
    for unit, period, value in (("a", "2023", 100), ("d", "2023", 40), ("e", "2023", 50),
                                ("b", "Q1/2025", 35), ("e", "Q1/2025", 10)):
        record_observation(unit=unit, indicator="jobs", period=period, value=value, stage="official",
                           source="báo cáo thử")
    units["c"].refresh_from_db()
    return units


def read(unit):
    jobs = Indicator.objects.get(code="jobs")
    figures = latest_observations([jobs], Period.parse("2025"), as_of=AS_OF, unit=unit)
    return {o.period.code: o for o in figures.get(jobs.pk, [])}, figures.carried[jobs.pk]


def test_todays_unit_reads_the_figures_of_the_units_before_the_first_event(world):
    obs, note = read(world["c"])
    got = obs["2023"]
    assert got.value == pytest.approx(100 + 40 + 0.6 * 50) and (got.reported, got.expected) == (3, 3)
    assert got.source == (
        "chuyển từ 3 đơn vị cũ: Phường E (60% theo dân số), "
        "Xã A (đến 31/10/2024) → Phường B (đến 30/06/2025) → Phường C (toàn bộ), "
        "Xã D (đến 31/10/2024) → Phường B (đến 30/06/2025) → Phường C (toàn bộ) (địa giới ngày 01/07/2025)")
    assert "Xã A (đến 31/10/2024) → Phường B" in note
    # Filed where reported: nothing was written under today's unit nor the one between.
    assert not Observation.objects.filter(unit__in=[world["b"], world["c"]], period="2023").exists()


def test_between_the_events_the_unit_then_valid_is_read(world):
    obs, _ = read(world["c"])
    assert obs["Q1/2025"].value == pytest.approx(35 + 0.6 * 10)
    assert obs["Q1/2025"].source.startswith("chuyển từ 2 đơn vị cũ: Phường B (toàn bộ), Phường E (60% theo dân số)")


def test_a_missing_ancestor_makes_the_carried_figure_partial(world):
    record_observation(unit="a", indicator="jobs", period="2022", value=90, stage="official", source="báo cáo thử")
    obs, _ = read(world["c"])
    assert obs["2022"].value == pytest.approx(90) and (obs["2022"].reported, obs["2022"].expected) == (1, 3)
    assert obs["2022"].source.startswith("chuyển từ 3 đơn vị cũ (1/3 đơn vị có số liệu): ")


def test_the_write_service_still_refuses_a_figure_outside_the_units_validity(world):
    with pytest.raises(Invalid) as refused:
        record_observation(unit="b", indicator="jobs", period="2023", value=1, stage="official")
    assert "period" in refused.value.errors
