"""The reporting calendar and its reminders on a real database, with mail through a real
SMTP server on 127.0.0.1 (aiosmtpd): due and overdue at given dates, reminders to the right
people only, once per due date, a refused mail retried, and the `due` and `remind` commands.

The rule is the default one (settings.REPORT_CALENDAR): the city's figures are due 20 days
after the period ends, a commune's 5 days earlier, reminders from 7 days before to 7 after.
"""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from chitieu.core.choices import EntryState, PeriodKind, Stage
from chitieu.core.deadlines import DueStatus
from chitieu.monitoring.calendar import due_items
from chitieu.reminders.models import Reminder
from chitieu.reminders.services import send_reminders
from tests.factories import assign, make_indicator, make_observation
from tests.personas import make_cast

pytestmark = pytest.mark.django_db

START = {"valid_from": date(2021, 1, 1)}


@pytest.fixture
def cast():
    """Communes A and B and commune A's hamlet report health insurance each quarter of 2021;
    commune reporters have e-mail addresses, and so has the department's (who owes nothing)."""
    c = make_cast()
    c.bhyt = make_indicator("bhyt", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", frequency=PeriodKind.QUARTER)
    assign(c.bhyt, [c.units["commune_a"], c.units["hamlet_a"], c.units["commune_b"]], **START)
    for name in ("reporter_a", "reporter_b", "dept_reporter", "office", "leader"):
        user = c.users[name]
        user.email = f"{name}@xa.example.vn"
        user.save()
    return c


def statuses(as_of: date, **kw) -> dict[tuple[str, str], tuple[date, str]]:
    return {(i.unit.code, i.period.code): (i.due_on, i.status.value) for i in due_items(as_of, **kw)}


def test_due_then_overdue_and_reported_at_given_dates(cast):
    before = statuses(date(2021, 4, 10))
    assert before == {  # the hamlet's deadline (20/4) is beyond the week ahead; Q4/2020 is before the assignment
        ("xa-an-lu", "Q1/2021"): (date(2021, 4, 15), "due"),
        ("xa-bach-dang", "Q1/2021"): (date(2021, 4, 15), "due"),
    }
    make_observation(cast.units["commune_a"], cast.bhyt, "Q1/2021", 91, stage=Stage.ESTIMATE, state=EntryState.SUBMITTED)
    make_observation(cast.units["commune_b"], cast.bhyt, "Q1/2021", 90, stage=Stage.ESTIMATE, state=EntryState.DRAFT)
    after = statuses(date(2021, 4, 16))
    assert after[("xa-an-lu", "Q1/2021")] == (date(2021, 4, 15), "reported")
    assert after[("xa-bach-dang", "Q1/2021")] == (date(2021, 4, 15), "overdue")  # a draft is not a report
    assert after[("thon-1-an-lu", "Q1/2021")] == (date(2021, 4, 20), "due")  # a hamlet has no lead time


def test_the_calendar_of_one_unit_is_its_own_and_its_sub_units(cast):
    mine = statuses(date(2021, 4, 16), units=cast.units["commune_a"].subtree())
    assert {u for u, _ in mine} == {"xa-an-lu", "thon-1-an-lu"}


def test_due_command_prints_the_contract_json(cast):
    out = StringIO()
    call_command("due", as_of="2021-04-16", format="json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["as_of"] == "2021-04-16"
    assert {"unit": "xa-bach-dang", "indicator": "bhyt", "period": "Q1/2021", "due_on": "2021-04-15",
            "status": "overdue"} in data["due"]
    assert {tuple(sorted(d)) for d in data["due"]} == {("due_on", "indicator", "period", "status", "unit")}
    assert {d["status"] for d in data["due"]} <= {s.value for s in DueStatus}


def test_due_command_names_a_bad_day_and_an_unknown_unit(cast):
    with pytest.raises(CommandError, match="2021-02-30"):
        call_command("due", as_of="2021-02-30", stdout=StringIO())
    with pytest.raises(CommandError, match="khong-co"):
        call_command("due", as_of="2021-04-16", unit="khong-co", stdout=StringIO())


def test_reminders_reach_the_reporters_of_the_units_that_owe_and_nobody_else(cast, smtp_server):
    out = StringIO()
    call_command("remind", as_of="2021-04-10", stdout=out)
    assert sorted(smtp_server.to()) == ["reporter_a@xa.example.vn", "reporter_b@xa.example.vn"]
    text = out.getvalue()
    assert "Đã gửi 2 nhắc nhở ngày 10/04/2021 tới 2 người:" in text
    assert "xa-a <reporter_a@xa.example.vn>: 1 nhắc nhở, 1 số liệu của Xã An Lư" in text
    body = smtp_server.bodies()[smtp_server.to().index("reporter_b@xa.example.vn")]
    assert "Xã Bạch Đằng còn 1 số liệu chưa gửi, hạn báo cáo ngày 15/04/2021 (còn 5 ngày)" in body
    assert "Xã An Lư" not in body  # one commune's reporter is told of their own units only
    assert "[chitieu] Sắp đến hạn báo cáo 15/04/2021: Xã Bạch Đằng còn 1 số liệu" in smtp_server.subjects()
    log = Reminder.objects.get(user=cast.users["reporter_b"])
    assert (log.due_on, log.email, log.emailed_at is not None, log.items) == (
        date(2021, 4, 15), "reporter_b@xa.example.vn", True,
        [{"unit": "xa-bach-dang", "indicator": "bhyt", "period": "Q1/2021"}])


def test_a_reminder_goes_once_per_due_date_and_person(cast, smtp_server):
    send_reminders(date(2021, 4, 10))
    assert len(smtp_server.messages) == 2
    assert send_reminders(date(2021, 4, 10)) == []  # the same day again: nothing
    make_observation(cast.units["commune_a"], cast.bhyt, "Q1/2021", 91, stage=Stage.ESTIMATE, state=EntryState.SUBMITTED)
    later = send_reminders(date(2021, 4, 16))
    # B is still overdue for 15/4 but was told; A is told of the hamlet's 20/4 deadline
    assert [(o.reminder.user.username, o.reminder.due_on) for o in later] == [("xa-a", date(2021, 4, 20))]
    assert len(smtp_server.messages) == 3 and Reminder.objects.count() == 3
    assert "thon-1-an-lu" in json.dumps(Reminder.objects.get(due_on=date(2021, 4, 20)).items)


def test_nothing_is_sent_for_figures_already_reported(cast, smtp_server):
    for unit in ("commune_a", "commune_b"):
        make_observation(cast.units[unit], cast.bhyt, "Q1/2021", 91, stage=Stage.ESTIMATE, state=EntryState.APPROVED)
    out = StringIO()
    call_command("remind", as_of="2021-04-10", stdout=out)
    assert smtp_server.messages == [] and "Không có nhắc nhở nào cần gửi ngày 10/04/2021." in out.getvalue()


def test_a_mail_the_server_refuses_is_logged_and_sent_by_the_next_run(cast, smtp_server):
    smtp_server.refuse = True
    out = StringIO()
    with pytest.raises(CommandError, match="2 thư chưa gửi được"):
        call_command("remind", as_of="2021-04-10", stdout=out)
    assert "KHÔNG gửi được thư" in out.getvalue() and "554" in out.getvalue()
    assert Reminder.objects.filter(emailed_at__isnull=True).exclude(error="").count() == 2
    smtp_server.refuse = False
    assert len(send_reminders(date(2021, 4, 11))) == 2
    assert sorted(smtp_server.to()) == ["reporter_a@xa.example.vn", "reporter_b@xa.example.vn"]
    assert not Reminder.objects.exclude(error="").exists()
    assert send_reminders(date(2021, 4, 12)) == []


def test_a_reporter_without_an_address_is_reminded_in_the_app_only(cast, smtp_server):
    user = cast.users["reporter_b"]
    user.email = ""
    user.save()
    out = StringIO()
    call_command("remind", as_of="2021-04-10", stdout=out)
    assert smtp_server.to() == ["reporter_a@xa.example.vn"]
    assert "xa-b (chưa có địa chỉ thư: chỉ nhắc trong ứng dụng)" in out.getvalue()
    assert Reminder.objects.get(user=user).subject.startswith("[chitieu] Sắp đến hạn báo cáo 15/04/2021")
    assert send_reminders(date(2021, 4, 11)) == []  # logged in the app: once, too


def test_a_deadline_setting_that_cannot_be_read_stops_start_up_in_one_vietnamese_line():
    from tests.integration.test_security_settings import run_cli

    run = run_cli("check", CHITIEU_SECRET_KEY="k" * 50, CHITIEU_REPORT_DEADLINE="cuối quý")
    assert run.returncode == 2
    assert run.stderr.startswith("Lỗi cấu hình: CHITIEU_REPORT_DEADLINE: «cuối quý» không hợp lệ;")
    assert run.stderr.count("\n") == 1


def test_remind_without_a_day_reminds_as_of_today(cast, smtp_server):
    from django.utils import timezone

    out = StringIO()
    call_command("remind", stdout=out)  # the world's figures are owed in 2021: nothing today
    assert out.getvalue().strip() == f"Không có nhắc nhở nào cần gửi ngày {timezone.localdate():%d/%m/%Y}."
