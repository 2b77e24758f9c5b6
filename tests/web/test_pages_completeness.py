"""The completeness page: per period, which assigned units have and have not reported each
indicator, and how late (finding 2 of "Numbers a committee can trust", Deliver 4)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from chitieu.core.choices import EntryState, Stage
from chitieu.core.periods import Period
from chitieu.monitoring.completeness import completeness
from tests.factories import assign, make_observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(world):
    assign(world.growth, [world.commune_a, world.commune_b])
    make_observation(world.commune_a, world.growth, "Q1/2021", 7.5, stage=Stage.ESTIMATE,
                     state=EntryState.SUBMITTED, reported_on=date(2021, 5, 2))  # due 15/4: 17 days late
    make_observation(world.commune_b, world.growth, "Q1/2021", 6.0, state=EntryState.DRAFT)  # not sent yet
    return world


def test_the_table_counts_assigned_units_that_sent_a_figure_and_their_lateness(reported):
    [table] = completeness(Period.parse("Q1/2021"))
    assert (table.indicator, table.coverage, table.on_time) == (reported.growth, "1/2 xã, phường", 0)
    by_unit = {u.unit.code: u for u in table.units}
    # the city's deadline is 20/4 (20 days after the quarter); a commune's 5 days earlier
    assert table.due == date(2021, 4, 20) and by_unit["xa-an-lao"].due == date(2021, 4, 15)
    assert by_unit["xa-an-lao"].days_late == 17 and by_unit["xa-an-lao"].sent_on == date(2021, 5, 2)
    assert [u.unit for u in table.missing] == [reported.commune_b]  # a draft is not a report


def test_the_office_sees_who_has_not_reported(reported, as_user):
    page = as_user(reported.users["office"]).get(reverse("web:completeness") + "?ky=Q1/2021").content.decode()
    assert "Đã báo cáo 1/2 xã, phường" in page
    assert "Chưa báo cáo: Xã Kiến Thụy" in page
    assert "trễ 17 ngày" in page


def test_a_reporter_sees_only_their_own_units(reported, as_user):
    page = as_user(reported.users["reporter_a"]).get(reverse("web:completeness") + "?ky=Q1/2021").content.decode()
    assert "Đã báo cáo 1/1 xã, phường" in page and "Xã Kiến Thụy" not in page


def test_a_viewer_is_refused_and_a_bad_period_is_named(reported, as_user):
    assert as_user(reported.users["viewer"]).get(reverse("web:completeness")).status_code == 403
    bad = as_user(reported.users["office"]).get(reverse("web:completeness") + "?ky=quý 9/2021")
    assert bad.status_code == 400 and "quý 9/2021" in bad.content.decode()


def test_the_dashboard_shows_a_partial_city_figure_as_partial(world, as_user):
    from chitieu.core.choices import Aggregation, Comparator, PeriodKind
    from tests.factories import make_indicator, make_target

    bhyt = make_indicator("bhyt", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", unit_aggregation=Aggregation.AVERAGE,
                          frequency=PeriodKind.QUARTER)
    make_target(world.resolution, bhyt, number="16", comparator=Comparator.GE, value=92, period="2021")
    assign(bhyt, [world.commune_a, world.commune_b])
    make_observation(world.commune_a, bhyt, "Q4/2021", 93.2, stage=Stage.OFFICIAL)
    page = as_user(world.users["leader"]).get("/?resolution=hp-2021&as_of=2021-12-31").content.decode()
    row = page[page.index('data-status="incomplete"'):]
    row = row[: row.index("</tr>")]
    assert "Chưa đủ số liệu" in row and "mới 1/2 xã, phường báo cáo" in row
    assert "Chính thức" not in row  # the ward's stage is not the city's
