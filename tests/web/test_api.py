"""The JSON API under /api/v1: credentials, access rules, bulk entry and the workflow."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chitieu.core.choices import EntryState, Stage
from chitieu.monitoring.models import Observation
from chitieu.org import tokens
from chitieu.org.models import ApiToken
from tests.factories import make_observation, make_task
from tests.personas import make_cast

pytestmark = pytest.mark.django_db

API = "/api/v1"
BACKEND = "django.contrib.auth.backends.ModelBackend"

DATA_ROUTES = [
    ("get", "/me"),
    ("get", "/resolutions"),
    ("get", "/resolutions/hp-2024"),
    ("get", "/resolutions/hp-2024/review?as_of=2024-06-30"),
    ("get", "/targets"),
    ("get", "/indicators"),
    ("get", "/observations"),
    ("post", "/observations"),
    ("post", "/observations/1/submit"),
    ("post", "/observations/1/approve"),
    ("post", "/observations/1/reject"),
    ("post", "/observations/1/correct"),
    ("get", "/tasks"),
    ("post", "/tasks/t-a/updates"),
]


@pytest.fixture
def cast():
    return make_cast()


def as_user(user) -> Client:
    """A browser-like client signed in as `user` (CSRF not enforced, like Django's default)."""
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client: Client, path: str, data=None, **extra):
    return client.post(API + path, data=data if data is not None else {}, content_type="application/json", **extra)


def row(cast, unit="commune_a", **kw):
    return {"indicator": cast.indicator.code, "unit": cast.units[unit].code, "period": "2024",
            "value": 120.5, "stage": "estimate", **kw}


# --- credentials ----------------------------------------------------------------------------


@pytest.mark.parametrize("method, path", DATA_ROUTES)
def test_every_data_route_answers_401_without_credentials(cast, method, path):
    client = Client()
    kwargs = {"content_type": "application/json", "data": {}} if method == "post" else {}
    response = getattr(client, method)(API + path, **kwargs)
    assert response.status_code == 401
    assert response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_acts_as_its_user_and_records_when_it_was_used(cast):
    token, raw = tokens.create_token("xa-a", "Hệ thống thống kê", now=timezone.now())
    response = Client().get(f"{API}/observations?state=draft", **bearer(raw))
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert ApiToken.objects.get(pk=token.pk).token_hash == tokens.hash_token(raw)
    assert raw not in {t.token_hash for t in ApiToken.objects.all()}


def test_me_tells_a_token_holder_their_role_and_unit(cast):
    _, raw = tokens.create_token("xa-a", "kiểm tra", now=timezone.now())
    assert Client().get(f"{API}/me", **bearer(raw)).json() == {
        "username": "xa-a", "role": "reporter", "role_label": "Cán bộ báo cáo của đơn vị",
        "unit": "xa-an-lu", "unit_name": "Xã An Lư",
    }
    assert as_user(cast.users["superuser"]).get(f"{API}/me").json()["role"] == "office_admin"
    assert Client().get(f"{API}/me").status_code == 401


@pytest.mark.parametrize("state", ["revoked", "expired", "unknown", "user_inactive"])
def test_a_revoked_expired_unknown_or_orphaned_token_is_refused(cast, state):
    now = timezone.now()
    token, raw = tokens.create_token("lanhdao", "Máy chủ báo cáo", now=now - timedelta(days=2),
                                     expires_at=now - timedelta(days=1) if state == "expired" else None)
    if state == "revoked":
        tokens.revoke_token(token.pk)
    if state == "unknown":
        raw = raw[:-4] + "abcd"
    if state == "user_inactive":
        cast.users["leader"].is_active = False
        cast.users["leader"].save()
    assert Client().get(f"{API}/resolutions", **bearer(raw)).status_code == 401


def test_a_signed_in_user_without_an_account_is_forbidden_everywhere(cast):
    client = as_user(cast.users["outsider"])
    assert client.get(f"{API}/resolutions").status_code == 403
    assert client.get(f"{API}/observations").status_code == 403
    assert post(client, "/observations", [row(cast)]).status_code == 403


