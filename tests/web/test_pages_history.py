"""History pages: who changed what and when, old and new values, recent changes for the office."""

from __future__ import annotations

from django.urls import reverse

from tests.web.pages_world import make_observation


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
