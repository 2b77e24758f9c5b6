"""The one door every figure enters by: `record_observations` (and `record_observation`).

The entry grid, the API, the Excel import, `chitieu observe`, the reading's drafts, the
corrections of `workflow.correct` and the demo loader only parse their input and call it with
the acting user and a `Mode`; every rule is checked here once, each error keyed by the field
it concerns (and, in bulk, by "dòng N.field", N counted from 1), in Vietnamese, naming the
value:

- the user may enter figures for the unit (`org.access`; None is the operator at the command
  line or the demo loader, with full rights); a figure is written approved only by someone
  who may approve;
- a submitted or approved figure, of any stage, changes only with a correction reason (a
  draft entry is refused and pointed to the correction); an approver's correction stays
  approved, a reporter's goes back to `submitted`; the reason is kept in history;
- a change based on an older version of the figure (`version`) is refused (Conflict naming
  who changed it and when); a write equal to the stored figure writes nothing, no history;
- plausibility (`chitieu.core.plausibility`): a value outside the indicator's range, sign,
  whole-number rule or magnitude is refused; unusual values are stored with warnings;

- the unit and indicator codes exist;
- the value is a finite number ("13,5" and 13.5 both read as 13.5; "abc", NaN, inf refused);
- the unit of measure converts to the indicator's unit; the value is stored converted, the
  unit as entered is kept in `entered_unit`;
- the period parses, has begun by `now`, and is not finer than the indicator's frequency
  (the finest period it is reported for);
- no lock (`PeriodLock`, for the unit, a unit above it, or the whole city) covers the period
  (`covering_lock`, the one implementation, also used by the workflow's submit and approve);
Rows are checked inside the writing transaction, with the stored figures locked
(`select_for_update` on PostgreSQL, an immediate transaction on SQLite), so two writers of
the same figures are serialised and the second sees the first's result.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from itertools import chain
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from chitieu.core import plausibility
from chitieu.core.choices import Aggregation, EntryState, PeriodKind, Stage
from chitieu.core.periods import Period, PeriodError, parse_day
from chitieu.core.quantities import UnitError, conversion_factor, format_number, parse_number
from chitieu.errors import NOTE_MAX_CHARS, Conflict, Forbidden, Invalid, too_long
from chitieu.monitoring import combined
from chitieu.monitoring.models import Observation, PeriodLock
from chitieu.org import access
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

#: States in which a figure (of any stage) stands and may only be changed by a correction.
STANDING_STATES = (EntryState.SUBMITTED, EntryState.APPROVED)


class Mode(StrEnum):
    """Which entry point a write comes from; it decides the state a written figure takes."""

    DRAFT = "draft"  # the grid, the API, the reading's drafts: always a draft of the unit
    CORRECTION = "correction"  # a change of a submitted or approved figure, with a reason
    IMPORT = "import"  # the Excel import: the state given per row
    CLI = "cli"  # `chitieu observe`: the state given (approved by default)
    DEMO = "demo"  # the demo loader: approved


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
    unchanged: bool = False
    warnings: list[str] = field(default_factory=list)


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
        try:
            value = float(raw)
        except OverflowError as exc:
            raise ValueError(f"Giá trị «{raw}» không phải là số hữu hạn.") from exc
    else:
        text = str(raw).strip()
        try:
            value = float(parse_number(text))
        except (ValueError, TypeError, ArithmeticError) as exc:
            raise ValueError(f"Giá trị «{raw}» không phải là số.") from exc
    if not math.isfinite(value):
        raise ValueError(f"Giá trị «{raw}» không phải là số hữu hạn.")
    return value


def covering_lock(locks: Iterable[PeriodLock], unit: Unit, period: Period) -> PeriodLock | None:
    """The lock among `locks` that closes `period` for `unit`: one for the whole city or for
    the unit or a unit above it, whose period contains `period`; None when none does. The one
    rule of period locks (entry, correction, submit and approve all use it)."""
    for lock in locks:
        if lock.period_start is None or lock.period_end is None:
            continue
        if not (lock.period_start <= period.start and period.end <= lock.period_end):
            continue
        if lock.unit is None or unit.is_within(lock.unit):
            return lock
    return None


def lock_of(obs: Observation) -> PeriodLock | None:
    """The lock closing the stored figure's period for its unit, or None (one query)."""
    period = Period.parse(obs.period)
    return covering_lock(PeriodLock.objects.select_related("unit"), obs.unit, period)


