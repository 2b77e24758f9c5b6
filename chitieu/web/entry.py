"""Named queries behind the data-entry grid and the approvals list."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from chitieu.core.choices import EntryState, PeriodKind, Stage
from chitieu.core.periods import Period
from chitieu.monitoring.models import Observation
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator

#: Period grains a reporter can choose for the grid's columns.
GRAINS = [PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR]
EDITABLE = (EntryState.DRAFT, EntryState.REJECTED)


def grid_periods(year: int, grain: PeriodKind) -> list[Period]:
    """Return the columns of the grid: the months, quarters or the single year of `year`."""
    whole = Period.year(year)
    return [whole] if grain == PeriodKind.YEAR else whole.subperiods(grain)


def indicators_for_unit(unit: Unit, category: str | None = None) -> QuerySet[Indicator]:
    """Return the indicators `unit` reports: those it is assigned to report (plans.Assignment),
    already has figures for, or whose targets it leads, supports or holds a share of; when it
    has none of these, the whole catalogue (a new unit)."""
    qs = Indicator.objects.all()
    if category:
        qs = qs.filter(category=category)
    own = qs.filter(
        Q(assignments__unit=unit) | Q(observations__unit=unit) | Q(targets__lead_unit=unit)
        | Q(targets__supporting_units=unit) | Q(targets__shares__unit=unit)
    ).distinct()
    ids = list(own.values_list("id", flat=True))
    return qs.filter(id__in=ids) if ids else qs


@dataclass
class Cell:
    """One cell of the grid: the figure (if any) of an indicator for a period at a stage."""

    indicator: Indicator
    period: Period
    obs: Observation | None
    error: str = ""
    raw: str = ""

    @property
    def editable(self) -> bool:
        return self.obs is None or self.obs.state in EDITABLE

    @property
    def dom_id(self) -> str:
        return f"cell-{self.indicator.pk}-{self.period.code.replace('/', '-')}"

    @property
    def state(self) -> EntryState | None:
        return EntryState(self.obs.state) if self.obs else None


def grid(unit: Unit, indicators: list[Indicator], periods: list[Period], stage: Stage) -> list[tuple[Indicator, list[Cell]]]:
    """Return rows of cells for the unit; one query for all the figures."""
    codes = [p.code for p in periods]
    found = {
        (o.indicator_id, o.period): o
        for o in Observation.objects.filter(unit=unit, indicator__in=indicators, period__in=codes, stage=stage)
    }
    return [(ind, [Cell(ind, p, found.get((ind.pk, p.code))) for p in periods]) for ind in indicators]


def pending_approval(units: QuerySet[Unit] | None = None) -> QuerySet[Observation]:
    """Return submitted figures waiting for approval, oldest first, with unit, indicator and
    who entered them."""
    qs = Observation.objects.filter(state=EntryState.SUBMITTED).select_related("unit", "indicator", "entered_by")
    if units is not None:
        qs = qs.filter(unit__in=units)
    return qs.order_by("updated_at", "id")
