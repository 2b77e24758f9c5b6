"""Reading a long document as a job (chitieu.jobs): the reading page submits it, the worker
reads it through `services.read_document` as the person who asked."""

from __future__ import annotations

from typing import Any

from chitieu.jobs.models import Job
from chitieu.org.models import Unit
from chitieu.plans.models import Resolution
from chitieu.reading import services


def params_of(*, kind: str, title: str, filename: str, upload: bool, unit: Unit | None,
              resolution: Resolution | None, period: str, stage: str) -> dict[str, Any]:
    """The job's parameters: what the reading form posted, by primary key."""
    return {"kind": kind, "title": title, "filename": filename, "upload": upload,
            "unit": unit.pk if unit else None, "resolution": resolution.pk if resolution else None,
            "period": period, "stage": stage}


def read(job: Job, progress) -> dict[str, Any]:
    """Read the job's document (its payload: the file, or the pasted text in UTF-8); return
    {"reading": pk, "title": ..., "items": n}. Raises what read_document raises."""
    p = job.params
    progress("Đọc văn bản, tách các mục", 0, 0)
    data = bytes(job.payload)
    source: str | bytes = data if p.get("upload") else data.decode("utf-8", "surrogatepass")
    reading = services.read_document(
        source, kind=p.get("kind", ""), title=p.get("title", ""), user=job.requested_by,
        filename=p.get("filename", ""),
        resolution=Resolution.objects.filter(pk=p["resolution"]).first() if p.get("resolution") else None,
        unit=Unit.objects.filter(pk=p["unit"]).first() if p.get("unit") else None,
        period=p.get("period", ""), stage=p.get("stage", ""),
    )
    return {"reading": reading.pk, "title": reading.title, "items": reading.items.count()}