def locked_message(lock: PeriodLock, period: Period) -> str:
    where = lock.unit.display_name if lock.unit else "toàn thành phố"
    return f"Kỳ «{period.code}» đã khóa sổ ({where}); không nhận số liệu."


class _Lookups:
    """Units, indicators, locks and existing figures fetched in bulk for a batch of rows
    (inside the writing transaction, the existing figures locked for update)."""

    def __init__(self, rows: list[Mapping[str, Any]]):
        unit_codes = {str(r.get("unit") or "") for r in rows}
        indicator_codes = {str(r.get("indicator") or "") for r in rows}
        # The units' rows are locked first (in one order): two writers of one unit's figures
        # queue here, so the second sees what the first wrote, even new figures.
        self.units = {
            u.code: u for u in Unit.objects.select_for_update(of=("self",)).filter(code__in=unit_codes).order_by("pk")
        }
        self.indicators = {i.code: i for i in Indicator.objects.filter(code__in=indicator_codes)}
        self.locks = list(PeriodLock.objects.select_related("unit"))
        periods = set()
        for r in rows:
            try:
                periods.add(Period.parse(str(r.get("period") or "")).code)
            except PeriodError:
                pass
        existing = Observation.objects.select_for_update(of=("self",)).select_related("entered_by").filter(
            unit__in=self.units.values(), indicator__in=self.indicators.values(), period__in=periods
        )
        self.existing = {(o.unit_id, o.indicator_id, o.period, o.stage): o for o in existing}

    def lock_for(self, unit: Unit, period: Period) -> PeriodLock | None:
        return covering_lock(self.locks, unit, period)


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
            day = parse_day(str(raw), field="ngày báo cáo")
        except PeriodError as exc:
            return None, str(exc)
    if day > today:
        return None, f"Ngày báo cáo {day:%d/%m/%Y} chưa tới."
    if period is not None and day < period.start:
        return None, f"Ngày báo cáo {day:%d/%m/%Y} trước khi kỳ «{period.code}» bắt đầu."
    return day, None


def outside_validity(unit: Unit, period: Period) -> str | None:
    """Why `unit` cannot report for `period` (the unit did not exist on one of its days:
    before it was formed or after a reorganisation ended it), or None when it can."""
    if unit.valid_from is not None and period.start < unit.valid_from:
        day = period.start
    elif unit.valid_to is not None and period.end > unit.valid_to:
        day = unit.valid_to + timedelta(days=1)
    else:
        return None
    return (
        f"Kỳ báo cáo «{period.code}» ({period.start:%d/%m/%Y}–{period.end:%d/%m/%Y}) nằm ngoài thời gian "
        f"hiệu lực của {unit.display_name} ({unit.validity_words()}): ngày {day:%d/%m/%Y} đơn vị không tồn tại."
    )


def version_conflict(obs: Observation) -> str:
    """The Vietnamese message for a change based on an older version of `obs`."""
    last = obs.history.select_related("history_user").first() if obs.pk else None
    user = last.history_user if last is not None else obs.entered_by
    name = (user.get_full_name() or user.get_username()) if user is not None else "người khác"
    when = timezone.localtime(last.history_date if last is not None else obs.updated_at)
    return (
        f"Số liệu đã được {name} thay đổi lúc {when:%H:%M:%S ngày %d/%m/%Y} "
        f"(nay là {format_number(obs.value)} {obs.indicator.unit}, phiên bản {obs.version}); "
        "hãy tải lại rồi sửa."
    )


