"""The demo's reports render to PDF and their first pages to PNG (bench/report_screenshots.py).
Needs LibreOffice and poppler-utils: skipped without them locally, a failure in CI.

In CI (CI=true) the pages are written to docs/screenshots/report-<kind>.png, so the job keeps
them (the issue asks CI to); elsewhere to a temporary directory, leaving the committed ones."""

from __future__ import annotations

import os
import shutil
import struct

import pytest
from django.db import transaction

from bench.report_screenshots import DEMO_DATES, OUT, render_first_pages
from chitieu.demo.loader import RESOLUTION_CODE, load_demo
from chitieu.reports.exporters.pdf import soffice_path

pytestmark = pytest.mark.django_db


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def test_first_page_of_each_demo_report_renders_as_an_a4_png(tmp_path):
    if not (soffice_path() and shutil.which("pdftoppm")):
        if in_ci():
            pytest.fail("LibreOffice and pdftoppm are required in CI")
        pytest.skip("LibreOffice or pdftoppm is not installed")
    with transaction.atomic():
        load_demo()
        paths = render_first_pages(RESOLUTION_CODE, OUT if in_ci() else tmp_path)
    assert all(p.parent == (OUT if in_ci() else tmp_path) for p in paths)
    assert [p.name for p in paths] == [f"report-{kind}.png" for kind in DEMO_DATES]
    for path in paths:
        width, height = png_size(path.read_bytes())
        assert height / width == pytest.approx(297 / 210, rel=0.01)
        # A blank page compresses to almost nothing; a page of text does not.
        assert path.stat().st_size > 40_000
