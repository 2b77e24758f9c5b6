"""What every request must satisfy before a view runs (chitieu/edge.py): a body within the
application's size limit, text without NUL or control characters, numbers within range; and
how a database outage is answered."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from chitieu.reading.models import DocumentReading
from tests.personas import make_cast

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def cast():
    return make_cast()


def login(cast, persona: str = "reporter_a") -> Client:
    client = Client()
    client.force_login(cast.users[persona], backend=BACKEND)
    return client


def test_a_request_body_over_the_upload_limit_is_refused_with_413_before_the_view(cast, settings):
    settings.MAX_UPLOAD_MB = 1
    upload = SimpleUploadedFile("bao-cao.txt", b"a" * (3 * 1024 * 1024), "text/plain")
    response = login(cast).post(reverse("reading:new"), {"kind": "report", "file": upload})
    assert response.status_code == 413
    assert "vượt giới hạn 2 MB" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert not DocumentReading.objects.exists()


def test_an_api_request_body_over_the_limit_is_a_json_413(cast, settings):
    settings.MAX_UPLOAD_MB = 1
    body = json.dumps([{"note": "x" * (3 * 1024 * 1024)}])
    response = login(cast).post("/api/v1/observations", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["detail"].startswith("Nội dung gửi lên nặng 3,0 MB")
