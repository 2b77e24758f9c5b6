"""Reviews are kept until the data behind them change: a repeated review is one query, and
any change to a figure, a target or a unit, committed or rolled back, is seen at once."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.db import transaction

from chitieu.core.choices import EntryState, PeriodKind, Stage, UnitKind
from chitieu.monitoring.review import evaluate_resolution
from chitieu.monitoring.services import record_observation
from tests.factories import make_city, make_indicator, make_resolution, make_target, make_unit

pytestmark = pytest.mark.django_db(transaction=True)

YEAR_END = date(2021, 12, 31)
NOW = date(2022, 1, 15)


@pytest.fixture
def world(settings):
    settings.REVIEW_CACHE_SECONDS = 600
    cache.clear()
    city = make_city()
    make_unit("xa-a", kind=UnitKind.COMMUNE, parent=city)
    growth = make_indicator("grdp", frequency=PeriodKind.YEAR)
    resolution = make_resolution("nq-2021", issuer=make_unit(kind=UnitKind.PARTY_BODY, parent=city))
    target = make_target(resolution, growth, value=13.5)
    yield city, resolution, target
    cache.clear()


def actual(resolution) -> float | None:
    (row,) = evaluate_resolution(resolution, as_of=YEAR_END).rows
    return row.evaluation.actual


def record(city, value: float, stage=Stage.ESTIMATE):
    return record_observation(unit=city.code, indicator="grdp", period="2021", value=value,
                              stage=stage, state=EntryState.APPROVED, now=NOW)


def test_a_repeated_review_is_one_query_and_the_same_answer(world, django_assert_num_queries):
    city, resolution, _ = world
    record(city, 12.5)
    first = evaluate_resolution(resolution, as_of=YEAR_END)
    with django_assert_num_queries(1):
        again = evaluate_resolution(resolution, as_of=YEAR_END)
    assert again.rows[0].evaluation == first.rows[0].evaluation
    assert evaluate_resolution(resolution, as_of=date(2021, 6, 30)).as_of == date(2021, 6, 30)


def test_a_new_or_corrected_figure_is_seen_at_once(world):
    city, resolution, _ = world
    assert actual(resolution) is None
    record(city, 12.5)
    assert actual(resolution) == 12.5
    record(city, 13.9, stage=Stage.OFFICIAL)
    assert actual(resolution) == 13.9


def test_a_changed_target_is_seen_at_once(world):
    city, resolution, target = world
    record(city, 12.5)
    (row,) = evaluate_resolution(resolution, as_of=YEAR_END).rows
    assert row.evaluation.status == "not_achieved"
    target.value = 12.0
    target.save()
    (row,) = evaluate_resolution(resolution, as_of=YEAR_END).rows
    assert row.evaluation.status == "exceeded"


def test_a_review_taken_inside_a_rolled_back_change_is_not_served_afterwards(world):
    city, resolution, _ = world
    with pytest.raises(RuntimeError), transaction.atomic():
        record(city, 99.0)
        assert actual(resolution) == 99.0  # cached under the state that is then rolled back
        raise RuntimeError("rollback")
    record(city, 12.5)  # may reuse the same history ids on SQLite
    assert actual(resolution) == 12.5
