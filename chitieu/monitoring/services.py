"""Record reported figures, one at a time or in bulk (all or nothing).

Every rule an incoming figure must pass is checked here, each error keyed by the field it
concerns (and, in bulk, by "dòng N.field", N counted from 1), in Vietnamese, naming the value:

- the unit and indicator codes exist;
- the value is a finite number ("13,5" and 13.5 both read as 13.5; "abc", NaN, inf refused);
- the unit of measure converts to the indicator's unit; the value is stored converted, the
  unit as entered is kept in `entered_unit`;
- the period parses, has begun by `now`, and is not finer than the indicator's frequency
  (the finest period it is reported for);
- no lock (`PeriodLock`, for the unit, a unit above it, or the whole city) covers the period;
- a second official figure for the same unit, indicator and period is a Conflict unless a
  `correction_reason` is given; the correction updates the figure and django-simple-history
  keeps the old value with the reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from chitieu.core.choices import EntryState, PeriodKind, Stage
from chitieu.core.periods import Period, PeriodError
from chitieu.core.quantities import UnitError, conversion_factor, format_number, parse_number
from chitieu.errors import Conflict, Invalid
from chitieu.monitoring.models import Observation, PeriodLock
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator

#: Length in months of the finest period an indicator's frequency allows.
FREQUENCY_MONTHS: dict[str, int] = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF: 6,
    PeriodKind.YEAR_TO_DATE: 1,
    PeriodKind.YEAR: 12,
    PeriodKind.TERM: 24,
}

#: States in which an official figure stands and may only be changed by a correction.
STANDING_STATES = (EntryState.SUBMITTED, EntryState.APPROVED)


@dataclass
class _Clean:
    """One validated row, ready to write."""

    unit: Unit
    indicator: Indicator
    period: Period
    value: float
    entered_unit: str
    stage: Stage
    source: str
    note: str
    correction_reason: str
    state: EntryState
    reported_on: date | None = None
    existing: Observation | None = None


def _months(period: Period) -> int:
    return (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1


def fits_frequency(period: Period, frequency: str) -> bool:
    """True when `period` is made of whole reporting periods of `frequency`: a quarterly
    indicator takes quarters, halves, 3, 6 or 9 months from January, years and terms, but
    not "5 tháng đầu năm" or one month; a term figure fits any frequency."""
    step = FREQUENCY_MONTHS.get(PeriodKind(frequency), 1) if frequency else 1
    if period.kind is PeriodKind.TERM:
        return True
    return _months(period) % step == 0 and (period.start.month - 1) % step == 0


def _today(now: date | datetime | None) -> date:
    if now is None:
        return timezone.localdate()
    return now.date() if isinstance(now, datetime) else now


def read_value(raw: Any) -> float:
    """Return `raw` as a finite float: numbers as they are, text the Vietnamese way
    ("13,5" -> 13.5, "89.490,478" -> 89490.478). Raises ValueError (Vietnamese message naming
    the value) for text that is not a number, booleans, None, NaN and infinities."""
    if isinstance(raw, bool) or raw is None:
        raise ValueError(f"Giá trị «{raw}» không phải là số.")
    if isinstance(raw, (int, float, Decimal)):
        value = float(raw)
    else:
        text = str(raw).strip()
        try:
            value = float(parse_number(text))
        except (ValueError, TypeError, ArithmeticError) as exc:
            raise ValueError(f"Giá trị «{raw}» không phải là số.") from exc
    if not math.isfinite(value):
        raise ValueError(f"Giá trị «{raw}» không phải là số hữu hạn.")
    return value


class _Lookups:
    """Units, indicators, locks and existing figures fetched in bulk for a batch of rows."""

    def __init__(self, rows: list[Mapping[str, Any]]):
        unit_codes = {str(r.get("unit") or "") for r in rows}
        indicator_codes = {str(r.get("indicator") or "") for r in rows}
        self.units = {u.code: u for u in Unit.objects.filter(code__in=unit_codes)}
        self.indicators = {i.code: i for i in Indicator.objects.filter(code__in=indicator_codes)}
        self.locks = list(PeriodLock.objects.select_related("unit"))
        periods = set()
        for r in rows:
            try:
                periods.add(Period.parse(str(r.get("period") or "")).code)
            except PeriodError:
                pass
        existing = Observation.objects.filter(
            unit__in=self.units.values(), indicator__in=self.indicators.values(), period__in=periods
        )
        self.existing = {(o.unit_id, o.indicator_id, o.period, o.stage): o for o in existing}

    def lock_for(self, unit: Unit, period: Period) -> PeriodLock | None:
        for lock in self.locks:
            if lock.period_start is None or lock.period_end is None:
                continue
            if not (lock.period_start <= period.start and period.end <= lock.period_end):
                continue
            if lock.unit is None or unit.is_within(lock.unit):
                return lock
        return None


def _reported_on(raw: Any, period: Period | None, today: date) -> tuple[date | None, str | None]:
    """Read the date a figure became known: (date or None when not given, error or None).
    It may not lie in the future nor before its period begins."""
    if raw in (None, ""):
        return None, None
    if isinstance(raw, datetime):
        day = raw.date()
    elif isinstance(raw, date):
        day = raw
    else:
        try:
            day = date.fromisoformat(str(raw).strip())
        except ValueError:
            return None, f"Ngày «{raw}» không hợp lệ (cần dạng YYYY-MM-DD)."
    if day > today:
        return None, f"Ngày báo cáo {day:%d/%m/%Y} chưa tới."
    if period is not None and day < period.start:
        return None, f"Ngày báo cáo {day:%d/%m/%Y} trước khi kỳ «{period.code}» bắt đầu."
    return day, None


def _check_row(row: Mapping[str, Any], look: _Lookups, today: date) -> tuple[_Clean | None, dict[str, str], bool]:
    """Validate one row. Returns (cleaned row or None, errors by field, is_conflict)."""
    errors: dict[str, str] = {}
    unit_code = str(row.get("unit") or "").strip()
    indicator_code = str(row.get("indicator") or "").strip()
    unit = look.units.get(unit_code)
    if unit is None:
        errors["unit"] = f"Không có đơn vị mã «{unit_code}»." if unit_code else "Chưa chọn đơn vị."
    indicator = look.indicators.get(indicator_code)
    if indicator is None:
        errors["indicator"] = (
            f"Không có chỉ tiêu mã «{indicator_code}»." if indicator_code else "Chưa chọn chỉ tiêu."
        )
    value = None
    try:
        value = read_value(row.get("value"))
    except ValueError as exc:
        errors["value"] = str(exc)
    try:
        stage = Stage.parse(str(row.get("stage") or Stage.ESTIMATE))
    except ValueError as exc:
        errors["stage"] = str(exc)
        stage = None
    try:
        state = EntryState.parse(str(row.get("state") or EntryState.APPROVED))
    except ValueError as exc:
        errors["state"] = str(exc)
        state = None
    raw_period = str(row.get("period") or "").strip()
    period = None
    try:
        period = Period.parse(raw_period)
    except PeriodError as exc:
        errors["period"] = str(exc) if raw_period else "Chưa nhập kỳ báo cáo."
    if period is not None:
        if period.start > today:
            errors["period"] = f"Kỳ «{raw_period}» chưa bắt đầu (hôm nay là {today:%d/%m/%Y})."
        elif indicator is not None and not fits_frequency(period, indicator.frequency):
            shorter = _months(period) < FREQUENCY_MONTHS.get(PeriodKind(indicator.frequency), 1)
            errors["period"] = (
                f"Kỳ «{raw_period}» {'ngắn hơn' if shorter else 'không khớp với'} kỳ báo cáo của "
                f"chỉ tiêu «{indicator.name}» ({PeriodKind(indicator.frequency).label.lower()})."
            )
    reported_on, problem = _reported_on(row.get("reported_on"), period, today)
    if problem:
        errors["reported_on"] = problem
    entered_unit = str(row.get("unit_of_measure") or "").strip()
    factor = 1.0
    if indicator is not None:
        entered_unit = entered_unit or indicator.unit
        try:
            factor = conversion_factor(entered_unit, indicator.unit)
        except UnitError:
            errors["unit_of_measure"] = (
                f"Đơn vị tính «{entered_unit}» không quy đổi được sang «{indicator.unit}» "
                f"của chỉ tiêu «{indicator.name}»."
            )
    if errors:
        return None, errors, False
    assert unit and indicator and period and stage and state and value is not None
    lock = look.lock_for(unit, period)
    if lock is not None:
        where = lock.unit.display_name if lock.unit else "toàn thành phố"
        return None, {"period": f"Kỳ «{period.code}» đã khóa sổ ({where}); không nhận số liệu."}, True
    reason = str(row.get("correction_reason") or "").strip()
    existing = look.existing.get((unit.pk, indicator.pk, period.code, stage.value))
    if (
        existing is not None
        and stage == Stage.OFFICIAL
        and existing.state in STANDING_STATES
        and not reason
    ):
        return None, {
            "correction_reason": (
                f"Đã có số chính thức {format_number(existing.value)} {indicator.unit} của {unit.display_name} "
                f"cho «{indicator.name}» kỳ {period.code}; muốn sửa phải nêu lý do điều chỉnh."
            )
        }, True
    clean = _Clean(
        unit=unit, indicator=indicator, period=period, value=value * factor,
        entered_unit=entered_unit, stage=stage, source=str(row.get("source") or "").strip(),
        note=str(row.get("note") or "").strip(), correction_reason=reason, state=state,
        reported_on=reported_on, existing=existing,
    )
    return clean, {}, False


def _raise(errors: dict[str, str], conflict: bool, count: int) -> None:
    message = "Số liệu không được ghi" + (f" (không dòng nào trong {count} dòng được ghi)." if count > 1 else ".")
    if conflict:
        raise Conflict(message, errors)
    raise Invalid(message, errors)


def _write(rows: list[_Clean], user: Any) -> list[Observation]:
    created: list[Observation] = []
    out: list[Observation] = []
    for c in rows:
        obs = c.existing
        if obs is None:
            obs = Observation(unit=c.unit, indicator=c.indicator, stage=c.stage)
            obs.entered_by = user if getattr(user, "pk", None) else None
            created.append(obs)
        obs.period, obs.period_start, obs.period_end = c.period.code, c.period.start, c.period.end
        obs.value, obs.entered_unit, obs.state = c.value, c.entered_unit, c.state
        obs.source, obs.note, obs.reported_on = c.source, c.note, c.reported_on
        if c.state == EntryState.APPROVED and getattr(user, "pk", None):
            # Written straight into the approved state by someone who may approve (the office,
            # a leader, an approver's import): they are its approver.
            obs.approved_by, obs.approved_at = user, timezone.now()
        if c.existing is not None:
            obs.correction_reason = c.correction_reason
            obs._change_reason = (  # type: ignore[attr-defined]  # read by simple_history
                f"Điều chỉnh: {c.correction_reason}" if c.correction_reason else "Cập nhật số liệu"
            )
            obs.save()
        out.append(obs)
    if created:
        now = timezone.now()
        for obs in created:
            obs.entered_at = obs.updated_at = now
        bulk_create_with_history(
            created, Observation, batch_size=1000, default_change_reason="Nhập số liệu",
            default_user=user if getattr(user, "pk", None) else None,
        )
    return out


def _write_atomically(rows: list[_Clean], user: Any) -> list[Observation]:
    """Write in one transaction. A figure stored by someone else between the checks and the
    write (the unique constraint fires) becomes a Conflict, and nothing is written."""
    try:
        with transaction.atomic():
            return _write(rows, user)
    except IntegrityError as exc:
        raise Conflict(
            "Số liệu vừa được ghi bởi người khác; hãy tải lại rồi nhập lại.",
            {"period": "Đã có số liệu cùng đơn vị, chỉ tiêu, kỳ và mức độ."},
        ) from exc


def record_observations(
    rows: Iterable[Mapping[str, Any]], *, user: Any = None, now: date | datetime | None = None
) -> list[Observation]:
    """Validate and write figures, all or none, in one transaction; return them in order.

    Each row is a mapping with keys unit, indicator (codes), period, value, and optionally
    unit_of_measure, stage (default estimate), state (default approved), source, note,
    correction_reason, reported_on (date or "YYYY-MM-DD": when the figure became known; not
    in the future nor before its period; reviews as of an earlier date leave it out). A row equal in unit, indicator, period and stage to a stored figure
    updates it (estimates are revised; an official figure only with a correction reason).
    Raises Invalid (or Conflict, when every error is a collision with stored data or a
    locked period) with errors keyed "dòng N.field"; nothing is written then.
    """
    rows = list(rows)
    if not rows:
        raise Invalid("Không có dòng số liệu nào.", {"rows": "Danh sách số liệu trống."})
    today = _today(now)
    look = _Lookups(rows)
    errors: dict[str, str] = {}
    conflict_only = True
    cleaned: list[_Clean] = []
    seen: dict[tuple, int] = {}
    for n, row in enumerate(rows, start=1):
        clean, row_errors, conflict = _check_row(row, look, today)
        if clean is not None:
            key = (clean.unit.pk, clean.indicator.pk, clean.period.code, clean.stage.value)
            if key in seen:
                row_errors, conflict = {"period": f"Trùng với dòng {seen[key]} (cùng đơn vị, chỉ tiêu, kỳ, mức độ)."}, False
            else:
                seen[key] = n
                cleaned.append(clean)
        if row_errors:
            conflict_only = conflict_only and conflict
            errors.update({f"dòng {n}.{field}": msg for field, msg in row_errors.items()})
    if errors:
        _raise(errors, conflict_only, len(rows))
    return _write_atomically(cleaned, user)


def record_observation(
    *,
    unit: str,
    indicator: str,
    period: str,
    value: Any,
    unit_of_measure: str = "",
    stage: str = Stage.ESTIMATE,
    state: str = EntryState.APPROVED,
    source: str = "",
    note: str = "",
    correction_reason: str = "",
    reported_on: date | str | None = None,
    user: Any = None,
    now: date | datetime | None = None,
) -> Observation:
    """Validate and write one figure; return the stored Observation (value in the indicator's
    unit). Same rules as `record_observations`, but errors are keyed by the bare field name
    ("value", "period", ...). Raises Invalid or Conflict; nothing is written then."""
    row = {
        "unit": unit, "indicator": indicator, "period": period, "value": value,
        "unit_of_measure": unit_of_measure, "stage": stage, "state": state, "source": source,
        "note": note, "correction_reason": correction_reason, "reported_on": reported_on,
    }
    look = _Lookups([row])
    clean, errors, conflict = _check_row(row, look, _today(now))
    if errors:
        _raise(errors, conflict, 1)
    assert clean is not None
    return _write_atomically([clean], user)[0]


def lock_period(period: str, *, unit: Unit | None = None, reason: str = "", user: Any = None) -> PeriodLock:
    """Close `period` to new and changed figures, for `unit` (and units below it) or the
    whole city when unit is None. Returns the lock; locking twice returns the same lock.
    Raises Invalid when the period does not parse."""
    try:
        p = Period.parse(period)
    except PeriodError as exc:
        raise Invalid(f"Kỳ «{period}» không hợp lệ.", {"period": f"Kỳ «{period}» không hợp lệ: {exc}"}) from exc
    with transaction.atomic():
        lock = PeriodLock.objects.filter(period=p.code, unit=unit).first()
        if lock is None:
            lock = PeriodLock(period=p.code, unit=unit, reason=reason)
            lock.locked_by = user if getattr(user, "pk", None) else None
            lock.save()
        return lock
