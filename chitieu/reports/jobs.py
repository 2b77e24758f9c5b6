"""PDF reports and large imports as jobs (chitieu.jobs).

A PDF takes seconds (LibreOffice converts the DOCX), so it is built on the worker and kept on
its job: `report_key` says what the file depends on (the resolution, kind and date asked for,
the review's data version and the tasks' history, the issuing body's settings), and while
that key is unchanged the file is served again without building it (`jobs.services.reusable`).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from datetime import date
from typing import Any

from django.conf import settings

from chitieu.jobs.models import Job
from chitieu.jobs.services import JobFile
from chitieu.monitoring.review_cache import data_version
from chitieu.org import access
from chitieu.reports.build import build_report, resolution_by_code
from chitieu.reports.document import ReportKind
from chitieu.reports.entry import import_workbook
from chitieu.reports.exporters import exporter_for
from chitieu.tasks.models import Task, TaskUpdate


def _newest_history(model) -> str:
    row = model.history.order_by("-history_id").values_list("history_id", "history_date").first()
    return f"{row[0]}@{row[1].isoformat()}" if row else "-"


def report_key(code: str, kind: ReportKind, as_of: date) -> str:
    """The key of the report file of resolution `code`, `kind` at `as_of`: it changes when a
    record the report reads changes (review_cache.data_version, plus the tasks a report lists
    as overdue) or when the issuing body's settings do. Three small queries."""
    parts = [
        code, kind.value, as_of.isoformat(), data_version(), _newest_history(Task), _newest_history(TaskUpdate),
        settings.CHITIEU_ISSUER_PARENT, settings.CHITIEU_ISSUER, settings.CHITIEU_PLACE,
        settings.CHITIEU_SIGNER_TITLE, settings.CHITIEU_SIGNER_NAME,
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def pdf_params(code: str, kind: ReportKind, as_of: date) -> dict[str, str]:
    return {"resolution": code, "kind": kind.value, "as_of": as_of.isoformat()}


def build_pdf(job: Job, progress) -> JobFile:
    """Build the PDF report the job asks for, as the person who asked (who must still be
    allowed to read reports)."""
    p = job.params
    access.require(access.can_read(job.requested_by), "Tài khoản chưa được gán đơn vị và vai trò; liên hệ Văn phòng.")
    progress("Dựng báo cáo", 0, 2)
    built = build_report(ReportKind.parse(p["kind"]), resolution_by_code(p["resolution"]),
                         as_of=date.fromisoformat(p["as_of"]))
    progress("Chuyển sang PDF", 1, 2)
    exporter = exporter_for("pdf")
    data = exporter.export(built)
    return JobFile(data, f"{built.filename_stem}.{exporter.extension}", exporter.content_type)


def import_file(job: Job, progress) -> dict[str, Any]:
    """Import the job's workbook (its payload) as the person who asked; return the
    ImportResult as a dict. Raises what import_workbook raises (nothing written then)."""
    result = import_workbook(bytes(job.payload), user=job.requested_by,
                             dry_run=bool(job.params.get("dry_run")), progress=progress)
    return asdict(result)
