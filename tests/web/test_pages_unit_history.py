"""The unit tree in the boundaries of a day: today's units by default, the old ones on a day
before the reorganisation, each with its validity, predecessors and successors."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from chitieu.core.choices import ShareBasis, UnitKind
from chitieu.org.history import LinkSpec, record_reorganisation
from tests.factories import make_unit


@pytest.fixture
def reorganised(world):
    old = make_unit("phuong-cu", "Phường Cũ", kind=UnitKind.WARD, parent=world.city)
    split = make_unit("xa-tach", "Xã Tách", kind=UnitKind.COMMUNE, parent=world.city)
    new = make_unit("phuong-moi", "Phường Mới", kind=UnitKind.WARD, parent=world.city)
    record_reorganisation(date(2025, 7, 1), "NQ 1669/NQ-UBTVQH15", [
        LinkSpec(old.code, new.code), LinkSpec(split.code, new.code, 0.25, ShareBasis.POPULATION),
        LinkSpec(split.code, world.commune_a.code, 0.75, ShareBasis.POPULATION),
        LinkSpec(world.commune_a.code, world.commune_a.code),
    ])
    return world


def test_today_the_tree_holds_the_new_unit_with_its_predecessors(reorganised, as_user):
    body = as_user(reorganised.users["viewer"]).get(reverse("web:units")).content.decode()
    assert "Phường Mới" in body and "hiệu lực từ 01/07/2025" in body
    assert 'id="u-phuong-cu"' not in body
    assert "Hình thành từ: " in body and "Xã Tách</a> (25% theo dân số)" in body and "NQ 1669/NQ-UBTVQH15" in body


def test_on_a_day_before_the_tree_holds_the_old_units_and_where_they_went(reorganised, as_user):
    body = as_user(reorganised.users["viewer"]).get(reverse("web:units") + "?ngay=2025-01-01").content.decode()
    assert 'id="u-phuong-cu"' in body and 'id="u-phuong-moi"' not in body
    assert "hiệu lực đến 30/06/2025" in body and "Chuyển thành: " in body


def test_an_ended_units_page_shows_it_as_on_its_last_day(reorganised, as_user):
    body = as_user(reorganised.users["viewer"]).get(reverse("web:unit", args=["phuong-cu"])).content.decode()
    assert "<h1>Phường Cũ</h1>" in body and "ngừng hoạt động" in body and "Phường Mới" in body


def test_the_admin_shows_reorganisations_but_changes_them_only_through_the_service(reorganised, as_user):
    client = as_user(reorganised.users["superuser"])
    assert client.get(reverse("admin:org_reorganisation_changelist")).status_code == 200
    assert client.get(reverse("admin:org_unitlink_add")).status_code == 403
    assert b'name="valid_to"' not in client.get(reverse("admin:org_unit_change", args=[reorganised.city.pk])).content


def test_the_indicator_page_says_the_citys_figures_before_the_merger_are_of_the_old_boundaries(world, as_user):
    from tests.factories import make_observation

    hd = make_unit("tinh-cu", "Tỉnh Cũ", kind=UnitKind.PROVINCE)
    make_observation(world.city, world.growth, "2024", 9.5)
    record_reorganisation(date(2025, 7, 1), "NQ 202/2025/QH15", [
        LinkSpec(hd.code, world.city.code), LinkSpec(world.city.code, world.city.code)])
    page = as_user(world.users["viewer"]).get(reverse("web:indicator", args=[world.growth.code]) + "?as_of=2026-03-31")
    body = page.content.decode()
    assert 'id="boundaries-note"' in body and "Trước 01/07/2025: số liệu theo địa giới cũ" in body and "Tỉnh Cũ" in body


def test_the_dashboard_of_a_year_spanning_the_merger_says_how_it_compared(world, as_user):
    from chitieu.plans.models import Resolution, Target
    from tests.factories import make_observation

    hd = make_unit("tinh-cu", "Tỉnh Cũ", kind=UnitKind.PROVINCE)
    council = make_unit("hdnd", "HĐND thành phố", kind=UnitKind.DEPARTMENT, parent=world.city)
    plan = Resolution.objects.create(code="hp-2025", title="Kế hoạch năm 2025", number="42/NQ-HĐND", issuer=council,
                                     issued_on=date(2025, 7, 10), period="2025")
    Target.objects.create(resolution=plan, indicator=world.growth, number="1", comparator=">=", value=12.35,
                          unit="%", period="2025", order=1)
    make_observation(world.city, world.growth, "Q2/2025", 11.2)  # before the merger: the old city's
    make_observation(world.city, world.growth, "2025", 11.81)
    record_reorganisation(date(2025, 7, 1), "NQ 202/2025/QH15", [
        LinkSpec(hd.code, world.city.code), LinkSpec(world.city.code, world.city.code)])
    body = as_user(world.users["leader"]).get(reverse("web:home") + "?resolution=hp-2025&as_of=2026-01-31"
                                              ).content.decode()
    section = body.split('id="boundaries"')[1].split("</section>")[0]
    assert "<b>Tốc độ tăng trưởng GRDP</b>" in section and "Trước 01/07/2025: số liệu theo địa giới cũ" in section
    assert "Tỉnh Cũ" in section
