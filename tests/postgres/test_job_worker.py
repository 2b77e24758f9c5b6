"""A real worker process (`chitieu db_worker`, the Tasks framework's database worker) picks a
job queued by a page from PostgreSQL and runs it as the person who asked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from chitieu.jobs.models import Job, JobState
from chitieu.reading.models import DocumentReading
from tests.personas import make_cast

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Năm 2024: thu ngân sách đạt 1.200 tỷ đồng. Hộ nghèo giảm xuống dưới 1,5%."


def test_a_worker_process_picks_the_queued_reading_from_the_database_and_runs_it(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.JOB_INLINE_BYTES = 20
    cast = make_cast()
    client = Client()
    client.force_login(cast.users["reporter_a"], backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(reverse("reading:new"), {"kind": "report", "text": TEXT})
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:page", args=[job.pk]) and job.state == JobState.QUEUED

    db = connection.settings_dict  # the test database, which the worker process opens too
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHITIEU_", "DJANGO_"))}
    env.update(CHITIEU_DATABASE_URL=url, CHITIEU_DEMO="1")  # not the suite's immediate backend
    run = subprocess.run(
        [sys.executable, "-m", "chitieu", "db_worker", "--batch", "--no-startup-delay"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )
    assert run.returncode == 0, run.stderr

    job.refresh_from_db()
    reading = DocumentReading.objects.get()
    assert job.state == JobState.DONE and job.result["reading"] == reading.pk and job.task_id
    assert reading.created_by == cast.users["reporter_a"] and reading.items.exists()
    assert "Xong" in client.get(reverse("jobs:status", args=[job.pk])).content.decode()
