"""Checks on uploaded evidence files: size and type, by content signature, not by name.

A renamed executable called "bao-cao.pdf" is refused because its first bytes are not a PDF's.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import IO

from django.conf import settings

from chitieu import archives

#: Allowed extensions and a description for error messages.
ALLOWED = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "png": "ảnh PNG",
    "jpg": "ảnh JPEG",
    "jpeg": "ảnh JPEG",
}

_MAGIC = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
}
# Office files are ZIP archives; the part that names the application tells them apart.
_OOXML_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def check_evidence(name: str, size: int, stream: IO[bytes]) -> str | None:
    """Return a Vietnamese error message, or None when the file may be stored.

    Checks, in order: the extension is on the allow-list; the size is within
    settings.MAX_UPLOAD_MB; the first bytes match the type; for .docx/.xlsx the archive is
    within the archive limits (chitieu.archives) and holds the application's main part. The
    stream is rewound afterwards.
    """
    ext = PurePath(name).suffix.lower().lstrip(".")
    if ext not in ALLOWED:
        kinds = ", ".join(sorted({k for k in ALLOWED if k != "jpeg"}))
        return f"Không nhận tệp «.{ext or '?'}»; chỉ nhận: {kinds}."
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if size > limit:
        return f"Tệp lớn {size / 1048576:.1f} MB, vượt giới hạn {settings.MAX_UPLOAD_MB} MB."
    if size == 0:
        return "Tệp rỗng."
    try:
        head = stream.read(16)
        if not any(head.startswith(m) for m in _MAGIC[ext]):
            return f"Nội dung tệp không phải {ALLOWED[ext]} dù tên tệp có đuôi «.{ext}»."
        part = _OOXML_PART.get(ext)
        if part:
            stream.seek(0)
            limits = archives.DOCUMENT if ext == "docx" else archives.WORKBOOK
            try:
                names = archives.checked_names(stream.read(), limits)
            except archives.ArchiveRefused as exc:
                return f"Tệp {ALLOWED[ext]} bị hỏng, không mở được." if exc.damaged else exc.message
            if part not in names:
                return f"Nội dung tệp không phải {ALLOWED[ext]} dù tên tệp có đuôi «.{ext}»."
    finally:
        stream.seek(0)
    return None
