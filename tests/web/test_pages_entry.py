"""Data entry pages: saving cells, inline Vietnamese errors, submit → approve → locked,
rejections and corrections with reasons, and the simulated-figure mark."""

from __future__ import annotations

from django.urls import reverse

from chitieu.core.choices import SIMULATED_LABEL, SIMULATED_SOURCE, EntryState, Stage
from chitieu.monitoring.models import Observation
from tests.factories import make_observation


def _save(client, w, unit, value, period="Q2/2021", indicator=None):
    return client.post(reverse("web:entry-cell"), {
        "unit": unit.pk, "indicator": (indicator or w.growth).pk, "period": period,
        "stage": "estimate", "value": value, "nam": "2021", "ky": "quarter",
    })


def test_reporter_saves_a_cell_as_a_draft_read_the_vietnamese_way(world, as_user):
    client = as_user(world.users["reporter_a"])
    response = _save(client, world, world.commune_a, "12,5")
    assert response.status_code == 200
    obs = Observation.objects.get(unit=world.commune_a, indicator=world.growth, period="Q2/2021")
    assert obs.value == 12.5 and obs.state == EntryState.DRAFT and obs.entered_by == world.users["reporter_a"]
    body = response.content.decode()
    assert "Nháp" in body
    # The grid's count of drafts is refreshed out of band.
    assert '<b id="draft-count" hx-swap-oob="true">1</b>' in body


def test_a_value_that_is_not_a_number_is_refused_next_to_the_cell_and_nothing_is_written(world, as_user):
    client = as_user(world.users["reporter_a"])
    response = _save(client, world, world.commune_a, "mười hai")
    assert response.status_code == 422
    body = response.content.decode()
    assert "không phải là số" in body and 'role="alert"' in body
    assert not Observation.objects.filter(unit=world.commune_a, period="Q2/2021").exists()


def test_a_period_not_yet_begun_is_refused_in_vietnamese(world, as_user):
    client = as_user(world.users["reporter_a"])
    response = _save(client, world, world.commune_a, "3", period="Q4/2099")
    assert response.status_code == 422
    assert "chưa bắt đầu" in response.content.decode()


def test_reporter_of_one_commune_cannot_write_figures_for_another(world, as_user):
    client = as_user(world.users["reporter_a"])
    response = _save(client, world, world.commune_b, "7")
    assert response.status_code == 403
    assert not Observation.objects.filter(unit=world.commune_b, period="Q2/2021").exists()


def test_reporter_of_one_commune_cannot_see_the_drafts_of_another(world, as_user):
    make_observation(world.commune_b, world.growth, "Q1/2021", 77.7, stage=Stage.ESTIMATE, state=EntryState.DRAFT)
    client = as_user(world.users["reporter_a"])
    response = client.get(reverse("web:entry") + f"?don_vi={world.commune_b.pk}&nam=2021&ky=quarter")
    assert response.status_code == 403
    assert "77,7" not in response.content.decode()
    own = as_user(world.users["reporter_b"]).get(reverse("web:entry") + f"?don_vi={world.commune_b.pk}&nam=2021&ky=quarter")
    assert "77,7" in own.content.decode()


def test_a_submitted_figure_is_locked_against_draft_edits(world, as_user):
    make_observation(world.commune_a, world.growth, "Q2/2021", 5, stage=Stage.ESTIMATE, state=EntryState.SUBMITTED)
    response = _save(as_user(world.users["reporter_a"]), world, world.commune_a, "9")
    assert response.status_code == 409
    assert Observation.objects.get(unit=world.commune_a, period="Q2/2021").value == 5


