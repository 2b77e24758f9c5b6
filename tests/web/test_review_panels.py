"""One review rendered everywhere: the panels of the dashboard agree at a date, the ranking
covers the target's own period, drafts are nobody's default (issue 9, findings 5 and 7)."""

from __future__ import annotations

import json
import re
from datetime import date

from chitieu.core.choices import Aggregation, Comparator, PeriodKind, Stage
from chitieu.monitoring.models import Observation
from chitieu.plans.models import Resolution, Target
from tests.web.pages_world import make_indicator, make_observation, make_unit


def _section(body: str, anchor: str) -> str:
    return body.split(f'id="{anchor}"')[1].split("</section>")[0]


def _ranking_data(body: str) -> dict:
    found = re.search(r'<script id="ranking-data" type="application/json">(.*?)</script>', body, re.S)
    return json.loads(found.group(1)) if found else {}


def test_the_ranking_and_the_jumps_leave_out_figures_reported_after_the_date(world, as_user):
    # The year's growth figures were all reported in January 2022; six communes report Q1
    # on 1 June, one of them a wild jump from Q4/2020.
    Observation.objects.filter(indicator=world.growth).update(reported_on=date(2022, 1, 20))
    communes = [world.commune_a, world.commune_b] + [make_unit(f"xa-{i}", f"Xã Thứ {i}", parent=world.city) for i in range(4)]
    for i, unit in enumerate(communes):
        make_observation(unit, world.growth, "Q4/2020", 10 + i * 0.1)
        make_observation(unit, world.growth, "Q1/2021", 95 if i == 0 else 10.5 + i * 0.1, reported_on=date(2021, 6, 1))
    client = as_user(world.users["viewer"])

    before = client.get("/?resolution=hp-2021&as_of=2021-04-15&chi_tieu=tang-truong-grdp").content.decode()
    row = re.search(r'data-status="([a-z_]+)">\s*<td>1</td>', before)
    assert row and row.group(1) == "no_data"  # the review knows no growth figure yet
    assert "Xã An Lão" not in _section(before, "jumps")
    assert _ranking_data(before).get("labels") is None  # nor does the ranking

    after = client.get("/?resolution=hp-2021&as_of=2021-06-15&chi_tieu=tang-truong-grdp").content.decode()
    assert "Xã An Lão" in _section(after, "jumps")
    assert "Xã An Lão" in _ranking_data(after)["labels"]


def test_a_year_end_ranking_ranks_the_year_not_its_last_month(world, as_user):
    jobs = make_indicator("viec-lam", "Giải quyết việc làm", "lao động", aggregation=Aggregation.SUM,
                          frequency=PeriodKind.MONTH)
    Target.objects.create(resolution=world.resolution, indicator=jobs, number="4", comparator=Comparator.GE,
                          value=1000, unit="lao động", period="2021", order=4)
    for m in range(1, 13):
        make_observation(world.commune_a, jobs, f"T{m}/2021", 100)  # 1.200 over the year
        make_observation(world.commune_b, jobs, f"T{m}/2021", 500 if m == 12 else 10)  # 610
    body = as_user(world.users["viewer"]).get(
        "/?resolution=hp-2021&as_of=2021-12-31&chi_tieu=viec-lam", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="ranking",
    ).content.decode()
    data = _ranking_data(body)
    assert data["labels"] == ["Xã An Lão", "Xã Kiến Thụy"]
    assert data["values"] == [1200, 610]
    assert "năm 2021" in body and "T12/2021" not in body


def test_a_draft_resolution_is_never_the_default_dashboard(world, as_user):
    draft = Resolution.objects.create(code="doc-ban-nhap", title="Bản nháp đọc từ văn bản", issuer=world.city,
                                      issued_on=date(2024, 1, 1), period="2024")
    Target.objects.create(resolution=draft, indicator=world.growth, number="1", comparator=Comparator.GE,
                          value=1, unit="%", period="2024", confirmed=False)
    client = as_user(world.users["viewer"])
    body = client.get("/").content.decode()
    assert "<h1>Nghị quyết về nhiệm vụ năm 2021</h1>" in body and "Đạt 0/0" not in body
    # Still reachable by its code, and listed after the settled ones on the reports page.
    assert "<h1>Bản nháp đọc từ văn bản</h1>" in client.get("/?resolution=doc-ban-nhap").content.decode()
    reports = client.get("/bao-cao/").content.decode()
    assert reports.index('value="hp-2021"') < reports.index('value="doc-ban-nhap"')


def test_the_review_carries_its_ranking_and_jumps_for_every_reader(world, as_user):
    from chitieu.monitoring.review import evaluate_resolution, review_as_json

    make_observation(world.commune_a, world.growth, "2020", 10, stage=Stage.OFFICIAL)
    data = review_as_json(evaluate_resolution(world.resolution, as_of=date(2021, 12, 31)))
    assert data["ranking"]["indicator"] == "tang-truong-grdp"
    assert data["ranking"]["period"] == "2021"
    assert [u["unit"] for u in data["ranking"]["units"]] == ["xa-an-lao", "xa-kien-thuy"]
    assert data["jumps"] == []
    assert data["headline"].startswith("Đạt ")