def test_a_session_write_needs_the_csrf_token_but_a_bearer_write_does_not(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["reporter_a"], backend=BACKEND)
    refused = post(client, "/observations", [row(cast)])
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    client.get("/api/v1/docs")  # any page that sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    assert post(client, "/observations", [row(cast)], HTTP_X_CSRFTOKEN=csrf).status_code == 201
    _, raw = tokens.create_token("xa-a", "script", now=timezone.now())
    assert post(Client(enforce_csrf_checks=True), "/observations", [row(cast, value=1)], **bearer(raw)).status_code == 201


# --- schema and docs --------------------------------------------------------------------------


def test_the_openapi_schema_is_public_and_lists_the_routes(cast):
    schema = Client().get(f"{API}/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for route in ("/api/v1/resolutions", "/api/v1/resolutions/{code}/review", "/api/v1/targets",
                  "/api/v1/observations", "/api/v1/tasks"):
        assert route in paths
    assert {"get", "post"} <= set(paths["/api/v1/observations"])
    assert set(schema.json()["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}


def test_the_docs_page_is_public_and_loads_nothing_from_the_internet():
    response = Client().get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert not re.search(r"""(src|href)=["']\s*(https?:)?//""", html), "docs reference a remote asset"
    assert '"validatorUrl": null' in html  # Swagger UI would fetch a badge from validator.swagger.io
    for asset in re.findall(r"""(?:src|href)=["'](/static/[^"']+)["']""", html):
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not served locally"


# --- reading ------------------------------------------------------------------------------------


def test_resolutions_list_and_detail_carry_codes_and_targets(cast):
    client = as_user(cast.users["viewer"])
    listing = client.get(f"{API}/resolutions").json()
    assert [r["code"] for r in listing] == ["hp-2024"]
    assert listing[0]["issuer"] == "tp"
    detail = client.get(f"{API}/resolutions/hp-2024").json()
    assert [(t["number"], t["indicator"], t["lead_unit"], t["leader"]) for t in detail["targets"]] == [
        ("1", "thu-ngan-sach", "so-khdt", "Nguyễn Văn Phụ Trách")
    ]
    missing = client.get(f"{API}/resolutions/khong-co")
    assert missing.status_code == 404
    assert missing.json()["errors"] == {"code": "Không tồn tại."}


def test_targets_filter_by_resolution_and_category_and_name_a_bad_category(cast):
    client = as_user(cast.users["reporter_b"])
    assert len(client.get(f"{API}/targets?resolution=hp-2024&category=economy").json()) == 1
    assert client.get(f"{API}/targets?category=society").json() == []
    assert client.get(f"{API}/targets?resolution=other").json() == []
    bad = client.get(f"{API}/targets?category=thue")
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {"category"}


def test_indicators_list_the_catalogue(cast):
    body = as_user(cast.users["viewer"]).get(f"{API}/indicators").json()
    assert [(i["code"], i["unit"], i["category"]) for i in body] == [("thu-ngan-sach", "tỷ đồng", "economy")]


def test_the_review_follows_the_review_json_contract_and_ignores_unapproved_figures(cast):
    make_observation(cast.units["city"], cast.indicator, period="2024", value=1100, stage=Stage.ESTIMATE)
    # Counted, an official figure would beat the estimate; as a draft it must not count.
    make_observation(cast.units["city"], cast.indicator, period="2024", value=1, state=EntryState.DRAFT)
    response = as_user(cast.users["viewer"]).get(f"{API}/resolutions/hp-2024/review?as_of=2025-03-01")
    assert response.status_code == 200
    body = response.json()
    assert (body["resolution"], body["as_of"]) == ("hp-2024", "2025-03-01")
    assert body["counts"]["exceeded"] == 1 and sum(body["counts"].values()) == 1
    [target] = body["targets"]
    assert {"indicator", "comparator", "value", "value_max", "unit", "actual", "stage", "status",
            "achievement", "forecast"} <= set(target)
    assert (target["actual"], target["stage"], target["status"]) == (1100, "estimate", "exceeded")
    assert target["achievement"] == pytest.approx(1.1)


def test_a_bad_review_date_is_a_422_keyed_by_as_of(cast):
    response = as_user(cast.users["viewer"]).get(f"{API}/resolutions/hp-2024/review?as_of=31-12-2024")
    assert response.status_code == 422
    assert "as_of" in response.json()["errors"]


def _figures(cast):
    ind = cast.indicator
    return {
        "a_approved": make_observation(cast.units["commune_a"], ind, period="2023"),
        "a_draft": make_observation(cast.units["commune_a"], ind, state=EntryState.DRAFT, stage=Stage.ESTIMATE),
        "b_draft": make_observation(cast.units["commune_b"], ind, state=EntryState.DRAFT, stage=Stage.ESTIMATE),
        "b_submitted": make_observation(cast.units["commune_b"], ind, state=EntryState.SUBMITTED),
        "b_approved": make_observation(cast.units["commune_b"], ind, period="2023"),
    }


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("reporter_a", {"a_approved", "a_draft", "b_approved"}),
        ("reporter_b", {"a_approved", "b_draft", "b_submitted", "b_approved"}),
        ("viewer", {"a_approved", "b_approved"}),
        ("leader", {"a_approved", "a_draft", "b_draft", "b_submitted", "b_approved"}),
    ],
)
def test_observations_list_hides_other_units_drafts(cast, persona, expected):
    figures = _figures(cast)
    body = as_user(cast.users[persona]).get(f"{API}/observations?limit=100").json()
    assert {k for k, o in figures.items() if o.pk in {i["id"] for i in body["items"]}} == expected
    assert body["count"] == len(expected)


