"""Guards for the PostgreSQL run: it really talks to PostgreSQL, with the features we rely on."""

import os

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_postgres_run_uses_a_postgresql_server():
    if not os.environ.get("CHITIEU_DATABASE_URL", "").startswith(("postgres", "postgresql")):
        pytest.fail("tests/postgres chạy mà không có CHITIEU_DATABASE_URL trỏ tới PostgreSQL")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cur:
        cur.execute("SHOW server_encoding")
        assert cur.fetchone()[0] == "UTF8"


def test_vietnamese_text_round_trips_through_postgresql():
    from chitieu.org.models import Unit

    unit = Unit.objects.create(code="thu-nghiem", name="Phường Thuỷ Nguyên – Đặc khu Cát Hải")
    assert Unit.objects.get(pk=unit.pk).name == "Phường Thuỷ Nguyên – Đặc khu Cát Hải"
    assert Unit.objects.filter(name__icontains="đặc khu").exists()
