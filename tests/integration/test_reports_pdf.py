"""The PDF is the DOCX converted by LibreOffice. Needs soffice and poppler-utils: skipped on a
machine without them, a failure in CI (CI=true)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from chitieu.reports.build import build_report
from chitieu.reports.exporters import ExportUnavailable, exporter_for
from chitieu.reports.exporters.pdf import soffice_path
from tests.integration.reports_world import AS_OF, make_world

pytestmark = pytest.mark.django_db

IN_CI = os.environ.get("CI", "").lower() == "true"


def need(program: str | None, name: str) -> None:
    if program:
        return
    if IN_CI:
        pytest.fail(f"{name} is required in CI")
    pytest.skip(f"{name} is not installed")


@pytest.fixture
def report():
    return build_report("6thang", make_world().resolution, as_of=AS_OF)


def test_pdf_has_the_same_document_text_and_times_metric_fonts(report, tmp_path):
    need(soffice_path(), "LibreOffice (soffice)")
    need(shutil.which("pdftotext") and shutil.which("pdffonts"), "poppler-utils")
    pdf = exporter_for("pdf").export(report)
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout.decode()
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "THÀNH ỦY", "BÁO CÁO", "Hải Phòng, ngày 30 tháng 6 năm 2024",
                     "T/M BAN THƯỜNG VỤ", "Nơi nhận:", "Tổng thu ngân sách"):
        assert expected in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout.decode()
    # Times New Roman itself, or Liberation Serif, which has the same metrics.
    assert "TimesNewRoman" in fonts.replace(" ", "") or "LiberationSerif" in fonts
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
    assert "A4" in pages


def test_missing_libreoffice_gives_a_vietnamese_message(report, monkeypatch, tmp_path):
    monkeypatch.setenv("CHITIEU_SOFFICE", str(tmp_path / "khong-co-soffice"))
    with pytest.raises(ExportUnavailable) as err:
        exporter_for("pdf").export(report)
    assert "chưa cài LibreOffice" in err.value.message
    assert err.value.status == 503
