"""The one HTML error path (chitieu.web.errors): domain errors become a Vietnamese page, or for
HTMX a fragment sent to the page's alert slot; Django's 400/403/404/500 and CSRF pages are
Vietnamese; no mode shows a debug page; bad dates in addresses are named, not guessed."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import path, reverse

import chitieu.urls
from chitieu.errors import Conflict
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def boom(request):
    raise RuntimeError("secret internals: /etc/passwd")


def conflict(request):
    raise Conflict("Kỳ «Q1/2021» đã khóa sổ.", {"period": "Kỳ đã khóa."})


urlpatterns = [path("boom/", boom), path("conflict/", conflict), *chitieu.urls.urlpatterns]
handler500 = chitieu.urls.handler500
handler404 = chitieu.urls.handler404


def test_an_unknown_address_answers_a_vietnamese_404_listing_nothing(world, as_user):
    response = as_user(world.users["reporter_a"]).get("/khong-co/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in body and "Page not found" not in body and "URLconf" not in body
    assert "{#" not in body and "#}" not in body  # a template comment that leaked onto the page


def test_a_refusal_in_an_htmx_request_goes_to_the_alert_slot_with_its_reason(world, as_user):
    client = as_user(world.users["reporter_a"])
    response = client.post(reverse("web:entry-cell"), {
        "unit": world.commune_b.pk, "indicator": world.growth.pk, "period": "Q2/2021",
        "stage": "estimate", "value": "7", "nam": "2021", "ky": "quarter",
    }, **HTMX)
    assert response.status_code == 403
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#htmx-error", "innerHTML")
    body = response.content.decode()
    assert 'role="alert"' in body and "Xã Kiến Thụy" in body and "<html" not in body


def test_a_refusal_in_a_plain_request_is_a_page_with_the_reason(world, as_user):
    response = as_user(world.users["reporter_a"]).get(reverse("web:entry") + f"?don_vi={world.commune_b.pk}")
    assert response.status_code == 403
    assert "Xã Kiến Thụy" in response.content.decode() and "<html" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_a_domain_error_raised_by_any_view_keeps_its_status_and_field_messages(world, as_user):
    response = as_user(world.users["reporter_a"]).get("/conflict/")
    body = response.content.decode()
    assert response.status_code == 409
    assert "Kỳ «Q1/2021» đã khóa sổ." in body and "Kỳ đã khóa." in body


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_is_a_vietnamese_page_that_shows_no_internals(world):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Lỗi hệ thống" in body and "chưa được ghi" in body
    assert "secret internals" not in body and "Traceback" not in body and "Server Error" not in body


def test_a_form_without_its_csrf_token_gets_a_vietnamese_403(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("web:login"), {"username": "xa-a", "password": PASSWORD})
    body = response.content.decode()
    assert response.status_code == 403
    assert "CSRF" in body and "Tải lại trang" in body and "Forbidden" not in body


@pytest.mark.parametrize(("address", "said"), [
    ("/bao-cao/hp-2021/quy/2021-13-45.pdf", "không có tháng 13"),
    ("/bao-cao/tai/?resolution=hp-2021&kind=quy&as_of=&format=docx", "Chưa nhập ngày báo cáo"),
    ("/bao-cao/tai/?resolution=hp-2021&kind=quy&as_of=31/12/2021&format=docx", "cần dạng YYYY-MM-DD"),
    ("/?resolution=hp-2021&as_of=2021-02-30", "tháng 2/2021 không có ngày 30"),
    ("/chi-tieu/tang-truong-grdp/?as_of=2500-01-01", "năm 2500 nằm ngoài khoảng 1900 - 2200"),
    ("/nhiem-vu/?as_of=hom-nay", "Ngày xem «hom-nay» không hợp lệ"),
])
def test_a_bad_date_in_an_address_is_named_in_vietnamese(world, as_user, address, said):
    response = as_user(world.users["viewer"]).get(address)
    assert response.status_code == 400
    assert said in response.content.decode()
    assert "Invalid isoformat" not in response.content.decode() and "month must be" not in response.content.decode()


def test_a_period_that_cannot_exist_in_a_cell_save_is_named(world, as_user):
    response = as_user(world.users["reporter_a"]).post(reverse("web:entry-cell"), {
        "unit": world.commune_a.pk, "indicator": world.growth.pk, "period": "quý 9/2021",
        "stage": "estimate", "value": "7",
    }, **HTMX)
    assert response.status_code == 400 and response["HX-Retarget"] == "#htmx-error"
    assert "quý 9/2021" in response.content.decode()