def _state_for(mode: Mode, asked: EntryState, user: Any, unit: Unit, correcting: bool) -> EntryState:
    """The state a written figure takes: a draft from draft entry; a correction stays
    approved for an approver (or the operator) and goes back to submitted for a reporter;
    otherwise the state asked, but approved only for someone who may approve."""
    approver = user is None or access.can_approve(user, unit)
    if mode is Mode.DRAFT:
        return EntryState.DRAFT
    if correcting or mode is Mode.CORRECTION:
        return EntryState.APPROVED if approver else EntryState.SUBMITTED
    if mode is Mode.DEMO:
        return EntryState.APPROVED
    if asked == EntryState.APPROVED and not approver:
        return EntryState.DRAFT
    return asked


def _same(c: _Clean, o: Observation) -> bool:
    """True when writing `c` would change nothing of the stored figure `o`."""
    return (
        math.isclose(o.value, c.value, rel_tol=1e-12, abs_tol=1e-12)
        and o.entered_unit == c.entered_unit and o.source == c.source and o.note == c.note
        and (c.reported_on is None or o.reported_on == c.reported_on)
        # The same figure written onto a submitted or approved one leaves it standing.
        and (o.state == c.state or o.state in STANDING_STATES)
    )


#: The typed text of a row and the longest each may be: the column's width, or a note's.
_TEXT_LIMITS = {
    "source": Observation._meta.get_field("source").max_length or 255,
    "unit_of_measure": Observation._meta.get_field("entered_unit").max_length or 64,
    "note": NOTE_MAX_CHARS,
    "correction_reason": NOTE_MAX_CHARS,
}


def _check_row(
    row: Mapping[str, Any], look: _Lookups, today: date, user: Any = None, mode: Mode = Mode.CLI
) -> tuple[_Clean | None, dict[str, str], bool]:
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
    if unit is not None and period is not None and "period" not in errors:
        problem = outside_validity(unit, period)
        if problem:
            errors["period"] = problem
    reported_on, problem = _reported_on(row.get("reported_on"), period, today)
    if problem:
        errors["reported_on"] = problem
    for name, limit in _TEXT_LIMITS.items():
        problem = too_long(str(row.get(name) or "").strip(), limit)
        if problem:
            errors[name] = problem
    entered_unit = str(row.get("unit_of_measure") or "").strip()
    factor = 1.0
    if indicator is not None and "unit_of_measure" not in errors:
        entered_unit = entered_unit or indicator.unit
        try:
            factor = conversion_factor(entered_unit, indicator.unit)
        except UnitError:
            errors["unit_of_measure"] = (
                f"Đơn vị tính «{entered_unit}» không quy đổi được sang «{indicator.unit}» "
                f"của chỉ tiêu «{indicator.name}»."
            )
    if indicator is not None and value is not None and "unit_of_measure" not in errors:
        problem = plausibility.hard_problem(
            value * factor, kind=indicator.value_kind, unit=indicator.unit, name=indicator.name,
            minimum=indicator.plausible_min, maximum=indicator.plausible_max,
        )
        if problem:
            errors["value"] = problem
    if errors:
        return None, errors, False
    assert unit and indicator and period and stage and state and value is not None
    lock = look.lock_for(unit, period)
    if lock is not None:
        return None, {"period": locked_message(lock, period)}, True
    reason = str(row.get("correction_reason") or "").strip()
    existing = look.existing.get((unit.pk, indicator.pk, period.code, stage.value))
    standing = existing is not None and existing.state in STANDING_STATES
    clean = _Clean(
        unit=unit, indicator=indicator, period=period, value=value * factor,
        entered_unit=entered_unit, stage=stage, source=str(row.get("source") or "").strip(),
        note=str(row.get("note") or "").strip(), correction_reason=reason if standing else "", state=state,
        reported_on=reported_on, existing=existing,
    )
    clean.state = _state_for(mode, state, user, unit, standing)
    if existing is not None and _same(clean, existing) and (
        mode is not Mode.CORRECTION or reason == existing.correction_reason
    ):
        clean.unchanged = True
        return clean, {}, False
    if existing is not None and existing.state in STANDING_STATES and mode is Mode.DRAFT:
        # Entering a draft never overwrites a figure sent or approved: that is a correction.
        return None, {"state": (
            f"Số liệu kỳ {period.code} đang ở trạng thái «{EntryState(existing.state).label}»; "
            "muốn sửa phải dùng điều chỉnh có lý do."
        )}, True
    if mode is Mode.CORRECTION and not standing:
        return None, {"state": "Chỉ số liệu đã gửi hoặc đã duyệt mới cần điều chỉnh; số liệu nháp sửa trực tiếp."}, True
    if standing and not reason:
        assert existing is not None
        return None, {
            "correction_reason": (
                f"Đã có số {Stage(existing.stage).label.lower()} {format_number(existing.value)} {indicator.unit} "
                f"ở trạng thái «{EntryState(existing.state).label}» của {unit.display_name} cho «{indicator.name}» "
                f"kỳ {period.code}; muốn sửa phải nêu lý do điều chỉnh."
            )
        }, True
    based_on = row.get("version")
    if existing is not None and based_on not in (None, "") and str(based_on) != str(existing.version):
        return None, {"version": version_conflict(existing)}, True
    return clean, {}, False


