"""Pages for reading documents: the list, the paste/upload form, the reading page and its
HTMX partials (one item row: accept, reject, edit), drafts and confirmation.

Views parse input, call one service in chitieu.reading.services and render; access is
checked by the services (Forbidden -> 403) and, for pages that only show, here.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from chitieu.core.choices import Comparator, Decision, DocumentKind, ItemKind, Stage
from chitieu.core.quantities import format_number
from chitieu.errors import DomainError, Forbidden
from chitieu.jobs.models import JobKind, JobState
from chitieu.jobs.services import JobFailed, submit
from chitieu.org import access
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator, Resolution, Target
from chitieu.reading import jobs as reading_jobs
from chitieu.reading import services
from chitieu.reading.access import (
    can_change_reading,
    can_read_documents,
    can_view_reading,
    readings_visible_to,
)
from chitieu.reading.highlight import segment_of, segments
from chitieu.reading.models import DocumentReading, ExtractedItem
from chitieu.reading.sources import ACCEPTED_SUFFIXES, max_bytes
from chitieu.tasks.models import Task


@login_required
def reading_list(request: HttpRequest) -> HttpResponse:
    """The readings the user may open, newest first, with their item counts."""
    if not access.can_read(request.user):
        raise Forbidden("Tài khoản chưa được gán đơn vị và vai trò; liên hệ Văn phòng.")
    readings = readings_visible_to(request.user)[:200]
    return render(request, "reading/list.html", {
        "readings": readings, "can_read_documents": can_read_documents(request.user),
    })


def _form_context(request: HttpRequest, posted=None, errors=None) -> dict:
    manage = access.can_manage(request.user)
    return {
        "posted": posted or {},
        "errors": errors or {},
        "kinds": [k for k in DocumentKind if manage or k == DocumentKind.REPORT],
        "stages": list(Stage),
        "units": access.entry_units(request.user).order_by("path"),
        "resolutions": Resolution.objects.order_by("-issued_on", "code") if manage else [],
        "accept": ",".join(ACCEPTED_SUFFIXES),
        "max_mb": max_bytes() // 1048576,
    }


@login_required
@require_http_methods(["GET", "POST"])
def reading_new(request: HttpRequest) -> HttpResponse:
    """Paste or upload a document, choose what it is and where its drafts go, and read it."""
    if not can_read_documents(request.user):
        raise Forbidden("Chỉ Văn phòng và cán bộ báo cáo của đơn vị được đọc văn bản.")
    if request.method == "GET":
        return render(request, "reading/new.html", _form_context(request))
    post = request.POST
    upload = request.FILES.get("file")
    unit_pk, resolution_pk = post.get("unit", ""), post.get("resolution", "")
    unit = Unit.objects.filter(pk=unit_pk).first() if unit_pk.isdigit() else None
    resolution = Resolution.objects.filter(pk=resolution_pk).first() if resolution_pk.isdigit() else None
    if upload is not None and (upload.size or 0) > max_bytes():
        errors = {"file": f"Tệp lớn {(upload.size or 0) / 1048576:.1f} MB, vượt giới hạn {max_bytes() // 1048576} MB."}
        return render(request, "reading/new.html", _form_context(request, post, errors), status=422)
    source = upload if upload is not None else post.get("text", "")
    stage = post.get("stage") or Stage.ESTIMATE
    size = (upload.size or 0) if upload is not None else len(str(source).encode("utf-8", "surrogatepass"))
    if size >= settings.JOB_INLINE_BYTES:
        return _read_as_job(request, source, unit=unit, resolution=resolution, stage=stage)
    try:
        reading = services.read_document(
            source,  # type: ignore[arg-type]  # an upload is a binary file
            kind=post.get("kind", ""), title=post.get("title", ""), user=request.user,
            filename=(upload.name or "") if upload is not None else "", resolution=resolution, unit=unit,
            period=post.get("period", ""), stage=stage,
        )
    except Forbidden:
        raise  # the one HTML error path shows it (chitieu.web.errors)
    except DomainError as exc:
        errors = exc.errors or {"text": exc.message}
        return render(request, "reading/new.html", _form_context(request, post, errors), status=422)
    messages.success(request, f"Đã đọc «{reading.title}»: {reading.items.count()} mục.")
    return redirect("reading:detail", pk=reading.pk)


def _read_as_job(request: HttpRequest, source, *, unit, resolution, stage) -> HttpResponse:
    """Read a long document (settings.JOB_INLINE_BYTES and more) on the worker: show the job's
    page, which follows its progress and opens the reading when done. A job already finished
    (the test suite runs jobs at once) answers as the page would have."""
    post = request.POST
    is_file = not isinstance(source, str)
    payload = source.read() if is_file else source.encode("utf-8", "surrogatepass")
    params = reading_jobs.params_of(
        kind=post.get("kind", ""), title=post.get("title", ""), filename=(source.name or "") if is_file else "",
        upload=is_file, unit=unit, resolution=resolution, period=post.get("period", ""), stage=stage,
    )
    job = submit(JobKind.READING, user=request.user, params=params, payload=payload)
    if job.state == JobState.DONE:
        messages.success(request, f"Đã đọc «{job.result['title']}»: {job.result['items']} mục.")
        return redirect("reading:detail", pk=job.result["reading"])
    if job.state == JobState.FAILED:
        if job.status_code == 403:
            raise JobFailed(job)  # the one HTML error path shows it (chitieu.web.errors)
        errors = job.errors or {"text": job.message}
        return render(request, "reading/new.html", _form_context(request, post, errors), status=422)
    return redirect("jobs:page", pk=job.pk)


def _reading_for(request: HttpRequest, pk: int) -> DocumentReading:
    reading = get_object_or_404(DocumentReading.objects.select_related("unit", "resolution", "created_by"), pk=pk)
    if not can_view_reading(request.user, reading):
        raise Forbidden("Tài khoản không được xem văn bản này.")
    return reading


def _counts(items) -> dict[str, int]:
    """How many items there are, await a decision, are accepted but not drafted, are drafts.
    `items` are ExtractedItems or (decision, drafted) pairs."""
    pairs = [(i.decision, i.drafted) if isinstance(i, ExtractedItem) else i for i in items]
    return {
        "total": len(pairs),
        "pending": sum(1 for d, _ in pairs if d == Decision.PENDING),
        "kept": sum(1 for d, drafted in pairs if Decision(d).keeps and not drafted),
        "drafted": sum(1 for _, drafted in pairs if drafted),
    }


def _items(reading: DocumentReading) -> list[ExtractedItem]:
    return list(reading.items.select_related("indicator", "target", "observation", "task"))


@login_required
def reading_detail(request: HttpRequest, pk: int, errors: dict | None = None, status: int = 200) -> HttpResponse:
    """The text with each item's words highlighted, the table of items and the draft buttons."""
    reading = _reading_for(request, pk)
    items = _items(reading)
    prefix = {f"mục {i.order}.": i for i in items}
    for item in items:
        item.reading = reading  # rows check access against the reading already loaded
        item.draft_errors = {}  # type: ignore[attr-defined]  # shown by the template beside the item
    for key, message in (errors or {}).items():
        head, dot, name = key.partition(".")
        if dot and f"{head}." in prefix:
            prefix[f"{head}."].draft_errors[name] = message  # type: ignore[attr-defined]
    return render(request, "reading/detail.html", {
        "reading": reading, "items": items, "segments": segments(reading.text, items),
        "can_change": can_change_reading(request.user, reading),
        "can_confirm": access.can_manage(request.user) and any(
            not i.target.confirmed if i.target else not i.task.confirmed for i in items if i.target or i.task  # type: ignore[union-attr]
        ),
        "counts": _counts(items), "errors": list((errors or {}).items()),  # pairs: a key "items" would shadow dict.items
    }, status=status)


