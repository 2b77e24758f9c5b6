"""Downloads and uploads under /bao-cao/: review reports (DOCX, PDF, XLSX), data-entry
templates, and importing a filled template. Thin: parse, check access, call one service.
PDF reports and large imports run as jobs (chitieu.jobs, chitieu.reports.jobs).

Access (chitieu.org.access): any role holder may download reports (they show approved
figures only); templates and imports need `can_enter_figures` for the unit. Domain errors
become the Vietnamese page of chitieu.web.errors (the one HTML error path); an import's errors are listed row by row.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from chitieu.core.periods import parse_day
from chitieu.errors import DomainError, Forbidden, NotFound
from chitieu.htmx import template_for
from chitieu.jobs.models import JobKind, JobState
from chitieu.jobs.services import JobFailed, reusable, submit
from chitieu.org import access
from chitieu.org.models import Unit
from chitieu.plans.models import Resolution, settled_resolutions
from chitieu.reports.build import build_report, resolution_by_code
from chitieu.reports.document import ReportKind
from chitieu.reports.entry import import_workbook, make_template, max_bytes
from chitieu.reports.exporters import EXPORTERS, exporter_for
from chitieu.reports.jobs import pdf_params, report_key

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _require_reader(request: HttpRequest) -> None:
    if not access.can_read(request.user):
        raise Forbidden("Tài khoản chưa được gán đơn vị và vai trò; liên hệ Văn phòng.")


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The reports page: pick a report to download, a template to fill, a file to import."""
    _require_reader(request)
    return render(request, "reports/index.html", {
        # Drafts read from a document come last: the first one listed is the form's default.
        "resolutions": _settled_first(),
        "kinds": list(ReportKind),
        "formats": sorted(EXPORTERS),
        "as_of": date.today(),
        "entry_units": access.entry_units(request.user).order_by("path", "order", "name"),
        "max_mb": max_bytes() // 1024 // 1024,
    })


def _settled_first() -> list[Resolution]:
    newest = Resolution.objects.order_by(F("issued_on").desc(nulls_last=True), "code")
    settled = list(settled_resolutions(newest))
    ids = {r.pk for r in settled}
    return settled + [r for r in newest if r.pk not in ids]


def _report_file(request: HttpRequest, code: str, kind_raw: str, as_of_raw: str, fmt: str) -> HttpResponse:
    _require_reader(request)
    try:
        kind = ReportKind.parse(kind_raw)
    except ValueError as exc:
        raise DomainError(str(exc), {"kind": str(exc)}) from None  # 400: a bad address
    as_of = parse_day(as_of_raw, field="ngày báo cáo")  # a PeriodError is shown by chitieu.web.errors
    exporter = exporter_for(fmt)
    if exporter.format == "pdf":
        return _pdf(request, code, kind, as_of)
    built = build_report(kind, resolution_by_code(code), as_of=as_of)
    data = exporter.export(built)
    return _download(data, exporter.content_type, f"{built.filename_stem}.{exporter.extension}")


def _pdf(request: HttpRequest, code: str, kind: ReportKind, as_of: date) -> HttpResponse:
    """A PDF is built by a job (seconds of LibreOffice): the file at once when one with the
    same key is kept (reports.jobs.report_key), else the job's page, which offers the file
    when it is done. A job already finished (the test suite runs jobs at once) answers with
    the file or its error, as the page would have."""
    resolution_by_code(code)  # an unknown resolution is a 404 now, not a failed job
    key = report_key(code, kind, as_of)
    job = reusable(JobKind.PDF, key, user=request.user)
    if job is None:
        job = submit(JobKind.PDF, user=request.user, params=pdf_params(code, kind, as_of), key=key)
    if job.state == JobState.DONE and job.file is not None:
        return _download(bytes(job.file), job.content_type, job.filename)
    if job.state == JobState.FAILED:
        raise JobFailed(job)  # the Vietnamese page of chitieu.web.errors, with the job's status
    return redirect("jobs:page", pk=job.pk)


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    """GET ?resolution=CODE&kind=quy&as_of=YYYY-MM-DD&format=docx: the report file (the form
    of the reports page)."""
    q = request.GET
    return _report_file(request, q.get("resolution", ""), q.get("kind", ""), q.get("as_of", ""),
                        q.get("format", "docx"))


@login_required
@require_GET
def resolution_report(request: HttpRequest, resolution: str, kind: str, as_of: str, fmt: str) -> HttpResponse:
    """GET /bao-cao/<resolution>/<kind>/<as_of>.<fmt> (name `reports:resolution_report`):
    the same file at a plain address, for the dashboard's download buttons."""
    return _report_file(request, resolution, kind, as_of, fmt)


@login_required
@require_GET
def template(request: HttpRequest) -> HttpResponse:
    """GET ?unit=CODE&period=Q3/2024: the unit's data-entry workbook."""
    unit = Unit.objects.filter(code=request.GET.get("unit", "")).first()
    if unit is None:
        raise NotFound("Không có đơn vị này.")
    if not access.can_enter_figures(request.user, unit):
        raise Forbidden(f"Bạn không có quyền nhập số liệu của {unit.display_name}.")
    data, name = make_template(unit.code, request.GET.get("period", ""))
    return _download(data, XLSX, name)


@login_required
@require_http_methods(["POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """POST a filled template (field "file", optional "dry_run"): import it as the signed-in
    user and show what was written, or every error by sheet, row and column."""
    _require_reader(request)
    # The HTMX form swaps in the partial; a plain form post (no JavaScript) gets a full page.
    page = template_for(request, "reports/import.html", "reports/_import_result.html")
    upload = request.FILES.get("file")
    if upload is None:
        return render(request, page,
                      {"error": DomainError("Chưa chọn tệp.", {"file": "Chọn tệp .xlsx đã điền."})}, status=400)
    if (upload.size or 0) > max_bytes():
        error = DomainError("Tệp quá lớn.", {"tệp": f"Tệp vượt giới hạn {max_bytes() // 1024 // 1024} MB."})
        return render(request, page, {"error": error}, status=413)
    dry_run = bool(request.POST.get("dry_run"))
    if (upload.size or 0) >= settings.JOB_INLINE_BYTES:
        return _import_as_job(request, page, upload.read(), dry_run)
    try:
        result = import_workbook(upload.read(), user=request.user, dry_run=dry_run)
    except DomainError as exc:
        return render(request, page, {"error": exc}, status=exc.status)
    return render(request, page, {"result": result})


def _import_as_job(request: HttpRequest, page: str, data: bytes, dry_run: bool) -> HttpResponse:
    """A large workbook (settings.JOB_INLINE_BYTES and more) is imported by a job: HTMX gets
    the job's status fragment in the result slot (it polls itself), a plain form the job's
    page. A job already finished answers as the page would have."""
    job = submit(JobKind.IMPORT, user=request.user, params={"dry_run": dry_run}, payload=data)
    if job.state == JobState.DONE:
        return render(request, page, {"result": job.result})
    if job.state == JobState.FAILED:
        return render(request, page, {"error": JobFailed(job)}, status=job.status_code or 500)
    if getattr(request, "htmx", False):
        return render(request, "jobs/_status.html", {"job": job})
    return redirect("jobs:page", pk=job.pk)
