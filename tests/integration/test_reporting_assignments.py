"""Which units must report an indicator (chitieu.plans.reporting): assignments made, moved,
reopened and ended in one place, earlier periods keeping the units that owed them, every
change in history; giving a unit a share of a target makes it owe the indicator."""

from __future__ import annotations

from datetime import date

import pytest

from chitieu.monitoring.calendar import due_items
from chitieu.monitoring.shares import Part, give_shares
from chitieu.plans.models import Assignment
from chitieu.plans.reporting import ensure_reporting, reporting_on, set_reporting
from tests.factories import assign, make_indicator
from tests.personas import make_cast

pytestmark = pytest.mark.django_db

REASON = "thử"


@pytest.fixture
def cast():
    return make_cast()


def spans(indicator) -> dict[str, tuple[date | None, date | None]]:
    return {a.unit.code: (a.valid_from, a.valid_to) for a in Assignment.objects.filter(indicator=indicator)}


def test_new_units_report_from_the_day_named_and_a_unit_dropped_stops_the_day_before(cast):
    a, b = cast.units["commune_a"], cast.units["commune_b"]
    ind = make_indicator("ho-ngheo")
    set_reporting(ind, [a, b], on=date(2021, 1, 1), by=cast.users["office"], reason=REASON)
    set_reporting(ind, [a], on=date(2023, 1, 1), by=cast.users["office"], reason=REASON)
    assert spans(ind) == {"xa-an-lu": (date(2021, 1, 1), None), "xa-bach-dang": (date(2021, 1, 1), date(2022, 12, 31))}
    assert reporting_on(ind, date(2022, 6, 30)) == [a, b]  # 2022 keeps the commune that owed it
    assert reporting_on(ind, date(2023, 6, 30)) == [a]


def test_an_ended_assignment_is_reopened_and_one_not_begun_is_removed(cast):
    a, b = cast.units["commune_a"], cast.units["commune_b"]
    ind = make_indicator("bhyt")
    assign(ind, [a], valid_from=date(2021, 1, 1), valid_to=date(2021, 12, 31))
    assign(ind, [b], valid_from=date(2030, 1, 1))
    set_reporting(ind, [a], on=date(2024, 1, 1), by=cast.users["office"], reason=REASON)
    assert spans(ind) == {"xa-an-lu": (date(2021, 1, 1), None)}


def test_ensuring_a_report_moves_a_later_start_earlier_and_leaves_an_open_one_alone(cast):
    a, b = cast.units["commune_a"], cast.units["commune_b"]
    ind = make_indicator("viec-lam")
    assign(ind, [a], valid_from=date(2024, 1, 1))
    assign(ind, [b], valid_from=date(2019, 1, 1))
    changed = ensure_reporting(ind, [a, b], since=date(2021, 1, 1), reason=REASON)
    assert [c.unit for c in changed] == [a]
    assert spans(ind) == {"xa-an-lu": (date(2021, 1, 1), None), "xa-bach-dang": (date(2019, 1, 1), None)}


def test_every_change_of_an_assignment_is_in_history_with_who_and_why(cast):
    a, b = cast.units["commune_a"], cast.units["commune_b"]
    ind = make_indicator("dang-vien")
    set_reporting(ind, [a, b], on=date(2021, 1, 1), by=cast.users["office"], reason="Giao báo cáo")
    set_reporting(ind, [a], on=date(2022, 1, 1), by=cast.users["office"], reason="Thôi giao xã B")
    rows = Assignment.history.filter(indicator_id=ind.pk).order_by("history_id")
    assert [(r.unit_id, r.history_type, r.history_change_reason, r.history_user_id) for r in rows] == [
        (a.pk, "+", "Giao báo cáo", cast.users["office"].pk), (b.pk, "+", "Giao báo cáo", cast.users["office"].pk),
        (b.pk, "~", "Thôi giao xã B", cast.users["office"].pk),
    ]


def test_a_commune_given_a_share_owes_the_indicator_from_the_targets_period_and_sees_it_due(cast):
    a, b = cast.units["commune_a"], cast.units["commune_b"]
    target = cast.target  # revenue 2024, >= 1.000 tỷ đồng, a yearly indicator
    give_shares(target, [Part(a, 600), Part(b, 400)], user=cast.users["office"])
    assert spans(cast.indicator) == {"xa-an-lu": (date(2024, 1, 1), None), "xa-bach-dang": (date(2024, 1, 1), None)}
    due = {(d.unit.code, d.period.code) for d in due_items(date(2025, 1, 10))}
    assert {("xa-an-lu", "2024"), ("xa-bach-dang", "2024")} <= due
    history = Assignment.history.filter(indicator_id=cast.indicator.pk)
    assert {h.history_change_reason for h in history} == {"Giao chỉ tiêu (1) của hp-2024"}
