"""Data-entry templates per unit and period, and importing them back (all or nothing).

Which indicators a unit's template lists: those of the confirmed targets whose plan period
overlaps the reporting period and that the unit leads or supports, plus every indicator the
unit has already reported a figure for (communes report city-wide indicators without leading
any target). Indicators reported only for periods longer than the requested one (a yearly
indicator in a quarterly template) are left out, since such a figure would be refused.

Importing: the file is checked and read by `entry_sheet.read_workbook` (every problem listed
by sheet, row and column), then written through the one door for figures
(`monitoring.services.record_observations`, mode import) in one transaction, batch by batch;
its errors are placed at their sheet, row and column here. The door leaves rows equal to the
stored figure alone, so importing the same file twice (or twice at once) writes nothing and
leaves no history the second time, and holds the approval lock: a changed row whose figure,
of any stage, is submitted or approved is refused unless it gives a correction reason ("Lý do
điều chỉnh", column I), and then it is recorded as a correction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from chitieu.core.choices import EntryState, Stage
from chitieu.core.periods import Period, PeriodError
from chitieu.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from chitieu.monitoring.models import Observation
from chitieu.monitoring.services import FREQUENCY_MONTHS, Mode, record_observations
from chitieu.org import access
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator, Target
from chitieu.reports.entry_sheet import (
    DATA_SHEET,
    HEADINGS,
    REASON_COLUMN,
    EntryRow,
    SheetLine,
    TemplateSpec,
    WorkbookRefused,
    place,
    read_workbook,
    write_template,
)

#: Columns that the spine's field names map to, for error messages.
FIELD_COLUMNS = {"value": "D", "unit_of_measure": "E", "stage": "F", "source": "G", "note": "H",
                 "indicator": "B", "correction_reason": REASON_COLUMN}


def signing_key() -> bytes:
    """The key that signs templates: derived from SECRET_KEY, so a template made on one
    installation is refused by another, and templates die with a rotated secret."""
    return ("chitieu.reports.template:" + settings.SECRET_KEY).encode("utf-8")


def max_bytes() -> int:
    return settings.MAX_UPLOAD_MB * 1024 * 1024


def _unit(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise NotFound(f"Không có đơn vị mã «{code}».", {"unit": f"Mã đơn vị «{code}» không có trong hệ thống."})
    return unit


def _period(code: str) -> Period:
    try:
        return Period.parse(code)
    except PeriodError as exc:
        raise Invalid(f"Kỳ «{code}» không hợp lệ.", {"period": str(exc)}) from exc


def indicators_for(unit: Unit, period: Period) -> list[Indicator]:
    """Return the indicators `unit` reports for `period` (see the module docstring), ordered
    by category and code, in two queries."""
    overlapping = Q(period_start__lte=period.end, period_end__gte=period.start)
    led = Target.objects.filter(overlapping, confirmed=True).filter(
        Q(lead_unit=unit) | Q(supporting_units=unit)
    ).values("indicator_id")
    reported = Observation.objects.filter(unit=unit).values("indicator_id")
    found = Indicator.objects.filter(Q(pk__in=led) | Q(pk__in=reported)).order_by("category", "code")
    return [i for i in found if FREQUENCY_MONTHS.get(i.frequency, 1) <= period.months]


def _stored_figures(unit: Unit, period: Period, indicators: list[Indicator]) -> dict[int, Observation]:
    """The unit's stored figure per indicator for exactly `period`, the most final stage
    winning (one query)."""
    best: dict[int, Observation] = {}
    for o in Observation.objects.filter(unit=unit, period=period.code, indicator__in=indicators):
        held = best.get(o.indicator_id)
        if held is None or Stage(o.stage).rank > Stage(held.stage).rank:
            best[o.indicator_id] = o
    return best


def make_template(unit_code: str, period_code: str) -> tuple[bytes, str]:
    """Return (XLSX bytes, file name) of the data-entry template for a unit and period,
    with the figures already stored for that period filled in.

    Raises NotFound (unknown unit), Invalid (bad period; no indicator to report)."""
    unit = _unit(unit_code)
    period = _period(period_code)
    indicators = indicators_for(unit, period)
    if not indicators:
        raise Invalid(
            f"Đơn vị «{unit.display_name}» không có chỉ tiêu nào để báo cáo kỳ {period.label}.",
            {"unit": "Đơn vị không chủ trì, phối hợp hay từng báo cáo chỉ tiêu nào cho kỳ này."},
        )
    stored = _stored_figures(unit, period, indicators)
    lines = []
    for i in indicators:
        o = stored.get(i.pk)
        lines.append(SheetLine(i.code, i.name, i.unit) if o is None else
                     SheetLine(i.code, i.name, i.unit, o.value, Stage(o.stage), o.source, o.note))
    spec = TemplateSpec(unit_code=unit.code, unit_name=unit.name, period=period.code,
                        period_label=period.label, lines=lines)
    name = f"mau-nhap-{unit.code}-{period.code.replace('/', '-')}.xlsx"
    return write_template(spec, key=signing_key()), name


@dataclass
class ImportResult:
    """What an import did (or, with dry_run, would do)."""

    unit: str
    period: str
    read: int
    written: int
    unchanged: int
    dry_run: bool


class _DryRun(Exception):
    pass


def _refused(exc: WorkbookRefused) -> Invalid:
    return Invalid(exc.message, exc.errors)


def _relocate(exc: DomainError, rows: list[EntryRow]) -> DomainError:
    """Re-key the spine's "dòng N.field" errors by sheet, row and column."""
    errors = {}
    for key, message in exc.errors.items():
        head, _, field = key.partition(".")
        try:
            n = int(head.split()[-1])
            row = rows[n - 1]
        except (ValueError, IndexError):
            errors[key] = message
            continue
        if field == "correction_reason":
            # A changed standing figure: shown at its value, saying where the reason goes.
            field = "value"
            message = message.replace(
                "nêu lý do điều chỉnh.", f"ghi lý do điều chỉnh ở cột {REASON_COLUMN} ({HEADINGS[REASON_COLUMN]})."
            )
        column = FIELD_COLUMNS.get(field)
        errors[place(row.sheet_row, column) if column else f"Sheet '{DATA_SHEET}', dòng {row.sheet_row}"] = message
    return type(exc)(exc.message, errors)


