"""In a real browser: a long text goes to a job; its page polls the status (HTMX) while the
job waits in the database queue, and opens the reading once the worker has run it."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from chitieu.jobs.models import Job, JobState
from tests.e2e.test_browser import log_in
from tests.e2e.test_reading_browser import TEXT
from tests.personas import make_cast

pytestmark = pytest.mark.e2e


@pytest.fixture
def cast(transactional_db):
    return make_cast()


def test_a_long_text_waits_on_its_job_page_then_the_reading_opens_by_itself(page, cast, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.JOB_INLINE_BYTES = 20
    log_in(page, "vanphong")
    page.goto("/doc-van-ban/moi/")
    page.locator("#id_title").fill("Nghị quyết dài")
    page.locator("#id_kind").select_option("resolution")
    page.get_by_test_id("document-text").fill(TEXT)
    page.get_by_test_id("read-document").click()
    page.wait_for_url(re.compile(r"/viec/[0-9a-f-]{36}/$"))
    status = page.locator("#job-status")
    assert "Đang chờ xử lý…" in status.inner_text()
    page.wait_for_timeout(1500)  # a poll or two while the job waits
    assert "Đang chờ xử lý…" in page.locator("#job-status").inner_text()

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert Job.objects.get().state == JobState.DONE
    page.wait_for_url(re.compile(r"/doc-van-ban/\d+/$"))  # the status answered HX-Redirect
    assert page.get_by_test_id("item-row").count() >= 3
