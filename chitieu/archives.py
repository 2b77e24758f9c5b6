"""The one guard every uploaded ZIP archive (DOCX, XLSX) passes before any parser opens it.

A zip bomb (570 KB of DOCX holding 150 MB of XML) is refused from its central directory
alone: the number of entries, the total size they declare unpacked, and that size against the
file's. The declared sizes are a real bound: Python's zipfile (which python-docx and openpyxl
both read through) stops each entry at its declared size and checks its CRC, so an archive
that lies about them fails to read rather than unpacking more.

Standard library only, so the pure file readers (chitieu.reports.entry_sheet) can use it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one archive may hold: entries, bytes unpacked in all (memory), bytes of XML
    unpacked (the parts a parser walks: time), and unpacked bytes per byte of the file (office
    files of text compress about 5-20 times; 100 leaves room)."""

    entries: int = 1000
    unpacked: int = 100 * MB
    xml: int = 100 * MB
    ratio: int = 100


#: A Word document for the reader: python-docx walks its XML at about 0,6 MB/s in the worst
#: case (one-letter paragraphs: 10 MB took 17 s and 270 MB), so 10 MB of XML; a resolution of
#: 50 pages has under 1 MB. Pictures count only in the total.
DOCUMENT = Limits(entries=1000, unpacked=100 * MB, xml=10 * MB, ratio=100)
#: A workbook, which openpyxl streams row by row (read-only mode).
WORKBOOK = Limits(entries=1000, unpacked=100 * MB, xml=100 * MB, ratio=100)


class ArchiveRefused(ValueError):
    """An archive that may not be opened; `message` is Vietnamese and says why."""

    def __init__(self, message: str, *, damaged: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.damaged = damaged


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",")


def checked_names(data: bytes, limits: Limits) -> set[str]:
    """Return the names of the entries in the ZIP archive `data`, or raise ArchiveRefused when
    it is damaged (`damaged` set), holds more than `limits.entries` entries, declares more than
    `limits.unpacked` bytes unpacked (`limits.xml` for the XML parts), or more than
    `limits.ratio` times its own size. Reads the central directory only: nothing is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise ArchiveRefused("Tệp nén bị hỏng, không mở được.", damaged=True) from exc
    if len(infos) > limits.entries:
        raise ArchiveRefused(
            f"Tệp nén chứa {len(infos)} phần, quá giới hạn {limits.entries}; không xử lý."
        )
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.unpacked:
        raise ArchiveRefused(
            f"Tệp giải nén ra {_mb(unpacked)} MB, quá giới hạn {limits.unpacked // MB} MB; không xử lý."
        )
    xml = sum(info.file_size for info in infos if info.filename.lower().endswith((".xml", ".rels")))
    if xml > limits.xml:
        raise ArchiveRefused(
            f"Phần văn bản (XML) của tệp giải nén ra {_mb(xml)} MB, quá giới hạn {limits.xml // MB} MB; không xử lý."
        )
    if unpacked > max(len(data), 1) * limits.ratio:
        raise ArchiveRefused(
            f"Tệp giải nén ra {_mb(unpacked)} MB từ {_mb(len(data))} MB (gấp hơn {limits.ratio} lần): "
            "tệp nén bất thường, không xử lý."
        )
    return {info.filename for info in infos}
