"""The indicator page: the city series as the review reads it, the year-to-date line of a
summed indicator, the dashboard's date carried through, and the per-unit table."""

from __future__ import annotations

import json
import re
from datetime import date

from django.urls import reverse

from chitieu.core.choices import Aggregation, Comparator, Direction, EntryState, PeriodKind, Stage
from chitieu.core.periods import Period
from chitieu.monitoring.review import indicators_with_unit_figures
from chitieu.plans.models import Target
from chitieu.web import review
from tests.factories import assign, make_indicator, make_observation, make_unit

URL = "/?resolution=hp-2021&as_of=2021-12-31"


def _chart(body: str) -> dict:
    return json.loads(re.search(r'<script id="series-data" type="application/json">(.*?)</script>', body, re.S).group(1))


def _page(client, code: str, query: str = "") -> str:
    response = client.get(reverse("web:indicator", args=[code]) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_an_indicator_only_communes_report_is_charted_from_their_combined_figures(world, as_user):
    jobs = make_indicator("viec-lam", "Giải quyết việc làm", "lao động", aggregation=Aggregation.SUM,
                          unit_aggregation=Aggregation.SUM, frequency=PeriodKind.MONTH)
    Target.objects.create(resolution=world.resolution, indicator=jobs, number="4", comparator=Comparator.GE,
                          value=1000, unit="lao động", period="2021", order=4)
    assign(jobs, [world.commune_a, world.commune_b])
    for month, (a, b) in enumerate(((10, 20), (15, 25)), start=1):
        make_observation(world.commune_a, jobs, f"T{month}/2021", a)
        make_observation(world.commune_b, jobs, f"T{month}/2021", b)
    body = _page(as_user(world.users["viewer"]), "viec-lam", "?as_of=2021-03-15")
    assert "Chưa có số liệu toàn thành phố" not in body
    data = _chart(body)
    assert data["stages"][0]["values"][:2] == [30, 40]
    assert data["cumulative"]["values"][:2] == [30, 70]
    assert "tổng 2/2 xã, phường" in body


def test_a_summed_monthly_indicator_is_read_year_to_date_against_its_yearly_target(world, as_user):
    # Revenue (summed) reported by quarter: Q1 estimate 20.000, Q2 official 25.000; target 90.000 for 2021.
    make_observation(world.city, world.revenue, "Q2/2021", 25000)
    body = _page(as_user(world.users["leader"]), "thu-ngan-sach", "?resolution=hp-2021&as_of=2021-07-20")
    data = _chart(body)
    quarters = [Period.quarter(2021, q).label for q in (1, 2, 3, 4)]
    assert data["periods"] == quarters  # the axis runs to the end of the target's year
    assert data["cumulative"]["values"] == [20000, 45000, None, None]
    assert data["target_values"] == [90000] * 4
    # The yearly forecast sits at the year's end, not on the last monthly figure.
    assert data["forecast"] is not None and data["forecast"] > 45000
    assert data["forecast_at"] == quarters[-1]


def test_the_yearly_target_line_covers_only_its_own_year_of_a_cumulative_series(world, as_user):
    make_observation(world.city, world.revenue, "Q4/2020", 30000)
    data = _chart(_page(as_user(world.users["viewer"]), "thu-ngan-sach", "?as_of=2021-04-10"))
    assert data["periods"][0] == Period.quarter(2020, 4).label
    assert data["target_values"][0] is None and data["target_values"][1] == 90000
    assert data["cumulative"]["values"][:2] == [None, 20000]  # 2020 lacks Q1–Q3: no year-to-date
    # One line per year, so the sum restarts in January instead of falling from December.
    assert [seg[:2] for seg in data["cumulative"]["segments"]] == [[None, None], [None, 20000]]


def test_dashboard_links_carry_its_resolution_and_date_to_the_indicator_page(world, as_user):
    client = as_user(world.users["viewer"])
    body = client.get("/?resolution=hp-2021&as_of=2021-07-20").content.decode()
    assert reverse("web:indicator", args=["thu-ngan-sach"]) + "?resolution=hp-2021&amp;as_of=2021-07-20" in body
    page = _page(client, "thu-ngan-sach", "?resolution=hp-2021&as_of=2021-07-20")
    assert "tính đến 20/07/2021" in page
    # Without a date the page takes the dashboard's default: today clipped to the resolution's end.
    assert "tính đến 31/12/2021" in _page(client, "thu-ngan-sach", "?resolution=hp-2021")


def test_the_unit_table_shows_the_period_in_question_not_a_later_draft(world, as_user):
    # A department's submitted figure for 2024 must not hide the communes' 2021 figures at 2021-12-31.
    make_observation(world.dept, world.growth, "2024", 7.7, stage=Stage.ESTIMATE, state=EntryState.SUBMITTED)
    make_observation(world.commune_a, world.growth, "2021", 3.3, stage=Stage.ESTIMATE)  # an older estimate
    body = _page(as_user(world.users["office"]), "tang-truong-grdp", "?resolution=hp-2021&as_of=2021-12-31")
    units = body.split("Theo đơn vị")[1]
    assert "kỳ 2021" in units and "7,7" not in units
    assert "14,2" in units and "3,3" not in units  # the official figure beats the estimate


def test_the_unit_table_prefers_approved_figures_and_hides_drafts(world, as_user):
    make_observation(world.commune_b, world.growth, "2021", 99.9, stage=Stage.PRELIMINARY, state=EntryState.SUBMITTED)
    make_observation(world.commune_a, world.growth, "2021", 88.8, stage=Stage.ESTIMATE, state=EntryState.DRAFT)
    units = _page(as_user(world.users["office"]), "tang-truong-grdp", "?as_of=2021-12-31").split("Theo đơn vị")[1]
    assert "9,1" in units and "99,9" not in units and "88,8" not in units


def test_the_unit_table_ranks_lower_is_better_ascending(world, as_user):
    make_observation(world.commune_a, world.poverty, "2021", 0.9)
    make_observation(world.commune_b, world.poverty, "2021", 0.2)
    units = _page(as_user(world.users["viewer"]), "ty-le-ho-ngheo", "?as_of=2021-12-31").split("Theo đơn vị")[1]
    assert units.index("Xã Kiến Thụy") < units.index("Xã An Lão")


def test_the_ranking_uses_only_periods_ended_by_the_date_over_the_resolutions_period(world, as_user):
    jobs = make_indicator("viec-lam", "Giải quyết việc làm", "lao động", aggregation=Aggregation.SUM,
                          frequency=PeriodKind.MONTH, direction=Direction.HIGHER)
    make_observation(world.commune_a, jobs, "T1/2021", 10)
    make_observation(world.commune_b, jobs, "T1/2021", 20)
    make_observation(world.commune_a, jobs, "T2/2021", 500)  # February still running on the 15th
    make_observation(world.commune_a, jobs, "Q1/2021", 900)  # so is the quarter
    ranking = review.ranking(None, jobs, world.resolution, date(2021, 2, 15))
    # The year 2021 (the resolution's period), projected from January alone: February's 500
    # and the quarter's 900 are still running and left out.
    assert ranking.period.startswith("năm 2021")
    assert [r.unit_name for r in ranking.rows] == ["Xã Kiến Thụy", "Xã An Lão"]
    assert ranking.rows[0].value == 2 * ranking.rows[1].value
    assert indicators_with_unit_figures([jobs.pk], date(2021, 1, 30)) == []
    assert indicators_with_unit_figures([jobs.pk], date(2021, 1, 31)) == [jobs.pk]


def test_the_dashboard_ranking_skips_a_quarter_still_running(world, as_user):
    make_observation(world.commune_a, world.growth, "Q1/2021", 1.1)
    body = as_user(world.users["viewer"]).get(
        "/?resolution=hp-2021&as_of=2021-02-15&chi_tieu=tang-truong-grdp", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="ranking",
    ).content.decode()
    assert "Q1/2021" not in body


def test_unit_table_period_can_be_chosen(world, as_user):
    make_unit("xa-moi", "Xã Mới", parent=world.city)
    make_observation(world.commune_a, world.growth, "2020", 6.6)
    units = _page(as_user(world.users["viewer"]), "tang-truong-grdp", "?ky=2020").split("Theo đơn vị")[1]
    assert "kỳ 2020" in units and "6,6" in units and "14,2" not in units


def test_a_rate_judged_over_a_year_opens_year_by_year_once_three_years_have_figures(world, as_user):
    client = as_user(world.users["viewer"])
    for q in range(1, 5):
        make_observation(world.city, world.growth, f"Q{q}/2020", 10.0 + q)
    make_observation(world.city, world.growth, "2019", 12.0)
    # 2019 and 2021: two years against four quarters, the quarters stand
    assert _chart(_page(client, world.growth.code, "?as_of=2021-12-31"))["periods"][0] == "quý I/2020"
    make_observation(world.city, world.growth, "2020", 12.3)
    yearly = _chart(_page(client, world.growth.code, "?as_of=2021-12-31"))
    assert yearly["periods"] == ["năm 2019", "năm 2020", "năm 2021"]
    # the kind asked for wins
    assert _chart(_page(client, world.growth.code, "?as_of=2021-12-31&kieu=quarter"))["periods"][0] == "quý I/2020"
