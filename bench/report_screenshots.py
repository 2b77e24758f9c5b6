"""First pages of the demo's review reports as PNG, for the README and to look at the layout.

    python bench/report_screenshots.py      # writes docs/screenshots/report-<kind>.png

Loads the Hai Phong demo into a scratch SQLite file (var/report-screenshots.sqlite3, rebuilt
each run), builds each report kind for the demo resolution, converts it to PDF with
LibreOffice and renders the first page with pdftoppm (poppler-utils). The integration test
tests/integration/test_reports_screenshots.py runs `render_first_pages` in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
DB = ROOT / "var" / "report-screenshots.sqlite3"
DPI = 80

#: The demo resolution is the 2021 one: each kind at a date its conference could meet.
DEMO_DATES = {
    "quy": date(2021, 9, 30),
    "6thang": date(2021, 6, 30),
    "nam": date(2021, 12, 31),
    "giuaky": date(2023, 7, 19),
    "cuoiky": date(2025, 9, 30),
}


def first_page_png(pdf: bytes, dpi: int = DPI) -> bytes:
    """Return the first page of `pdf` as PNG bytes (pdftoppm). Raises RuntimeError in
    Vietnamese when pdftoppm is missing or fails."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise RuntimeError("Thiếu pdftoppm (gói poppler-utils).")
    with tempfile.TemporaryDirectory(prefix="chitieu-png-") as tmp:
        source = Path(tmp) / "bao-cao.pdf"
        source.write_bytes(pdf)
        subprocess.run([tool, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(source),
                        str(Path(tmp) / "trang")], check=True, capture_output=True)
        return (Path(tmp) / "trang.png").read_bytes()


def render_first_pages(resolution_code: str, out_dir: Path, dates: dict[str, date] = DEMO_DATES) -> list[Path]:
    """Write report-<kind>.png (first page of each kind's PDF) into `out_dir`; return the
    paths. Needs Django set up with the demo loaded, LibreOffice and pdftoppm."""
    from chitieu.reports.build import build_report, resolution_by_code
    from chitieu.reports.exporters import exporter_for

    resolution = resolution_by_code(resolution_code)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, as_of in dates.items():
        pdf = exporter_for("pdf").export(build_report(kind, resolution, as_of=as_of))
        path = out_dir / f"report-{kind}.png"
        path.write_bytes(first_page_png(pdf))
        written.append(path)
    return written


def main() -> None:
    DB.parent.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)
    os.environ.update({"CHITIEU_DATABASE_URL": f"sqlite:///{DB}", "CHITIEU_TESTING": "1",
                       "DJANGO_SETTINGS_MODULE": "chitieu.settings"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from chitieu.demo.loader import RESOLUTION_CODE, load_demo

    call_command("migrate", verbosity=0, interactive=False)
    load_demo()
    for path in render_first_pages(RESOLUTION_CODE, OUT):
        print(f"Đã ghi {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
