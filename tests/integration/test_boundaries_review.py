"""Figures read in the boundaries of a date, through the one reader of figures
(`latest_observations`): old figures carried onto a new unit, new figures back onto an old
one where the shares allow, and a city that goes on comparing a year that spans the
reorganisation on one set of boundaries. Figures stay filed under the unit that reported them."""

from __future__ import annotations

from datetime import date

import pytest

from chitieu.core.choices import Aggregation, PeriodKind, ShareBasis, UnitKind
from chitieu.core.periods import Period
from chitieu.monitoring.models import Observation
from chitieu.monitoring.review import latest_observations
from chitieu.org.history import LinkSpec, record_reorganisation
from tests.factories import make_city, make_indicator, make_observation, make_unit

pytestmark = pytest.mark.django_db

DAY = date(2025, 7, 1)
AS_OF = date(2026, 3, 31)


@pytest.fixture
def world():
    city = make_city("hai-phong")
    hd = make_unit("hai-duong-cu", name="Tỉnh Hải Dương", kind=UnitKind.PROVINCE)
    a = make_unit("a-cu", name="Phường A", kind=UnitKind.WARD, parent=city)
    b = make_unit("b-cu", name="Phường B", kind=UnitKind.WARD, parent=city)
    c = make_unit("c-cu", name="Phường C", kind=UnitKind.WARD, parent=city)
    d = make_unit("d-cu", name="Xã D", kind=UnitKind.COMMUNE, parent=city)
    x = make_unit("x", name="Phường X", kind=UnitKind.WARD, parent=city)
    y = make_unit("y", name="Phường Y", kind=UnitKind.WARD, parent=city)
    z = make_unit("z", name="Xã Z", kind=UnitKind.COMMUNE, parent=city)
    w = make_unit("w", name="Xã W", kind=UnitKind.COMMUNE, parent=city)
    jobs = make_indicator("jobs", name="Việc làm mới", unit="người", frequency=PeriodKind.YEAR,
                          aggregation=Aggregation.SUM, unit_aggregation=Aggregation.SUM)
    rate = make_indicator("bhyt", name="Tỷ lệ tham gia BHYT", unit="%", frequency=PeriodKind.YEAR,
                          unit_aggregation=Aggregation.AVERAGE)
    for unit, n, r in ((a, 100, 90.0), (b, 50, 80.0), (c, 200, 95.0), (d, 40, 85.0)):
        make_observation(unit, jobs, "2024", n)
        make_observation(unit, rate, "2024", r)
    record_reorganisation(DAY, "NQ 1669/NQ-UBTVQH15", [
        LinkSpec("a-cu", "x"), LinkSpec("b-cu", "x"),
        LinkSpec("c-cu", "x", 0.4, ShareBasis.POPULATION), LinkSpec("c-cu", "y", 0.6, ShareBasis.POPULATION),
        LinkSpec("d-cu", "z", 0.5, ShareBasis.AREA), LinkSpec("d-cu", "w", 0.5, ShareBasis.AREA),
        LinkSpec("hai-duong-cu", "hai-phong"), LinkSpec("hai-phong", "hai-phong"),
    ])
    return {"hai-phong": city, "hai-duong-cu": hd, "a": a, "d": d, "x": x, "y": y, "z": z, "w": w,
            "jobs": jobs, "bhyt": rate}


def read(world, unit, indicator, period="2025"):
    world[unit].refresh_from_db()  # its validity, as the reorganisation set it
    figures = latest_observations([world[indicator]], Period.parse(period), as_of=AS_OF, unit=world[unit])
    return {o.period.code: o for o in figures.get(world[indicator].pk, [])}, figures.carried


def test_a_new_unit_reads_its_predecessors_figures_before_it_existed(world):
    obs, carried = read(world, "x", "jobs")
    got = obs["2024"]
    assert got.value == pytest.approx(100 + 50 + 0.4 * 200) and (got.reported, got.expected) == (3, 3)
    assert got.source == ("chuyển từ 3 đơn vị cũ: Phường A (toàn bộ), Phường B (toàn bộ), "
                          "Phường C (40% theo dân số) (địa giới ngày 01/07/2025)")
    assert carried[world["jobs"].pk].startswith("Số liệu trước 01/07/2025 chuyển từ 3 đơn vị cũ")
    # Filed where reported: nothing was written under the new unit.
    assert not Observation.objects.filter(unit=world["x"]).exists()


