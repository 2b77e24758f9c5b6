"""Concurrent writers on PostgreSQL (issue 10, item 6): two corrections based on one version
leave one change and one 409; two imports of one file write one set of rows and history."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from chitieu.errors import Conflict, DomainError
from chitieu.monitoring import workflow
from chitieu.monitoring.models import Observation
from chitieu.reports.entry import import_workbook
from tests.factories import make_observation
from tests.integration.reports_world import AS_OF, make_world
from tests.integration.xlsx_helpers import fill, template
from tests.personas import make_cast

pytestmark = pytest.mark.django_db(transaction=True)


def together(*calls):
    """Run the calls in threads started at once; return each one's result or exception."""
    barrier = threading.Barrier(len(calls))
    out: list[object] = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            out[i] = call()
        except DomainError as exc:
            out[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_two_corrections_from_one_version_leave_one_change_and_one_conflict():
    cast = make_cast()
    obs = make_observation(cast.units["commune_a"], cast.indicator, period="2023", value=900)
    results = together(
        lambda: workflow.correct(obs.pk, by=cast.users["office"], value=950, reason="Quyết toán", version=1),
        lambda: workflow.correct(obs.pk, by=cast.users["leader"], value=960, reason="Số khác", version=1),
    )
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(conflicts) == 1 and "thay đổi lúc" in conflicts[0].errors["version"]
    obs.refresh_from_db()
    assert obs.version == 2 and obs.value in (950, 960)
    assert obs.history.count() == 2


def test_two_imports_of_one_file_at_once_write_one_set_of_rows_and_history():
    make_world()
    data = fill(template(), {"D7": 8.4, "F7": "Sơ bộ", "D8": 301})
    rows, history = Observation.objects.count(), Observation.history.count()
    results = together(lambda: import_workbook(data, now=AS_OF), lambda: import_workbook(data, now=AS_OF))
    assert sorted(r.written for r in results) == [0, 2]
    assert Observation.objects.count() == rows + 2 and Observation.history.count() == history + 2
