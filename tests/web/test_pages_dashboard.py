"""Dashboard and indicator pages: counts, at-risk first, jumps, ranking, chart data, query guards."""

from __future__ import annotations

import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chitieu.core.choices import SIMULATED_LABEL, SIMULATED_SOURCE, EntryState, Stage, Status
from chitieu.org.models import Unit
from tests.factories import make_observation, make_unit
from tests.web.pages_world import build_world

URL = "/?resolution=hp-2021&as_of=2021-12-31"


def _statuses(body: str) -> list[str]:
    return re.findall(r'class="target-row" data-status="([a-z_]+)"', body)


def test_dashboard_counts_targets_by_status_and_lists_those_needing_attention_first(world, as_user):
    body = as_user(world.users["viewer"]).get(URL).content.decode()
    statuses = _statuses(body)
    assert len(statuses) == 3
    # growth 13,9 ≥ 12,5: exceeded or achieved; poverty 0,4 ≤ 0,5: met; revenue only Q1 estimate.
    order = [Status(s) for s in statuses]
    from chitieu.core.choices import STATUS_ATTENTION_ORDER

    assert order == sorted(order, key=STATUS_ATTENTION_ORDER.index)
    met = sum(s in ("achieved", "exceeded") for s in statuses)
    assert f"Đạt {met}/3" in body


def test_dashboard_defaults_to_the_latest_resolution_clipped_to_its_period_end(world, as_user):
    body = as_user(world.users["viewer"]).get("/").content.decode()
    assert "31/12/2021" in body and "Nghị quyết về nhiệm vụ năm 2021" in body


def test_an_undated_resolution_is_not_taken_for_the_latest(world, as_user):
    from chitieu.plans.models import Resolution

    Resolution.objects.create(code="khong-ngay", title="Kết luận chưa ghi ngày", issuer=world.city, period="2022")
    body = as_user(world.users["viewer"]).get("/").content.decode()
    assert "<h1>Nghị quyết về nhiệm vụ năm 2021</h1>" in body


def test_an_unknown_resolution_code_is_a_404(world, as_user):
    assert as_user(world.users["viewer"]).get("/?resolution=khong-co").status_code == 404


def test_a_new_approved_figure_changes_the_dashboard(world, as_user):
    client = as_user(world.users["leader"])
    before = _statuses(client.get(URL).content.decode())
    # The city's revenue for the whole year, official: 95.000 ≥ 90.000.
    make_observation(world.city, world.revenue, "2021", 95000)
    after = _statuses(client.get(URL).content.decode())
    assert before.count("achieved") + before.count("exceeded") + 1 == after.count("achieved") + after.count("exceeded")


def test_a_figure_that_jumped_is_listed_and_links_to_its_history(world, as_user):
    communes = [world.commune_a, world.commune_b] + [
        make_unit(f"xa-{i}", f"Xã Thứ {i}", parent=world.city) for i in range(4)
    ]
    jumped = None
    for i, unit in enumerate(communes):
        make_observation(unit, world.growth, "2020", 10 + i * 0.1)
        Unit.objects.filter(pk=unit.pk)  # keep ids stable
    for i, unit in enumerate(communes[2:]):
        make_observation(unit, world.growth, "2021", 10.5 + i * 0.1)
    # commune A and B already have 2021 figures (14,2 and 9,1); add a wild one.
    wild = make_unit("xa-dot-bien", "Xã Đột Biến", parent=world.city)
    make_observation(wild, world.growth, "2020", 10)
    jumped = make_observation(wild, world.growth, "2021", 95)
    body = as_user(world.users["viewer"]).get(URL).content.decode()
    section = body.split('id="jumps"')[1].split("</section>")[0]
    assert "Xã Đột Biến" in section
    assert reverse("web:record-history", args=["observation", jumped.pk]) in section


def test_units_are_ranked_against_their_average_with_chart_data(world, as_user):
    response = as_user(world.users["viewer"]).get(URL + "&chi_tieu=tang-truong-grdp", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="ranking")
    body = response.content.decode()
    assert "<html" not in body  # the HTMX swap gets the partial only
    data = json.loads(re.search(r'<script id="ranking-data" type="application/json">(.*?)</script>', body, re.S).group(1))
    assert data["labels"] == ["Xã An Lão", "Xã Kiến Thụy"]
    assert data["average"] == pytest.approx((14.2 + 9.1) / 2)
    assert data["above"] == [True, False]


