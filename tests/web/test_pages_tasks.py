"""Task pages: overdue first, board by status, filters, progress updates, evidence checks."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chitieu.tasks.models import Task, TaskUpdate
from chitieu.uploads import check_evidence

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _docx(part="word/document.xml") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(part, "<x/>")
    return buf.getvalue()


def test_overdue_tasks_come_first_in_the_list(world, as_user):
    Task.objects.create(code="nv-xong", title="Nhiệm vụ đã xong", deadline=date(2020, 1, 1), completed_on=date(2019, 12, 1), progress=100)
    body = as_user(world.users["viewer"]).get(reverse("web:tasks") + "?as_of=2021-06-30").content.decode()
    overdue = body.index("Thành lập Khu kinh tế ven biển phía Nam")
    assert overdue < body.index("Hoàn thành bến cảng Lạch Huyện") < body.index("Nhiệm vụ đã xong")
    assert "Quá hạn" in body


def test_the_board_groups_tasks_by_status(world, as_user):
    body = as_user(world.users["viewer"]).get(reverse("web:tasks") + "?xem=bang&as_of=2021-06-30").content.decode()
    columns = body.split('<div class="col">')[1:]
    assert "Quá hạn" in columns[0] and "Khu kinh tế" in columns[0]
    assert "Đang thực hiện" in columns[1] and "Lạch Huyện" in columns[1]


def test_filters_by_unit_and_leader_swap_only_the_results_for_htmx(world, as_user):
    client = as_user(world.users["viewer"])
    response = client.get(reverse("web:tasks") + f"?don_vi={world.commune_b.pk}", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Lạch Huyện" in body and "Khu kinh tế" not in body
    leader = world.task_a.leader
    body = client.get(reverse("web:tasks") + f"?phu_trach={leader.pk}").content.decode()
    results = body.split('id="task-results"')[1]
    assert "Khu kinh tế" in results and "Lạch Huyện" not in results


def test_reporter_posts_progress_with_a_pdf_and_others_can_download_it(world, as_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = as_user(world.users["reporter_a"])
    response = client.post(reverse("web:task-update", args=[world.task_a.code]), {
        "note": "Đã trình Thủ tướng đề án", "progress": "100",
        "evidence": SimpleUploadedFile("de-an.pdf", PDF, content_type="application/pdf"),
    })
    assert response.status_code == 302
    world.task_a.refresh_from_db()
    assert world.task_a.progress == 100 and world.task_a.completed_on is not None
    update = TaskUpdate.objects.get(task=world.task_a)
    download = as_user(world.users["viewer"]).get(reverse("web:evidence", args=[update.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_a_renamed_file_is_refused_by_its_content_and_nothing_is_written(world, as_user):
    client = as_user(world.users["reporter_a"])
    response = client.post(reverse("web:task-update", args=[world.task_a.code]), {
        "note": "Kèm tệp", "evidence": SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf"),
    })
    assert response.status_code == 422
    assert "Nội dung tệp không phải PDF" in response.content.decode()
    assert not TaskUpdate.objects.exists()


def test_an_empty_note_and_a_bad_progress_are_shown_next_to_their_fields(world, as_user):
    response = as_user(world.users["reporter_a"]).post(reverse("web:task-update", args=[world.task_a.code]), {"note": " ", "progress": "150"})
    body = response.content.decode()
    assert response.status_code == 422 and "Nhập nội dung cập nhật." in body and "0-100%" in body


@pytest.mark.parametrize(("name", "data", "ok"), [
    ("a.pdf", PDF, True),
    ("a.png", PNG, True),
    ("a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, True),
    ("a.docx", _docx(), True),
    ("a.xlsx", _docx("xl/workbook.xml"), True),
    ("a.xlsx", _docx(), False),          # a Word file renamed .xlsx
    ("a.docx", b"PK\x03\x04broken", False),
    ("a.exe", b"MZ", False),
    ("a.png", PDF, False),
    ("a.pdf", b"", False),
])
def test_evidence_types_are_checked_by_their_content_signature(settings, name, data, ok):
    assert (check_evidence(name, len(data), io.BytesIO(data)) is None) is ok


def test_evidence_larger_than_the_limit_is_refused(settings):
    settings.MAX_UPLOAD_MB = 1
    data = PDF + b"0" * (1024 * 1024)
    message = check_evidence("lon.pdf", len(data), io.BytesIO(data))
    assert message and "vượt giới hạn 1 MB" in message


@pytest.mark.parametrize(("persona", "status"), [("office", 200), ("leader", 404), ("reporter_a", 404), ("viewer", 404)])
def test_a_draft_task_is_the_offices_until_confirmed(world, as_user, persona, status):
    from chitieu.tasks.models import Task, TaskUpdate

    Task.objects.filter(pk=world.task_a.pk).update(confirmed=False)
    client = as_user(world.users[persona])
    page = client.get(reverse("web:task", args=[world.task_a.code]))
    assert page.status_code == status
    shown = page.content.decode()
    if status == 404:
        assert f"Không có nhiệm vụ mã «{world.task_a.code}»." in shown and world.task_a.title not in shown
    else:
        assert world.task_a.title in shown
    before = TaskUpdate.objects.count()
    client.post(reverse("web:task-update", args=[world.task_a.code]), {"note": "x", "progress": "10"})
    if status == 404:
        assert TaskUpdate.objects.count() == before