def test_a_rate_is_carried_as_the_mean_weighted_by_the_shares(world):
    obs, _ = read(world, "y", "bhyt")
    assert obs["2024"].value == pytest.approx(95.0)
    obs, _ = read(world, "x", "bhyt")
    assert obs["2024"].value == pytest.approx((90 + 80 + 0.4 * 95) / 2.4)


def test_new_figures_go_back_onto_an_old_unit_split_among_units_of_its_own(world):
    make_observation(world["z"], world["jobs"], "T8/2025", 30)
    make_observation(world["w"], world["jobs"], "T8/2025", 25)
    obs, carried = read(world, "d", "jobs")
    assert obs["2024"].value == 40 and obs["T8/2025"].value == 55  # its own 2024, its successors' August
    assert "chuyển từ 2 đơn vị mới: Xã W (50% theo diện tích), Xã Z (50% theo diện tích)" in obs["T8/2025"].source


def test_new_figures_do_not_go_back_where_a_new_unit_took_in_others(world):
    make_observation(world["x"], world["jobs"], "T8/2025", 500)
    obs, carried = read(world, "a", "jobs")
    assert set(obs) == {"2024"}
    assert "không chuyển ngược được" in carried[world["jobs"].pk]


def test_the_city_compares_a_year_spanning_the_merger_on_todays_boundaries(world):
    make_observation(world["hai-phong"], world["jobs"], "2024", 1000)
    make_observation(world["hai-duong-cu"], world["jobs"], "2024", 700)
    make_observation(world["hai-phong"], world["jobs"], "2025", 1900)
    figures = latest_observations([world["jobs"]], Period.parse("2025"), as_of=AS_OF)
    by_period = {o.period.code: o for o in figures[world["jobs"].pk] if o.unit_code is None}
    assert by_period["2025"].value == 1900 and by_period["2024"].value == 1700 and "Tỉnh Hải Dương (toàn bộ)" in by_period["2024"].source


def test_without_the_joining_units_figure_the_city_keeps_its_own_and_says_so(world):
    make_observation(world["hai-phong"], world["jobs"], "2024", 1000)
    figures = latest_observations([world["jobs"]], Period.parse("2025"), as_of=AS_OF)
    assert [o.value for o in figures[world["jobs"].pk] if o.period.code == "2024" and o.unit_code is None] == [1000]
    note = figures.carried[world["jobs"].pk]
    assert note.startswith("Trước 01/07/2025: số liệu theo địa giới cũ;") and "(1/2 đơn vị có số liệu)" in note


def test_a_review_before_the_reorganisation_reads_the_old_boundaries(world):
    make_observation(world["hai-phong"], world["jobs"], "2024", 1000)
    figures = latest_observations([world["jobs"]], Period.parse("2024"), as_of=date(2024, 12, 31))
    assert not figures.carried


def test_an_old_district_linked_beside_its_communes_is_not_counted_twice(world):
    district = make_unit("quan-cu", name="Quận Cũ", kind=UnitKind.DISTRICT, parent=world["hai-phong"])
    e = make_unit("e-cu", name="Phường E", kind=UnitKind.WARD, parent=district)
    v = make_unit("v", name="Phường V", kind=UnitKind.WARD, parent=world["hai-phong"])
    make_observation(e, world["jobs"], "2024", 70)
    make_observation(district, world["jobs"], "2024", 70)  # the district's own total of the same
    record_reorganisation(date(2025, 8, 1), "NQ thử", [LinkSpec("e-cu", "v"), LinkSpec("quan-cu", "v")])
    world["v"] = v
    obs, carried = read(world, "v", "jobs")
    assert obs["2024"].value == 70 and (obs["2024"].reported, obs["2024"].expected) == (1, 1)


def test_the_citys_own_rate_before_the_merger_stands_with_a_note(world):
    make_observation(world["hai-phong"], world["bhyt"], "2024", 90.0)
    make_observation(world["hai-duong-cu"], world["bhyt"], "2024", 80.0)
    figures = latest_observations([world["bhyt"]], Period.parse("2025"), as_of=AS_OF)
    assert [o.value for o in figures[world["bhyt"].pk] if o.period.code == "2024" and o.unit_code is None] == [90.0]
    assert figures.carried[world["bhyt"].pk].startswith("Trước 01/07/2025: số liệu theo địa giới cũ;")


