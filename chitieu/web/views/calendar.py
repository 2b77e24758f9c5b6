"""The reporting calendar in the pages: what each reporter's units owe and by when (the page
and the panel on the entry grid), and the reminders received or, for the office, sent."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from chitieu.core.choices import PeriodKind, Role
from chitieu.core.deadlines import DueStatus
from chitieu.monitoring.calendar import DueItem, due_items, open_items
from chitieu.org import access
from chitieu.org.models import Unit
from chitieu.reminders.models import Reminder
from chitieu.reminders.services import reminders_of
from chitieu.web.views.common import parse_date, require, require_reader

PAGE_SIZE = 300
#: Periods the entry grid shows as columns; a half-year opens the year's quarters.
GRID_KINDS = {PeriodKind.MONTH: "month", PeriodKind.QUARTER: "quarter", PeriodKind.YEAR: "year"}


def calendar_units(user: Any) -> QuerySet[Unit] | None:
    """The units whose calendar `user` may see: None (every unit) for the office and leaders,
    a reporter's own unit and its sub-units; refuses viewers and outsiders (403)."""
    role = access.role_of(user)
    require(role in (Role.OFFICE_ADMIN, Role.LEADER, Role.REPORTER),
            "Lịch báo cáo dành cho cán bộ báo cáo, lãnh đạo và Văn phòng.")
    return None if role in (Role.OFFICE_ADMIN, Role.LEADER) else access.entry_units(user)


def entry_link(item: DueItem) -> str:
    """The entry grid showing `item`'s cell."""
    kind = GRID_KINDS.get(item.period.kind, "quarter")
    return f"/nhap-so-lieu/?don_vi={item.unit.pk}&nam={item.period.start.year}&ky={kind}"


def due_panel(user: Any, units: QuerySet[Unit] | None, as_of: date, *, limit: int = 8) -> dict:
    """The context of the due panel (web/_due_panel.html): the open items of `units` at
    `as_of` (overdue first, the first `limit`), their counts and the user's latest reminders."""
    items = due_items(as_of, units=units)
    owed = open_items(items)
    return {
        "as_of": as_of,
        "owed": [(i, entry_link(i)) for i in owed[:limit]],
        "owed_more": max(0, len(owed) - limit),
        "overdue_count": sum(1 for i in owed if i.status == DueStatus.OVERDUE),
        "due_count": sum(1 for i in owed if i.status == DueStatus.DUE),
        "reported_count": len(items) - len(owed),
        "reminders": reminders_of(user),
        "rule": settings.REPORT_CALENDAR.describe(),
    }


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    """/nhap-so-lieu/lich/?ngay=YYYY-MM-DD: the figures owed around that day (default today)
    by the units the user may see; for the office, also the reminders sent."""
    require_reader(request)
    units = calendar_units(request.user)
    as_of = parse_date(request.GET.get("ngay"), timezone.localdate())  # a bad day: Vietnamese 400
    code = (request.GET.get("don_vi") or "").strip()
    if code:
        unit = Unit.objects.filter(code=code).first()
        require(unit is not None and (units is None or units.filter(pk=unit.pk).exists()),
                f"Bạn không được xem lịch báo cáo của đơn vị «{code}».")
        assert unit is not None
        units = unit.subtree()
    items = due_items(as_of, units=units)
    owed = open_items(items)
    sent: list[Reminder] = []
    if access.can_manage(request.user):
        sent = list(Reminder.objects.select_related("user", "unit").order_by("-as_of", "-id")[:50])
    return render(request, "web/calendar.html", {
        "as_of": as_of, "code": code,
        "rows": [(i, entry_link(i)) for i in owed[:PAGE_SIZE]], "owed_total": len(owed),
        "reported_count": len(items) - len(owed),
        "overdue_count": sum(1 for i in owed if i.status == DueStatus.OVERDUE),
        "due_count": sum(1 for i in owed if i.status == DueStatus.DUE),
        "page_size": PAGE_SIZE, "rule": settings.REPORT_CALENDAR.describe(),
        "received": reminders_of(request.user, limit=20), "sent": sent,
    })