def _access_errors(rows: list[Mapping[str, Any]], look: _Lookups, user: Any, mode: Mode) -> dict[str, str]:
    """Rows naming a unit the user may not write for, keyed "dòng N.unit"."""
    if user is None:
        return {}
    denied: dict[str, str] = {}
    for n, r in enumerate(rows, start=1):
        unit = look.units.get(str(r.get("unit") or "").strip())
        if unit is None:
            continue
        allowed = access.can_enter_figures(user, unit) or (mode is Mode.CORRECTION and access.can_approve(user, unit))
        if not allowed:
            verb = "điều chỉnh" if mode is Mode.CORRECTION else "nhập"
            denied[f"dòng {n}.unit"] = f"Bạn không có quyền {verb} số liệu của {unit.display_name}."
    return denied


def _soft_warnings(rows: list[_Clean]) -> None:
    """Fill each changed row's plausibility warnings from the stored figures of its
    indicators: the unit's own earlier figures of periods as long, its siblings' figures of
    the same period, and (for a summed indicator) the city's (two queries: the written
    units' own figures since six years before, every unit's figures of the written periods;
    not every unit's figures of six years, which grew with the city)."""
    todo = [c for c in rows if not c.unchanged]
    if not todo:
        return
    indicators = {c.indicator.pk for c in todo}
    earliest = min(c.period.start for c in todo)
    columns = ("unit_id", "unit__parent_id", "indicator_id", "period", "period_start", "period_end", "stage", "value")
    own = Observation.objects.filter(
        unit_id__in={c.unit.pk for c in todo}, indicator_id__in=indicators, period_start__gte=date(earliest.year - 6, 1, 1)
    ).values_list(*columns)
    # Seek by (indicator, period_start) on the index, then keep the written periods.
    of_periods = Observation.objects.filter(
        indicator_id__in=indicators, period_start__in={c.period.start for c in todo},
        period__in={c.period.code for c in todo},
    ).values_list(*columns)
    best: dict[tuple[int, int, str], tuple[int, date, date, float, int | None]] = {}
    # A figure read by both queries is the same (unit, indicator, period, stage): equal rank.
    for unit_id, parent_id, ind, code, start, end, stage, value in chain(own, of_periods):
        if start is None or end is None:
            continue
        key = (unit_id, ind, code)
        rank = Stage(stage).rank
        if key not in best or rank > best[key][0]:
            best[key] = (rank, start, end, value, parent_id)
    by_series: dict[tuple[int, int], list[tuple[date, date, float]]] = {}
    by_period: dict[tuple[int, str], list[tuple[int, int | None, float]]] = {}
    for (unit_id, ind, code), (_, start, end, value, parent_id) in best.items():
        by_series.setdefault((unit_id, ind), []).append((start, end, value))
        by_period.setdefault((ind, code), []).append((unit_id, parent_id, value))
    for c in todo:
        months = _months(c.period)
        history = sorted(
            (s, v) for s, e, v in by_series.get((c.unit.pk, c.indicator.pk), [])
            if s < c.period.start and (e.year - s.year) * 12 + e.month - s.month + 1 == months
        )
        same = by_period.get((c.indicator.pk, c.period.code), [])
        siblings = [v for u, p, v in same if u != c.unit.pk and c.unit.parent_id and p == c.unit.parent_id]
        city = None
        if c.unit.parent_id and c.indicator.unit_aggregation == Aggregation.SUM:
            city = next((v for u, _, v in same if u == c.unit.parent_id), None)
        c.warnings = plausibility.warnings(
            c.value, unit=c.indicator.unit, history=[v for _, v in history], siblings=siblings, city=city
        )


