"""The Django admin shows reported figures but cannot add, change or delete them: those go
through the services, which check units, frequency, locks, corrections and approval."""

from __future__ import annotations

import pytest
from django.urls import reverse

from chitieu.monitoring.models import Observation
from tests.factories import make_observation
from tests.personas import make_cast

pytestmark = pytest.mark.django_db


def test_a_superuser_can_read_a_figure_in_the_admin_but_not_change_or_delete_it(client):
    cast = make_cast()
    figure = make_observation(cast.units["commune_a"], cast.indicator, value=90.0)
    client.force_login(cast.users["superuser"], backend="django.contrib.auth.backends.ModelBackend")

    change = reverse("admin:monitoring_observation_change", args=[figure.pk])
    page = client.get(change)
    assert page.status_code == 200 and b'name="value"' not in page.content  # read-only view
    client.post(change, {"value": "999", "period": "2024", "stage": "official"})
    client.post(reverse("admin:monitoring_observation_delete", args=[figure.pk]), {"post": "yes"})
    assert client.get(reverse("admin:monitoring_observation_add")).status_code == 403

    figure.refresh_from_db()
    assert figure.value == 90.0 and Observation.objects.count() == 1
