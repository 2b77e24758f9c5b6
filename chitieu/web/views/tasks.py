"""Tasks: a list and a board by status (overdue first), filters, and progress updates."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from chitieu.core.choices import TaskStatus
from chitieu.core.tasks import task_status
from chitieu.errors import Forbidden, Invalid, NotFound
from chitieu.org import access
from chitieu.org.models import Person, Unit
from chitieu.tasks.models import Task
from chitieu.tasks.progress import add_update
from chitieu.web.views.common import parse_date, require, require_reader, template_for

#: Statuses in the order the list and board show them: what needs attention first.
ORDER = [TaskStatus.OVERDUE, TaskStatus.IN_PROGRESS, TaskStatus.NO_DEADLINE, TaskStatus.DONE_LATE, TaskStatus.DONE_ON_TIME]


def status_of(task: Task, as_of) -> TaskStatus:
    return TaskStatus(task_status(deadline=task.deadline, completed_on=task.completed_on, as_of=as_of))


def tasks_matching(*, unit_id: int | None, leader_id: int | None):
    """Return confirmed tasks (with lead unit and leader) filtered by lead/supporting unit and leader."""
    qs = Task.objects.filter(confirmed=True).select_related("lead_unit", "leader", "resolution")
    if unit_id:
        qs = qs.filter(lead_unit_id=unit_id) | qs.filter(supporting_units__id=unit_id)
        qs = qs.distinct()
    if leader_id:
        qs = qs.filter(leader_id=leader_id)
    return qs


def _int(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    """List (default) or board (?xem=bang) of tasks at ?as_of, overdue first; HTMX swaps the results."""
    require_reader(request)
    as_of = parse_date(request.GET.get("as_of"), timezone.localdate())
    unit_id, leader_id = _int(request.GET.get("don_vi")), _int(request.GET.get("phu_trach"))
    view = "bang" if request.GET.get("xem") == "bang" else "danh-sach"
    rows = [(t, status_of(t, as_of)) for t in tasks_matching(unit_id=unit_id, leader_id=leader_id)]
    rank = {s: i for i, s in enumerate(ORDER)}
    rows.sort(key=lambda r: (rank[r[1]], r[0].deadline is None, r[0].deadline or as_of, r[0].code))
    columns = defaultdict(list)
    for t, s in rows:
        columns[s].append(t)
    ctx = {
        "rows": rows,
        "board": [(s, columns[s]) for s in ORDER],
        "counts": [(s, len(columns[s])) for s in ORDER if columns[s]],
        "as_of": as_of,
        "view": view,
        "units": Unit.objects.filter(active=True).only("id", "name", "short_name", "path"),
        "leaders": Person.objects.filter(task__isnull=False).distinct().only("id", "full_name", "title"),
        "unit_id": unit_id,
        "leader_id": leader_id,
    }
    return render(request, template_for(request, "web/tasks.html", "web/_tasks_results.html"), ctx)


@login_required
def task_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One task: its status, clause, updates with evidence, and the update form for its units."""
    require_reader(request)
    task = get_object_or_404(Task.objects.select_related("lead_unit", "leader", "resolution"), code=code)
    if not task.confirmed and not access.can_manage(request.user):
        # A task read from a document stays the office's draft until confirmed.
        raise NotFound(f"Không có nhiệm vụ mã «{code}».")
    as_of = timezone.localdate()
    return render(request, "web/task_detail.html", {
        "task": task,
        "status": status_of(task, as_of),
        "updates": task.updates.select_related("created_by").all(),
        "supporting": task.supporting_units.all(),
        "can_edit": access.can_edit_task(request.user, task),
        "errors": {},
    })


@login_required
@require_POST
def task_update(request: HttpRequest, code: str) -> HttpResponse:
    """Post a progress note with an optional evidence file; errors come back next to the fields."""
    require_reader(request)
    task = get_object_or_404(Task.objects.select_related("lead_unit", "leader", "resolution"), code=code)
    if not task.confirmed and not access.can_manage(request.user):
        raise NotFound(f"Không có nhiệm vụ mã «{code}».")
    require(access.can_edit_task(request.user, task), "Bạn không có quyền cập nhật nhiệm vụ này.")
    upload = request.FILES.get("evidence")
    raw_progress = request.POST.get("progress", "").strip()
    errors: dict[str, str] = {}
    progress = None
    if raw_progress:
        try:
            progress = int(raw_progress)
        except ValueError:
            errors["progress"] = f"Tiến độ «{raw_progress}» phải là số nguyên từ 0 đến 100."
    if not errors:
        try:
            add_update(
                task, by=request.user, note=request.POST.get("note", ""), progress=progress,
                evidence=upload.file if upload else None,
                evidence_name=(upload.name or "") if upload else "", evidence_size=(upload.size or 0) if upload else 0,
                on=timezone.localdate(),
            )
        except Invalid as exc:
            errors = exc.errors
        except Forbidden as exc:
            require(False, exc.message)
    if not errors:
        messages.success(request, "Đã lưu cập nhật nhiệm vụ.")
        return redirect("web:task", code=task.code)
    return render(request, "web/task_detail.html", {
        "task": task,
        "status": status_of(task, timezone.localdate()),
        "updates": task.updates.select_related("created_by").all(),
        "supporting": task.supporting_units.all(),
        "can_edit": True,
        "errors": errors,
        "posted": request.POST,
    }, status=422)


@login_required
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """Download an evidence file; media are not served publicly, only through this check."""
    from django.http import FileResponse

    from chitieu.tasks.models import TaskUpdate

    require_reader(request)
    update = get_object_or_404(TaskUpdate, pk=pk)
    if not update.evidence:
        raise NotFound("Không có tài liệu.")
    try:
        handle = update.evidence.open("rb")
    except FileNotFoundError as exc:
        raise NotFound("Tệp không còn trên máy chủ.") from exc
    name = (update.evidence.name or "").rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=name)  # type: ignore[return-value]  # streamed
