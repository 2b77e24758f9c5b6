"""`chitieu read`: the reading services from the command line, with the same rights and the
same refusals, as a Vietnamese message and a non-zero exit instead of a traceback."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chitieu.plans.models import Target
from chitieu.reading.models import DocumentReading
from tests.personas import make_cast

pytestmark = pytest.mark.django_db

TEXT = "Năm 2025, phấn đấu: (1) thu ngân sách nhà nước trên địa bàn đạt 1.350 tỷ đồng; (2) tỷ lệ hộ nghèo dưới 1%."


@pytest.fixture
def cast():
    return make_cast()


def run(*args, **kw) -> str:
    out = io.StringIO()
    call_command("read", *args, stdout=out, **kw)
    return out.getvalue()


def test_a_resolution_file_becomes_unconfirmed_targets(cast, tmp_path):
    path = tmp_path / "nq-2025.txt"
    path.write_text(TEXT, encoding="utf-8")
    out = run(str(path), kind="resolution", user="vanphong", period="2025", accept_all=True, drafts=True)
    drafts = Target.objects.filter(confirmed=False)
    assert drafts.count() == 2 and f"Bản nháp: {drafts.count()} chỉ tiêu" in out
    assert {t.number for t in drafts} == {"1", "2"}
    assert DocumentReading.objects.get().title == "nq-2025"


def test_without_drafts_only_items_are_stored(cast, tmp_path):
    path = tmp_path / "nq.txt"
    path.write_text(TEXT, encoding="utf-8")
    run(str(path), kind="resolution", user="vanphong")
    assert DocumentReading.objects.get().items.count() == 2
    assert not Target.objects.filter(confirmed=False).exists()


@pytest.mark.parametrize(
    ("content", "kw", "fragment"),
    [
        ("Thu ngân sách năm 2025: 1.350".encode("cp1258"), {"kind": "report", "user": "vanphong"}, "UTF-8"),
        (TEXT.encode(), {"kind": "report", "user": "xa-a", "unit": "xa-bach-dang"}, "Xã Bạch Đằng"),
        (TEXT.encode(), {"kind": "resolution", "user": "xa-a"}, "Chỉ Văn phòng"),
        (TEXT.encode(), {"kind": "resolution", "user": "khong-co"}, "không có tài khoản"),
    ],
    ids=["non-utf8", "other-commune", "reporter-resolution", "unknown-user"],
)
def test_refusals_are_vietnamese_command_errors_and_store_nothing(cast, tmp_path, content, kw, fragment):
    path = tmp_path / "van-ban.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError) as info:
        run(str(path), **kw)
    assert fragment in str(info.value)
    assert not DocumentReading.objects.exists()
