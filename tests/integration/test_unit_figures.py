"""The units' best figures the write service maintains (chitieu.monitoring.unit_figures) give
the unit ranking and the jumps exactly what the raw figures give, on random data, after every
kind of write, and for dates before some figures were reported (the raw path then).

Values are random multiples of 1/4, so sums and means are exact whatever the order.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from chitieu.core.choices import Aggregation, EntryState, PeriodKind, Stage, UnitKind
from chitieu.core.periods import Period
from chitieu.monitoring import jumps, ranking, unit_figures, workflow
from chitieu.monitoring.models import Observation, UnitFigure
from chitieu.monitoring.services import record_observations
from tests.factories import (
    make_indicator,
    make_observation,
    make_resolution,
    make_target,
    make_unit,
    submit_then_decide,
)
from tests.personas import make_cast

pytestmark = pytest.mark.django_db

PERIODS = [Period.month(2023, m) for m in (10, 11, 12)] + [Period.month(2024, m) for m in range(1, 7)] + [
    Period.quarter(2023, 4), Period.quarter(2024, 1), Period.quarter(2024, 2), Period.half(2024, 1),
    Period.year_to_date(2024, 6), Period.year_to_date(2023, 6), Period.year(2023), Period.year(2024),
]
STAGES = [Stage.ESTIMATE, Stage.PRELIMINARY, Stage.OFFICIAL]
LATE = date(2030, 1, 1)
DATES = [date(2024, 2, 15), date(2024, 4, 30), date(2024, 6, 30), date(2024, 12, 31), LATE]
RANKED = [Period.year(2024), Period.quarter(2024, 1), Period.half(2024, 1), Period.year(2023)]


def _value(rng: random.Random) -> float:
    return rng.randint(0, 4 * 2**12) / 4


@pytest.fixture
def world():
    """The cast's city with its communes and five more, a second city with three communes,
    a hamlet, and three indicators (a sum, a level, an average) targeted by one resolution."""
    cast = make_cast()
    city = cast.units["city"]
    other = make_unit("tinh-khac", kind=UnitKind.CITY)
    units = [city, other, cast.units["commune_a"], cast.units["commune_b"], cast.units["hamlet_a"]]
    units += [make_unit(f"xa-{n}", parent=city, kind=UnitKind.WARD if n % 2 else UnitKind.COMMUNE) for n in range(5)]
    units += [make_unit(f"xa-khac-{n}", parent=other) for n in range(3)]
    indicators = [
        make_indicator(f"ct-{n}", unit="tỷ đồng", frequency=PeriodKind.MONTH, aggregation=agg)
        for n, agg in enumerate([Aggregation.SUM, Aggregation.LAST, Aggregation.AVERAGE])
    ]
    resolution = make_resolution("nq-mau", issuer=city, period="2024")
    for ind in indicators:
        make_target(resolution, ind, period="2024")
    return cast, city, units, indicators, resolution


def _rows(rng: random.Random, units, indicators, n: int, state: str) -> list[dict]:
    """`n` random figures of keys not stored yet."""
    seen = set(Observation.objects.values_list("unit_id", "indicator_id", "period", "stage"))
    rows: list[dict] = []
    while len(rows) < n:
        unit, ind, p, stage = rng.choice(units), rng.choice(indicators), rng.choice(PERIODS), rng.choice(STAGES)
        if (unit.pk, ind.pk, p.code, stage) in seen:
            continue
        seen.add((unit.pk, ind.pk, p.code, stage))
        known = rng.choice([None, None, None, p.end, date(2024, 7, 15)])
        rows.append({"unit": unit.code, "indicator": ind.code, "period": p.code, "value": _value(rng),
                     "unit_of_measure": ind.unit, "stage": stage, "state": state,
                     "reported_on": known if known and known >= p.start else None})
    return rows


def _stored() -> list[tuple]:
    return sorted(UnitFigure.objects.values_list(
        "unit_id", "indicator_id", "period", "observation_id", "stage", "value", "source", "reported_last",
        "previous_value", "previous_source", "previous_reported_last",
    ))


def _raw(monkeypatch):
    """Send the ranking and the jumps to the raw figures (as when a row cannot answer)."""
    monkeypatch.setattr(ranking, "known", lambda *a: False)
    monkeypatch.setattr(jumps, "known", lambda *a: False)


def _answers(city, indicators, resolution) -> list:
    out = []
    for as_of in DATES:
        out.append(jumps.resolution_jumps(resolution, as_of, threshold=0.5))
        for ind in indicators:
            for period in RANKED:
                for parent in (None, city):
                    out.append(ranking.unit_ranking(ind, period, as_of=as_of, parent=parent))
    return out


def _check(city, indicators, resolution) -> None:
    """The rows equal a rebuild from the raw figures; the ranking and the jumps read from them
    equal those computed from the raw figures at every date; the latest date is answered by
    the rows alone."""
    before = _stored()
    unit_figures.rebuild()
    assert _stored() == before
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(jumps, "_raw_pairs", _refused)
        mp.setattr(ranking, "known_figures", _refused)
        late = [jumps.resolution_jumps(resolution, LATE, threshold=0.5)]
        late += [ranking.unit_ranking(ind, p, as_of=LATE) for ind in indicators for p in RANKED]
    maintained = _answers(city, indicators, resolution)
    with pytest.MonkeyPatch.context() as mp:
        _raw(mp)
        raw = _answers(city, indicators, resolution)
        raw_late = [jumps.resolution_jumps(resolution, LATE, threshold=0.5)]
        raw_late += [ranking.unit_ranking(ind, p, as_of=LATE) for ind in indicators for p in RANKED]
    assert maintained == raw
    assert late == raw_late
    assert any(found for found in raw if isinstance(found, list))  # some figures jumped
    assert any(r.ranks for r in raw if isinstance(r, ranking.UnitRanking))


def _refused(*args, **kwargs):
    raise AssertionError("the raw figures were read where the maintained rows should answer")


def test_the_ranking_and_the_jumps_from_the_maintained_rows_equal_the_raw_ones_through_every_write(world):
    cast, city, units, indicators, resolution = world
    rng = random.Random(14)
    record_observations(_rows(rng, units, indicators, 260, EntryState.APPROVED))
    assert UnitFigure.objects.exists()
    _check(city, indicators, resolution)

    # Corrections of approved figures, one by one.
    approved = list(Observation.objects.filter(state=EntryState.APPROVED).order_by("pk"))
    for obs in rng.sample(approved, 15):
        workflow.correct(obs.pk, by=cast.users["office"], value=_value(rng), reason="Rà soát lại")
    _check(city, indicators, resolution)

    # Drafts submitted, then some approved and some returned.
    drafts = record_observations(_rows(random.Random(15), units, indicators, 60, EntryState.DRAFT))
    submit_then_decide([o for o in drafts if o.state == EntryState.DRAFT], by=cast.users["office"])
    _check(city, indicators, resolution)

    # A figure written directly (as the admin would), figures deleted, more written in bulk.
    make_observation(units[3], indicators[0], period="T3/2024", value=7.25, stage=Stage.OFFICIAL)
    for obs in rng.sample(list(Observation.objects.filter(state=EntryState.APPROVED)), 12):
        obs.delete()
    record_observations(_rows(random.Random(16), units, indicators, 60, EntryState.APPROVED))
    _check(city, indicators, resolution)
