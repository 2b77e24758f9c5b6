"""`POST /api/v1/resolutions`, `/targets`, `/tasks`: the office only, with the set-up pages'
rules and their field-keyed Vietnamese messages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chitieu.org import tokens
from chitieu.plans.models import Resolution, Target
from chitieu.tasks.models import Task
from tests.personas import PERSONAS, make_cast

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def cast():
    return make_cast()


def bearer(cast, persona: str) -> Client:
    _, raw = tokens.create_token(cast.users[persona].username, "thử", now=timezone.now())
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def post(client: Client, path: str, data):
    return client.post(API + path, data=data, content_type="application/json")


RESOLUTION = {"code": "hp-2025", "title": "Nghị quyết năm 2025", "number": "07-NQ/TU", "issuer": "tp",
              "issued_on": "2024-12-18", "kind": "yearly", "period": "2025"}


def target(cast, **kw):
    return {"resolution": "hp-2024", "number": "2", "indicator": cast.indicator.code, "comparator": ">=",
            "value": 1200, "lead_unit": "so-khdt", "supporting_units": ["xa-an-lu", "xa-bach-dang"],
            "leader": cast.leader_person.pk, **kw}


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in ("office", "superuser")])
def test_only_the_office_writes_resolutions_targets_and_tasks_others_get_403(cast, persona):
    client = bearer(cast, persona)
    for path, data in (("/resolutions", RESOLUTION), ("/targets", target(cast)),
                       ("/tasks", {"code": "nv-1", "title": "Nhiệm vụ"})):
        response = post(client, path, data)
        assert response.status_code == 403, (persona, path)
        assert response.json()["detail"]
    assert not Resolution.objects.filter(code="hp-2025").exists()
    assert Target.objects.count() == 1 and not Task.objects.exists()


def test_without_credentials_the_write_routes_answer_401(cast):
    for path in ("/resolutions", "/targets", "/tasks"):
        assert post(Client(), path, {}).status_code == 401


def test_the_office_creates_a_resolution_and_reads_it_back(cast):
    response = post(bearer(cast, "office"), "/resolutions", RESOLUTION)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["code"], body["issuer"], body["kind"], body["status"], body["period"]) == (
        "hp-2025", "tp", "yearly", "draft", "2025")
    entry = Resolution.objects.get(code="hp-2025").history.get()
    assert entry.history_user == cast.users["office"]


def test_a_refused_resolution_names_its_fields_in_vietnamese(cast):
    response = post(bearer(cast, "office"), "/resolutions",
                    {**RESOLUTION, "code": "hp-2024", "kind": "congress", "period": "quý 5/2025", "issuer": "khong-co"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) >= {"code", "issuer", "period"}
    assert "Không có mục «khong-co»" in errors["issuer"]


def test_the_office_adds_a_target_with_its_lead_supporting_units_and_leader(cast):
    response = post(bearer(cast, "office"), "/targets", target(cast, value="1.200,5"))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["number"], body["value"], body["unit"], body["period"], body["lead_unit"], body["leader"]) == (
        "2", 1200.5, "tỷ đồng", "2024", "so-khdt", "Nguyễn Văn Phụ Trách")
    assert sorted(body["supporting_units"]) == ["xa-an-lu", "xa-bach-dang"]
    t = Target.objects.get(number="2")
    assert {u.code for u in t.supporting_units.all()} == {"xa-an-lu", "xa-bach-dang"}


def test_the_target_list_names_supporting_units_in_as_many_queries_for_more_targets(cast):
    client = bearer(cast, "office")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(API + "/targets").status_code == 200
            assert client.get(API + "/resolutions/hp-2024").status_code == 200
        return len(ctx.captured_queries)

    post(client, "/targets", target(cast, number="2"))
    before = queries()
    for n in range(3, 8):
        post(client, "/targets", target(cast, number=str(n)))
    assert queries() == before
    listed = client.get(API + "/targets").json()
    assert all(sorted(t["supporting_units"]) == ["xa-an-lu", "xa-bach-dang"] for t in listed if t["number"] != "1")


@pytest.mark.parametrize("change, field, message", [
    ({"number": "1"}, "number", "Nghị quyết đã có chỉ tiêu số «1»"),
    ({"comparator": "range"}, "value_max", "cần giá trị tối đa"),
    ({"value": True}, "value", "không phải đúng/sai"),
    ({"unit": "%"}, "unit", "%"),
    ({"supporting_units": ["khong-co"]}, "supporting_units", "khong-co"),
    ({"leader": 999999}, "leader", "999999"),
    ({"comparator": "about"}, "comparator", "about"),
])
def test_a_refused_target_answers_422_keyed_by_the_field_like_the_page(cast, change, field, message):
    response = post(bearer(cast, "office"), "/targets", target(cast, **change))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert field in errors and message.casefold() in errors[field].casefold(), errors
    assert Target.objects.count() == 1


def test_the_office_creates_a_task_and_its_status_is_read_today(cast):
    response = post(bearer(cast, "office"), "/tasks", {
        "code": "nv-1", "title": "Hoàn thành đường ven biển", "resolution": "hp-2024", "lead_unit": "xa-an-lu",
        "deadline": "2000-01-01", "clause": "Hoàn thành đường ven biển trước năm 2000.",
    })
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["lead_unit"], body["resolution"], body["status"]) == ("xa-an-lu", "hp-2024", "overdue")


def test_a_task_with_a_taken_code_is_refused_by_the_code(cast):
    client = bearer(cast, "office")
    assert post(client, "/tasks", {"code": "nv-1", "title": "A"}).status_code == 201
    response = post(client, "/tasks", {"code": "nv-1", "title": "B"})
    assert response.status_code == 422 and "code" in response.json()["errors"]
