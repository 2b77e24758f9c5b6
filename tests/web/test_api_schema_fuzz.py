"""Schemathesis over /api/v1/openapi.json, in process: every operation with generated valid
and invalid input (strings with NUL, huge integers, wrong types, missing fields), signed in
as the office. No answer may be a server error (5xx). Bounded: CHITIEU_FUZZ_EXAMPLES cases per
operation (10 in the suite; `make fuzz` runs 100)."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings

from chitieu.org import tokens
from tests.factories import make_observation, make_task
from tests.personas import make_cast

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("CHITIEU_FUZZ_EXAMPLES", "10"))


@pytest.fixture
def in_test_transaction():
    """Keep the test's database connection across the WSGI calls, as Django's test client does:
    the handler's request signals would close it (it is inside the test's transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(in_test_transaction):
    cast = make_cast()
    make_observation(cast.units["commune_a"], cast.indicator, value=90.0)
    make_task("t-a", cast.units["commune_a"])
    _, raw = tokens.create_token(cast.users["office"].username, "fuzz", now=timezone.now())
    return {"Authorization": f"Bearer {raw}"}


def _schema():
    from chitieu.wsgi import application  # Django is set up by pytest-django before collection

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


schema = _schema()


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck), database=None)
def test_no_api_operation_answers_a_server_error(case, bearer):
    response = case.call(headers=bearer)
    assert response.status_code < 500, (case.as_curl_command(), response.status_code, response.text[:500])
