"""What every request must satisfy before a view runs (chitieu/edge.py): a body within the
application's size limit, text without NUL or control characters, numbers within range; and
how a database outage is answered."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from chitieu.monitoring.models import Observation, PeriodLock
from chitieu.reading.models import DocumentReading
from chitieu.tasks.models import TaskUpdate
from tests.factories import make_task
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


#: Every kind of entry point where text comes in: query parameters of pages and the API, the
#: address itself, form fields (titles, notes, reasons) and JSON strings (notes, keys).
NUL_ROUTES = [
    ("get", "/api/v1/observations?unit=%00", None),
    ("get", "/api/v1/targets?category=a%00b", None),
    ("get", "/api/v1/resolutions/hp%00", None),
    ("get", "/api/v1/observations?%00=1", None),
    ("get", "/chi-tieu/?q=%00", None),
    ("get", "/chi-tieu/?q=thu%1bng%C3%A2n", None),
    ("get", "/?resolution=%00", None),
    ("get", "/nhiem-vu/?don_vi=%00", None),
    ("get", "/lich-su/?loai=%00", None),
    ("get", "/bao-cao/mau/?unit=%00", None),
    ("get", "/bao-cao/hp%00/quy/2024-06-30.docx", None),
    ("json", "/api/v1/observations", [{"indicator": "x", "unit": "y", "period": "2024", "value": 1, "note": "a\x00"}]),
    ("json", "/api/v1/observations", [{"indicator": "x", "source\x00": "y"}]),
    ("json", "/api/v1/tasks/t-a/updates", {"note": "Đã xong\x00", "progress": 50}),
    ("json", "/api/v1/observations/1/correct", {"value": 1, "reason": "sai\x07"}),
    ("form", "/doc-van-ban/moi/", {"kind": "report", "title": "Báo cáo\x00", "text": "Thu 1 tỷ đồng."}),
    ("form", "/doc-van-ban/moi/", {"kind": "report", "text": "Thu 1 tỷ đồng.\x00"}),
    ("form", "/nhiem-vu/t-a/cap-nhat/", {"note": "Đã làm\x00", "progress": "10"}),
    ("form", "/nhap-so-lieu/dieu-chinh/1/", {"value": "1", "reason": "\x00"}),
    ("form", "/nhap-so-lieu/duyet/1/", {"action": "reject", "reason": "\x00"}),
    ("form", "/nhap-so-lieu/o/", {"unit": "1", "indicator": "1", "period": "2024", "value": "1\x00"}),
]


@pytest.mark.parametrize(("method", "path", "data"), NUL_ROUTES)
def test_a_control_character_anywhere_is_a_vietnamese_400_and_writes_nothing(cast, method, path, data):
    client = login(cast, "office")
    before = DocumentReading.objects.count(), Observation.objects.count(), TaskUpdate.objects.count()
    if method == "get":
        response = client.get(path)
    elif method == "json":
        response = client.post(path, json.dumps(data), content_type="application/json")
    else:
        response = client.post(path, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "chứa ký tự điều khiển" in (json.dumps(response.json(), ensure_ascii=False) if path.startswith("/api/") else body)
    if path.startswith("/api/"):
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"] == "Dữ liệu gửi lên có ký tự không hợp lệ."
    assert (DocumentReading.objects.count(), Observation.objects.count(), TaskUpdate.objects.count()) == before


def test_tabs_and_line_ends_in_typed_text_are_kept(cast):
    client = login(cast, "office")
    response = client.post("/doc-van-ban/moi/", {"kind": "report", "title": "Báo cáo\tquý", "text": "Dòng 1\r\nThu 1 tỷ đồng.\n"})
    assert response.status_code == 302


def row(cast, **kw):
    return {"indicator": cast.indicator.code, "unit": cast.units["commune_a"].code, "period": "2024",
            "value": 120.5, "stage": "estimate", **kw}


@pytest.mark.parametrize(("field", "text", "expected"), [
    ("source", "x" * 256, "Dài 256 ký tự, tối đa 255 ký tự."),
    ("unit_of_measure", "t" * 65, "Dài 65 ký tự, tối đa 64 ký tự."),
    ("note", "n" * 5001, "Dài 5.001 ký tự, tối đa 5.000 ký tự."),
])
def test_text_longer_than_its_column_is_a_422_naming_the_field(cast, field, text, expected):
    response = login(cast, "office").post("/api/v1/observations", json.dumps([row(cast, **{field: text})]),
                                                content_type="application/json")
    assert response.status_code == 422
    assert expected in json.dumps(response.json(), ensure_ascii=False)
    assert not Observation.objects.exists()


def test_a_task_note_of_ten_megabytes_is_refused(cast):
    make_task("t-a", cast.units["commune_a"])
    response = login(cast, "office").post("/api/v1/tasks/t-a/updates", json.dumps({"note": "a" * 10_000, "progress": 5}),
                                                content_type="application/json")
    assert response.status_code == 422
    assert not TaskUpdate.objects.exists()


@pytest.mark.parametrize("query", ["offset=9223372036854775808", "offset=-1", "limit=0", "limit=99999999999999999999"])
def test_page_numbers_beyond_range_are_a_422(cast, query):
    response = login(cast, "office").get(f"/api/v1/observations?{query}")
    assert response.status_code == 422
    assert response.json()["detail"] == "Dữ liệu gửi lên không hợp lệ."


def test_a_large_offset_within_range_is_an_empty_page(cast):
    response = login(cast, "office").get("/api/v1/observations?offset=2147483647")
    assert response.status_code == 200 and response.json()["items"] == []


@pytest.mark.parametrize("as_of", ["1899-12-31", "2201-01-01", "9999-12-31", "2024-02-30"])
def test_report_addresses_with_dates_outside_the_window_are_a_vietnamese_4xx(cast, as_of):
    response = login(cast, "office").get(f"/bao-cao/hp-2024/quy/{as_of}.docx")
    assert 400 <= response.status_code < 500
    assert "Ngày" in response.content.decode() or "ngày" in response.content.decode()


def test_a_period_lock_of_quarter_nine_is_a_field_error_in_the_admin(cast):
    client = Client()
    client.force_login(cast.users["superuser"], backend=BACKEND)
    response = client.post(reverse("admin:monitoring_periodlock_add"), {"period": "quý 9/2025", "reason": "x"})
    assert response.status_code == 200
    assert "quý 9 không có" in response.content.decode()
    assert not PeriodLock.objects.exists()


@pytest.mark.parametrize(("method", "path", "status", "detail"), [
    ("get", "/api/v1/khong-co", 404, "Không có tuyến API này: /api/v1/khong-co. Xem /api/v1/docs."),
    ("get", "/api/khong-co", 404, "Không có tuyến API này: /api/khong-co. Xem /api/v1/docs."),
    ("delete", "/api/v1/resolutions", 405, "Tuyến /api/v1/resolutions không nhận phương thức DELETE."),
])
def test_the_api_answers_json_for_unknown_routes_and_methods(cast, method, path, status, detail):
    response = getattr(login(cast, "office"), method)(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": detail, "errors": {}}


def test_a_body_that_is_not_json_is_refused_in_vietnamese(cast):
    response = login(cast, "office").post("/api/v1/observations", "{không phải json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert "JSON" in response.json()["detail"] and "Cannot" not in response.json()["detail"]


def test_a_csrf_failure_on_the_api_is_json(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["office"], backend=BACKEND)
    response = client.post("/api/v1/observations", "[]", content_type="application/json")
    assert response.status_code == 403 and response["Content-Type"].startswith("application/json")
    assert "CSRF" in response.json()["detail"]


@pytest.mark.parametrize("path", [
    "/dang-nhap/", "/", "/chi-tieu/", "/nhiem-vu/", "/lich-su/", "/doc-van-ban/", "/doc-van-ban/moi/",
    "/bao-cao/", "/nhap-so-lieu/duyet/", "/quan-tri/", "/api/v1/docs", "/api/v1/openapi.json",
    "/api/v1/resolutions", "/api/v1/khong-co", "/khong-co-trang-nay/", "/static/web/app.css",
])
def test_every_answer_carries_the_content_security_and_permissions_policies(cast, path):
    response = login(cast, "office").get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_no_page_template_holds_an_inline_script_or_style_element():
    from pathlib import Path

    import chitieu

    templates = list(Path(chitieu.__file__).parent.rglob("templates/**/*.html"))
    assert templates
    for template in templates:
        text = template.read_text(encoding="utf-8")
        assert "<style" not in text, template
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or 'type="application/json"' in tag, (template, tag)
        assert not re.search(r"\son[a-z]+=", text), template
