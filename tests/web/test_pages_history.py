"""History pages: who changed what and when, old and new values, recent changes for the office."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_observation


def test_record_history_lists_each_version_with_old_and_new_values(world, as_user):
    task = world.task_b
    task.progress = 30
    task._change_reason = "Báo cáo quý II"
    task.save()
    body = as_user(world.users["viewer"]).get(reverse("web:record-history", args=["task", task.pk])).content.decode()
    assert body.count('<section class="card">') == 2
    assert "Báo cáo quý II" in body
    assert "<del>0</del>" in body and "<ins>30</ins>" in body
    assert body.index("Sửa") < body.index("Tạo mới")  # newest first


def test_recent_changes_merge_all_records_newest_first_for_the_office(world, as_user):
    obs = make_observation(world.commune_a, world.growth, "2020", 7)
    body = as_user(world.users["office"]).get(reverse("web:history")).content.decode()
    assert reverse("web:record-history", args=["observation", obs.pk]) in body
    only_tasks = as_user(world.users["office"]).get(reverse("web:history") + "?loai=task").content.decode()
    assert reverse("web:record-history", args=["observation", obs.pk]) not in only_tasks
    assert reverse("web:record-history", args=["task", world.task_a.pk]) in only_tasks


def test_an_unknown_kind_of_record_is_a_404(world, as_user):
    assert as_user(world.users["office"]).get("/lich-su/khong-co/1/").status_code == 404


def test_record_history_names_related_records_and_labels_fields_in_vietnamese(world, as_user):
    from chitieu.core.choices import EntryState, Stage
    from chitieu.monitoring.models import Observation

    obs = make_observation(world.commune_a, world.growth, "2020", 7, stage=Stage.ESTIMATE, state=EntryState.SUBMITTED)
    obs = Observation.objects.get(pk=obs.pk)
    obs.state = EntryState.APPROVED
    obs.approved_by = world.users["leader"]
    obs.save()
    body = as_user(world.users["viewer"]).get(reverse("web:record-history", args=["observation", obs.pk])).content.decode()
    assert "<ins>Xã An Lão</ins>" in body and "<ins>Tốc độ tăng trưởng GRDP</ins>" in body
    assert "<ins>Nguyễn Lãnh Đạo</ins>" in body  # the approver by name, not by id
    assert f"<ins>{world.commune_a.pk}</ins>" not in body
    assert "Ngày bắt đầu kỳ" in body and "Period start" not in body


def test_every_history_field_has_a_vietnamese_label():
    from django.apps import apps

    from chitieu.web import history

    for key, label in history.TRACKED.items():
        for f in history._fields(apps.get_model(label)):
            text = history.field_label(f)
            assert text.lower() != f.name.replace("_", " "), (key, f.name)


def test_a_leader_reads_recent_changes_with_drafts_but_not_accounts(w_history, as_user):
    body = as_user(w_history.users["leader"]).get(reverse("web:history")).content.decode()
    assert reverse("web:record-history", args=["observation", w_history.draft.pk]) in body
    assert "/lich-su/account/" not in body
    assert as_user(w_history.users["office"]).get(reverse("web:history") + "?loai=account").content.decode().count(
        "/lich-su/account/") > 0


def test_a_viewer_reads_recent_changes_without_other_units_drafts(w_history, as_user):
    viewer = as_user(w_history.users["viewer"]).get(reverse("web:history")).content.decode()
    assert reverse("web:record-history", args=["observation", w_history.approved.pk]) in viewer
    assert reverse("web:record-history", args=["observation", w_history.draft.pk]) not in viewer
    assert "/lich-su/account/" not in as_user(w_history.users["viewer"]).get(reverse("web:history") + "?loai=account").content.decode()
    own = as_user(w_history.users["reporter_b"]).get(reverse("web:history")).content.decode()
    assert reverse("web:record-history", args=["observation", w_history.draft.pk]) in own



@pytest.fixture
def w_history(world):
    from chitieu.core.choices import EntryState, Stage

    world.draft = make_observation(world.commune_b, world.revenue, "Q1/2021", 5, stage=Stage.ESTIMATE, state=EntryState.DRAFT)
    world.approved = make_observation(world.commune_a, world.growth, "2020", 7)
    return world
