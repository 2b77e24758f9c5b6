"""Exporters: each takes a plain `ReviewReport` and returns the file's bytes.

They never touch the database. One class per format registers itself in `EXPORTERS` under
its format name ("docx", "pdf", "xlsx"); callers pick one with `exporter_for(fmt)`.
"""

from __future__ import annotations

from typing import ClassVar

from chitieu.errors import DomainError, Invalid
from chitieu.reports.document import ReviewReport


class ExportUnavailable(DomainError):
    """A format that needs a program this machine lacks (LibreOffice for PDF)."""

    status = 503


class Exporter:
    """Base of the exporters: `export(report) -> bytes`, plus what a download needs."""

    format: ClassVar[str]
    content_type: ClassVar[str]
    extension: ClassVar[str]

    def export(self, report: ReviewReport) -> bytes:  # pragma: no cover - interface
        raise NotImplementedError


EXPORTERS: dict[str, Exporter] = {}


def register(cls: type[Exporter]) -> type[Exporter]:
    """Class decorator: put one instance of `cls` in EXPORTERS under `cls.format`."""
    EXPORTERS[cls.format] = cls()
    return cls


def exporter_for(fmt: str) -> Exporter:
    """Return the exporter for `fmt` (case-insensitive). Raises Invalid keyed "format"
    listing the known formats."""
    key = (fmt or "").strip().lower()
    if key not in EXPORTERS:
        known = ", ".join(sorted(EXPORTERS))
        raise Invalid(f"Định dạng «{fmt}» không hỗ trợ.", {"format": f"Chỉ nhận: {known}."})
    return EXPORTERS[key]


# Importing the modules registers their classes.
from chitieu.reports.exporters import docx, pdf, xlsx  # noqa: E402,F401
