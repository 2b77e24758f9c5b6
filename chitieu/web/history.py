"""Reading django-simple-history: which records are tracked, and what changed between versions.

Named queries for the history pages; no view logic here.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q

from chitieu.core.quantities import format_number

#: Tracked models by the key used in URLs ("observation" -> monitoring.Observation).
TRACKED = {
    "observation": "monitoring.Observation",
    "periodlock": "monitoring.PeriodLock",
    "target": "plans.Target",
    "targetscenario": "plans.TargetScenario",
    "indicator": "plans.Indicator",
    "resolution": "plans.Resolution",
    "term": "plans.Term",
    "task": "tasks.Task",
    "taskupdate": "tasks.TaskUpdate",
    "unit": "org.Unit",
    "person": "org.Person",
    "account": "org.Account",
}

HISTORY_TYPES = {"+": "Tạo mới", "~": "Sửa", "-": "Xóa"}

#: Vietnamese labels for the tracked fields whose model gives only Django's default
#: verbose_name (the field name in English); the models' own labels win everywhere else.
FIELD_LABELS = {
    "period_start": "Ngày bắt đầu kỳ",
    "period_end": "Ngày kết thúc kỳ",
    "locked_at": "Thời điểm khóa",
    "locked_by": "Người khóa",
    "created_at": "Thời điểm tạo",
    "created_by": "Người tạo",
    "task": "Nhiệm vụ",
    "user": "Tài khoản đăng nhập",
}
_SKIP = {"id", "history_id", "history_date", "history_change_reason", "history_type",
         "history_user", "history_relation", "path", "updated_at"}


def record_label(rec: Any) -> str:
    """Return a short label for a (historical) record without touching related rows."""
    for attr in ("code", "title", "full_name", "name"):
        value = getattr(rec, attr, None)
        if value:
            return str(value)[:80]
    if hasattr(rec, "value") and hasattr(rec, "period"):
        return f"#{rec.id} · kỳ {rec.period} · {format_number(rec.value)}"
    if hasattr(rec, "note"):
        return f"#{rec.id} · {rec.note[:60]}"
    return f"#{rec.id}"


def tracked_model(key: str) -> type[models.Model] | None:
    """Return the model class for a URL key, or None when the key is not a tracked model."""
    label = TRACKED.get(key)
    return apps.get_model(label) if label else None


@dataclass
class Change:
    field: str
    label: str
    old: Any
    new: Any


@dataclass
class Version:
    """One historical record with its changes against the previous one (all fields if first)."""

    record: Any
    kind: str
    changes: list[Change] = field(default_factory=list)

    @property
    def who(self) -> str:
        u = self.record.history_user
        return (u.get_full_name() or u.get_username()) if u else "(hệ thống)"


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.attname not in _SKIP and f.name not in _SKIP]


def field_label(f: models.Field) -> str:
    """The field's Vietnamese name: its verbose_name, or FIELD_LABELS when the model left
    Django's English default; capitalised."""
    label = str(f.verbose_name)
    if label == f.name.replace("_", " ") and f.name in FIELD_LABELS:
        label = FIELD_LABELS[f.name]
    return label[:1].upper() + label[1:]


def _name_of(obj: Any) -> str:
    """A related record's name: a user's full name, a unit's display name, a person's or an
    indicator's name, a resolution's number, else its label."""
    if hasattr(obj, "get_full_name"):
        return obj.get_full_name() or obj.get_username()
    for attr in ("display_name", "full_name", "name", "number", "title"):
        value = getattr(obj, attr, None)
        if value:
            return str(value)
    return record_label(obj)


Names = dict[tuple[type, Any], str]


def related_names(model: type[models.Model], records: list[Any]) -> Names:
    """Return {(related model, id): name} for every foreign key value in `records`: one query
    per related model, whatever the number of versions. Deleted targets are left out."""
    wanted: dict[type, set] = {}
    for f in _fields(model):
        if f.is_relation and f.related_model is not None:
            ids = {getattr(r, f.attname) for r in records} - {None}
            if ids:
                wanted.setdefault(f.related_model, set()).update(ids)
    names: Names = {}
    for related, ids in wanted.items():
        for pk, obj in related._default_manager.in_bulk(list(ids)).items():  # type: ignore[attr-defined]
            names[(related, pk)] = _name_of(obj)
    return names


def _display(f: models.Field, value: Any, names: Names | None = None) -> Any:
    if value is None or value == "":
        return "—"
    if f.is_relation and f.related_model is not None:
        return (names or {}).get((f.related_model, value), f"#{value} (đã xóa)")
    if f.choices:
        return dict(f.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return format_number(value)
    return value


def diff(model: type[models.Model], old: Any | None, new: Any, names: Names | None = None) -> list[Change]:
    """Return the fields whose value differs between two historical records of `model`.

    With `old` None (the record's creation) every non-empty field is listed as new.
    Foreign keys compare by id and show the related record's name from `names` (see
    related_names; "#id (đã xóa)" when it is gone); choice fields show their Vietnamese
    label; labels come from field_label.
    """
    changes = []
    for f in _fields(model):
        before = getattr(old, f.attname) if old is not None else None
        after = getattr(new, f.attname)
        if before != after and not (old is None and after in (None, "")):
            changes.append(Change(f.name, field_label(f), _display(f, before, names), _display(f, after, names)))
    return changes


def versions_of(model: type[models.Model], pk: int) -> list[Version]:
    """Return every version of record `pk`, newest first, each with its diff to the one before.

    Works for deleted records too (their history stays). Queries: the versions, then one
    per kind of related record (unit, indicator, user...).
    """
    versions = model.history  # type: ignore[attr-defined]  # simple_history's manager
    records = list(versions.filter(id=pk).select_related("history_user").order_by("history_date", "history_id"))
    names = related_names(model, records)
    out = []
    previous = None
    for rec in records:
        out.append(Version(rec, HISTORY_TYPES.get(rec.history_type, rec.history_type), diff(model, previous, rec, names)))
        previous = rec
    out.reverse()
    return out


@dataclass
class RecentChange:
    key: str
    model_label: str
    record: Any

    @property
    def who(self) -> str:
        u = self.record.history_user
        return (u.get_full_name() or u.get_username()) if u else "(hệ thống)"

    @property
    def label(self) -> str:
        return record_label(self.record)

    @property
    def kind(self) -> str:
        return HISTORY_TYPES.get(self.record.history_type, self.record.history_type)


def recent_changes(limit: int = 100, key: str | None = None, *, keys: Iterable[str] | None = None,
                   observations: Q | None = None) -> list[RecentChange]:
    """Return the latest `limit` changes across tracked models (or only `key`), newest first.

    `keys` narrows the models (default: all tracked); `observations` filters the figures'
    versions (e.g. approved ones, for readers who may not see drafts). One query per
    tracked model, each capped at `limit`, merged by time.
    """
    allowed = set(TRACKED if keys is None else keys)
    streams = []
    for k, label in TRACKED.items():
        if (key and k != key) or k not in allowed:
            continue
        model = apps.get_model(label)
        rows = model.history.select_related("history_user").order_by("-history_date")
        if k == "observation" and observations is not None:
            rows = rows.filter(observations)
        verbose = str(model._meta.verbose_name)
        streams.append([RecentChange(k, verbose, r) for r in rows[:limit]])
    merged = heapq.merge(*streams, key=lambda c: c.record.history_date, reverse=True)
    return [c for _, c in zip(range(limit), merged, strict=False)]
