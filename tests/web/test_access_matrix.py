"""Each persona against each page and each write: allowed (200/302), 403, or sent to log in.

The table is the access story of issue 4: the office does everything, a leader reads and
approves, a reporter enters only their own unit's figures and task updates, a viewer reads and
writes nothing, an anonymous visitor is sent to the login page.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from chitieu.core.choices import EntryState, Stage
from tests.factories import make_observation, stored_state

PERSONAS = ["office", "leader", "reporter_a", "reporter_b", "dept_reporter", "viewer", None]
OK, DENY, LOGIN = 200, 403, "login"


def _url(w, name: str) -> str:
    """Return the URL of a page by a short name, built from the world's objects."""
    draft_b = w.extra["draft_b"]
    return {
        "dashboard": "/",
        "dashboard-at": "/?resolution=hp-2021&as_of=2021-12-31",
        "indicators": reverse("web:indicators"),
        "indicator": reverse("web:indicator", args=[w.growth.code]),
        "entry": reverse("web:entry"),
        "entry-other-commune": reverse("web:entry") + f"?don_vi={w.commune_b.pk}",
        "approvals": reverse("web:approvals"),
        "tasks": reverse("web:tasks"),
        "tasks-board": reverse("web:tasks") + "?xem=bang",
        "task": reverse("web:task", args=[w.task_a.code]),
        "history-recent": reverse("web:history"),
        "history-task": reverse("web:record-history", args=["task", w.task_a.pk]),
        "history-draft-of-b": reverse("web:record-history", args=["observation", draft_b.pk]),
        "history-account": reverse("web:record-history", args=["account", w.users["reporter_a"].account.pk]),
        "correction-form": reverse("web:correction", args=[w.extra["approved_a"].pk]),
        "calendar": reverse("web:calendar"),
        "calendar-of-commune-b": reverse("web:calendar") + f"?don_vi={w.commune_b.code}",
    }[name]


@pytest.fixture
def w(world):
    world.extra = {
        "draft_b": make_observation(world.commune_b, world.revenue, "Q1/2021", 5, stage=Stage.ESTIMATE, state=EntryState.DRAFT),
        "submitted_a": make_observation(world.commune_a, world.revenue, "Q1/2021", 7, stage=Stage.ESTIMATE, state=EntryState.SUBMITTED),
        "approved_a": make_observation(world.commune_a, world.growth, "Q1/2021", 3, stage=Stage.ESTIMATE),
    }
    return world


# page -> expected answer per persona, in the order of PERSONAS
PAGES = {
    "dashboard":           [OK, OK, OK, OK, OK, OK, LOGIN],
    "dashboard-at":        [OK, OK, OK, OK, OK, OK, LOGIN],
    "indicators":          [OK, OK, OK, OK, OK, OK, LOGIN],
    "indicator":           [OK, OK, OK, OK, OK, OK, LOGIN],
    "entry":               [OK, 302, OK, OK, OK, DENY, LOGIN],
    "entry-other-commune": [OK, 302, DENY, OK, DENY, DENY, LOGIN],
    "approvals":           [OK, OK, DENY, DENY, DENY, DENY, LOGIN],
    "tasks":               [OK, OK, OK, OK, OK, OK, LOGIN],
    "tasks-board":         [OK, OK, OK, OK, OK, OK, LOGIN],
    "task":                [OK, OK, OK, OK, OK, OK, LOGIN],
    "history-recent":      [OK, OK, OK, OK, OK, OK, LOGIN],
    "history-task":        [OK, OK, OK, OK, OK, OK, LOGIN],
    "history-draft-of-b":  [OK, OK, DENY, OK, DENY, DENY, LOGIN],
    "history-account":     [OK, DENY, DENY, DENY, DENY, DENY, LOGIN],
    "correction-form":     [OK, OK, OK, DENY, DENY, DENY, LOGIN],
    "calendar":            [OK, OK, OK, OK, OK, DENY, LOGIN],
    "calendar-of-commune-b": [OK, OK, DENY, OK, DENY, DENY, LOGIN],
}


@pytest.mark.parametrize("page", list(PAGES))
def test_each_persona_gets_the_expected_answer_from_each_page(w, as_user, page):
    url = _url(w, page)
    for persona, expected in zip(PERSONAS, PAGES[page], strict=True):
        client = as_user(w.users[persona] if persona else None)
        response = client.get(url)
        if expected == LOGIN:
            assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/"), (persona, page)
        else:
            assert response.status_code == expected, (persona, page, response.status_code)
        if expected == DENY:
            assert "Không có quyền truy cập" in response.content.decode(), (persona, page)


def _cell(w, unit, value="12,5"):
    return reverse("web:entry-cell"), {
        "unit": unit.pk, "indicator": w.growth.pk, "period": "Q2/2021", "stage": "estimate", "value": value,
    }


# write -> expected status per persona; each write is tried on a fresh world
WRITES = {
    "cell-for-commune-a":  [200, DENY, 200, DENY, DENY, DENY, LOGIN],
    "submit-commune-b":    [302, DENY, DENY, 302, DENY, DENY, LOGIN],
    "approve":             [200, 200, DENY, DENY, DENY, DENY, LOGIN],
    "reject":              [200, 200, DENY, DENY, DENY, DENY, LOGIN],
    "correct":             [302, 302, 302, DENY, DENY, DENY, LOGIN],
    "task-update-a":       [302, DENY, 302, DENY, DENY, DENY, LOGIN],
}


def _write(w, name):
    if name == "cell-for-commune-a":
        return _cell(w, w.commune_a)
    if name == "submit-commune-b":
        return reverse("web:entry-submit"), {"don_vi": w.commune_b.pk, "nam": 2021, "ky": "quarter", "muc": "estimate"}
    if name == "approve":
        return reverse("web:decide", args=[w.extra["submitted_a"].pk]), {"action": "approve"}
    if name == "reject":
        return reverse("web:decide", args=[w.extra["submitted_a"].pk]), {"action": "reject", "reason": "Sai số liệu"}
    if name == "correct":
        return reverse("web:correction", args=[w.extra["approved_a"].pk]), {"value": "4,5", "reason": "Số của Cục Thống kê"}
    if name == "task-update-a":
        return reverse("web:task-update", args=[w.task_a.code]), {"note": "Đã trình đề án", "progress": "40"}
    raise KeyError(name)


@pytest.mark.parametrize("persona_index", range(len(PERSONAS)), ids=[p or "anonymous" for p in PERSONAS])
@pytest.mark.parametrize("write", list(WRITES))
def test_each_persona_may_or_may_not_make_each_write(w, as_user, write, persona_index):
    persona = PERSONAS[persona_index]
    expected = WRITES[write][persona_index]
    url, data = _write(w, write)
    client = as_user(w.users[persona] if persona else None)
    headers = {"HTTP_HX_REQUEST": "true"} if write in ("approve", "reject") else {}
    before = stored_state()
    response = client.post(url, data, **headers)
    if expected in (LOGIN, DENY):
        assert stored_state() == before, f"{persona} was refused {write}, yet something changed"
    else:
        assert stored_state() != before, f"{persona} may {write}: it must be stored"
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    else:
        assert response.status_code == expected, (persona, write, response.status_code, response.content[:300])
