"""The forecasts a report shows: one line per target not yet final (the figure against its
scenario, the pace the rest of the period needs, the chance of meeting it with its method),
and the vintage kept of each (reports.models.ForecastVintage)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils import timezone

from chitieu.core.quantities import format_percent
from chitieu.monitoring.review import TargetRow
from chitieu.reports.models import ForecastVintage


def shows_forecast(row: TargetRow) -> bool:
    """Whether the report says anything of `row` beyond its figure: a scenario, a pace or a
    chance (a final target has none of them)."""
    e = row.evaluation
    return row.scenario is not None or e.required is not None or e.probability is not None


def pace_line(row: TargetRow) -> str:
    """ "(9) Tổng thu ngân sách: đạt 120,8% kịch bản tháng 2/2026 (...); 10 tháng còn lại của
    năm cần thêm ...; khả năng: cần nỗ lực (62,0%), phương pháp forecast-normal." """
    e, parts = row.evaluation, []
    if row.scenario is not None:
        parts.append(row.scenario.words)
    if e.required is not None:
        parts.append(e.required.words)
    if e.probability is not None:
        chance = e.probability
        text = f"khả năng: {chance.label} ({format_percent(chance.value)})"
        if chance.progress_class:
            text += f", {chance.progress_class}"
        parts.append(f"{text}, phương pháp {chance.method}")
    name = row.indicator.short_name or row.indicator.name
    return f"({row.target.number}) {name}: " + "; ".join(parts) + "."


def keep_vintages(rows: Sequence[TargetRow], *, as_of: date, report_kind: str, today: date | None = None) -> int:
    """Keep what the report shows of each target with a forecast as a vintage dated `today`
    (default: the local date); one per target, date reviewed, kind and day (a report built
    twice a day keeps the first). One query; returns how many it offered."""
    made_on = today or timezone.localdate()
    new = []
    for row in rows:
        if not shows_forecast(row) or not row.target.pk:
            continue
        e = row.evaluation
        f, chance = e.forecast, e.probability
        new.append(ForecastVintage(
            target_id=row.target.pk, as_of=as_of, made_on=made_on, report_kind=report_kind, status=str(e.status),
            actual=e.actual, forecast=None if f is None else f.value, forecast_method=str(e.method or ""),
            probability=None if chance is None else chance.value,
            probability_method="" if chance is None else chance.method,
            inputs={} if chance is None else {k: float(v) for k, v in chance.inputs.items()},
            required="" if e.required is None else e.required.words,
            scenario="" if row.scenario is None else row.scenario.words, simulated=row.simulated,
        ))
    if new:
        # one insert; the day's vintage already kept stands (the unique constraint)
        ForecastVintage.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
