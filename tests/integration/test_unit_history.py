"""Units with a history: a reorganisation ends its predecessors, starts its successors and
keeps every change in history; bad input (shares that do not add up, a successor dated
before its predecessor, a figure outside a unit's validity) is refused with a Vietnamese
message naming the unit, the date and the field, and nothing is written."""

from __future__ import annotations

from datetime import date

import pytest

from chitieu.core.choices import PeriodKind, ShareBasis, UnitKind
from chitieu.errors import Invalid
from chitieu.monitoring.models import Observation
from chitieu.monitoring.services import Mode, record_observations
from chitieu.org.history import LinkSpec, lineages, record_reorganisation, unit_on, units_on
from chitieu.org.models import Reorganisation, Unit, UnitLink
from tests.factories import make_city, make_indicator, make_unit

pytestmark = pytest.mark.django_db

DAY = date(2025, 7, 1)
BASIS = "NQ 1669/NQ-UBTVQH15"


@pytest.fixture
def city():
    return make_city("hai-phong")


@pytest.fixture
def old(city):
    """Two old wards with the same national code a new one will re-use."""
    a = make_unit("minh-khai-cu", name="Phường Minh Khai", kind=UnitKind.WARD, parent=city, admin_code=11311)
    b = make_unit("thuong-ly-cu", name="Phường Thượng Lý", kind=UnitKind.WARD, parent=city, admin_code=11305)
    c = make_unit("nam-hai-cu", name="Phường Nam Hải", kind=UnitKind.WARD, parent=city, admin_code=11414)
    return a, b, c


@pytest.fixture
def new(city):
    x = make_unit("hong-bang", name="Phường Hồng Bàng", kind=UnitKind.WARD, parent=city, admin_code=11311)
    y = make_unit("hai-an", name="Phường Hải An", kind=UnitKind.WARD, parent=city, admin_code=11413)
    return x, y


def merge(old, new, **kw):
    a, b, c = old
    x, y = new
    return record_reorganisation(DAY, BASIS, [
        LinkSpec(a.code, x.code), LinkSpec(b.code, x.code),
        LinkSpec(c.code, x.code, 0.4, ShareBasis.POPULATION, part="một phần phường Nam Hải"),
        LinkSpec(c.code, y.code, 0.6, ShareBasis.POPULATION, part="phần còn lại"),
    ], **kw)


def test_a_reorganisation_ends_predecessors_starts_successors_and_keeps_history(old, new):
    event = merge(old, new, note="Sắp xếp cấp xã")
    a, b, c = (Unit.objects.get(pk=u.pk) for u in old)
    x, y = (Unit.objects.get(pk=u.pk) for u in new)
    assert (a.valid_to, c.valid_to, a.active) == (date(2025, 6, 30), date(2025, 6, 30), False)
    assert (x.valid_from, y.valid_from, x.valid_to) == (DAY, DAY, None)
    assert event.links.count() == 4
    assert a.history.first().history_change_reason == "Sắp xếp theo NQ 1669/NQ-UBTVQH15, hiệu lực 01/07/2025"
    assert Reorganisation.history.count() == 1 and UnitLink.history.count() == 4


def test_a_code_names_a_unit_only_with_a_day(old, new):
    merge(old, new)
    assert unit_on("11311", date(2025, 1, 1)).code == "minh-khai-cu"
    assert unit_on("11311", DAY).code == "hong-bang"
    on_new = set(units_on(DAY).values_list("code", flat=True))
    assert "minh-khai-cu" not in on_new and {"hong-bang", "hai-an", "hai-phong"} <= on_new


def test_lineage_lists_predecessors_and_successors_with_shares(old, new):
    merge(old, new)
    a, b, c = old
    x, y = new
    lin = lineages([x, c])
    assert sorted(link.predecessor.code for link in lin[x.pk].predecessors) == sorted([a.code, b.code, c.code])
    assert {(link.successor.code, link.share) for link in lin[c.pk].successors} == {(x.code, 0.4), (y.code, 0.6)}


def test_a_unit_that_goes_on_counts_one_more_version(city):
    a = make_unit("a", name="Xã A", parent=city)
    b = make_unit("b", name="Xã B", parent=city)
    record_reorganisation(DAY, BASIS, [LinkSpec("a", "a", 0.7, ShareBasis.AREA), LinkSpec("a", "b", 0.3, ShareBasis.AREA),
                                       LinkSpec("b", "b")])
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.version, b.version, a.valid_to, a.active) == (2, 2, None, True)


def _nothing_written(units_before):
    assert Reorganisation.objects.count() == 0 and UnitLink.objects.count() == 0
    assert list(Unit.objects.order_by("pk").values_list("valid_from", "valid_to", "version")) == units_before