def test_reporter_a_cannot_read_commune_b_drafts_even_by_filtering_for_them(cast):
    _figures(cast)
    client = as_user(cast.users["reporter_a"])
    body = client.get(f"{API}/observations?unit=xa-bach-dang&state=draft").json()
    assert body == {"items": [], "count": 0}


def test_observations_filter_by_period_in_any_written_form_and_name_a_bad_filter(cast):
    figures = _figures(cast)
    client = as_user(cast.users["leader"])
    body = client.get(f"{API}/observations?period=năm 2023&unit=xa-an-lu").json()
    assert [i["id"] for i in body["items"]] == [figures["a_approved"].pk]
    assert body["items"][0]["simulated"] is False
    bad = client.get(f"{API}/observations?period=quý 7/2024&state=xyz")
    assert bad.status_code == 422
    assert "period" in bad.json()["errors"]


def test_the_observation_list_does_not_grow_in_queries_with_the_rows(cast):
    client = as_user(cast.users["reporter_a"])
    client.get(f"{API}/observations")  # session warm-up

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{API}/observations?limit=100").status_code == 200
        return len(ctx.captured_queries)

    make_observation(cast.units["commune_a"], cast.indicator, period="1999", by=cast.users["reporter_a"])
    few = queries_for_list()
    for year in range(2000, 2020):
        make_observation(cast.units["commune_b"], cast.indicator, period=str(year), by=cast.users["reporter_b"])
    assert queries_for_list() == few <= 10


# --- bulk entry -----------------------------------------------------------------------------------


def test_a_bulk_submit_writes_drafts_of_the_reporter_and_returns_them_in_order(cast):
    client = as_user(cast.users["reporter_a"])
    rows = [row(cast, value=10), row(cast, unit="hamlet_a", value=2.5, unit_of_measure="triệu đồng")]
    response = post(client, "/observations", rows)
    assert response.status_code == 201
    body = response.json()
    assert [(o["unit"], o["state"], o["entered_by"]) for o in body] == [
        ("xa-an-lu", "draft", "xa-a"), ("thon-1-an-lu", "draft", "xa-a")
    ]
    assert body[1]["value"] == pytest.approx(0.0025)  # stored in the indicator's unit
    assert Observation.objects.filter(state=EntryState.DRAFT).count() == 2


def test_a_bulk_submit_with_one_bad_row_writes_nothing_and_names_the_row_and_field(cast):
    client = as_user(cast.users["reporter_a"])
    rows = [row(cast, value=10), row(cast, period="2023", value="mười"), row(cast, period="2022")]
    response = post(client, "/observations", rows)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"1.value"}
    assert "mười" in errors["1.value"]
    assert Observation.objects.count() == 0


