"""Reviews kept until the data behind them changes.

A review is a pure function of the stored figures, targets, indicators, resolutions and
units, and of the date it is asked for (`as_of`). Every change to those records leaves a row
in its history table (django-simple-history, bulk writes included), so the newest history
row of each table says whether anything changed: one small query reads them all (each a
seek on the primary key) and becomes part of the cache key. The history row's time is in
the key too, so a number reused after a rolled-back transaction (SQLite does that) does not
pass for the same state.

CHITIEU_REVIEW_CACHE_SECONDS (settings.REVIEW_CACHE_SECONDS) sets how long an entry lives;
0 turns the cache off (the test suite does, except the tests of this module). The cache is
Django's default cache: per process unless settings point CACHES at a shared one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from chitieu.monitoring.models import Observation
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator, Resolution, Target, TargetScenario

T = TypeVar("T")

#: The records a review reads; a change to any of them changes the version.
SOURCES = (Observation, Target, TargetScenario, Indicator, Resolution, Unit)


def data_version() -> str:
    """Return a token that changes whenever a record a review reads changes (one query)."""
    q = connection.ops.quote_name
    parts = []
    for model in SOURCES:
        table = q(model.history.model._meta.db_table)
        parts.append(f"(SELECT MAX({q('history_id')}) FROM {table})")
        parts.append(
            f"(SELECT {q('history_date')} FROM {table} ORDER BY {q('history_id')} DESC LIMIT 1)"
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return "|".join(str(x) for x in row)


def cached(name: str, key: tuple, compute: Callable[[], T]) -> T:
    """Return compute() for `key` (with the data version), from the cache when it is fresh."""
    seconds = getattr(settings, "REVIEW_CACHE_SECONDS", 0)
    if not seconds:
        return compute()
    version = hashlib.sha256(data_version().encode()).hexdigest()[:32]
    full = f"chitieu:{name}:" + ":".join(str(k) for k in key) + ":" + version
    found = cache.get(full)
    if found is None:
        found = compute()
        cache.set(full, found, seconds)
    return found