def _item_for(request: HttpRequest, pk: int) -> ExtractedItem:
    item = get_object_or_404(
        ExtractedItem.objects.select_related("reading", "reading__unit", "indicator", "target", "observation", "task"),
        pk=pk,
    )
    if not can_change_reading(request.user, item.reading):
        raise Forbidden("Tài khoản không được sửa các mục của văn bản này.")
    return item


def _form_values(item: ExtractedItem, posted=None) -> dict[str, str]:
    """The edit form's values: what was posted (after an error), else the item's, numbers
    written the Vietnamese way so they read back the same."""
    if posted is not None:
        return {name: posted.get(name, "") for name in services.EDITABLE}
    values = {name: getattr(item, name) for name in services.EDITABLE if name != "indicator"}
    for name in ("value", "value_max", "planned"):
        values[name] = "" if values[name] is None else format_number(values[name])
    values["indicator"] = item.indicator.code if item.indicator else ""
    return {k: ("" if v is None else str(v)) for k, v in values.items()}


def _row(request: HttpRequest, item: ExtractedItem, *, editing=False, errors=None, posted=None, status=200):
    """The item's table row (the HTMX swap), with the highlight in the text swapped out of band."""
    siblings = list(item.reading.items.only("id", "start", "end", "decision", "target", "observation", "task"))
    ctx = {
        "counts": _counts(siblings),
        "item": item, "can_change": True, "editing": editing, "errors": errors or {},
        "item_errors": errors or {}, "form": _form_values(item, posted), "oob": getattr(request, "htmx", False),
        "segment": segment_of(item.reading.text, siblings, item),
        "kinds": list(ItemKind), "comparators": list(Comparator),
    }
    if editing:
        ctx["indicators"] = Indicator.objects.only("code", "name", "unit").order_by("name")
    return render(request, "reading/_item_row.html", ctx, status=status)


