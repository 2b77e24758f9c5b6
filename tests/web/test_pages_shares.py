"""Giving a target's shares to units (issue 12, Deliver 2): the office gives them on a page,
parts that do not add up are refused with the difference shown next to the table, a unit is
judged against its own share only, and the dashboard says how the units stand."""

from __future__ import annotations

import html
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from chitieu.core.choices import Status
from chitieu.errors import Forbidden, Invalid
from chitieu.monitoring.review import evaluate_resolution
from chitieu.monitoring.shares import Part, give_shares
from chitieu.plans.models import Target, TargetShare
from tests.factories import make_observation, make_unit, stored_state

pytestmark = pytest.mark.django_db


def _revenue(world) -> Target:
    return Target.objects.get(resolution=world.resolution, number="2")  # 90.000 tỷ đồng, a sum


def _url(target: Target) -> str:
    return reverse("web:shares", args=[target.resolution.code, target.number])


def test_the_office_gives_shares_that_add_up_and_history_keeps_them(world):
    target = _revenue(world)
    give_shares(target, [Part(world.commune_a, 50000), Part(world.commune_b, 40000)], user=world.users["office"])
    assert sorted(TargetShare.objects.values_list("unit__code", "value")) == [("xa-an-lao", 50000), ("xa-kien-thuy", 40000)]
    give_shares(target, [Part(world.commune_a, 50000), Part(world.commune_b, 40000)], user=world.users["office"])
    assert TargetShare.history.count() == 2  # the same parts again write no history
    give_shares(target, [Part(world.commune_a, 90000)], user=world.users["office"])
    assert list(TargetShare.objects.values_list("unit__code", "value")) == [("xa-an-lao", 90000)]
    assert TargetShare.history.count() == 4  # one change, one removal


def test_parts_that_do_not_add_up_are_refused_with_the_difference_and_nothing_is_written(world):
    target = _revenue(world)
    before = list(TargetShare.objects.all())
    with pytest.raises(Invalid) as refused:
        give_shares(target, [Part(world.commune_a, 50000), Part(world.commune_b, 30000)], user=world.users["office"])
    assert refused.value.errors["parts"] == (
        "Tổng các phần giao là 80.000 tỷ đồng, thấp hơn chỉ tiêu 90.000 tỷ đồng: còn thiếu 10.000 tỷ đồng."
    )
    assert list(TargetShare.objects.all()) == before


def test_only_the_office_gives_shares_and_only_to_units_below_the_issuer(world):
    target = _revenue(world)
    with pytest.raises(Forbidden):
        give_shares(target, [Part(world.commune_a, 90000)], user=world.users["leader"])
    elsewhere = make_unit("xa-ngoai", "Xã Ngoài")  # not below the city
    with pytest.raises(Invalid) as refused:
        give_shares(target, [Part(elsewhere, 90000)], user=world.users["office"])
    assert "không thuộc Thành phố Hải Phòng" in refused.value.errors["xa-ngoai"]
    assert not TargetShare.objects.exists()


def test_the_page_shows_a_refused_breakdown_next_to_the_table_and_keeps_what_was_typed(world, as_user):
    target = _revenue(world)
    client = as_user(world.users["office"])
    response = client.post(_url(target), {"v-xa-an-lao": "50.000", "v-xa-kien-thuy": "30.000"})
    assert response.status_code == 422
    body = html.unescape(response.content.decode())
    assert "còn thiếu 10.000 tỷ đồng" in body
    assert 'value="30.000"' in body  # the typed figure stays to be corrected
    response = client.post(_url(target), {"v-xa-an-lao": "abc"})
    body = html.unescape(response.content.decode())
    assert response.status_code == 422 and 'aria-invalid="true"' in body and "«abc»" in body
    assert not TargetShare.objects.exists()
    response = client.post(_url(target), {"v-xa-an-lao": "50.000", "v-xa-kien-thuy": "40.000"}, follow=True)
    assert "Đã giao chỉ tiêu (2) cho 2 đơn vị." in response.content.decode()


