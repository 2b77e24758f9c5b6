"""Long readings run as jobs (chitieu.jobs): the reading page hands a long text to the job
queue, the job's page follows it and shows the reading when done, and only the person who
asked sees the job. Jobs run through the Tasks framework: at once with its immediate backend
(the suite's setting), or queued in the database and run by its worker (`db_worker`)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from chitieu.jobs.models import Job, JobKind, JobState
from chitieu.reading.models import DocumentReading
from tests.personas import make_cast

TEXT = "Năm 2024: thu ngân sách đạt 1.200 tỷ đồng. Hộ nghèo giảm xuống dưới 1,5%."
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def login(cast, persona: str) -> Client:
    client = Client()
    client.force_login(cast.users[persona], backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def long_texts(settings):
    """Every text of more than 20 bytes counts as long: it is read by a job."""
    settings.JOB_INLINE_BYTES = 20


@pytest.mark.django_db
def test_a_long_text_is_read_by_a_job_and_the_page_opens_the_reading(long_texts):
    cast = make_cast()
    response = login(cast, "reporter_a").post(reverse("reading:new"), {"kind": "report", "text": TEXT})
    reading = DocumentReading.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reading:detail", args=[reading.pk])
    job = Job.objects.get()
    assert (job.kind, job.state, job.requested_by) == (JobKind.READING, JobState.DONE, cast.users["reporter_a"])
    assert job.result == {"reading": reading.pk, "title": reading.title, "items": reading.items.count()}
    assert bytes(job.payload) == b""  # the text is kept by the reading, not twice
    assert reading.unit == cast.units["commune_a"] and reading.items.count() >= 1


@pytest.mark.django_db
def test_a_short_text_is_read_in_the_request_without_a_job(settings):
    settings.JOB_INLINE_BYTES = 10_000
    cast = make_cast()
    response = login(cast, "reporter_a").post(reverse("reading:new"), {"kind": "report", "text": TEXT})
    assert response.status_code == 302 and DocumentReading.objects.count() == 1
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_the_job_refuses_what_the_page_refuses_in_vietnamese(long_texts):
    cast = make_cast()
    client = login(cast, "reporter_a")
    response = client.post(reverse("reading:new"), {"kind": "report", "text": TEXT, "period": "quý 9/2024"})
    assert response.status_code == 422
    assert "Kỳ «quý 9/2024» không hợp lệ" in response.content.decode()
    assert Job.objects.get().state == JobState.FAILED and not DocumentReading.objects.exists()
    # A reporter reading into another commune: refused by the job, as by the page (403).
    other = cast.units["commune_b"].pk
    response = client.post(reverse("reading:new"), {"kind": "report", "text": TEXT, "unit": other})
    assert response.status_code == 403 and not DocumentReading.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_queued_reading_shows_its_progress_to_its_asker_only_and_the_worker_runs_it(long_texts, settings):
    settings.TASKS = DATABASE_QUEUE
    cast = make_cast()
    client = login(cast, "reporter_a")
    response = client.post(reverse("reading:new"), {"kind": "report", "text": TEXT, "title": "Báo cáo dài"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:page", args=[job.pk])
    assert job.state == JobState.QUEUED and not DocumentReading.objects.exists()

    page = client.get(response["Location"]).content.decode()
    assert "Đọc văn bản: Báo cáo dài" in page and "Đang chờ xử lý…" in page
    status_url = reverse("jobs:status", args=[job.pk])
    assert f'hx-get="{status_url}" hx-trigger="every 1s"' in page
    for persona in ("reporter_b", "leader", "office", "outsider"):
        other = login(cast, persona)
        assert other.get(reverse("jobs:page", args=[job.pk])).status_code == 404, persona
        assert other.get(status_url).status_code == 404, persona

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "default", verbosity=0)

    job.refresh_from_db()
    reading = DocumentReading.objects.get()
    assert job.state == JobState.DONE and job.result["reading"] == reading.pk
    assert reading.created_by == cast.users["reporter_a"]
    fragment = client.get(status_url, headers={"HX-Request": "true"})
    assert fragment["HX-Redirect"] == reverse("reading:detail", args=[reading.pk])
    body = fragment.content.decode()
    assert "Xong" in body and "hx-trigger" not in body  # finished: the polling stops
    assert reverse("reading:detail", args=[reading.pk]) in body


@pytest.mark.django_db
def test_a_job_address_that_is_not_a_job_is_a_vietnamese_404():
    cast = make_cast()
    response = login(cast, "reporter_a").get("/viec/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404 and "Không có việc này" in response.content.decode()
