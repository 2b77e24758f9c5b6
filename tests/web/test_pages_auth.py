"""Signing in and out: Vietnamese pages, the lock-out after repeated failures, POST-only logout,
and what the base template shows a signed-in user."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import PASSWORD


def test_login_page_is_vietnamese_and_signing_in_leads_to_the_dashboard(world, client):
    page = client.get(reverse("web:login")).content.decode()
    assert "Đăng nhập" in page and "Tên đăng nhập" in page and 'lang="vi"' in page
    response = client.post(reverse("web:login"), {"username": "xa-a", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_wrong_password_is_refused_in_vietnamese(world, client):
    response = client.post(reverse("web:login"), {"username": "xa-a", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_with_a_vietnamese_page(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("web:login"), {"username": "xa-a", "password": "sai"})
    response = client.post(reverse("web:login"), {"username": "xa-a", "password": PASSWORD})
    assert response.status_code in (403, 429)
    assert "Tài khoản tạm thời bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post_with_csrf(world, as_user):
    client = as_user(world.users["viewer"])
    assert client.get(reverse("web:logout")).status_code == 405
    assert client.post(reverse("web:logout")).status_code == 302
    assert client.get("/").status_code == 302


def test_the_base_shows_the_users_name_role_and_the_navigation(world, as_user):
    body = as_user(world.users["reporter_a"]).get(reverse("web:tasks")).content.decode()
    assert "Lê Xã A" in body and "Cán bộ báo cáo của đơn vị" in body and "Xã An Lão" in body
    for label in ("Tổng quan", "Chỉ tiêu", "Nhập số liệu", "Nhiệm vụ", "Đọc văn bản"):
        assert f">{label}</a>" in body
    assert "X-CSRFToken" in body  # HTMX requests carry the CSRF token
    assert "vendor/htmx/htmx.min.js" in body and "//cdn" not in body
    assert ">Quản trị</a>" not in body  # only the office sees the admin
    assert ">Lịch sử</a>" in body  # every role reads the history it may see
    office = as_user(world.users["office"]).get(reverse("web:tasks")).content.decode()
    assert ">Quản trị</a>" in office and ">Lịch sử</a>" in office
    viewer = as_user(world.users["viewer"]).get(reverse("web:tasks")).content.decode()
    assert ">Nhập số liệu</a>" not in viewer


def test_a_login_without_an_account_is_told_in_vietnamese(db, client, django_user_model):
    user = django_user_model.objects.create_user("ngoai", password=PASSWORD)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/")
    assert response.status_code == 403 and "chưa được gán đơn vị" in response.content.decode()