class Written(list[Observation]):
    """The figures a write returns, in the order given; `changed` counts those it changed
    (the others were equal to the stored figure and left as they were)."""

    changed: int = 0


def _raise(errors: dict[str, str], conflict: bool, count: int) -> None:
    message = "Số liệu không được ghi" + (f" (không dòng nào trong {count} dòng được ghi)." if count > 1 else ".")
    if conflict:
        raise Conflict(message, errors)
    raise Invalid(message, errors)


def _write(rows: list[_Clean], user: Any) -> Written:
    created: list[Observation] = []
    out = Written()
    out.changed = sum(1 for c in rows if not c.unchanged)
    who = user if getattr(user, "pk", None) else None
    with combined.deferred():  # each group of communes' figures recomputed once, in this transaction
        _write_rows(rows, who, created, out)
        if created:
            combined.changed((o.indicator_id, o.period, o.unit_id) for o in created
                             if o.state == EntryState.APPROVED)
    return out


def _write_rows(rows: list[_Clean], who: Any, created: list[Observation], out: Written) -> None:
    for c in rows:
        obs = c.existing
        if c.unchanged:
            assert obs is not None
            out.append(obs)
            continue
        if obs is None:
            obs = Observation(unit=c.unit, indicator=c.indicator, stage=c.stage)
            obs.entered_by = who
            created.append(obs)
        obs.period, obs.period_start, obs.period_end = c.period.code, c.period.start, c.period.end
        obs.value, obs.entered_unit, obs.state = c.value, c.entered_unit, c.state
        obs.source, obs.note = c.source, c.note
        obs.warnings = "\n".join(c.warnings)
        if c.reported_on is not None or c.existing is None:
            obs.reported_on = c.reported_on
        if c.state == EntryState.APPROVED and who is not None:
            # Written straight into the approved state by someone who may approve (the office,
            # a leader, an approver's import or correction): they are its approver.
            obs.approved_by, obs.approved_at = who, timezone.now()
        if c.existing is not None:
            obs.version += 1
            obs.correction_reason = c.correction_reason
            obs._change_reason = (  # type: ignore[attr-defined]  # read by simple_history
                f"Điều chỉnh: {c.correction_reason}" if c.correction_reason else "Cập nhật số liệu"
            )
            if who is not None:
                obs._history_user = who  # type: ignore[attr-defined]  # read by simple_history
            obs.save()
        out.append(obs)
    if created:
        now = timezone.now()
        for obs in created:
            obs.entered_at = obs.updated_at = now
        bulk_create_with_history(
            created, Observation, batch_size=1000, default_change_reason="Nhập số liệu", default_user=who,
        )


