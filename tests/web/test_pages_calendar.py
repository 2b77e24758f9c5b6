"""The reporting calendar in the pages: a reporter sees their own units' due dates only (on the
calendar page and the panel of the entry grid), the office sees every unit and the reminders
sent, the completeness page lists the units that have not reported, and a leader sees on every
page how many figures wait for approval (one query, whatever their number)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chitieu.core.choices import EntryState, Stage
from chitieu.reminders.models import Reminder
from chitieu.web.context import chrome
from tests.factories import assign, make_observation

pytestmark = pytest.mark.django_db

CALENDAR = reverse("web:calendar")


@pytest.fixture
def owed(world):
    """Both communes report GRDP growth each quarter of 2021; A has sent Q1, B has not."""
    assign(world.growth, [world.commune_a, world.commune_b], valid_from=date(2021, 1, 1))
    make_observation(world.commune_a, world.growth, "Q1/2021", 7.5, stage=Stage.ESTIMATE, state=EntryState.SUBMITTED)
    return world


def rows(page: str) -> list[tuple[str, str]]:
    """(unit code, status) of each row of the due table."""
    out = []
    for chunk in page.split('<tr data-unit="')[1:]:
        unit = chunk[: chunk.index('"')]
        status = chunk[chunk.index('data-status="') + 13:]
        out.append((unit, status[: status.index('"')]))
    return out


def test_a_commune_reporter_sees_only_their_own_due_dates(owed, as_user):
    page = as_user(owed.users["reporter_b"]).get(CALENDAR + "?ngay=2021-04-16").content.decode()
    assert rows(page) == [("xa-kien-thuy", "overdue")]
    assert "Quá hạn: 1" in page and "Xã An Lão" not in page
    page_a = as_user(owed.users["reporter_a"]).get(CALENDAR + "?ngay=2021-04-16").content.decode()
    assert rows(page_a) == [] and "Đã báo cáo: 1" in page_a and "Xã Kiến Thụy" not in page_a


def test_a_reporter_cannot_open_another_units_calendar(owed, as_user):
    refused = as_user(owed.users["reporter_a"]).get(CALENDAR + "?don_vi=xa-kien-thuy")
    assert refused.status_code == 403 and "xa-kien-thuy" in refused.content.decode()


def test_the_office_sees_every_unit_and_the_reminders_sent(owed, as_user):
    Reminder.objects.create(user=owed.users["reporter_b"], unit=owed.commune_b, due_on=date(2021, 4, 15),
                            as_of=date(2021, 4, 10), subject="[chitieu] Sắp đến hạn", body="…",
                            email="xa-b@example.vn")
    page = as_user(owed.users["office"]).get(CALENDAR + "?ngay=2021-04-10").content.decode()
    assert rows(page) == [("xa-kien-thuy", "due")]
    sent = page[page.index('id="reminders-sent"'):]
    assert "Phạm Xã B" in sent and "chưa gửi được" not in sent and "đang gửi" in sent
    # a reporter sees the reminders they received, never the office's log
    page_b = as_user(owed.users["reporter_b"]).get(CALENDAR + "?ngay=2021-04-10").content.decode()
    assert "Nhắc nhở đã nhận" in page_b and "[chitieu] Sắp đến hạn" in page_b and 'id="reminders-sent"' not in page_b
    page_a = as_user(owed.users["reporter_a"]).get(CALENDAR + "?ngay=2021-04-10").content.decode()
    assert "[chitieu] Sắp đến hạn" not in page_a


def test_viewers_are_refused_and_a_bad_day_is_named(owed, as_user):
    assert as_user(owed.users["viewer"]).get(CALENDAR).status_code == 403
    bad = as_user(owed.users["office"]).get(CALENDAR + "?ngay=2021-13-01")
    assert bad.status_code == 400 and "2021-13-01" in bad.content.decode()


def test_the_entry_grid_shows_the_units_due_panel(owed, as_user):
    page = as_user(owed.users["reporter_b"]).get(reverse("web:entry") + "?nam=2021&ky=quarter&ngay=2021-04-16").content.decode()
    panel = page[page.index('id="due-panel"'):page.index("</section>", page.index('id="due-panel"'))]
    assert 'data-indicator="tang-truong-grdp" data-period="Q1/2021" data-status="overdue"' in panel
    assert "hạn 15/04/2021" in panel and f"don_vi={owed.commune_b.pk}&amp;nam=2021&amp;ky=quarter" in panel


def test_the_completeness_page_lists_who_has_not_reported_and_whether_late(owed, as_user):
    page = as_user(owed.users["office"]).get(reverse("web:completeness") + "?ky=Q1/2021&ngay=2021-04-16").content.decode()
    missing = page[page.index('id="chua-bao-cao"'):page.index("</section>", page.index('id="chua-bao-cao"'))]
    assert "Đơn vị chưa báo cáo quý I/2021: 1" in missing
    assert "Xã Kiến Thụy" in missing and "hạn 15/04/2021" in missing and "Quá hạn 1" in missing
    early = as_user(owed.users["office"]).get(reverse("web:completeness") + "?ky=Q1/2021&ngay=2021-04-12").content.decode()
    assert "Chưa đến hạn" in early[early.index('id="chua-bao-cao"'):]


def test_a_leader_sees_how_many_figures_wait_for_approval_on_every_page(owed, as_user):
    make_observation(owed.commune_b, owed.growth, "Q2/2021", 6.0, stage=Stage.ESTIMATE, state=EntryState.SUBMITTED)
    for path in ("/", reverse("web:tasks"), reverse("web:history")):
        page = as_user(owed.users["leader"]).get(path).content.decode()
        assert 'id="waiting-approval"' in page and "Chờ duyệt: <b>2</b>" in page, path
    assert 'id="waiting-approval"' not in as_user(owed.users["reporter_a"]).get("/").content.decode()
    assert 'id="waiting-approval"' not in as_user(owed.users["viewer"]).get("/").content.decode()


def test_the_waiting_count_is_one_query_whatever_the_number_of_figures(owed, as_user, django_assert_num_queries):
    leader = owed.users["leader"]
    request = RequestFactory().get("/")
    request.user = leader
    context = chrome(request)  # looks the account up (cached on the user)
    with django_assert_num_queries(1):
        assert context["waiting_approval"].count == 1
        assert context["waiting_approval"].count == 1  # asked twice, counted once

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            as_user(leader).get(reverse("web:tasks"))
        return len(ctx)

    page_queries()  # the first visit also starts the session
    few = page_queries()
    for q in (2, 3, 4):
        for unit in (owed.commune_a, owed.commune_b, owed.city):
            make_observation(unit, owed.growth, f"Q{q}/2021", 6.0, stage=Stage.ESTIMATE, state=EntryState.SUBMITTED)
    assert page_queries() == few
    assert "Chờ duyệt: <b>10</b>" in as_user(leader).get(reverse("web:tasks")).content.decode()
