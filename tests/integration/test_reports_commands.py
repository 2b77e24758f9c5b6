"""The commands: chitieu report, chitieu template, chitieu import."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from openpyxl import load_workbook

from chitieu.monitoring.models import Observation
from tests.integration.reports_world import make_world
from tests.integration.xlsx_helpers import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.parametrize("kind", ["quy", "quarter", "6thang", "nam", "giuaky", "endterm"])
def test_report_command_writes_a_docx_for_each_kind(world, tmp_path, kind):
    path = tmp_path / "bao-cao.docx"
    out = run("report", kind, "--resolution", "nq-2024", "--as-of", "2024-06-30", "--format", "docx", "-o", str(path))
    assert "Đã ghi" in out and "(có số liệu mô phỏng)" in out
    doc = Document(str(path))
    assert any(p.text == "BÁO CÁO" for p in doc.paragraphs)


def test_report_command_writes_the_review_as_xlsx(world, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    run("report", "year", "--resolution", "nq-2024", "--as-of", "2024-12-31", "--format", "xlsx", "-o", str(path))
    assert load_workbook(path).sheetnames == ["Chỉ tiêu", "Nguy cơ không đạt", "Nhiệm vụ quá hạn"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tuan", "--resolution", "nq-2024", "--as-of", "2024-06-30"], "Loại báo cáo «tuan» không hợp lệ"),
        (["quy", "--resolution", "nq-2024", "--as-of", "30/06/2024"], "cần dạng YYYY-MM-DD"),
        (["quy", "--resolution", "khong-co", "--as-of", "2024-06-30"], "Không có nghị quyết mã «khong-co»"),
        (["quy", "--resolution", "nq-2024", "--as-of", "2024-06-30", "--format", "odt"], "Định dạng «odt» không hỗ trợ"),
    ],
)
def test_report_command_explains_bad_arguments_in_vietnamese(world, args, message):
    with pytest.raises(CommandError, match=message):
        run("report", *args)


def test_template_then_import_round_trip_through_the_commands(world, tmp_path):
    path = tmp_path / "mau.xlsx"
    assert "Đã ghi biểu nhập số liệu" in run("template", "--unit", "so-tai-chinh", "--period", "Q2/2024", "-o", str(path))
    filled = tmp_path / "da-dien.xlsx"
    filled.write_bytes(fill(path.read_bytes(), {"D7": 7.5, "D8": "1.500"}))
    dry = run("import", str(filled), "--dry-run", "--no-progress")
    assert "Sẽ ghi 2 số liệu" in dry and not Observation.objects.filter(period="Q2/2024").exists()
    assert "Đã ghi 2 số liệu" in run("import", str(filled))
    assert "Đã ghi 0 số liệu" in run("import", str(filled)) and "2 dòng không đổi" in run("import", str(filled))
    assert sorted(Observation.objects.filter(period="Q2/2024").values_list("value", flat=True)) == [7.5, 1500.0]


def test_template_command_refuses_an_unknown_unit(world, tmp_path):
    with pytest.raises(CommandError, match="Mã đơn vị «khong-co» không có trong hệ thống"):
        run("template", "--unit", "khong-co", "--period", "Q2/2024", "-o", str(tmp_path / "x.xlsx"))


def test_import_command_needs_an_existing_file(world, tmp_path):
    with pytest.raises(CommandError, match="không có tệp"):
        run("import", str(tmp_path / "khong-co.xlsx"))
