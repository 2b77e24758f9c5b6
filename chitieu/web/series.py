"""Named queries for the indicator page: a time series by stage and a per-unit breakdown."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from chitieu.core.choices import SIMULATED_SOURCE, EntryState, PeriodKind, Stage, UnitKind
from chitieu.core.periods import Period
from chitieu.monitoring.models import Observation
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator


def city_unit() -> Unit | None:
    """Return the top of the unit tree (the city), or None when there are no units."""
    roots = Unit.objects.filter(parent__isnull=True)
    return roots.filter(kind=UnitKind.CITY).order_by("id").first() or roots.order_by("id").first()


@dataclass
class Series:
    """Figures of one unit for one indicator, one period kind, by stage (oldest period first)."""

    kind: PeriodKind | None
    kinds: list[PeriodKind]
    periods: list[Period] = field(default_factory=list)
    by_stage: dict[Stage, list[float | None]] = field(default_factory=dict)
    rows: list[Observation] = field(default_factory=list)
    simulated: bool = False

    def chart_data(self, unit: str, target: float | None, forecast: float | None) -> dict:
        """Return the JSON the series chart reads (labels, one line per stage, target, forecast)."""
        return {
            "periods": [p.label for p in self.periods],
            "unit": unit,
            "stages": [
                {"label": s.label, "colour": s.colour, "values": vals} for s, vals in self.by_stage.items()
            ],
            "target": target,
            "forecast": forecast,
        }


def series_of(figures: QuerySet[Observation], unit: Unit, kind: str | None) -> Series:
    """Return the unit's series of `figures` (already narrowed to one indicator and to what the
    user may see). `kind` picks the period kind; by default the kind with most periods."""
    rows = list(figures.filter(unit=unit).order_by("period_start", "period_end"))
    parsed = [(o, Period.parse(o.period)) for o in rows]
    counts = Counter(p.kind for _, p in parsed)
    kinds = [k for k, _ in counts.most_common()]
    chosen = PeriodKind(kind) if kind in {k.value for k in kinds} else (kinds[0] if kinds else None)
    chosen_rows = [(o, p) for o, p in parsed if p.kind == chosen]
    periods = sorted({p for _, p in chosen_rows})
    index = {p: i for i, p in enumerate(periods)}
    by_stage: dict[Stage, list[float | None]] = defaultdict(lambda: [None] * len(periods))
    for o, p in chosen_rows:
        by_stage[Stage(o.stage)][index[p]] = o.value
    ordered = {s: by_stage[s] for s in Stage if s in by_stage}
    return Series(
        chosen, kinds, periods, ordered, [o for o, _ in chosen_rows],
        any(o.source == SIMULATED_SOURCE for o, _ in chosen_rows),
    )


def breakdown(figures: QuerySet[Observation], period: str | None, exclude: Unit | None) -> tuple[str | None, list[Observation]]:
    """Return (period, best figure of each unit for it): the given period, or the latest one any
    unit other than `exclude` reported. Best = most final stage. Sorted by value, highest first."""
    others = figures.exclude(unit=exclude) if exclude else figures
    if not period:
        latest = others.order_by("-period_end", "period_start").values_list("period", flat=True).first()
        period = latest
    if period is None:
        return None, []
    best: dict[int, Observation] = {}
    for o in others.filter(period=period).select_related("unit"):
        if o.unit_id not in best or Stage(o.stage).rank > Stage(best[o.unit_id].stage).rank:
            best[o.unit_id] = o
    return period, sorted(best.values(), key=lambda o: -o.value)


def figures_for(indicator: Indicator) -> QuerySet[Observation]:
    """All figures of an indicator (narrow with access.observations_visible_to before use)."""
    return Observation.objects.filter(indicator=indicator)


APPROVED = EntryState.APPROVED
