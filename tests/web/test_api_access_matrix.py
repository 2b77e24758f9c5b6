"""The API's access matrix: each persona against each endpoint (the pages have their own).

Expected answers: 2xx allowed; 401 without credentials; 403 for a right the persona lacks;
404 when the persona may not even see the record (another unit's draft).
"""

from __future__ import annotations

import pytest
from django.test import Client

from chitieu.core.choices import EntryState, Stage
from tests.factories import make_observation, make_task, stored_state
from tests.personas import make_cast

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "outsider", "viewer", "reporter_a", "reporter_b", "dept_reporter", "leader",
            "office", "superuser"]

READ = {"anonymous": 401, "outsider": 403}  # everyone else: 200

#: endpoint -> {persona: status}; personas not listed get `default`.
WRITES = {
    "enter A's figures": ({"reporter_a": 201, "office": 201, "superuser": 201}, 403),
    "submit A's draft": ({"reporter_a": 200, "office": 200, "superuser": 200,
                         "reporter_b": 404, "dept_reporter": 404}, 403),
    "approve B's figure": ({"leader": 200, "office": 200, "superuser": 200}, 403),
    "reject B's figure": ({"leader": 200, "office": 200, "superuser": 200}, 403),
    "correct A's approved figure": ({"reporter_a": 200, "leader": 200, "office": 200, "superuser": 200}, 403),
    "update A's task": ({"reporter_a": 201, "office": 201, "superuser": 201}, 403),
}
READS = ["/resolutions", "/resolutions/hp-2024", "/resolutions/hp-2024/review?as_of=2024-12-31",
         "/targets", "/indicators", "/observations", "/tasks", "/units?on=2025-07-01"]


def world():
    cast = make_cast()
    ind = cast.indicator
    cast.a_draft = make_observation(cast.units["commune_a"], ind, state=EntryState.DRAFT, stage=Stage.ESTIMATE)
    cast.a_approved = make_observation(cast.units["commune_a"], ind, period="2023")
    cast.b_submitted = make_observation(cast.units["commune_b"], ind, state=EntryState.SUBMITTED)
    make_task("t-a", cast.units["commune_a"])
    return cast


def client_for(cast, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(cast.users[persona], backend="django.contrib.auth.backends.ModelBackend")
    return client


def attempt(cast, client: Client, endpoint: str):
    def post(path, data):
        return client.post("/api/v1" + path, data=data, content_type="application/json")

    if endpoint == "enter A's figures":
        return post("/observations", [{"indicator": cast.indicator.code, "unit": "xa-an-lu", "period": "2022",
                                        "value": 5}])
    if endpoint == "submit A's draft":
        return post(f"/observations/{cast.a_draft.pk}/submit", {})
    if endpoint == "approve B's figure":
        return post(f"/observations/{cast.b_submitted.pk}/approve", {})
    if endpoint == "reject B's figure":
        return post(f"/observations/{cast.b_submitted.pk}/reject", {"reason": "Chưa khớp số của Cục Thống kê"})
    if endpoint == "correct A's approved figure":
        return post(f"/observations/{cast.a_approved.pk}/correct", {"value": 7, "reason": "Số chính thức"})
    if endpoint == "update A's task":
        return post("/tasks/t-a/updates", {"note": "Đã hoàn thành khảo sát", "progress": 30})
    raise AssertionError(endpoint)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_reads_every_route_unless_anonymous_or_without_an_account(persona):
    cast = world()
    client = client_for(cast, persona)
    expected = READ.get(persona, 200)
    for path in READS:
        assert client.get("/api/v1" + path).status_code == expected, path


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("endpoint", sorted(WRITES))
def test_each_persona_writes_only_what_their_role_and_unit_allow(persona, endpoint):
    cast = world()
    allowed, default = WRITES[endpoint]
    expected = 401 if persona == "anonymous" else allowed.get(persona, default)
    before = stored_state()
    response = attempt(cast, client_for(cast, persona), endpoint)
    assert response.status_code == expected, response.content.decode()
    if expected >= 400:
        assert response.json()["detail"], "every refusal says why, in Vietnamese"
        assert stored_state() == before, "a refused write changes nothing"
    else:
        assert stored_state() != before, "an allowed write is stored"
