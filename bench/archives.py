"""How fast and in how much memory a hostile archive is refused (chitieu.archives).

Run: .venv/bin/python bench/archives.py [--mb 150]
Builds a DOCX whose document.xml unpacks to `--mb` megabytes (under 1 MB on disk) and prints
the time and the peak memory the document and workbook checks take to refuse it, and what
they say. The tests assert the refusal and a memory bound; the time is measured here only.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from chitieu.archives import DOCUMENT, WORKBOOK, ArchiveRefused, checked_names  # noqa: E402


def bomb(mb: int) -> bytes:
    """A DOCX-shaped ZIP whose document.xml unpacks to `mb` megabytes of tiny paragraphs."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30_000
            for _ in range(mb * 1024 * 1024 // len(block)):
                part.write(block)
    return packed.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    data = bomb(args.mb)
    print(f"bom: {len(data) / 1024:.0f} KB trên đĩa, {args.mb} MB XML khi giải nén")
    for label, limits in (("văn bản (DOCX)", DOCUMENT), ("bảng tính (XLSX)", WORKBOOK)):
        tracemalloc.start()
        started = time.perf_counter()
        message = ""
        for _ in range(args.repeat):
            try:
                checked_names(data, limits)
            except ArchiveRefused as refused:
                message = refused.message
        elapsed = (time.perf_counter() - started) / args.repeat
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{label}: từ chối sau {elapsed * 1000:.2f} ms, bộ nhớ đỉnh {peak / 1024:.0f} KB: {message or 'không từ chối'}")


if __name__ == "__main__":
    main()
