"""Downloads and uploads under /bao-cao/: who may fetch what, and what comes back."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import load_workbook

from chitieu.core.choices import Role
from chitieu.monitoring.models import Observation
from tests.factories import make_user
from tests.integration.reports_world import make_world
from tests.integration.xlsx_helpers import fill, template

pytestmark = pytest.mark.django_db

REPORT = "/bao-cao/tai/?resolution=nq-2024&kind=6thang&as_of=2024-06-30&format={fmt}"


@pytest.fixture
def world():
    return make_world()


def signed_in(client, username, **kw):
    client.force_login(make_user(username, **kw))
    return client


def test_anonymous_users_are_sent_to_the_login_page(client, world):
    response = client.get(REPORT.format(fmt="docx"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_a_login_without_an_account_is_forbidden(client, world):
    assert signed_in(client, "ngoai").get(REPORT.format(fmt="docx")).status_code == 403


def test_a_viewer_downloads_the_docx_report(client, world):
    response = signed_in(client, "xem", role=Role.VIEWER, unit=world.city).get(REPORT.format(fmt="docx"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-6thang-nq-2024-2024-06-30.docx"'
    doc = Document(io.BytesIO(response.content))
    assert doc.tables[0].rows[0].cells[1].text == "ĐẢNG CỘNG SẢN VIỆT NAM"


def test_a_viewer_downloads_the_xlsx_review(client, world):
    response = signed_in(client, "xem", role=Role.VIEWER, unit=world.city).get(REPORT.format(fmt="xlsx"))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Chỉ tiêu"


def test_bad_parameters_get_a_vietnamese_error(client, world):
    client = signed_in(client, "xem", role=Role.VIEWER, unit=world.city)
    unknown_format = client.get(REPORT.format(fmt="odt"))
    assert unknown_format.status_code == 422 and "Định dạng «odt» không hỗ trợ" in unknown_format.content.decode()
    bad_kind = client.get("/bao-cao/tai/?resolution=nq-2024&kind=tuan&as_of=2024-06-30")
    assert bad_kind.status_code == 400 and "Loại báo cáo «tuan» không hợp lệ" in bad_kind.content.decode()
    assert client.get("/bao-cao/tai/?resolution=khong-co&kind=quy&as_of=2024-06-30").status_code == 404


def test_the_reports_page_offers_templates_only_for_units_the_user_enters(client, world):
    page = signed_in(client, "so", role=Role.REPORTER, unit=world.finance).get("/bao-cao/").content.decode()
    assert "Tải báo cáo" in page and 'value="so-tai-chinh"' in page and 'value="xa-a"' not in page


def test_templates_are_for_the_units_own_reporters(client, world):
    client = signed_in(client, "xa", role=Role.REPORTER, unit=world.commune)
    assert client.get("/bao-cao/mau/?unit=so-tai-chinh&period=Q2/2024").status_code == 403
    client.logout()
    client = signed_in(client, "so", role=Role.REPORTER, unit=world.finance)
    response = client.get("/bao-cao/mau/?unit=so-tai-chinh&period=Q2/2024")
    assert response.status_code == 200
    assert 'filename="mau-nhap-so-tai-chinh-Q2-2024.xlsx"' in response["Content-Disposition"]


def test_an_upload_imports_the_figures_as_the_signed_in_reporter(client, world):
    client = signed_in(client, "so", role=Role.REPORTER, unit=world.finance)
    upload = SimpleUploadedFile("so-lieu.xlsx", fill(template(), {"D7": 7.5}))
    response = client.post("/bao-cao/nhap/", {"file": upload})
    assert response.status_code == 200 and "Đã ghi 1 số liệu" in response.content.decode()
    assert Observation.objects.get(unit=world.finance, period="Q2/2024").entered_by.username == "so"


def test_an_upload_with_errors_lists_them_and_writes_nothing(client, world):
    client = signed_in(client, "so", role=Role.REPORTER, unit=world.finance)
    upload = SimpleUploadedFile("so-lieu.xlsx", fill(template(), {"D7": "abc"}))
    response = client.post("/bao-cao/nhap/", {"file": upload})
    assert response.status_code == 422
    assert "Sheet &#x27;Số liệu&#x27;, dòng 7, cột D (Giá trị): «abc» không phải là số" in response.content.decode()
    assert not Observation.objects.filter(period="Q2/2024").exists()


def test_another_units_reporter_cannot_upload_its_template(client, world):
    client = signed_in(client, "xa", role=Role.REPORTER, unit=world.commune)
    upload = SimpleUploadedFile("so-lieu.xlsx", fill(template(), {"D7": 7.5}))
    assert client.post("/bao-cao/nhap/", {"file": upload}).status_code == 403
    assert not Observation.objects.filter(period="Q2/2024").exists()


def test_pdf_without_libreoffice_is_a_503_page_in_vietnamese(client, world, monkeypatch, tmp_path):
    monkeypatch.setenv("CHITIEU_SOFFICE", str(tmp_path / "khong-co-soffice"))
    response = signed_in(client, "xem", role=Role.VIEWER, unit=world.city).get(REPORT.format(fmt="pdf"))
    assert response.status_code == 503
    assert "chưa cài LibreOffice" in response.content.decode()


def test_every_role_finds_the_reports_page_in_the_navigation(client, world):
    page = signed_in(client, "xem", role=Role.VIEWER, unit=world.city).get("/").content.decode()
    assert 'href="/bao-cao/"' in page
    reports = client.get("/bao-cao/").content.decode()
    assert '<a href="/bao-cao/" class="active" aria-current="page">Báo cáo</a>' in reports


def test_a_plain_form_upload_gets_a_full_page_and_htmx_gets_the_fragment(client, world):
    client = signed_in(client, "so", role=Role.REPORTER, unit=world.finance)
    plain = client.post("/bao-cao/nhap/", {"file": SimpleUploadedFile("a.xlsx", fill(template(), {"D7": 7.5}))})
    body = plain.content.decode()
    assert plain.status_code == 200 and "<html" in body and "Đã ghi 1 số liệu" in body
    assert 'href="/bao-cao/"' in body
    htmx = client.post("/bao-cao/nhap/", {"file": SimpleUploadedFile("a.xlsx", fill(template(), {"D7": 7.5}))},
                       headers={"HX-Request": "true"})
    assert "<html" not in htmx.content.decode() and "1 dòng không đổi" in htmx.content.decode()
    refused = client.post("/bao-cao/nhap/", {"file": SimpleUploadedFile("a.xlsx", fill(template(), {"D7": "abc"}))})
    assert refused.status_code == 422 and "<html" in refused.content.decode()


def test_the_dashboard_address_downloads_a_report_of_a_resolution_at_a_date(client, world):
    from django.urls import reverse

    url = reverse("reports:resolution_report",
                  kwargs={"resolution": "nq-2024", "kind": "quy", "as_of": "2024-06-30", "fmt": "docx"})
    assert url == "/bao-cao/nq-2024/quy/2024-06-30.docx"
    client = signed_in(client, "xem", role=Role.VIEWER, unit=world.city)
    response = client.get(url)
    assert response.status_code == 200
    assert Document(io.BytesIO(response.content)).paragraphs
    assert 'filename="' in response["Content-Disposition"]
    assert client.get("/bao-cao/nq-2024/quy/2024-06-30.xlsx").status_code == 200
    assert client.get("/bao-cao/nq-2024/quy/30-06-2024.docx").status_code == 400
    assert client.get("/bao-cao/khong-co/quy/2024-06-30.docx").status_code == 404


def test_the_templates_instructions_name_the_upload_page(world):
    guide = load_workbook(io.BytesIO(template()))["Hướng dẫn"]
    text = " ".join(str(c.value) for c in guide["A"] if c.value)
    assert "/bao-cao/" in text and "Biểu nhập số liệu (Excel)" in text
