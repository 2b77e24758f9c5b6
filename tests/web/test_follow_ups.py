"""A weak target asks its lead unit why and what it will do (issue 12, Deliver 4): the
dashboard, the review JSON and the report flag a weak target without an answer, and show the
answer once given; only the lead unit and the office may give it."""

from __future__ import annotations

import html
import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from chitieu.plans.models import Target
from chitieu.reports.build import build_report
from chitieu.reports.document import ReportKind
from chitieu.tasks.models import FollowUp
from tests.factories import stored_state

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("web:home") + "?resolution=hp-2021&as_of=2021-12-31"


def _revenue(world) -> Target:
    return Target.objects.get(resolution=world.resolution, number="2")  # led by Cục Thống kê, at risk


def _review(world) -> dict:
    out = StringIO()
    call_command("review", resolution="hp-2021", as_of="2021-12-31", format="json", stdout=out)
    return {t["number"]: t for t in json.loads(out.getvalue())["targets"]}


def _risk_line(world) -> str:
    report = build_report(ReportKind.YEAR, world.resolution, as_of=date(2021, 12, 31))
    section = next(s for s in report.sections if "NGUY CƠ" in s.heading)
    return next(p for p in section.paragraphs if p.startswith("(2)"))


def test_a_weak_target_without_an_answer_is_flagged_on_the_dashboard_in_the_json_and_in_the_report(world, as_user):
    page = as_user(world.users["viewer"]).get(DASHBOARD).content.decode()
    row = page.split('data-status="not_achieved"')[1].split("</tr>")[0]
    assert "Thu ngân sách" in row and "Chưa có giải trình, giải pháp" in row
    targets = _review(world)
    assert targets["2"]["needs_action"] is True and targets["2"]["follow_up"] is None
    assert targets["1"]["needs_action"] is False  # exceeded: nothing to explain
    assert "Đơn vị chủ trì chưa giải trình nguyên nhân và giải pháp khắc phục." in _risk_line(world)


def test_the_lead_unit_answers_and_every_view_shows_the_answer(world, as_user):
    target = _revenue(world)
    client = as_user(world.users["dept_reporter"])
    url = reverse("web:follow-up", args=[target.pk])
    due = (timezone.localdate() + timedelta(days=30)).isoformat()

    standing = client.get(url).content.decode().split('id="standing"')[1].split("</p>")[0]
    assert "Không đạt" in standing and "20.000" in standing  # the target as the dashboard judges it
    response = client.post(url, {"cause": "", "action": "Đôn đốc thu nợ thuế", "due": "2021-02-30"})
    body = html.unescape(response.content.decode())
    assert response.status_code == 422
    assert "Chưa nhập nguyên nhân." in body and 'aria-invalid="true"' in body and "2021-02-30" in body
    assert "Đôn đốc thu nợ thuế" in body  # what was typed stays
    past = client.post(url, {"cause": "Thu tiền đất chậm", "action": "Đôn đốc", "due": "2020-01-01"})
    assert past.status_code == 422 and "đã qua" in html.unescape(past.content.decode())
    assert not FollowUp.objects.exists()

    saved = client.post(url, {"cause": "Thu tiền sử dụng đất chậm", "action": "Đẩy nhanh đấu giá quỹ đất",
                              "due": due}, follow=True)
    assert "Đã lưu giải trình chỉ tiêu (2)." in saved.content.decode()
    assert FollowUp.history.count() == 1

    row = as_user(world.users["viewer"]).get(DASHBOARD).content.decode().split('data-status="not_achieved"')[1]
    assert "Giải pháp: Đẩy nhanh đấu giá quỹ đất" in row.split("</tr>")[0]
    targets = _review(world)
    assert targets["2"]["needs_action"] is False
    assert targets["2"]["follow_up"] == {"cause": "Thu tiền sử dụng đất chậm", "action": "Đẩy nhanh đấu giá quỹ đất",
                                        "due": due}
    assert "Nguyên nhân: Thu tiền sử dụng đất chậm; giải pháp: Đẩy nhanh đấu giá quỹ đất" in _risk_line(world)


@pytest.mark.parametrize("persona", ["reporter_a", "leader", "viewer"])
def test_only_the_lead_unit_and_the_office_answer_and_a_refusal_changes_nothing(world, as_user, persona):
    target = _revenue(world)
    url = reverse("web:follow-up", args=[target.pk])
    client = as_user(world.users[persona])
    page = client.get(url).content.decode()
    assert "Các lần giải trình" in page and 'name="cause"' not in page
    before = stored_state(), FollowUp.objects.count()
    response = client.post(url, {"cause": "x", "action": "y", "due": "2099-01-01"})
    assert response.status_code == 403
    assert "Chỉ Cục Thống kê hoặc Văn phòng được giải trình chỉ tiêu (2)." in html.unescape(response.content.decode())
    assert (stored_state(), FollowUp.objects.count()) == before

