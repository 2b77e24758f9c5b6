"""Who may read documents into drafts, and see or change a reading.

Built on `chitieu.org.access`:

- office admins read resolutions (draft targets and tasks) and reports of any unit, and see
  and change every reading;
- reporters read reports of their own unit (or a sub-unit) into draft figures of that unit,
  and see and change only those readings;
- leaders see every reading but change none; viewers and outsiders neither.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from chitieu.core.choices import DocumentKind, Role
from chitieu.org import access
from chitieu.org.models import Unit
from chitieu.reading.models import DocumentReading


def can_read_documents(user: Any) -> bool:
    """True when the user may start a reading at all (office admins and reporters)."""
    return access.can_manage(user) or access.role_of(user) == Role.REPORTER


def can_read_into(user: Any, kind: DocumentKind, unit: Unit | None) -> bool:
    """True when the user may read a document of `kind` whose drafts go to `unit`:
    resolutions only for office admins; reports for anyone who may enter `unit`'s figures."""
    if access.can_manage(user):
        return True
    if kind != DocumentKind.REPORT or unit is None:
        return False
    return access.can_enter_figures(user, unit)


def readings_visible_to(user: Any) -> QuerySet[DocumentReading]:
    """Return the readings the user may open: all for office admins and leaders, the report
    readings of their unit's subtree for reporters, none for others."""
    qs = DocumentReading.objects.select_related("unit", "resolution", "created_by")
    role = access.role_of(user)
    if role in (Role.OFFICE_ADMIN, Role.LEADER):
        return qs
    account = access.account_of(user)
    if role == Role.REPORTER and account is not None:
        home = account.unit
        return qs.filter(kind=DocumentKind.REPORT, unit__path__startswith=home.path)
    return qs.none()


def can_view_reading(user: Any, reading: DocumentReading) -> bool:
    """True when the user may open `reading` (see `readings_visible_to`)."""
    role = access.role_of(user)
    if role in (Role.OFFICE_ADMIN, Role.LEADER):
        return True
    return can_change_reading(user, reading)


def can_change_reading(user: Any, reading: DocumentReading) -> bool:
    """True when the user may edit, accept or reject the reading's items and create its drafts."""
    return can_read_into(user, DocumentKind(reading.kind), reading.unit)
