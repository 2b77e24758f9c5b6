"""What a person asked to be done off the request, and what came of it.

The queue itself belongs to the Tasks framework (django_tasks_db's table); a `Job` is the
record the pages read: who asked (only they see it), what kind of work, its input, its
progress, and its result or its Vietnamese error.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class JobKind(models.TextChoices):
    """The kinds of long work; `handler` names the function that does it (services.run)."""

    READING = "reading", "Đọc văn bản"
    PDF = "pdf", "Báo cáo PDF"
    IMPORT = "import", "Nhập biểu Excel"

    @property
    def handler(self) -> str:
        # Dotted paths, imported when the job runs: the apps that own the work import this
        # app, never the reverse (the layer rules in pyproject.toml).
        return {
            JobKind.READING: "chitieu.reading.jobs.read",
            JobKind.PDF: "chitieu.reports.jobs.build_pdf",
            JobKind.IMPORT: "chitieu.reports.jobs.import_file",
        }[self]


class JobState(models.TextChoices):
    QUEUED = "queued", "Đang chờ xử lý…"
    RUNNING = "running", "Đang xử lý…"
    DONE = "done", "Xong"
    FAILED = "failed", "Không thành công"

    @property
    def finished(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED)


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField("Loại việc", max_length=10, choices=JobKind.choices)
    state = models.CharField("Trạng thái", max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Người yêu cầu", on_delete=models.CASCADE, related_name="+"
    )
    params = models.JSONField("Tham số", default=dict, blank=True)
    # The pasted text (UTF-8) or the uploaded file; emptied once the job has run.
    payload = models.BinaryField("Dữ liệu gửi lên", default=b"", blank=True)
    # What a produced file depends on (reports: the review's data version); equal keys, equal files.
    key = models.CharField("Khóa kết quả", max_length=64, blank=True, db_index=True)
    stage = models.CharField("Bước", max_length=100, blank=True)
    done = models.PositiveIntegerField("Đã xong", default=0)
    total = models.PositiveIntegerField("Tổng", default=0)
    result = models.JSONField("Kết quả", default=dict, blank=True)
    file = models.BinaryField("Tệp kết quả", null=True, blank=True)
    filename = models.CharField("Tên tệp", max_length=255, blank=True)
    content_type = models.CharField("Kiểu tệp", max_length=100, blank=True)
    status_code = models.PositiveSmallIntegerField("Mã lỗi", null=True, blank=True)
    message = models.TextField("Thông báo", blank=True)
    errors = models.JSONField("Lỗi chi tiết", default=dict, blank=True)
    task_id = models.CharField("Mã việc trong hàng đợi", max_length=64, blank=True)
    created_at = models.DateTimeField("Yêu cầu lúc", auto_now_add=True)
    started_at = models.DateTimeField("Bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("Xong lúc", null=True, blank=True)

    class Meta:
        verbose_name = "Việc chạy nền"
        verbose_name_plural = "Việc chạy nền"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "key", "state"], name="job_kind_key_state")]

    def __str__(self) -> str:
        return f"{JobKind(self.kind).label} ({JobState(self.state).label})"

    @property
    def state_choice(self) -> JobState:
        return JobState(self.state)

    @property
    def finished(self) -> bool:
        return self.state_choice.finished

    @property
    def percent(self) -> int | None:
        """How far the current stage is, 0-100, or None when it is not counted."""
        return min(100, round(100 * self.done / self.total)) if self.total else None

    @property
    def seconds(self) -> float | None:
        """How long the work ran, in seconds, once it has finished."""
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()
