"""The demo's reporting calendar: one ward's January 2026 figures are overdue on the
reminder day, and its reporter has been reminded once (what `make demo` shows)."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from chitieu.demo.loader import REMINDER_DAY, load_reminder_demo
from chitieu.reminders.models import Reminder


@pytest.mark.django_db
def test_the_demo_holds_an_overdue_report_and_the_reminder_sent_for_it():
    call_command("demo", "--no-serve", stdout=StringIO())
    out = StringIO()
    call_command("due", as_of=REMINDER_DAY.isoformat(), format="json", stdout=out)
    overdue = [d for d in json.loads(out.getvalue())["due"] if d["status"] == "overdue"]
    reminder = Reminder.objects.select_related("user", "unit").get()
    assert reminder.user.username == "xa" and reminder.email == "xa@chitieu.invalid"
    assert {d["unit"] for d in overdue} == {reminder.unit.code}  # every other commune reported
    assert sorted(d["indicator"] for d in overdue) == ["health-insurance", "jobs", "new-party-members"]
    assert {(d["period"], d["due_on"]) for d in overdue} == {("T1/2026", "2026-02-15")}
    assert (reminder.due_on, reminder.overdue, reminder.count) == (date(2026, 2, 15), True, 3)
    assert load_reminder_demo() == 1 and Reminder.objects.count() == 1  # loading again sends nothing
