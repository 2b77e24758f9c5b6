"""PDF reports and large imports as jobs (chitieu.reports.jobs): a PDF is built once and
served again while the review behind it is unchanged; a large import runs as a job that
checks the same rights as the page; a queued job is shown to the person who asked only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chitieu.core.choices import Role
from chitieu.jobs.models import Job, JobKind, JobState
from chitieu.monitoring.models import Observation
from tests.factories import make_observation, make_user
from tests.integration.reports_world import make_world
from tests.integration.xlsx_helpers import fill, template

pytestmark = pytest.mark.django_db

PDF = "/bao-cao/nq-2024/6thang/2024-06-30.pdf"
QUEUE_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}


@pytest.fixture
def world():
    return make_world()


def signed_in(client, username, **kw):
    client.force_login(make_user(username, **kw))
    return client


def test_a_pdf_is_built_once_and_served_again_until_the_review_changes(client, world):
    first = signed_in(client, "xem", role=Role.VIEWER, unit=world.city).get(PDF)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert first.content.startswith(b"%PDF") and Job.objects.filter(kind=JobKind.PDF).count() == 1

    other = signed_in(client.__class__(), "lanh-dao", role=Role.LEADER, unit=world.city).get(PDF)
    assert other.status_code == 200 and other.content == first.content
    assert Job.objects.filter(kind=JobKind.PDF).count() == 1  # reused, not built again

    make_observation(world.city, world.revenue, period="T7/2024", value=60)
    again = client.get(PDF)
    assert again.status_code == 200 and again.content.startswith(b"%PDF")
    assert Job.objects.filter(kind=JobKind.PDF, state=JobState.DONE).count() == 2


def test_a_queued_pdf_is_offered_on_its_job_page_to_its_asker_only(client, world, settings):
    settings.TASKS = QUEUE_ONLY
    client = signed_in(client, "xem", role=Role.VIEWER, unit=world.city)
    response = client.get(PDF)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/viec/{job.pk}/"
    assert client.get(PDF)["Location"] == response["Location"]  # asking again waits for the same job
    assert Job.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Báo cáo PDF" in page and "Đang chờ xử lý…" in page
    assert client.get(f"/viec/{job.pk}/tep/").status_code == 404  # no file before it is done
    stranger = signed_in(client.__class__(), "khac", role=Role.VIEWER, unit=world.city)
    for address in (f"/viec/{job.pk}/", f"/viec/{job.pk}/trang-thai/", f"/viec/{job.pk}/tep/"):
        assert stranger.get(address).status_code == 404, address


def test_an_unknown_resolution_is_a_404_before_any_job(client, world):
    response = signed_in(client, "xem", role=Role.VIEWER, unit=world.city).get("/bao-cao/khong-co/quy/2024-03-31.pdf")
    assert response.status_code == 404 and not Job.objects.exists()


def test_a_large_import_runs_as_a_job_and_shows_what_it_wrote(client, world, settings):
    settings.JOB_INLINE_BYTES = 1
    client = signed_in(client, "so", role=Role.REPORTER, unit=world.finance)
    upload = SimpleUploadedFile("so-lieu.xlsx", fill(template(), {"D7": 7.5}))
    response = client.post("/bao-cao/nhap/", {"file": upload}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Đã ghi 1 số liệu" in response.content.decode()
    job = Job.objects.get()
    assert (job.kind, job.state, job.result["written"]) == (JobKind.IMPORT, JobState.DONE, 1)
    assert Observation.objects.filter(period="Q2/2024", value=7.5).count() == 1


def test_an_import_job_checks_the_rights_of_the_person_who_asked(client, world, settings):
    settings.JOB_INLINE_BYTES = 1
    client = signed_in(client, "xa", role=Role.REPORTER, unit=world.commune)
    upload = SimpleUploadedFile("so-lieu.xlsx", fill(template(), {"D7": 7.5}))
    response = client.post("/bao-cao/nhap/", {"file": upload})
    assert response.status_code == 403 and "không có quyền nhập số liệu" in response.content.decode()
    assert Job.objects.get().state == JobState.FAILED
    assert not Observation.objects.filter(period="Q2/2024").exists()


def test_a_queued_import_answers_htmx_with_a_status_that_polls_itself(client, world, settings):
    settings.JOB_INLINE_BYTES = 1
    settings.TASKS = QUEUE_ONLY
    client = signed_in(client, "so", role=Role.REPORTER, unit=world.finance)
    upload = SimpleUploadedFile("so-lieu.xlsx", fill(template(), {"D7": 7.5}))
    fragment = client.post("/bao-cao/nhap/", {"file": upload}, headers={"HX-Request": "true"}).content.decode()
    job = Job.objects.get()
    assert 'id="job-status"' in fragment and f'hx-get="/viec/{job.pk}/trang-thai/"' in fragment
    assert "Đang chờ xử lý…" in fragment and "<html" not in fragment
    plain = client.post("/bao-cao/nhap/", {"file": SimpleUploadedFile("a.xlsx", fill(template(), {"D7": 7.5}))})
    assert plain.status_code == 302 and plain["Location"].startswith("/viec/")
