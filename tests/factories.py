"""Plain factory functions with defaults, for tests that need records in the database.

Each returns a saved object; pass only what the test is about. Codes are made unique with a
counter so factories can be called many times in one test.
"""

from __future__ import annotations

import itertools
from typing import Any

from chitieu.core.choices import (
    Aggregation,
    Category,
    Comparator,
    Direction,
    PeriodKind,
    Stage,
    UnitKind,
)
from chitieu.core.periods import Period
from chitieu.monitoring.models import Observation
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator, Resolution, Target

_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def make_unit(code: str | None = None, *, name: str | None = None, kind: str = UnitKind.COMMUNE,
              parent: Unit | None = None, **extra: Any) -> Unit:
    """A unit; without `parent` a commune at the top of the tree."""
    n = _n()
    code = code or f"don-vi-{n}"
    return Unit.objects.create(code=code, name=name or f"Đơn vị {code}", kind=kind, parent=parent, **extra)


def make_city(code: str = "thanh-pho") -> Unit:
    """The root unit of kind city."""
    return make_unit(code, name="Thành phố thử nghiệm", kind=UnitKind.CITY)


def make_indicator(code: str | None = None, *, name: str | None = None, unit: str = "%",
                   category: str = Category.ECONOMY, direction: str = Direction.HIGHER,
                   aggregation: str = Aggregation.LAST, unit_aggregation: str = Aggregation.SUM,
                   frequency: str = PeriodKind.MONTH, **extra: Any) -> Indicator:
    """An indicator reported monthly, in percent, higher is better."""
    n = _n()
    code = code or f"chi-tieu-{n}"
    return Indicator.objects.create(
        code=code, name=name or f"Chỉ tiêu {code}", unit=unit, category=category, direction=direction,
        aggregation=aggregation, unit_aggregation=unit_aggregation, frequency=frequency, **extra,
    )


def make_resolution(code: str | None = None, *, issuer: Unit | None = None, period: str = "2021",
                    **extra: Any) -> Resolution:
    """A resolution for `period`, issued by `issuer` (a new unit by default)."""
    n = _n()
    code = code or f"nq-{n}"
    issuer = issuer or make_unit(kind=UnitKind.PARTY_BODY)
    return Resolution.objects.create(code=code, title=f"Nghị quyết {code}", issuer=issuer, period=period, **extra)


def make_target(resolution: Resolution | None = None, indicator: Indicator | None = None, *,
                number: str | None = None, comparator: str = Comparator.GE, value: float = 10.0,
                value_max: float | None = None, unit: str | None = None, period: str | None = None,
                **extra: Any) -> Target:
    """A target ">= 10" of the indicator's unit for the resolution's period."""
    resolution = resolution or make_resolution()
    indicator = indicator or make_indicator()
    return Target.objects.create(
        resolution=resolution, indicator=indicator, number=number or str(_n()), comparator=comparator,
        value=value, value_max=value_max, unit=unit or indicator.unit, period=period or resolution.period,
        **extra,
    )


def make_observation(unit: Unit | None = None, indicator: Indicator | None = None, *, period: str = "T1/2021",
                     value: float = 1.0, stage: str = Stage.OFFICIAL, source: str = "báo cáo",
                     **extra: Any) -> Observation:
    """A stored figure, written directly (no validation): for setting up reviews."""
    unit = unit or make_unit()
    indicator = indicator or make_indicator()
    p = Period.parse(period)
    return Observation.objects.create(
        unit=unit, indicator=indicator, period=p.code, value=value, stage=stage, source=source,
        entered_unit=indicator.unit, **extra,
    )