def test_submit_then_approve_locks_the_figure(world, as_user):
    rep = as_user(world.users["reporter_a"])
    _save(rep, world, world.commune_a, "12,5")
    response = rep.post(reverse("web:entry-submit"), {"don_vi": world.commune_a.pk, "nam": 2021, "ky": "quarter", "muc": "estimate"})
    assert response.status_code == 302
    obs = Observation.objects.get(unit=world.commune_a, period="Q2/2021")
    assert obs.state == EntryState.SUBMITTED

    leader = as_user(world.users["leader"])
    page = leader.get(reverse("web:approvals"))
    assert "Xã An Lão" in page.content.decode() and "12,5" in page.content.decode()
    response = leader.post(reverse("web:decide", args=[obs.pk]), {"action": "approve"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Đã duyệt" in response.content.decode()
    obs.refresh_from_db()
    assert obs.state == EntryState.APPROVED and obs.approved_by == world.users["leader"]
    # Locked: the reporter's grid no longer offers an input for it, only a correction.
    grid = as_user(world.users["reporter_a"]).get(reverse("web:entry") + "?nam=2021&ky=quarter").content.decode()
    assert reverse("web:correction", args=[obs.pk]) in grid
    assert grid.count('id="draft-count"') == 1 and "hx-swap-oob" not in grid


def test_rejecting_needs_a_reason_and_returns_the_figure_to_its_unit(world, as_user):
    obs = make_observation(world.commune_a, world.growth, "Q2/2021", 5, stage=Stage.ESTIMATE, state=EntryState.SUBMITTED)
    leader = as_user(world.users["leader"])
    response = leader.post(reverse("web:decide", args=[obs.pk]), {"action": "reject", "reason": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422 and "lý do" in response.content.decode()
    response = leader.post(reverse("web:decide", args=[obs.pk]), {"action": "reject", "reason": "Lệch số Cục Thống kê"}, HTTP_HX_REQUEST="true")
    obs.refresh_from_db()
    assert obs.state == EntryState.REJECTED
    assert _save(as_user(world.users["reporter_a"]), world, world.commune_a, "6").status_code == 200


def test_correcting_a_locked_figure_needs_a_reason_and_history_keeps_the_old_value(world, as_user):
    obs = make_observation(world.commune_a, world.growth, "Q1/2021", 3, stage=Stage.ESTIMATE)
    office = as_user(world.users["office"])
    url = reverse("web:correction", args=[obs.pk])
    response = office.post(url, {"value": "4,5", "reason": ""})
    assert response.status_code == 422 and "lý do" in response.content.decode()
    obs.refresh_from_db()
    assert obs.value == 3
    response = office.post(url, {"value": "4,5", "reason": "Số chính thức của Cục Thống kê"})
    assert response.status_code == 302
    obs.refresh_from_db()
    assert obs.value == 4.5 and obs.state == EntryState.APPROVED
    history = office.get(reverse("web:record-history", args=["observation", obs.pk])).content.decode()
    assert "Số chính thức của Cục Thống kê" in history
    assert "<del>3</del>" in history and "<ins>4,5</ins>" in history


def test_simulated_figures_are_marked_in_the_grid_and_by_the_banner(world, as_user):
    make_observation(world.commune_a, world.growth, "Q1/2021", 8, stage=Stage.ESTIMATE, source=SIMULATED_SOURCE)
    body = as_user(world.users["reporter_a"]).get(reverse("web:entry") + "?nam=2021&ky=quarter").content.decode()
    assert SIMULATED_LABEL in body
    assert 'class="banner simulated"' in body


def test_leaders_are_sent_from_the_entry_grid_to_the_approvals(world, as_user):
    response = as_user(world.users["leader"]).get(reverse("web:entry"))
    assert response.status_code == 302 and response["Location"] == reverse("web:approvals")


def test_the_office_finds_the_approvals_from_the_grid_and_a_reporter_does_not(world, as_user):
    office = as_user(world.users["office"]).get(reverse("web:entry") + f"?don_vi={world.commune_a.pk}").content.decode()
    assert reverse("web:approvals") in office
    reporter = as_user(world.users["reporter_a"]).get(reverse("web:entry")).content.decode()
    assert reverse("web:approvals") not in reporter


def test_a_share_above_100_is_refused_next_to_the_cell(world, as_user):
    response = _save(as_user(world.users["reporter_a"]), world, world.commune_a, "150")
    assert response.status_code == 422
    assert "lớn hơn mức cao nhất 100" in response.content.decode()
    assert not Observation.objects.filter(unit=world.commune_a, period="Q2/2021").exists()


def test_an_unusual_figure_warns_on_its_cell_and_its_approval_needs_a_confirmation(world, as_user):
    make_observation(world.city, world.revenue, "Q2/2021", 20000, stage=Stage.ESTIMATE)
    rep = as_user(world.users["reporter_a"])
    cell = _save(rep, world, world.commune_a, "999.999", indicator=world.revenue).content.decode()
    assert "Cảnh báo:" in cell and "lớn hơn số của toàn thành phố" in cell
    obs = Observation.objects.get(unit=world.commune_a, indicator=world.revenue, period="Q2/2021")
    rep.post(reverse("web:entry-submit"), {"don_vi": world.commune_a.pk, "nam": 2021, "ky": "quarter", "muc": "estimate"})
    leader = as_user(world.users["leader"])
    page = leader.get(reverse("web:approvals")).content.decode()
    assert "lớn hơn số của toàn thành phố" in page and "Xác nhận số liệu bất thường" in page
    refused = leader.post(reverse("web:decide", args=[obs.pk]), {"action": "approve"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 422
    assert "Đánh dấu «Xác nhận số liệu bất thường» để duyệt" in refused.content.decode()
    obs.refresh_from_db()
    assert obs.state == EntryState.SUBMITTED
    leader.post(reverse("web:decide", args=[obs.pk]), {"action": "approve", "confirm": "1"}, HTTP_HX_REQUEST="true")
    obs.refresh_from_db()
    assert obs.state == EntryState.APPROVED
    assert "đã xác nhận số liệu bất thường" in obs.history.first().history_change_reason


def test_a_correction_based_on_a_figure_changed_since_is_refused_naming_who_changed_it(world, as_user):
    obs = make_observation(world.commune_a, world.growth, "Q1/2021", 3, stage=Stage.ESTIMATE)
    url = reverse("web:correction", args=[obs.pk])
    office = as_user(world.users["office"])
    assert 'name="version" value="1"' in office.get(url).content.decode()
    assert office.post(url, {"value": "4", "reason": "Số mới", "version": "1"}).status_code == 302
    late = as_user(world.users["leader"]).post(url, {"value": "5", "reason": "Số khác", "version": "1"})
    body = late.content.decode()
    assert late.status_code == 409 and "Số liệu đã được Trần Văn Phòng thay đổi lúc" in body
    obs.refresh_from_db()
    assert obs.value == 4
