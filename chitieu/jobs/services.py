"""Submit a job, run it (in the worker), and find it for the person who asked.

`submit` stores the job and hands its id to the Tasks framework (`tasks.run_job`); the
worker (`chitieu db_worker`) calls `run`, which calls the kind's handler (`JobKind.handler`)
with the job and a progress callback. A handler does its work through the same service the
page would call, as the person who asked (the service checks their access), and returns
the result: a dict for `Job.result`, or a `JobFile` for a download. A domain error becomes
the job's Vietnamese message and status; any other error a generic Vietnamese message (the
traceback goes to the log).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from chitieu.errors import DomainError, NotFound
from chitieu.jobs.models import Job, JobKind, JobState

logger = logging.getLogger(__name__)

#: The message of a job that failed for a reason the code did not foresee.
UNEXPECTED = ("Máy chủ gặp lỗi khi xử lý; chưa có gì được ghi. Xin thử lại, nếu vẫn lỗi hãy báo Văn phòng.")

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class JobFile:
    """A file a job produced: kept on the job, downloaded by the person who asked."""

    data: bytes
    filename: str
    content_type: str


class JobFailed(DomainError):
    """A finished job's error, raised again where the page shows errors (status kept)."""

    def __init__(self, job: Job):
        super().__init__(job.message or UNEXPECTED, job.errors or {})
        self.status = job.status_code or 500


def submit(kind: JobKind, *, user: Any, params: dict | None = None, payload: bytes = b"", key: str = "") -> Job:
    """Store a job for `user` and queue it; return it as it stands after queueing (with the
    immediate backend of the test suite, already finished). Call it outside a transaction,
    so the worker sees the job it is handed."""
    from chitieu.jobs.tasks import run_job

    job = Job.objects.create(kind=kind, requested_by=user, params=params or {}, payload=payload, key=key)
    queued = run_job.enqueue(str(job.pk))
    Job.objects.filter(pk=job.pk).update(task_id=str(queued.id)[:64])
    job.refresh_from_db()
    return job


def _progress(job: Job) -> Progress:
    def report(stage: str, done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(stage=stage[:100], done=max(0, done), total=max(0, total))
    return report


def run(job_id: str | UUID) -> str:
    """Run the queued job `job_id` once (the worker's entry point); return its final state.
    A job that is not queued (already run, or unknown) is left alone."""
    job = Job.objects.select_related("requested_by").filter(pk=job_id, state=JobState.QUEUED).first()
    if job is None:
        return "missing"
    started = timezone.now()
    if not Job.objects.filter(pk=job.pk, state=JobState.QUEUED).update(state=JobState.RUNNING, started_at=started):
        return "taken"
    job.state, job.started_at = JobState.RUNNING, started
    fields: dict[str, Any] = {"payload": b""}
    try:
        handler = import_string(JobKind(job.kind).handler)
        outcome = handler(job, _progress(job))
    except DomainError as exc:
        fields.update(state=JobState.FAILED, status_code=exc.status, message=exc.message, errors=exc.errors)
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        fields.update(state=JobState.FAILED, status_code=500, message=UNEXPECTED)
    else:
        fields["state"] = JobState.DONE
        if isinstance(outcome, JobFile):
            fields.update(file=outcome.data, filename=outcome.filename, content_type=outcome.content_type)
        else:
            fields["result"] = outcome or {}
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now(), **fields)
    return str(fields["state"])


def job_for(user: Any, job_id: str | UUID) -> Job:
    """Return the job `job_id` when `user` asked for it; raise NotFound otherwise (another
    person's job does not exist for them)."""
    try:
        found = Job.objects.filter(pk=UUID(str(job_id)), requested_by_id=getattr(user, "pk", None)).first()
    except ValueError:
        found = None
    if found is None:
        raise NotFound("Không có việc này, hoặc việc không phải của tài khoản đang đăng nhập.")
    return found


def reusable(kind: JobKind, key: str, *, user: Any) -> Job | None:
    """A finished file of `kind` with the same `key` (anyone's: equal keys, equal files), else
    `user`'s own job with that key still queued or running, else None."""
    done = Job.objects.filter(kind=kind, key=key, state=JobState.DONE).exclude(file=None).order_by("-finished_at")
    found = done.first()
    if found is not None:
        return found
    pending = Q(state=JobState.QUEUED) | Q(state=JobState.RUNNING)
    return Job.objects.filter(pending, kind=kind, key=key, requested_by_id=user.pk).order_by("-created_at").first()
