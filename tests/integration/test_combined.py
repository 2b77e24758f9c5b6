"""The communes' combined figures the write service maintains (chitieu.monitoring.combined)
are exactly those computed from the raw figures, on random data, after every kind of write.

Values are random multiples of 1/4 below 2**20, so every sum is exact in binary floating
point whatever the order of addition: a difference is a wrong group, never rounding.
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from django.db.models import Q

from chitieu.core.choices import Aggregation, EntryState, PeriodKind, Stage, UnitKind
from chitieu.core.periods import Period
from chitieu.monitoring import combined, review, workflow
from chitieu.monitoring.models import CombinedFigure, Observation
from chitieu.monitoring.services import record_observations
from chitieu.org.services import LOCAL_KINDS
from chitieu.plans.models import Assignment
from tests.factories import assign, make_indicator, make_observation, make_unit, submit_then_decide
from tests.personas import make_cast

pytestmark = pytest.mark.django_db

MONTHS = [Period.month(y, m) for y in (2022, 2023, 2024) for m in (1, 4, 7, 12)]
STAGES = [Stage.ESTIMATE, Stage.PRELIMINARY, Stage.OFFICIAL]
LATE = date(2030, 1, 1)


def _value(rng: random.Random) -> float:
    return rng.randint(0, 4 * 2**20) / 4


@pytest.fixture
def world():
    """The cast's city and two communes, three more communes, a second city with three
    communes, a hamlet (never combined), and three indicators (sums and averages)."""
    cast = make_cast()
    city = cast.units["city"]
    other = make_unit("tinh-khac", kind=UnitKind.CITY)
    communes = [cast.units["commune_a"], cast.units["commune_b"]]
    communes += [make_unit(f"xa-{n}", parent=city, kind=UnitKind.WARD if n % 2 else UnitKind.COMMUNE) for n in range(3)]
    communes += [make_unit(f"xa-khac-{n}", parent=other) for n in range(3)]
    indicators = [
        make_indicator(f"ct-{n}", unit="tỷ đồng", frequency=PeriodKind.MONTH, aggregation=agg, unit_aggregation=how)
        for n, (agg, how) in enumerate([(Aggregation.SUM, Aggregation.SUM), (Aggregation.LAST, Aggregation.AVERAGE),
                                        (Aggregation.SUM, Aggregation.SUM)])
    ]
    return cast, city, other, communes + [cast.units["hamlet_a"]], indicators


def _rows(rng: random.Random, units, indicators, n: int, state: str) -> list[dict]:
    """`n` random figures of keys not stored yet."""
    seen, rows = set(Observation.objects.values_list("unit_id", "indicator_id", "period", "stage")), []
    while len(rows) < n:
        unit, ind, p, stage = rng.choice(units), rng.choice(indicators), rng.choice(MONTHS), rng.choice(STAGES)
        if (unit.pk, ind.pk, p.code, stage) in seen:
            continue
        seen.add((unit.pk, ind.pk, p.code, stage))
        known = rng.choice([None, None, p.start, date(p.start.year, 12, 31)])
        rows.append({"unit": unit.code, "indicator": ind.code, "period": p.code, "value": _value(rng),
                     "unit_of_measure": ind.unit, "stage": stage, "state": state,
                     "reported_on": known if known and known <= date(2025, 1, 1) else None})
    return rows


def _stored() -> list[tuple]:
    return sorted(CombinedFigure.objects.values_list(
        "scope_id", "indicator_id", "period", "stage", "total", "n", "simulated", "huge", "assigned", "reported_last"
    ))


def _both(indicators, as_of: date, city=None, history: frozenset = frozenset()):
    """(maintained, raw) combinations of the review, for every commune or `city`'s."""
    window = review._window([Period.year(2024)], as_of, history)
    if city is None:
        where = Q(unit__kind__in=LOCAL_KINDS)
    else:
        where = Q(unit__parent=city, unit__kind__in=LOCAL_KINDS)
    out = []
    for maintained in (True, False):
        found = review._communes_combined(where, indicators, window, where, city_id=city.pk if city else None,
                                          maintained=maintained)
        out.append((dict(found), dict(found.broken)))
    return out


def _check(indicators, city, other, *, as_of: date = LATE) -> None:
    """The table equals a rebuild from the raw figures, and the review's combinations read
    from it equal those computed from the raw figures, for the nation, each city, with and
    without the earlier years."""
    before = _stored()
    combined.rebuild()
    assert _stored() == before
    for scope in (None, city, other):
        for history in (frozenset(), frozenset(i.pk for i in indicators[1:])):
            maintained, raw = _both(indicators, as_of, scope, history)
            assert maintained == raw


def test_maintained_combinations_equal_the_raw_ones_through_writes_approvals_and_returns(world):
    cast, city, other, units, indicators = world
    rng = random.Random(14)
    record_observations(_rows(rng, units, indicators, 120, EntryState.APPROVED))
    assert CombinedFigure.objects.exists()
    _check(indicators, city, other)

    # Corrections of approved figures, one by one and in bulk.
    approved = list(Observation.objects.filter(state=EntryState.APPROVED).order_by("pk"))
    for obs in rng.sample(approved, 10):
        workflow.correct(obs.pk, by=cast.users["office"], value=_value(rng), reason="Rà soát lại")
    _check(indicators, city, other)

    # Drafts submitted, then some approved and some returned.
    drafts = record_observations(_rows(random.Random(15), units, indicators, 40, EntryState.DRAFT))
    submit_then_decide([o for o in drafts if o.state == EntryState.DRAFT], by=cast.users["office"])
    _check(indicators, city, other)

    # Assignments given and taken back, a commune moved to the other city, a figure too
    # large to add up (written directly, as the admin would), and figures deleted.
    assign(indicators[0], units[:4])
    assign(indicators[1], units[2:7])
    Assignment.objects.filter(unit=units[3]).delete()
    moved = units[4]
    moved.parent = other
    moved.save()
    make_observation(units[1], indicators[2], period=MONTHS[-1].code, value=1e301, stage=Stage.ESTIMATE)
    for obs in rng.sample(list(Observation.objects.filter(state=EntryState.APPROVED)), 5):
        obs.delete()
    _check(indicators, city, other)


def test_a_review_of_a_date_before_some_reports_reads_the_raw_figures_and_agrees(world):
    cast, city, other, units, indicators = world
    record_observations(_rows(random.Random(16), units, indicators, 120, EntryState.APPROVED))
    early = date(2024, 6, 30)
    window = review._window([Period.year(2024)], early)
    reported_late = Observation.objects.filter(reported_on__gt=early, period_start__gte=window.start,
                                               unit__kind__in=LOCAL_KINDS).exists()
    assert reported_late  # the random data hold a figure reported after the date
    assert combined.combined_groups([i.pk for i in indicators], window, None) is None
    assert combined.combined_groups([i.pk for i in indicators], review._window([Period.year(2024)], LATE), None)
    _check(indicators, city, other, as_of=early)


def test_the_city_review_reads_the_maintained_groups_in_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    cast, city, other, units, indicators = world
    record_observations(_rows(random.Random(17), units, indicators, 200, EntryState.APPROVED))
    periods = [Period.year(2024)]
    with django_assert_max_num_queries(5):
        review.latest_observations(indicators, periods, as_of=LATE)
