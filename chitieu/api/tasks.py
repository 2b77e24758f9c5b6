"""Tasks and their progress updates."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils import timezone
from ninja import Router

from chitieu.api.auth import AuthedRequest
from chitieu.api.plans import require_reader
from chitieu.api.schemas import Problem, TaskIn, TaskOut, TaskUpdateIn, TaskUpdateOut
from chitieu.core.choices import TaskStatus
from chitieu.core.tasks import task_status
from chitieu.errors import Invalid, NotFound
from chitieu.setup.tasks import save_task
from chitieu.tasks.models import Task
from chitieu.tasks.progress import add_update

router = Router(tags=["Nhiệm vụ"])


@router.get("/tasks", summary="Danh sách nhiệm vụ", response={200: list[TaskOut], 401: Problem, 403: Problem, 422: Problem})
def list_tasks(
    request: AuthedRequest,
    status: str | None = None,
    unit: str | None = None,
    leader: int | None = None,
    as_of: date | None = None,
):
    """Confirmed tasks with their status at `as_of` (default today). Filters: status,
    unit code (lead or supporting), leader (person id)."""
    require_reader(request)
    as_of = as_of or timezone.localdate()
    wanted = None
    if status:
        try:
            wanted = TaskStatus.parse(status)
        except ValueError as exc:
            raise Invalid("Bộ lọc không hợp lệ.", {"status": str(exc)}) from exc
    qs = Task.objects.filter(confirmed=True).select_related("resolution", "lead_unit", "leader")
    if unit:
        qs = qs.filter(Q(lead_unit__code=unit) | Q(supporting_units__code=unit)).distinct()
    if leader:
        qs = qs.filter(leader_id=leader)
    out = []
    for task in qs.prefetch_related("supporting_units").order_by("deadline", "code"):
        task.api_status = TaskStatus(  # type: ignore[attr-defined]  # read by TaskOut
            task_status(deadline=task.deadline, completed_on=task.completed_on, as_of=as_of)
        )
        if wanted is None or task.api_status == wanted:  # type: ignore[attr-defined]
            out.append(task)
    return out


@router.post("/tasks", summary="Tạo nhiệm vụ (Văn phòng)", response={201: TaskOut, 401: Problem, 403: Problem, 422: Problem})
def create_task(request: AuthedRequest, payload: TaskIn):
    """Create a task with the rules of the set-up page; office only (403 otherwise), errors
    keyed by field (422). Its status is read at today's date."""
    task = save_task(payload.dict(), by=request.auth)
    task = Task.objects.select_related("resolution", "lead_unit", "leader").prefetch_related("supporting_units").get(pk=task.pk)
    task.api_status = TaskStatus(  # type: ignore[attr-defined]  # read by TaskOut
        task_status(deadline=task.deadline, completed_on=task.completed_on, as_of=timezone.localdate())
    )
    return 201, task


@router.post("/tasks/{code}/updates", summary="Cập nhật tiến độ nhiệm vụ", response={201: TaskUpdateOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem})
def post_task_update(request: AuthedRequest, code: str, payload: TaskUpdateIn):
    """Add a progress note (and the new progress, 0-100) to a task of the caller's unit.
    Evidence files are attached on the task's page."""
    require_reader(request)
    task = Task.objects.filter(code=code).prefetch_related("supporting_units").select_related("lead_unit").first()
    if task is None:
        raise NotFound(f"Không có nhiệm vụ «{code}».", {"code": "Không tồn tại."})
    update = add_update(
        task, by=request.auth, note=payload.note, progress=payload.progress, on=timezone.localdate()
    )
    return 201, update
