"""Turn pasted text or an uploaded file into the text a document reading keeps.

TXT must be UTF-8 (with or without a byte-order mark); DOCX is read with python-docx,
paragraphs and table rows in document order. The kind of a file is told by its content, not
its name: a DOCX saved as ".txt" is still read as DOCX, a binary file called ".txt" is
refused. Every refusal is an `Invalid` with a Vietnamese message under the input's field.
"""

from __future__ import annotations

import codecs
import io
from pathlib import PurePath

from django.conf import settings

from chitieu import archives
from chitieu.core.quantities import format_number
from chitieu.errors import Invalid

#: Accepted file name endings, for the form's `accept` attribute and error messages.
ACCEPTED_SUFFIXES = (".txt", ".docx")

_ZIP_MAGIC = b"PK\x03\x04"
_DOCX_PART = "word/document.xml"
# Legacy binary formats people often try: Word 97-2003 (.doc) and PDF.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF_MAGIC = b"%PDF-"


def max_bytes() -> int:
    """The largest document accepted, in bytes (settings.MAX_UPLOAD_MB)."""
    return settings.MAX_UPLOAD_MB * 1024 * 1024


def max_text_chars() -> int:
    """The longest text the reader reads, in characters (settings.MAX_TEXT_KB): what it serves
    in bounded time (bench/extract.py: 1 MB of reports in about 2 s, pathological text 11 s)."""
    return settings.MAX_TEXT_KB * 1024


def _refuse(field: str, message: str) -> Invalid:
    return Invalid(message, {field: message})


def _normalise(text: str) -> str:
    """Drop a leading byte-order mark and use "\\n" for line ends (browsers send "\\r\\n")."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    """True when control characters (other than tab and line ends) make up over 1% of the text,
    or any NUL is present: such "text" is a binary file that happened to decode."""
    if "\x00" in text:
        return True
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(1, len(text) // 100)


def _check_text(text: str, field: str) -> str:
    text = _normalise(text)
    if not text.strip():
        raise _refuse(field, "Văn bản trống, không có gì để đọc.")
    if len(text) > max_text_chars():
        raise _refuse(
            field, f"Văn bản dài {format_number(len(text))} ký tự, quá giới hạn "
            f"{format_number(max_text_chars())} ký tự; hãy chia thành nhiều phần.",
        )
    if _looks_binary(text):
        raise _refuse(field, "Nội dung không phải văn bản (có ký tự điều khiển của tệp nhị phân).")
    return text


def docx_text(data: bytes, field: str = "file") -> str:
    """Return the text of a DOCX file: each paragraph on its own line, each table row on its
    own line with cells separated by tabs, in document order. Raises Invalid when the archive
    is damaged, is not a Word document or is beyond the archive limits (a zip bomb: refused
    from its directory, before anything is unpacked)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        names = archives.checked_names(data, archives.DOCUMENT)
    except archives.ArchiveRefused as exc:
        message = "Tệp Word (.docx) bị hỏng, không mở được." if exc.damaged else exc.message
        raise _refuse(field, message) from exc
    if _DOCX_PART not in names:
        raise _refuse(field, "Tệp nén này không phải tài liệu Word (.docx).")
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for broken files
        raise _refuse(field, "Tệp Word (.docx) bị hỏng, không mở được.") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = cell.text.strip()
                    # Merged cells repeat; keep one copy.
                    if not cells or cells[-1] != value:
                        cells.append(value)
                lines.append("\t".join(cells))
    return "\n".join(lines)


def decode_document(data: bytes, filename: str = "", field: str = "file") -> str:
    """Return the text of an uploaded TXT or DOCX file, ready to read.

    Edge cases: a name not ending in .txt or .docx (a file without a name is judged by its
    content alone), an empty file, a file over the size limit, a legacy .doc or PDF, a binary
    file, and text not in UTF-8 (TCVN3, VNI, Windows-1258) are refused with an Invalid whose
    message says what to do. A UTF-8 byte-order mark is dropped; "\\r\\n" becomes "\\n"; UTF-16
    with a byte-order mark (Notepad's "Unicode") is read too.
    """
    name = PurePath(filename or "").name
    suffix = PurePath(name).suffix.lower()
    if name and suffix not in ACCEPTED_SUFFIXES:
        raise _refuse(
            field, f"Không đọc tệp «{suffix or name}»; chỉ nhận {', '.join(ACCEPTED_SUFFIXES)}."
            + (" Hãy lưu tệp Word cũ (.doc) thành .docx." if suffix == ".doc" else "")
        )
    if not data:
        raise _refuse(field, f"Tệp «{name}» rỗng." if name else "Tệp rỗng.")
    if len(data) > max_bytes():
        raise _refuse(
            field, f"Tệp lớn {len(data) / 1048576:.1f} MB, vượt giới hạn {settings.MAX_UPLOAD_MB} MB."
        )
    if data.startswith(_ZIP_MAGIC):
        return _check_text(docx_text(data, field), field)
    if data.startswith(_OLE_MAGIC):
        raise _refuse(field, "Tệp Word cũ (.doc) chưa đọc được; hãy lưu lại thành .docx hoặc .txt.")
    if data.startswith(_PDF_MAGIC):
        raise _refuse(field, "Chưa đọc được tệp PDF; hãy chép nội dung thành .txt hoặc lưu thành .docx.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Notepad's "Unicode": UTF-16 with its byte-order mark.
        try:
            return _check_text(data.decode("utf-16"), field)
        except UnicodeDecodeError as exc:
            raise _refuse(field, "Tệp UTF-16 bị hỏng; hãy lưu lại với bảng mã UTF-8.") from exc
    if b"\x00" in data[:8192]:
        raise _refuse(field, "Tệp không phải văn bản (.txt) hay tài liệu Word (.docx).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(
            field,
            "Tệp không phải văn bản mã UTF-8 (có thể là mã TCVN3, VNI hoặc Windows-1258); "
            "hãy lưu lại tệp với bảng mã UTF-8 rồi tải lên lại.",
        ) from exc
    return _check_text(text, field)


def pasted_text(text: str, field: str = "text") -> str:
    """Return pasted text ready to read; refuses empty, oversized and binary-looking text."""
    return _check_text(text or "", field)