@pytest.mark.parametrize("persona", ["leader", "reporter_a", "viewer"])
def test_others_see_the_shares_but_a_post_is_refused_and_changes_nothing(world, as_user, persona):
    target = _revenue(world)
    give_shares(target, [Part(world.commune_a, 50000), Part(world.commune_b, 40000)], user=world.users["office"])
    client = as_user(world.users[persona])
    page = client.get(_url(target)).content.decode()
    assert "50.000" in page and 'name="v-xa-an-lao"' not in page
    before = stored_state(), list(TargetShare.objects.values_list("unit_id", "value"))
    response = client.post(_url(target), {"v-xa-an-lao": "90.000"})
    assert response.status_code == 403
    assert "Chỉ Văn phòng được giao chỉ tiêu" in html.unescape(response.content.decode())
    assert (stored_state(), list(TargetShare.objects.values_list("unit_id", "value"))) == before


def test_a_unit_is_judged_against_its_share_and_the_dashboard_says_how_the_units_stand(world, as_user):
    target = _revenue(world)
    give_shares(target, [Part(world.commune_a, 50000), Part(world.commune_b, 40000)], user=world.users["office"])
    make_observation(world.commune_a, world.revenue, "2021", 52000)
    make_observation(world.commune_b, world.revenue, "2021", 30000)
    as_of = date(2022, 1, 31)
    own = evaluate_resolution(world.resolution, as_of=as_of, unit=world.commune_b)
    assert [(r.target.number, r.target.value, r.evaluation.status) for r in own.rows] == [
        ("2", 40000, Status.NOT_ACHIEVED)
    ]
    page = as_user(world.users["viewer"]).get(
        reverse("web:home") + "?resolution=hp-2021&as_of=2022-01-31").content.decode()
    assert "Các đơn vị: đạt phần giao 1/2 đơn vị" in page
    shares_page = as_user(world.users["viewer"]).get(_url(target) + "?as_of=2022-01-31").content.decode()
    assert "Đạt phần giao 1/2 đơn vị" in shares_page


def test_the_review_command_judges_a_unit_against_its_own_targets_only(world):
    target = _revenue(world)
    give_shares(target, [Part(world.commune_a, 50000), Part(world.commune_b, 40000)], user=world.users["office"])
    make_observation(world.commune_a, world.revenue, "2021", 52000)
    out = StringIO()
    call_command("review", resolution="hp-2021", unit="xa-an-lao", as_of="2022-01-31", format="json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["unit"] == "xa-an-lao"
    assert [(t["number"], t["value"], t["status"]) for t in data["targets"]] == [("2", 50000, "exceeded")]
    assert data["targets"][0]["share_of"] == {"unit": "xa-an-lao", "target_value": 90000}


def _sheet(client, target: Target, fill: dict[str, object]) -> bytes:
    """The downloaded shares workbook with column C filled by unit code."""
    import io

    from openpyxl import load_workbook

    response = client.get(_url(target) + "?tai=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["Phần giao"]
    for row in ws.iter_rows(min_row=5):
        if row[0].value in fill:
            row[2].value = fill[row[0].value]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(client, target: Target, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(_url(target), {"file": SimpleUploadedFile("giao.xlsx", data)}, follow=True)


def test_shares_come_in_by_the_downloaded_workbook_and_its_refusals_name_sheet_row_and_column(world, as_user):
    target = _revenue(world)
    client = as_user(world.users["office"])
    bad = _upload(client, target, _sheet(client, target, {"xa-an-lao": "abc", "xa-kien-thuy": "=1+1"}))
    body = html.unescape(bad.content.decode())
    assert bad.status_code == 422
    assert "Sheet 'Phần giao', dòng" in body and "cột C (Phần giao)" in body and "«abc» không phải là số" in body
    assert "Ô có công thức" in body
    short = _upload(client, target, _sheet(client, target, {"xa-an-lao": 50000, "xa-kien-thuy": 30000}))
    assert short.status_code == 422 and "còn thiếu 10.000 tỷ đồng" in html.unescape(short.content.decode())
    assert not TargetShare.objects.exists()
    other = Target.objects.get(resolution=world.resolution, number="1")
    wrong = _upload(client, target, _sheet(client, other, {"xa-an-lao": 5}))
    assert wrong.status_code == 422 and "không phải mẫu giao chỉ tiêu hp-2021/2" in html.unescape(wrong.content.decode())
    good = _upload(client, target, _sheet(client, target, {"xa-an-lao": 50000, "xa-kien-thuy": 40000}))
    assert "Đã giao chỉ tiêu (2) cho 2 đơn vị." in good.content.decode()
    assert sorted(TargetShare.objects.values_list("unit__code", "value")) == [("xa-an-lao", 50000), ("xa-kien-thuy", 40000)]
