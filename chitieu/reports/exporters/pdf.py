"""PDF of the same document: the DOCX converted by LibreOffice in headless mode.

Converting the DOCX (rather than drawing a second layout) keeps one layout for both formats.
LibreOffice comes from Debian's packages (libreoffice-writer-nogui); fonts-liberation2
gives Liberation Serif, metric-compatible with Times New Roman, so lines break where Word
breaks them. Each conversion uses its own throw-away LibreOffice profile, so parallel
conversions do not fight over one profile lock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from chitieu.reports.document import ReviewReport
from chitieu.reports.exporters import Exporter, ExportUnavailable, register
from chitieu.reports.exporters.docx import render_docx

#: Seconds one conversion may take; the first start of LibreOffice is the slow part.
TIMEOUT = 180


def soffice_path() -> str | None:
    """Return the LibreOffice executable (env CHITIEU_SOFFICE, else soffice or libreoffice
    on PATH), or None when there is none."""
    configured = os.environ.get("CHITIEU_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    """Return the PDF bytes of a DOCX document.

    Raises ExportUnavailable (Vietnamese message) when LibreOffice is missing, fails or
    takes longer than TIMEOUT seconds.
    """
    soffice = soffice_path()
    if soffice is None:
        raise ExportUnavailable(
            "Không tạo được PDF: máy chủ chưa cài LibreOffice (lệnh soffice). "
            "Cài gói libreoffice-writer-nogui và fonts-liberation2, hoặc tải bản DOCX.",
            {"format": "Thiếu LibreOffice để chuyển sang PDF."},
        )
    with tempfile.TemporaryDirectory(prefix="chitieu-pdf-") as tmp:
        work = Path(tmp)
        source = work / "bao-cao.docx"
        source.write_bytes(docx)
        profile = (work / "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(work), str(source)]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False,
                                  env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired as exc:
            raise ExportUnavailable(
                f"LibreOffice không chuyển xong sang PDF sau {TIMEOUT} giây.",
                {"format": "Chuyển sang PDF quá thời gian."},
            ) from exc
        result = work / "bao-cao.pdf"
        if done.returncode != 0 or not result.exists():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-300:]
            raise ExportUnavailable(
                f"LibreOffice không chuyển được sang PDF (mã lỗi {done.returncode}). {detail}",
                {"format": "Chuyển sang PDF thất bại."},
            )
        return result.read_bytes()


@register
class PdfExporter(Exporter):
    format = "pdf"
    content_type = "application/pdf"
    extension = "pdf"

    def export(self, report: ReviewReport) -> bytes:
        return docx_to_pdf(render_docx(report))
