"""The one set of factory functions for every test tier: plain functions with defaults, for
tests that need records in the database.

Each returns a saved object; pass only what the test is about. Codes are made unique with a
counter so factories can be called many times in one test. The personas that tell the access
story are built from these in `tests.personas`; the page tests' small city in
`tests.web.pages_world`, the reports' in `tests.integration.reports_world`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model

from chitieu.core.choices import (
    Aggregation,
    Category,
    Comparator,
    Direction,
    EntryState,
    PeriodKind,
    Role,
    Stage,
    UnitKind,
)
from chitieu.core.periods import Period
from chitieu.monitoring.models import Observation
from chitieu.org.models import Account, Unit
from chitieu.plans.models import Assignment, Indicator, Resolution, Target
from chitieu.tasks.models import Task, TaskUpdate

#: The password of every test user.
PASSWORD = "mat-khau-thu-nghiem-2025"

_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def make_unit(code: str | None = None, name: str | None = None, *, kind: str = UnitKind.COMMUNE,
              parent: Unit | None = None, **extra: Any) -> Unit:
    """A unit; without `parent` a commune at the top of the tree."""
    n = _n()
    code = code or f"don-vi-{n}"
    return Unit.objects.create(code=code, name=name or f"Đơn vị {code}", kind=kind, parent=parent, **extra)


def make_city(code: str = "thanh-pho") -> Unit:
    """The root unit of kind city."""
    return make_unit(code, name="Thành phố thử nghiệm", kind=UnitKind.CITY)


def make_user(username: str, *, role: Role | None = None, unit: Unit | None = None,
              superuser: bool = False, full_name: str = "") -> Any:
    """A user with PASSWORD and, when `role` is given, an Account at `unit`."""
    first, _, last = full_name.partition(" ")
    User = get_user_model()
    if superuser:
        user = User.objects.create_superuser(username=username, password=PASSWORD, first_name=first, last_name=last)
    else:
        user = User.objects.create_user(username=username, password=PASSWORD, first_name=first, last_name=last)
    if role is not None:
        Account.objects.create(user=user, unit=unit, role=role)
    return user


def make_indicator(code: str | None = None, name: str | None = None, unit: str = "%", *,
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


def assign(indicator: Indicator, units: Iterable[Unit], **validity: Any) -> list[Assignment]:
    """Assign `units` to report `indicator` (plans.Assignment): the units a combination counts."""
    return [Assignment.objects.create(indicator=indicator, unit=u, **validity) for u in units]


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


def make_observation(unit: Unit | None = None, indicator: Indicator | None = None,
                     period: str = "2024", value: float = 100.0, *, stage: str = Stage.OFFICIAL,
                     state: str = EntryState.APPROVED, source: str = "báo cáo", by: Any = None,
                     **extra: Any) -> Observation:
    """A stored figure, approved unless `state` says otherwise, written directly (no
    validation, no workflow): for setting up reviews, pages and access checks."""
    unit = unit or make_unit()
    indicator = indicator or make_indicator()
    p = Period.parse(period)
    return Observation.objects.create(
        unit=unit, indicator=indicator, period=p.code, value=value, stage=stage, state=state,
        source=source, entered_by=by, entered_unit=indicator.unit, **extra,
    )


def make_task(code: str, lead: Unit | None, *, supporting: tuple[Unit, ...] = (), **kw: Any) -> Task:
    """A confirmed task led by `lead` (None: no lead unit), with its supporting units."""
    task = Task.objects.create(code=code, title=kw.pop("title", f"Nhiệm vụ {code}"), lead_unit=lead, **kw)
    if supporting:
        task.supporting_units.set(supporting)
    return task


def stored_state() -> tuple:
    """Every figure (value, stage, state), every task update, and the size of every history
    table: what a refused write must leave exactly as it was."""
    figures = tuple(Observation.objects.order_by("pk").values_list("pk", "value", "stage", "state", "correction_reason", "version"))
    updates = tuple(TaskUpdate.objects.order_by("pk").values_list("pk", "progress", "note"))
    histories = tuple(m.history.count() for m in (Observation, Task))
    return figures, updates, histories


def submit_then_decide(observations: Iterable[Observation], *, by: Any) -> None:
    """Submit every draft, then approve two in three and return the third (the write-path
    mix the maintained-combination tests replay)."""
    from chitieu.monitoring import workflow

    drafts = list(observations)
    for obs in drafts:
        workflow.submit(obs.pk, by=by)
    for n, obs in enumerate(drafts):
        if n % 3 == 2:
            workflow.reject(obs.pk, by=by, reason="Sai số liệu")
        else:
            workflow.approve(obs.pk, by=by, confirm=True)