def record_observations(
    rows: Iterable[Mapping[str, Any]], *, user: Any = None, mode: Mode | str = Mode.CLI,
    now: date | datetime | None = None,
) -> Written:
    """Validate and write figures, all or none, in one transaction; return them in order.

    Each row is a mapping with keys unit, indicator (codes), period, value, and optionally
    unit_of_measure, stage (default estimate), state (default approved; see `Mode`), source,
    note, correction_reason, reported_on (date or "YYYY-MM-DD": when the figure became known;
    not in the future nor before its period; reviews as of an earlier date leave it out) and
    version (the stored figure's version the change is based on). `user` is the acting user
    (None: the operator). A row equal in unit, indicator, period and stage to a stored figure
    updates it, under the rules of the module docstring; a row that changes nothing is
    returned as stored and leaves no history. Each written figure carries its plausibility
    warnings in `warnings`. Raises Forbidden (a unit the user may not write for), Invalid
    (or Conflict, when every error is a collision with stored data, a standing figure or a
    locked period) with errors keyed "dòng N.field"; nothing is written then.
    """
    mode = Mode(mode)
    rows = list(rows)
    if not rows:
        raise Invalid("Không có dòng số liệu nào.", {"rows": "Danh sách số liệu trống."})
    if user is not None and mode is not Mode.CORRECTION and not access.can_enter_any(user):
        raise Forbidden("Tài khoản của bạn không được nhập hay gửi số liệu.", {})
    today = _today(now)
    try:
        with transaction.atomic():
            look = _Lookups(rows)
            denied = _access_errors(rows, look, user, mode)
            if denied:
                raise Forbidden(
                    "Có dòng số liệu của đơn vị bạn không được nhập; không dòng nào được ghi."
                    if len(rows) > 1 else next(iter(denied.values())), denied,
                )
            errors: dict[str, str] = {}
            conflict_only = True
            cleaned: list[_Clean] = []
            seen: dict[tuple, int] = {}
            for n, row in enumerate(rows, start=1):
                clean, row_errors, conflict = _check_row(row, look, today, user, mode)
                if clean is not None:
                    key = (clean.unit.pk, clean.indicator.pk, clean.period.code, clean.stage.value)
                    if key in seen:
                        row_errors = {"period": f"Trùng với dòng {seen[key]} (cùng đơn vị, chỉ tiêu, kỳ, mức độ)."}
                        conflict = False
                    else:
                        seen[key] = n
                        cleaned.append(clean)
                if row_errors:
                    conflict_only = conflict_only and conflict
                    errors.update({f"dòng {n}.{name}": msg for name, msg in row_errors.items()})
            if errors:
                _raise(errors, conflict_only, len(rows))
            if mode is not Mode.DEMO:
                _soft_warnings(cleaned)
            return _write(cleaned, user)
    except IntegrityError as exc:
        # A figure stored by someone else between the checks and the write.
        raise Conflict(
            "Số liệu vừa được ghi bởi người khác; hãy tải lại rồi nhập lại.",
            {"period": "Đã có số liệu cùng đơn vị, chỉ tiêu, kỳ và mức độ."},
        ) from exc


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
    version: int | str | None = None,
    user: Any = None,
    mode: Mode | str = Mode.CLI,
    now: date | datetime | None = None,
) -> Observation:
    """Validate and write one figure through `record_observations`; return the stored
    Observation (value in the indicator's unit). Errors are keyed by the bare field name
    ("value", "period", ...). Raises Invalid, Forbidden or Conflict; nothing is written then."""
    row = {
        "unit": unit, "indicator": indicator, "period": period, "value": value,
        "unit_of_measure": unit_of_measure, "stage": stage, "state": state, "source": source,
        "note": note, "correction_reason": correction_reason, "reported_on": reported_on,
        "version": version,
    }
    try:
        return record_observations([row], user=user, mode=mode, now=now)[0]
    except (Invalid, Conflict, Forbidden) as exc:
        bare = {key.removeprefix("dòng 1."): message for key, message in exc.errors.items()}
        message = exc.message.replace(" (không dòng nào trong 1 dòng được ghi).", ".")
        raise type(exc)(message, bare) from exc


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