def test_a_bulk_submit_with_an_unknown_indicator_names_that_row(cast):
    rows = [row(cast), row(cast, period="2023"), row(cast, period="2022"), row(cast, indicator="khong-co")]
    response = post(as_user(cast.users["office"]), "/observations", rows)
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"3.indicator"}
    assert Observation.objects.count() == 0


def test_reporter_a_cannot_post_figures_for_commune_b_and_nothing_is_written(cast):
    response = post(as_user(cast.users["reporter_a"]), "/observations", [row(cast), row(cast, unit="commune_b")])
    assert response.status_code == 403
    assert set(response.json()["errors"]) == {"1.unit"}
    assert "Xã Bạch Đằng" in response.json()["errors"]["1.unit"]
    assert Observation.objects.count() == 0


def test_a_bulk_submit_cannot_overwrite_an_approved_figure(cast):
    approved = make_observation(cast.units["commune_a"], cast.indicator, stage=Stage.ESTIMATE, value=99)
    response = post(as_user(cast.users["reporter_a"]), "/observations", [row(cast, value=1)])
    assert response.status_code == 409
    assert set(response.json()["errors"]) == {"0.state"}
    approved.refresh_from_db()
    assert (approved.value, approved.state) == (99, EntryState.APPROVED)


def test_an_empty_list_or_a_malformed_row_is_a_422(cast):
    client = as_user(cast.users["reporter_a"])
    assert post(client, "/observations", []).status_code == 422
    missing = post(client, "/observations", [{"unit": "xa-an-lu"}])
    assert missing.status_code == 422
    assert {"0.indicator", "0.period", "0.value"} <= set(missing.json()["errors"])


# --- workflow -------------------------------------------------------------------------------------


def test_a_figure_goes_from_draft_to_submitted_to_approved_and_is_then_locked(cast):
    reporter, leader = as_user(cast.users["reporter_a"]), as_user(cast.users["leader"])
    obs_id = post(reporter, "/observations", [row(cast)]).json()[0]["id"]
    assert post(reporter, f"/observations/{obs_id}/approve").status_code == 403
    assert post(reporter, f"/observations/{obs_id}/submit").json()["state"] == "submitted"
    approved = post(leader, f"/observations/{obs_id}/approve").json()
    assert (approved["state"], approved["approved_by"]) == ("approved", "lanhdao")
    assert post(reporter, f"/observations/{obs_id}/submit").status_code == 409
    assert post(reporter, "/observations", [row(cast, value=1)]).status_code == 409
    history = Observation.objects.get(pk=obs_id).history.order_by("history_date")
    assert [h.state for h in history] == ["draft", "submitted", "approved"]


def test_a_rejection_needs_a_reason_and_sends_the_figure_back_to_its_unit(cast):
    reporter, leader = as_user(cast.users["reporter_a"]), as_user(cast.users["leader"])
    obs_id = post(reporter, "/observations", [row(cast)]).json()[0]["id"]
    post(reporter, f"/observations/{obs_id}/submit")
    no_reason = post(leader, f"/observations/{obs_id}/reject", {"reason": "  "})
    assert no_reason.status_code == 422
    assert set(no_reason.json()["errors"]) == {"reason"}
    rejected = post(leader, f"/observations/{obs_id}/reject", {"reason": "Sai đơn vị tính"}).json()
    assert rejected["state"] == "rejected"
    assert "Sai đơn vị tính" in rejected["note"]
    assert post(reporter, "/observations", [row(cast, value=121)]).status_code == 201  # edit the rejected one
    assert post(reporter, f"/observations/{obs_id}/submit").json()["state"] == "submitted"


def test_a_correction_of_an_approved_figure_needs_a_reason_and_keeps_the_old_value(cast):
    obs = make_observation(cast.units["commune_a"], cast.indicator, value=100)
    office = as_user(cast.users["office"])
    assert post(office, f"/observations/{obs.pk}/correct", {"value": 90, "reason": ""}).status_code == 422
    body = post(office, f"/observations/{obs.pk}/correct", {"value": 90, "reason": "Số liệu Cục Thống kê"}).json()
    assert (body["value"], body["state"], body["correction_reason"]) == (90, "approved", "Số liệu Cục Thống kê")
    assert [h.value for h in Observation.objects.get(pk=obs.pk).history.order_by("history_date")] == [100, 90]
    reporter_fix = post(as_user(cast.users["reporter_a"]), f"/observations/{obs.pk}/correct",
                        {"value": 95, "reason": "Cập nhật số chính thức"}).json()
    assert reporter_fix["state"] == "submitted"  # goes back for approval