def test_simulated_figures_are_marked_on_the_dashboard(world, as_user):
    make_observation(world.city, world.revenue, "2021", 95000, source=SIMULATED_SOURCE)
    body = as_user(world.users["viewer"]).get(URL).content.decode()
    assert SIMULATED_LABEL in body and 'class="banner simulated"' in body


def test_indicator_page_shows_the_clause_the_series_with_target_and_the_units(world, as_user):
    make_observation(world.city, world.growth, "2020", 11.2)
    body = as_user(world.users["viewer"]).get(reverse("web:indicator", args=["tang-truong-grdp"]) + "?as_of=2021-12-31").content.decode()
    assert "Tốc độ tăng trưởng GRDP đạt 12,5% trở lên." in body
    data = json.loads(re.search(r'<script id="series-data" type="application/json">(.*?)</script>', body, re.S).group(1))
    assert data["periods"] == ["năm 2020", "năm 2021"]
    assert data["target"] == 12.5
    assert data["stages"][0]["values"] == [11.2, 13.9]
    units = body.split("Theo đơn vị")[1]
    assert units.index("Xã An Lão") < units.index("Xã Kiến Thụy")  # highest first


def test_indicator_page_hides_another_units_unapproved_figures_from_a_viewer(world, as_user):
    make_observation(world.commune_b, world.growth, "2022", 55.5, stage=Stage.ESTIMATE, state=EntryState.SUBMITTED)
    url = reverse("web:indicator", args=["tang-truong-grdp"]) + "?ky=2022"
    assert "55,5" not in as_user(world.users["viewer"]).get(url).content.decode()
    assert "55,5" in as_user(world.users["reporter_b"]).get(url).content.decode()


def _queries(client, world, url: str) -> int:
    client.force_login(world.users["office"], backend="django.contrib.auth.backends.ModelBackend")
    client.get(url)  # warm what is read once per process (content types, sessions)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


def _pages(w) -> dict[str, str]:
    return {
        "dashboard": URL, "indicators": reverse("web:indicators"), "tasks": reverse("web:tasks"),
        "task table": reverse("web:tasks") + "?xem=bang", "approvals": reverse("web:approvals"),
        "history": reverse("web:history"), "completeness": reverse("web:completeness"),
        "entry": reverse("web:entry") + f"?don_vi={w.commune_a.pk}&nam=2021&ky=quarter",
        "indicator": reverse("web:indicator", args=["tang-truong-grdp"]),
    }


@pytest.mark.parametrize("grows", ["extra_indicators", "extra_units", "extra_tasks"])
def test_page_query_counts_do_not_grow_with_indicators_units_or_tasks(transactional_db, client, grows):
    """Each page runs as many queries on a city with three times the targets, the communes
    assigned and reporting, or the tasks with supporting units: none grows with the data."""
    small = build_world(**{grows: 4})
    before = {name: _queries(client, small, url) for name, url in _pages(small).items()}
    call_command("flush", interactive=False, verbosity=0)
    big = build_world(**{grows: 12})
    after = {name: _queries(client, big, url) for name, url in _pages(big).items()}
    assert after == before
    assert all(0 < n <= 24 for n in after.values()), after


def test_a_target_not_yet_final_shows_the_pace_required_and_its_chance(world, as_user):
    body = as_user(world.users["viewer"]).get("/?resolution=hp-2021&as_of=2021-06-30").content.decode()
    # Revenue 90.000 tỷ đồng with only Q1 reported: the 9 months left need the rest.
    assert re.search(r'<div class="required">9 tháng còn lại của năm cần thêm [0-9.,]+ tỷ đồng \(bình quân', body)
    chances = re.findall(r'<div class="chance" title="[^"]*">([^<]+)</div>', body)
    assert chances and all(re.match(r"(có khả năng đạt|cần nỗ lực|có nguy cơ không đạt|khó đạt) \(", c)
                           for c in chances)
