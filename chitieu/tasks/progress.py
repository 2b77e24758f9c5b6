"""Progress updates on tasks: one service used by the pages (and any other entry point)."""

from __future__ import annotations

from datetime import date
from typing import IO, Any

from django.core.files.base import File
from django.db import transaction

from chitieu.errors import NOTE_MAX_CHARS, Invalid, too_long
from chitieu.org import access
from chitieu.tasks.models import Task, TaskUpdate
from chitieu.uploads import check_evidence


def add_update(
    task: Task,
    *,
    by: Any,
    note: str,
    progress: int | None = None,
    evidence: IO[bytes] | None = None,
    evidence_name: str = "",
    evidence_size: int = 0,
    on: date,
) -> TaskUpdate:
    """Record a progress note (and evidence file) on `task`; return the new TaskUpdate.

    `progress` (0-100) also becomes the task's progress; 100 marks the task completed `on`
    unless it already was. Raises Forbidden (user may not update this task) or Invalid with
    errors keyed by `note`, `progress`, `evidence`; nothing is written then.
    """
    access.require(access.can_edit_task(by, task), "Bạn không có quyền cập nhật nhiệm vụ này.")
    errors: dict[str, str] = {}
    note = (note or "").strip()
    if not note:
        errors["note"] = "Nhập nội dung cập nhật."
    elif too_long(note, NOTE_MAX_CHARS):
        errors["note"] = too_long(note, NOTE_MAX_CHARS) or ""
    if progress is not None and not 0 <= progress <= 100:
        errors["progress"] = f"Tiến độ {progress}% phải trong khoảng 0-100%."
    if evidence is not None:
        problem = check_evidence(evidence_name, evidence_size, evidence)
        if problem:
            errors["evidence"] = problem
    if errors:
        raise Invalid("Cập nhật nhiệm vụ không hợp lệ.", errors)
    with transaction.atomic():
        update = TaskUpdate(task=task, note=note, progress=progress, created_by=by)
        if evidence is not None:
            update.evidence.save(evidence_name, File(evidence, name=evidence_name), save=False)
        update.save()
        if progress is not None:
            task.progress = progress
            fields = ["progress"]
            if progress == 100 and task.completed_on is None:
                task.completed_on = on
                fields.append("completed_on")
            task._change_reason = f"Cập nhật tiến độ: {note[:200]}"  # type: ignore[attr-defined]  # read by simple_history
            task.save(update_fields=fields)
    return update