def test_reporter_b_neither_sees_nor_submits_commune_a_drafts_nor_approves(cast):
    figures = _figures(cast)
    b = as_user(cast.users["reporter_b"])
    assert post(b, f"/observations/{figures['a_draft'].pk}/submit").status_code == 404
    assert post(b, f"/observations/{figures['a_approved'].pk}/correct", {"value": 1, "reason": "x"}).status_code == 403
    assert post(b, f"/observations/{figures['b_submitted'].pk}/approve").status_code == 403


@pytest.mark.parametrize(
    "action, payload",
    [("observations", None), ("submit", None), ("approve", None), ("reject", {"reason": "x"}),
     ("correct", {"value": 1, "reason": "x"}), ("task", {"note": "Đã xong", "progress": 100})],
)
def test_a_viewer_gets_403_on_every_write(cast, action, payload):
    figures = _figures(cast)
    make_task("t-a", cast.units["commune_a"])
    viewer = as_user(cast.users["viewer"])
    if action == "observations":
        response = post(viewer, "/observations", [row(cast)])
    elif action == "task":
        response = post(viewer, "/tasks/t-a/updates", payload)
    else:
        target = figures["b_submitted"] if action in ("approve", "reject") else figures["a_approved"]
        response = post(viewer, f"/observations/{target.pk}/{action}", payload)
    assert response.status_code == 403
    assert response.json()["detail"]


# --- tasks --------------------------------------------------------------------------------------


def test_tasks_list_with_status_at_a_date_and_filters(cast):
    from datetime import date

    make_task("t-a", cast.units["commune_a"], deadline=date(2024, 6, 30), leader=cast.leader_person)
    make_task("t-b", cast.units["department"], supporting=(cast.units["commune_b"],), deadline=date(2026, 12, 31))
    make_task("t-done", cast.units["commune_b"], deadline=date(2024, 6, 30), completed_on=date(2024, 5, 1), progress=100)
    client = as_user(cast.users["viewer"])
    body = client.get(f"{API}/tasks?as_of=2025-01-01").json()
    assert {t["code"]: t["status"] for t in body} == {
        "t-a": "overdue", "t-b": "in_progress", "t-done": "done_on_time"
    }
    assert [t["code"] for t in client.get(f"{API}/tasks?as_of=2025-01-01&status=overdue").json()] == ["t-a"]
    assert {t["code"] for t in client.get(f"{API}/tasks?unit=xa-bach-dang").json()} == {"t-b", "t-done"}
    assert [t["code"] for t in client.get(f"{API}/tasks?leader={cast.leader_person.pk}").json()] == ["t-a"]
    assert client.get(f"{API}/tasks?status=sap-xong").status_code == 422


def test_a_task_update_comes_from_the_leading_unit_and_moves_progress(cast):
    task = make_task("t-a", cast.units["commune_a"])
    response = post(as_user(cast.users["reporter_a"]), "/tasks/t-a/updates", {"note": "Đã khởi công", "progress": 40})
    assert response.status_code == 201
    assert (response.json()["task"], response.json()["created_by"]) == ("t-a", "xa-a")
    task.refresh_from_db()
    assert task.progress == 40
    assert post(as_user(cast.users["reporter_b"]), "/tasks/t-a/updates", {"note": "x"}).status_code == 403
    assert post(as_user(cast.users["reporter_a"]), "/tasks/khong-co/updates", {"note": "x"}).status_code == 404
    bad = post(as_user(cast.users["reporter_a"]), "/tasks/t-a/updates", {"note": "", "progress": 140})
    assert bad.status_code == 422
    assert "progress" in bad.json()["errors"]


def test_vietnamese_text_comes_back_readable_in_utf8(cast):
    response = as_user(cast.users["viewer"]).get(f"{API}/resolutions")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Nghị quyết về nhiệm vụ năm 2024" in response.content.decode("utf-8")