def _growth_weighted_by_grdp(world):
    grdp = make_indicator("grdp-hh", name="GRDP giá hiện hành", unit="tỷ đồng", frequency=PeriodKind.YEAR,
                          unit_aggregation=Aggregation.SUM)
    growth = make_indicator("grdp-tt", name="Tăng trưởng GRDP", unit="%", frequency=PeriodKind.QUARTER,
                            unit_aggregation=Aggregation.AVERAGE)
    growth.weight_indicator = grdp
    growth.save()
    return growth, grdp


def test_the_citys_growth_before_the_merger_combines_the_old_units_by_their_grdp_of_the_year_before(world):
    growth, grdp = _growth_weighted_by_grdp(world)
    hp, hd = world["hai-phong"], world["hai-duong-cu"]
    for unit, level, rate in ((hp, 300.0, 10.0), (hd, 100.0, 6.0)):
        make_observation(unit, grdp, "2023", level, source=f"https://nguon.vn/{unit.code}-2023")
        make_observation(unit, growth, "2024", rate, source=f"https://nguon.vn/{unit.code}-tt")
    make_observation(hp, growth, "Q1/2024", 9.0)  # Hải Dương has no quarter: the city's own stands
    make_observation(hp, growth, "2025", 11.8)  # after the merger: today's boundaries already
    figures = latest_observations([growth], Period.parse("2025"), as_of=AS_OF)
    by_period = {o.period.code: o for o in figures[growth.pk] if o.unit_code is None}
    # (300 × 10 + 100 × 6) / 400 = 9; the plain mean of the rates would be 8.
    assert by_period["2024"].value == pytest.approx(9.0) and by_period["2024"].combined
    assert by_period["Q1/2024"].value == 9.0 and not by_period["Q1/2024"].combined
    assert by_period["2025"].value == 11.8
    note = figures.carried[growth.pk]
    assert "năm 2024: gộp 2 đơn vị cũ, trọng số GRDP giá hiện hành năm 2023" in note
    assert "Thành phố thử nghiệm 300 tỷ đồng (75%), Tỉnh Hải Dương 100 tỷ đồng (25%)" in note
    assert "quý I/2024: số của Thành phố thử nghiệm như đã báo cáo, không gộp (Tỉnh Hải Dương không có số kỳ này)" in note
    assert "https://nguon.vn/hai-duong-cu-2023" in note and "https://nguon.vn/hai-phong-tt" in note
    assert "https://nguon.vn/hai-duong-cu-tt" in by_period["2024"].source


def test_without_a_level_of_the_year_before_the_nearest_year_weighs_and_the_note_says_which(world):
    growth, grdp = _growth_weighted_by_grdp(world)
    hp, hd = world["hai-phong"], world["hai-duong-cu"]
    make_observation(hp, grdp, "2024", 300.0)
    make_observation(hd, grdp, "2024", 100.0)
    make_observation(hd, grdp, "2023", 90.0)  # the old city has no 2023 level
    make_observation(hp, growth, "2024", 10.0)
    make_observation(hd, growth, "2024", 6.0)
    figures = latest_observations([growth], Period.parse("2025"), as_of=AS_OF)
    got = next(o for o in figures[growth.pk] if o.period.code == "2024" and o.unit_code is None)
    assert got.value == pytest.approx(9.0)
    assert "(không có số năm 2023 của mọi đơn vị, dùng năm 2024)" in figures.carried[growth.pk]


def test_a_growth_without_the_joining_units_level_keeps_the_citys_own(world):
    growth, grdp = _growth_weighted_by_grdp(world)
    make_observation(world["hai-phong"], grdp, "2023", 300.0)
    make_observation(world["hai-phong"], growth, "2024", 10.0)
    make_observation(world["hai-duong-cu"], growth, "2024", 6.0)
    figures = latest_observations([growth], Period.parse("2025"), as_of=AS_OF)
    assert [o.value for o in figures[growth.pk] if o.period.code == "2024" and o.unit_code is None] == [10.0]
    assert ("năm 2024: số của Thành phố thử nghiệm như đã báo cáo, không gộp (không có năm nào mọi đơn vị "
            "đều có quy mô để làm trọng số)") in figures.carried[growth.pk]
