"""A target's scenarios ("kịch bản") set up by the office, on its page and by the API, with the
model's rules; the review then measures the figure so far against them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from chitieu.plans.models import Target, TargetScenario
from tests.personas import make_cast
from tests.web.test_api_setup import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return make_cast()


def scenario(target: Target, **kw):
    return {"target": target.pk, "period": f"Q1/{target.period[:4]}", "kind": "level", "value": "12,5", **kw}


def test_the_office_adds_a_scenario_by_the_api_and_it_keeps_its_history(cast):
    target = Target.objects.get()
    response = bearer(cast, "office").post("/api/v1/scenarios", data=scenario(target), content_type="application/json")
    assert response.status_code == 201, response.json()
    stored = TargetScenario.objects.get()
    assert (stored.target_id, stored.value, stored.kind) == (target.pk, 12.5, "level")
    assert stored.history.get().history_user == cast.users["office"]


def test_a_scenario_outside_the_targets_period_is_refused_by_field_and_nothing_is_written(cast):
    target = Target.objects.get()
    response = bearer(cast, "office").post("/api/v1/scenarios", data=scenario(target, period="Q1/2099"),
                                           content_type="application/json")
    assert response.status_code == 422
    assert "nằm ngoài kỳ của chỉ tiêu" in response.json()["errors"]["period"]
    assert not TargetScenario.objects.exists()


def test_only_the_office_adds_scenarios(cast):
    target = Target.objects.get()
    response = bearer(cast, "leader").post("/api/v1/scenarios", data=scenario(target), content_type="application/json")
    assert response.status_code == 403 and not TargetScenario.objects.exists()


def test_the_scenarios_page_lists_them_and_adds_one(cast, client):
    target = Target.objects.get()
    url = reverse("web:setup-target-scenarios", args=[target.pk])
    client.force_login(cast.users["office"], backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(url, {"period": f"T2/{target.period[:4]}", "kind": "share", "value": "17,6", "note": "thử"})
    assert response.status_code == 302
    body = client.get(url).content.decode()
    assert "tháng 2/" in body and "17,6%" in body
    client.force_login(cast.users["leader"], backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(url).status_code == 403
