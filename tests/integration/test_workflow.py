"""The approval workflow of figures (chitieu.monitoring.workflow) on a real database."""

from __future__ import annotations

import pytest

from chitieu.core.choices import EntryState, Stage
from chitieu.errors import Conflict, Forbidden, Invalid, NotFound
from chitieu.monitoring import workflow
from chitieu.monitoring.models import Observation
from chitieu.monitoring.services import lock_period
from tests.factories import make_observation
from tests.personas import make_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return make_cast()


def draft(cast, unit="commune_a", period="2024", state=EntryState.DRAFT):
    return make_observation(cast.units[unit], cast.indicator, period=period, state=state, stage=Stage.ESTIMATE)


def test_submit_many_submits_all_or_none_and_names_the_failing_position(cast):
    mine = [draft(cast, period="2023"), draft(cast, period="2024")]
    theirs = draft(cast, unit="commune_b")
    with pytest.raises(NotFound) as exc:
        workflow.submit_many([mine[0].pk, theirs.pk, mine[1].pk], by=cast.users["reporter_a"])
    assert set(exc.value.errors) == {"1.id"}
    assert set(Observation.objects.values_list("state", flat=True)) == {EntryState.DRAFT}
    done = workflow.submit_many([m.pk for m in mine], by=cast.users["reporter_a"])
    assert [o.state for o in done] == [EntryState.SUBMITTED] * 2


def test_a_reporter_covers_the_sub_units_of_their_unit(cast):
    hamlet = draft(cast, unit="hamlet_a")
    assert workflow.submit(hamlet.pk, by=cast.users["reporter_a"]).state == EntryState.SUBMITTED


def test_a_locked_period_refuses_submission_and_correction(cast):
    obs = draft(cast)
    approved = make_observation(cast.units["commune_a"], cast.indicator, period="2024")
    lock_period("2024", reason="Đã tổng hợp báo cáo năm")
    with pytest.raises(Conflict) as exc:
        workflow.submit(obs.pk, by=cast.users["reporter_a"])
    assert set(exc.value.errors) == {"period"}
    with pytest.raises(Conflict):
        workflow.correct(approved.pk, by=cast.users["office"], value=1, reason="x")


def test_a_lock_on_a_commune_covers_its_sub_units_but_not_its_neighbours(cast):
    hamlet = draft(cast, unit="hamlet_a")
    neighbour = draft(cast, unit="commune_b")
    lock_period("2024", unit=cast.units["commune_a"])
    with pytest.raises(Conflict):
        workflow.submit(hamlet.pk, by=cast.users["reporter_a"])
    assert workflow.submit(neighbour.pk, by=cast.users["reporter_b"]).state == EntryState.SUBMITTED


def test_approval_records_who_and_when_and_leaves_a_history_entry(cast):
    obs = draft(cast, state=EntryState.SUBMITTED)
    approved = workflow.approve(obs.pk, by=cast.users["leader"])
    assert approved.approved_by == cast.users["leader"]
    assert approved.approved_at is not None
    last = Observation.objects.get(pk=obs.pk).history.latest()
    assert (last.state, last.history_change_reason, last.history_user) == ("approved", "Duyệt", cast.users["leader"])


def test_only_submitted_figures_are_approved_or_rejected(cast):
    obs = draft(cast)
    with pytest.raises(Conflict):
        workflow.approve(obs.pk, by=cast.users["leader"])
    with pytest.raises(Conflict):
        workflow.reject(obs.pk, by=cast.users["leader"], reason="Sai")


def test_a_rejection_keeps_its_reason_in_the_note_and_the_history(cast):
    obs = draft(cast, state=EntryState.SUBMITTED)
    workflow.reject(obs.pk, by=cast.users["office"], reason="Thiếu nguồn số liệu")
    obs.refresh_from_db()
    assert obs.state == EntryState.REJECTED
    assert "Thiếu nguồn số liệu" in obs.note
    assert obs.history.latest().history_change_reason == "Trả lại: Thiếu nguồn số liệu"


def test_a_reporter_cannot_approve_their_own_units_figure(cast):
    obs = draft(cast, state=EntryState.SUBMITTED)
    with pytest.raises(Forbidden):
        workflow.approve(obs.pk, by=cast.users["reporter_a"])


def test_a_correction_by_an_approver_stays_approved_and_by_a_reporter_goes_back_for_approval(cast):
    obs = make_observation(cast.units["commune_a"], cast.indicator, value=100)
    workflow.correct(obs.pk, by=cast.users["leader"], value=90, reason="Số chính thức")
    obs.refresh_from_db()
    assert (obs.value, obs.state, obs.approved_by) == (90, EntryState.APPROVED, cast.users["leader"])
    workflow.correct(obs.pk, by=cast.users["reporter_a"], value=95, reason="Rà soát lại")
    obs.refresh_from_db()
    assert (obs.value, obs.state, obs.correction_reason) == (95, EntryState.SUBMITTED, "Rà soát lại")
    assert [h.value for h in obs.history.order_by("history_date")] == [100, 90, 95]


@pytest.mark.parametrize("value, reason, fields", [
    (float("nan"), "Có lý do", {"value"}),
    ("mười", "Có lý do", {"value"}),
    (90, "   ", {"reason"}),
    (float("inf"), "", {"value", "reason"}),
])
def test_a_correction_needs_a_finite_value_and_a_reason(cast, value, reason, fields):
    obs = make_observation(cast.units["commune_a"], cast.indicator, value=100)
    with pytest.raises(Invalid) as exc:
        workflow.correct(obs.pk, by=cast.users["office"], value=value, reason=reason)
    assert set(exc.value.errors) == fields
    obs.refresh_from_db()
    assert obs.value == 100


def test_a_draft_is_edited_directly_not_corrected(cast):
    obs = draft(cast)
    with pytest.raises(Conflict):
        workflow.correct(obs.pk, by=cast.users["reporter_a"], value=1, reason="x")


def test_enter_drafts_updates_a_rejected_figure_and_keeps_it_a_draft(cast):
    obs = draft(cast, state=EntryState.REJECTED)
    row = {"unit": "xa-an-lu", "indicator": cast.indicator.code, "period": "2024", "value": "12,5",
           "state": "approved", "correction_reason": "cố ý bỏ qua"}
    [saved] = workflow.enter_drafts([row], by=cast.users["reporter_a"])
    assert saved.pk == obs.pk
    assert (saved.value, saved.state) == (12.5, EntryState.DRAFT)


def test_roles_that_never_write_are_forbidden_before_any_lookup(cast):
    for name in ("viewer", "outsider"):
        with pytest.raises(Forbidden):
            workflow.submit(999_999, by=cast.users[name])
        with pytest.raises(Forbidden):
            workflow.enter_drafts([{"unit": "khong-co"}], by=cast.users[name])
    with pytest.raises(Forbidden):
        workflow.approve(999_999, by=cast.users["reporter_a"])