def test_shares_that_do_not_add_up_to_the_whole_are_refused_naming_unit_date_and_field(old, new):
    a, b, c = old
    x, y = new
    before = list(Unit.objects.order_by("pk").values_list("valid_from", "valid_to", "version"))
    with pytest.raises(Invalid) as err:
        record_reorganisation(DAY, BASIS, [LinkSpec(c.code, x.code, 0.4), LinkSpec(c.code, y.code, 0.5)])
    assert err.value.errors == {"links.0.share": (
        "Các tỷ lệ chia của «Phường Nam Hải» ngày 01/07/2025 cộng lại 90%, phải đúng 100% (toàn bộ đơn vị)."
    )}
    _nothing_written(before)


def test_a_successor_dated_before_its_predecessor_is_refused(city):
    make_unit("cu", name="Xã Cũ", parent=city, valid_from=date(2020, 1, 1))
    make_unit("moi", name="Xã Mới", parent=city, valid_from=date(2019, 1, 1))
    before = list(Unit.objects.order_by("pk").values_list("valid_from", "valid_to", "version"))
    with pytest.raises(Invalid) as err:
        record_reorganisation(DAY, BASIS, [LinkSpec("cu", "moi")])
    assert err.value.errors["links.0.successor"] == (
        "Đơn vị sau «Xã Mới» có hiệu lực từ 01/01/2019, trước ngày sắp xếp 01/07/2025 của đơn vị trước «Xã Cũ»."
    )
    _nothing_written(before)


def test_a_reorganisation_dated_before_its_predecessor_began_is_refused(city):
    make_unit("cu", name="Xã Cũ", parent=city, valid_from=date(2026, 1, 1))
    make_unit("moi", name="Xã Mới", parent=city)
    with pytest.raises(Invalid) as err:
        record_reorganisation(DAY, BASIS, [LinkSpec("cu", "moi")])
    assert "links.0.predecessor" in err.value.errors and "01/01/2026" in err.value.errors["links.0.predecessor"]


def test_a_reorganisation_needs_its_legal_basis_and_known_units(city):
    with pytest.raises(Invalid) as err:
        record_reorganisation(DAY, " ", [LinkSpec("khong-co", "hai-phong")])
    assert err.value.errors["legal_basis"] == "Chưa nêu căn cứ pháp lý của việc sắp xếp ngày 01/07/2025."
    assert err.value.errors["links.0.predecessor"] == "Không có đơn vị mã «khong-co»."


class TestFiguresOutsideValidity:
    @pytest.fixture
    def jobs(self):
        return make_indicator("jobs", name="Việc làm mới", unit="người", frequency=PeriodKind.MONTH)

    def test_a_figure_for_an_ended_unit_after_its_end_is_refused_and_nothing_written(self, old, new, jobs):
        merge(old, new)
        rows = [
            {"unit": "minh-khai-cu", "indicator": "jobs", "period": "T6/2025", "value": 10},
            {"unit": "minh-khai-cu", "indicator": "jobs", "period": "T7/2025", "value": 10},
        ]
        with pytest.raises(Invalid) as err:
            record_observations(rows, mode=Mode.DEMO, now=date(2025, 12, 31))
        assert err.value.errors == {"dòng 2.period": (
            "Kỳ báo cáo «T7/2025» (01/07/2025–31/07/2025) nằm ngoài thời gian hiệu lực của Phường Minh Khai "
            "(đến 30/06/2025): ngày 01/07/2025 đơn vị không tồn tại."
        )}
        assert Observation.objects.count() == 0

    def test_a_figure_for_a_new_unit_before_it_began_is_refused(self, old, new, jobs):
        merge(old, new)
        with pytest.raises(Invalid) as err:
            record_observations([{"unit": "hong-bang", "indicator": "jobs", "period": "T6/2025", "value": 3}],
                                mode=Mode.DEMO, now=date(2025, 12, 31))
        (message,) = err.value.errors.values()
        assert "Phường Hồng Bàng (từ 01/07/2025)" in message and "ngày 01/06/2025" in message
        assert Observation.objects.count() == 0

    def test_figures_inside_validity_are_written(self, old, new, jobs):
        merge(old, new)
        record_observations([{"unit": "minh-khai-cu", "indicator": "jobs", "period": "T6/2025", "value": 10},
                             {"unit": "hong-bang", "indicator": "jobs", "period": "T7/2025", "value": 4}],
                            mode=Mode.DEMO, now=date(2025, 12, 31))
        assert Observation.objects.count() == 2
