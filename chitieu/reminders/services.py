"""Reminders: tell each reporter, once per deadline, which of their units' figures are owed.

Who: every active reporter account; a reporter answers for their unit's subtree (the same
rights as entry, chitieu.org.access.entry_units), so a commune's reporter is told of the
commune's figures only. When: a reminder for a deadline goes out on a day within the rule's
notice window around it (chitieu.core.deadlines.DeadlineRule.reminds_on), while a figure is
still owed. How: it is logged (chitieu.reminders.models.Reminder, shown in the app) and mailed
through Django's mail settings. Once: the log is unique per person and due date; a mail the
server did not accept is retried by the next run, one the server accepted never again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from chitieu.core.choices import Role
from chitieu.core.deadlines import DeadlineRule, DueStatus
from chitieu.monitoring.calendar import DueItem, due_items
from chitieu.org.models import Account
from chitieu.reminders.models import Reminder


@dataclass
class Pending:
    """The reminder one person is owed for one deadline."""

    account: Account
    due_on: date
    items: list[DueItem] = field(default_factory=list)


@dataclass
class Outcome:
    """What a run did for one reminder: sent (mailed, or in the app only) or failed."""

    reminder: Reminder
    emailed: bool
    error: str = ""


def _person(account: Account) -> str:
    user = account.user
    return user.get_full_name() or user.get_username()


def pending_reminders(as_of: date, *, rule: DeadlineRule | None = None) -> list[Pending]:
    """The reminders due on `as_of`: per active reporter and deadline within the notice window,
    the figures of their units still owed; already sent ones included (send_reminders skips
    them). Three queries: the accounts, the assignments and the figures."""
    rule = rule or settings.REPORT_CALENDAR
    window = timedelta(days=rule.notice_days)
    owed = [i for i in due_items(as_of, rule=rule, since=as_of - window, until=as_of + window)
            if i.status != DueStatus.REPORTED and rule.reminds_on(i.due_on, as_of)]
    if not owed:
        return []
    accounts = Account.objects.filter(role=Role.REPORTER, user__is_active=True).select_related("user", "unit")
    out: list[Pending] = []
    for account in accounts.order_by("unit__path", "user__username"):
        mine: dict[date, list[DueItem]] = defaultdict(list)
        for item in owed:
            if item.unit.is_within(account.unit):
                mine[item.due_on].append(item)
        out.extend(Pending(account, due, items) for due, items in sorted(mine.items()))
    return out


def compose(pending: Pending, as_of: date) -> tuple[str, str]:
    """The subject and body (Vietnamese) of a reminder."""
    unit = pending.account.unit.display_name
    n = len(pending.items)
    days = (pending.due_on - as_of).days
    due = f"{pending.due_on:%d/%m/%Y}"
    if days < 0:
        when, head = f"đã quá hạn {-days} ngày", "Quá hạn báo cáo"
    elif days == 0:
        when, head = "hôm nay là hạn cuối", "Hạn báo cáo hôm nay"
    else:
        when, head = f"còn {days} ngày", "Sắp đến hạn báo cáo"
    lines = [
        f"Kính gửi {_person(pending.account)},",
        "",
        f"{unit} còn {n} số liệu chưa gửi, hạn báo cáo ngày {due} ({when}):",
        *(f"- {i.indicator.short_name or i.indicator.name}, {i.period.label}, {i.unit.display_name}"
          for i in pending.items),
        "",
        "Vào mục «Nhập số liệu» của chitieu (/nhap-so-lieu/) để nhập và gửi duyệt.",
        "Thư do chitieu gửi tự động, mỗi hạn báo cáo một lần.",
    ]
    return f"[chitieu] {head} {due}: {unit} còn {n} số liệu", "\n".join(lines)


def send_reminders(as_of: date, *, rule: DeadlineRule | None = None, connection: Any = None) -> list[Outcome]:
    """Log and mail the reminders due on `as_of` (see the module's docstring); return what was
    done, one Outcome per reminder sent or failed now (none for those sent before). Each
    reminder is its own transaction, its row locked while its mail is handed over, so two runs
    at once send it once. `connection` defaults to Django's configured mail backend."""
    pending = pending_reminders(as_of, rule=rule)
    if not pending:
        return []
    connection = connection or get_connection()
    outcomes = []
    for p in pending:
        outcome = _send_one(p, as_of, connection)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


def _send_one(p: Pending, as_of: date, connection: Any) -> Outcome | None:
    subject, body = compose(p, as_of)
    address = (p.account.user.email or "").strip()
    with transaction.atomic():
        reminder, created = Reminder.objects.select_for_update().get_or_create(
            user=p.account.user, due_on=p.due_on,
            defaults={
                "unit": p.account.unit, "as_of": as_of, "overdue": as_of > p.due_on, "subject": subject,
                "body": body, "email": address,
                "items": [{"unit": i.unit.code, "indicator": i.indicator.code, "period": i.period.code}
                          for i in p.items],
            },
        )
        if not created and (reminder.emailed_at is not None or not reminder.email):
            return None  # sent before: once per person and due date
        if not reminder.email:
            return Outcome(reminder, emailed=False)  # in the app only: the person has no address
        try:
            EmailMessage(reminder.subject, reminder.body, settings.DEFAULT_FROM_EMAIL, [reminder.email],
                         connection=connection).send()
        except Exception as exc:  # any refusal of the mail server is recorded, never raised
            reminder.error = f"{exc.__class__.__name__}: {exc}"[:2000]
            reminder.save(update_fields=["error"])
            return Outcome(reminder, emailed=False, error=reminder.error)
        reminder.emailed_at, reminder.error = timezone.now(), ""
        reminder.save(update_fields=["emailed_at", "error"])
        return Outcome(reminder, emailed=True)


def reminders_of(user: Any, *, limit: int = 5) -> list[Reminder]:
    """The latest reminders `user` received (the in-app list), newest first; one query."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(Reminder.objects.filter(user_id=user.pk).order_by("-as_of", "-id")[:limit])


def summary_lines(outcomes: list[Outcome], as_of: date) -> list[str]:
    """What `chitieu remind` prints (Vietnamese): how many went to whom, and what failed."""
    day = f"{as_of:%d/%m/%Y}"
    if not outcomes:
        return [f"Không có nhắc nhở nào cần gửi ngày {day}."]
    sent = [o for o in outcomes if not o.error]
    by_person: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_person[o.reminder.user.get_username()].append(o)
    lines = [f"Đã gửi {len(sent)} nhắc nhở ngày {day} tới {len({o.reminder.user_id for o in sent})} người:"]
    for name, rows in by_person.items():
        r = rows[0].reminder
        figures = sum(x.reminder.count for x in rows)
        where = f"<{r.email}>" if r.email else "(chưa có địa chỉ thư: chỉ nhắc trong ứng dụng)"
        failed = [x for x in rows if x.error]
        state = f"; KHÔNG gửi được thư: {failed[0].error}" if failed else ""
        lines.append(f"  {name} {where}: {len(rows)} nhắc nhở, {figures} số liệu của {r.unit.display_name}{state}")
    return lines