#: Rows written per call of the bulk service; the progress bar advances once per batch.
WRITE_BATCH = 1000


def import_workbook(
    data: bytes, *, user: Any = None, dry_run: bool = False, now: date | datetime | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportResult:
    """Read a filled template and record its figures, all or none, in one transaction.

    `user` None means the operator at the command line (full rights, figures approved);
    a user enters figures only for units `access.can_enter_figures` allows, approved when
    they may approve, else as drafts. A row that changes a submitted or approved figure is
    refused (Conflict) unless it carries a correction reason (column I); with one it is a
    correction that stays approved for an approver (and the command line) and goes back to
    `submitted` for a reporter, as `monitoring.workflow.correct` does. With `dry_run`
    everything is checked, including the bulk service's rules, and nothing is written.
    `progress(stage, done, total)` reports reading, then writing batch by batch. Raises
    Invalid (listing every problem by sheet, row and column), NotFound (unknown unit),
    Forbidden or Conflict; nothing is written then.
    """
    step = (lambda d, t: progress("Đọc bảng tính", d, t)) if progress else None
    try:
        book = read_workbook(data, key=signing_key(), max_bytes=max_bytes(), progress=step)
    except WorkbookRefused as exc:
        raise _refused(exc) from None
    unit = Unit.objects.filter(code=book.unit_code).first()
    if unit is None:
        raise NotFound("Mẫu ghi mã đơn vị không có trong hệ thống.",
                       {"tệp": f"Mã đơn vị «{book.unit_code}» không có trong hệ thống."})
    period = _period(book.period)
    if user is not None:
        access.require(access.can_enter_figures(user, unit),
                       f"Bạn không có quyền nhập số liệu của {unit.display_name}.")
    approver = user is None or access.can_approve(user, unit)
    state = EntryState.APPROVED if approver else EntryState.DRAFT
    todo = book.rows
    if not todo:
        return ImportResult(unit.code, period.code, 0, 0, 0, dry_run)

    def row(r: EntryRow) -> dict[str, Any]:
        # The door decides what a changed submitted or approved figure becomes (a
        # correction when a reason is given) and leaves unchanged rows alone.
        return {
            "unit": unit.code, "indicator": r.indicator, "period": period.code, "value": r.value,
            "unit_of_measure": r.unit, "stage": r.stage.value, "state": state,
            "source": r.source, "note": r.note, "correction_reason": r.correction_reason,
        }

    batches = [todo[i:i + WRITE_BATCH] for i in range(0, len(todo), WRITE_BATCH)]
    errors: dict[str, str] = {}
    conflict_only = True
    done = written = 0
    if progress:
        progress("Ghi số liệu", 0, len(todo))
    try:
        with transaction.atomic():
            for batch in batches:
                try:
                    written += record_observations([row(r) for r in batch], user=user, mode=Mode.IMPORT, now=now).changed
                except (Invalid, Conflict, Forbidden) as exc:
                    # Keep checking the other batches so every error is listed; the
                    # transaction is rolled back below.
                    errors.update(_relocate(exc, batch).errors)
                    conflict_only = conflict_only and isinstance(exc, Conflict)
                done += len(batch)
                if progress:
                    progress("Ghi số liệu", done, len(todo))
            if errors:
                kind = Conflict if conflict_only else Invalid
                raise kind(f"Bảng tính có {len(errors)} lỗi; không ghi số liệu nào.", errors)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return ImportResult(unit.code, period.code, len(todo), written, len(todo) - written, dry_run)
