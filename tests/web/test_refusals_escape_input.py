"""A refused form (a text/html 422) shows what was typed so it can be corrected, escaped:
markup typed into a field comes back as text, never as markup (issue 10, item 9)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.personas import make_cast

pytestmark = pytest.mark.django_db

TYPED = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_each_html_422_echoes_the_typed_markup_escaped():
    cast = make_cast()
    client = Client()
    client.force_login(cast.users["reporter_a"], backend="django.contrib.auth.backends.ModelBackend")
    answers = {
        "reading form, bad period": client.post(reverse("reading:new"), {"kind": "report", "text": TYPED, "period": TYPED}),
        "reading form, bad kind": client.post(reverse("reading:new"), {"kind": TYPED, "text": TYPED, "title": TYPED}),
        "entry cell, bad value": client.post(reverse("web:entry-cell"), {
            "unit": cast.units["commune_a"].pk, "indicator": cast.indicator.pk, "period": "2024", "value": TYPED,
        }),
    }
    for name, response in answers.items():
        body = response.content.decode()
        assert response.status_code == 422 and response["Content-Type"].startswith("text/html"), name
        assert TYPED not in body and ESCAPED in body, name