@login_required
@require_POST
def item_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept, reject or reset one item (POST decision=accept|reject|pending); answers its row."""
    item = _item_for(request, pk)
    try:
        services.decide(item, request.POST.get("decision", ""), user=request.user)
    except Forbidden:
        raise  # the one HTML error path shows it (chitieu.web.errors)
    except DomainError as exc:
        return _row(request, item, errors=exc.errors)
    if not getattr(request, "htmx", False):
        return redirect("reading:detail", pk=item.reading_id)
    return _row(request, item)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the row as an inline form; POST: save the corrections (errors shown in the row)."""
    item = _item_for(request, pk)
    if request.method == "GET":
        return _row(request, item, editing=request.GET.get("huy") is None)
    fields = {name: request.POST.get(name, "") for name in services.EDITABLE if name in request.POST}
    try:
        services.update_item(item, user=request.user, **fields)
    except Forbidden:
        raise  # the one HTML error path shows it (chitieu.web.errors)
    except DomainError as exc:
        # 200 so HTMX swaps the row in with the messages next to the fields.
        return _row(request, item, editing=True, errors=exc.errors, posted=request.POST)
    if not getattr(request, "htmx", False):
        return redirect("reading:detail", pk=item.reading_id)
    return _row(request, item)


@login_required
@require_POST
def decide_all(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept (or reject) every item still pending, then show the reading again."""
    reading = _reading_for(request, pk)
    try:
        n = services.decide_all(reading, request.POST.get("decision", "accept"), user=request.user)
    except Forbidden:
        raise  # the one HTML error path shows it (chitieu.web.errors)
    except DomainError as exc:
        return reading_detail(request, pk, errors=exc.errors, status=422)
    messages.success(request, f"Đã cập nhật {n} mục.")
    return redirect("reading:detail", pk=pk)


@login_required
@require_POST
def create_drafts(request: HttpRequest, pk: int) -> HttpResponse:
    """Create the drafts of every accepted item; on errors nothing is written and they are listed."""
    reading = _reading_for(request, pk)
    try:
        result = services.create_drafts(reading, user=request.user)
    except Forbidden:
        raise  # the one HTML error path shows it (chitieu.web.errors)
    except DomainError as exc:
        return reading_detail(request, pk, errors=exc.errors or {"items": exc.message}, status=422)
    parts = [
        f"{len(result.targets)} chỉ tiêu nháp" if result.targets else "",
        f"{len(result.observations)} số liệu nháp" if result.observations else "",
        f"{len(result.tasks)} nhiệm vụ nháp" if result.tasks else "",
        f"{len(result.proposed_indicators)} chỉ tiêu mới đề xuất vào danh mục" if result.proposed_indicators else "",
    ]
    messages.success(request, "Đã tạo " + ", ".join(p for p in parts if p) + ". Chưa có gì được xác nhận.")
    return redirect("reading:detail", pk=pk)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The office confirms the draft targets and tasks created from this reading (targets
    first: one that fails its checks confirms nothing)."""
    reading = _reading_for(request, pk)
    target_ids = list(reading.items.exclude(target=None).values_list("target_id", flat=True))
    task_ids = list(reading.items.exclude(task=None).values_list("task_id", flat=True))
    try:
        with transaction.atomic():
            n = services.confirm_targets(
                Target.objects.filter(pk__in=target_ids).select_related("indicator"), user=request.user
            )
            m = services.confirm_tasks(Task.objects.filter(pk__in=task_ids), user=request.user)
    except Forbidden:
        raise  # the one HTML error path shows it (chitieu.web.errors)
    except DomainError as exc:
        return reading_detail(request, pk, errors=exc.errors, status=422)
    messages.success(request, f"Đã xác nhận {n} chỉ tiêu, {m} nhiệm vụ.")
    return redirect("reading:detail", pk=pk)
