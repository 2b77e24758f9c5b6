"""A job's page, its status fragment (polled by HTMX until the job has finished) and the file
it produced. Only the person who asked sees them (404 for anyone else, as if the job did not
exist); the file also needs the right to read reports still."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from chitieu.errors import Forbidden, NotFound
from chitieu.jobs.models import Job, JobKind, JobState
from chitieu.jobs.services import JobFailed, job_for
from chitieu.org import access


def _context(job: Job) -> dict:
    return {"job": job, "kind": JobKind(job.kind), "error": JobFailed(job) if job.state == JobState.FAILED else None}


@login_required
@require_GET
def job_page(request: HttpRequest, pk: str) -> HttpResponse:
    """The job's page: what was asked, its progress, and its result once done."""
    job = job_for(request.user, pk)
    return render(request, "jobs/job.html", _context(job))


@login_required
@require_GET
def job_status(request: HttpRequest, pk: str) -> HttpResponse:
    """The status fragment; a finished reading sends the browser on to the reading."""
    job = job_for(request.user, pk)
    response = render(request, "jobs/_status.html", _context(job))
    if job.state == JobState.DONE and job.kind == JobKind.READING and getattr(request, "htmx", False):
        response["HX-Redirect"] = reverse("reading:detail", kwargs={"pk": job.result["reading"]})
    return response


@login_required
@require_GET
def job_file(request: HttpRequest, pk: str) -> HttpResponse:
    """The file a finished job produced (a PDF report)."""
    job = job_for(request.user, pk)
    if not access.can_read(request.user):
        raise Forbidden("Tài khoản chưa được gán đơn vị và vai trò; liên hệ Văn phòng.")
    if job.state != JobState.DONE or job.file is None:
        raise NotFound("Việc này chưa xong hoặc không tạo tệp nào.")
    return download(bytes(job.file), job.content_type, job.filename)


def download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    """A response that downloads `data` as `filename`."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
