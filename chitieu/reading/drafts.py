"""Turn the accepted items of a reading into drafts (the office confirms them: .confirm).

Each accepted (or edited) item becomes:

- in a resolution, a target or result item -> a Target with `confirmed=False` in the
  reading's resolution (created from the reading when it has none); office admins only;
- in a report, a result item -> an Observation in state draft for the reading's unit, at the
  reading's stage, with the document's title as source; anyone who may enter that unit's
  figures (a target item in a report is an error: reject it or make it a result);
- a task item -> a Task with `confirmed=False`; office admins only.

An item with no catalogue indicator gets a proposed new Indicator (office admins only; its
description says it awaits review and the item is flagged `proposed_indicator`). All items
are written in one transaction: one bad item and nothing is written, the errors keyed
"mục N.field" (N = the item's number in the reading). Nothing here writes confirmed data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from chitieu.core.choices import (
    Comparator,
    Decision,
    Direction,
    DocumentKind,
    EntryState,
    ItemKind,
    PeriodKind,
)
from chitieu.core.periods import Period, PeriodError
from chitieu.core.tasks import deadline_of
from chitieu.errors import DomainError, Invalid
from chitieu.monitoring.models import Observation
from chitieu.monitoring.services import Mode, record_observations
from chitieu.org import access
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator, Resolution, Target
from chitieu.reading.access import can_change_reading
from chitieu.reading.guesses import fold, guess_category, slug, term_aggregation
from chitieu.reading.models import DocumentReading, ExtractedItem, stamp
from chitieu.reading.numbering import clause_numbers
from chitieu.tasks.models import Task


@dataclass
class DraftResult:
    """What `create_drafts` wrote: all drafts, none confirmed."""

    reading: DocumentReading
    resolution: Resolution | None = None
    targets: list[Target] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    proposed_indicators: list[Indicator] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.targets) + len(self.observations) + len(self.tasks)


class _Writer:
    """Builds the drafts of one reading, collecting errors keyed "mục N.field"."""

    def __init__(self, reading: DocumentReading, user: Any, now: date | datetime | None):
        self.reading, self.user, self.now = reading, user, now
        self.manage = access.can_manage(user)
        self.result = DraftResult(reading=reading, resolution=reading.resolution)
        self.errors: dict[str, str] = {}
        self.proposed: dict[str, Indicator] = {}
        self.units: dict[str, Unit] = {}
        for unit in Unit.objects.all():
            for name in (unit.name, unit.short_name):
                if name:
                    self.units.setdefault(fold(name), unit)
        self.codes: dict[str, set[str]] = {"indicator": set(), "task": set(), "resolution": set()}
        self.numbers: set[str] = set()
        self.next_number = 1
        self.clause: dict | None = None

    def fail(self, item: ExtractedItem, errors: dict[str, Any]) -> None:
        for name, message in errors.items():
            if isinstance(message, list):
                message = " ".join(str(m) for m in message)
            self.errors[f"mục {item.order}.{name}"] = str(message)

    def _unique(self, kind: str, base: str, model: type[models.Model]) -> str:
        code, n = base, 1
        while code in self.codes[kind] or model._default_manager.filter(code=code).exists():
            n += 1
            code = f"{base[:60]}-{n}"
        self.codes[kind].add(code)
        return code

    def indicator_for(self, item: ExtractedItem) -> Indicator | None:
        """The item's catalogue indicator, or a proposed new one (office only), or None with
        an error recorded."""
        if item.indicator_id:
            return item.indicator
        if not self.manage:
            self.fail(item, {"indicator": "Chọn chỉ tiêu trong danh mục; chỉ Văn phòng được đề xuất chỉ tiêu mới."})
            return None
        name = (item.indicator_name or item.text).strip()[:500]
        key = f"{fold(name)}|{fold(item.unit)}"
        if key in self.proposed:
            return self.proposed[key]
        if not item.unit.strip():
            self.fail(item, {"unit": "Chưa có đơn vị tính để đề xuất chỉ tiêu mới."})
            return None
        frequency = PeriodKind.YEAR
        try:
            kind = Period.parse(item.period).kind if item.period else PeriodKind.YEAR
            frequency = PeriodKind.MONTH if kind == PeriodKind.YEAR_TO_DATE else kind
            frequency = PeriodKind.YEAR if frequency == PeriodKind.TERM else frequency
        except PeriodError:
            pass
        lower = item.comparator in (Comparator.LE, Comparator.DECREASE_BY)
        indicator = Indicator(
            code=self._unique("indicator", slug(name, 56), Indicator), name=name,
            category=guess_category(name), unit=item.unit.strip(), frequency=frequency,
            direction=Direction.LOWER if lower else Direction.HIGHER,
            description=(
                f"Đề xuất từ văn bản «{self.reading.title[:200]}» (mục {item.order}); "
                "chờ Văn phòng xem xét trước khi dùng."
            ),
        )
        stamp(indicator, self.user, f"Đề xuất từ văn bản «{self.reading.title[:200]}»").save()
        self.proposed[key] = indicator
        self.result.proposed_indicators.append(indicator)
        item.proposed_indicator = True
        return indicator

    def resolution(self) -> Resolution:
        if self.result.resolution is None:
            reading = self.reading
            periods = [i.period for i in reading.items.all() if i.period and i.kind != ItemKind.TASK]
            period = reading.period or (max(set(periods), key=periods.count) if periods else str(timezone.localdate().year))
            issuer = Unit.objects.filter(parent__isnull=True).order_by("path", "id").first()
            if issuer is None:
                raise Invalid("Chưa có đơn vị nào để ban hành nghị quyết.", {"resolution": "Hãy tạo đơn vị thành phố trước."})
            code = self._unique("resolution", f"doc-{slug(reading.title, 50)}", Resolution)
            self.result.resolution = resolution = Resolution(
                code=code, title=reading.title[:500], issuer=issuer, period=period,
                source_ref=f"Đọc từ văn bản «{reading.source_name or reading.title}»"[:500],
            )
            stamp(resolution, self.user, "Tạo từ văn bản đọc được").save()
            reading.resolution = self.result.resolution
        return self.result.resolution

    def number_for(self, item: ExtractedItem, resolution: Resolution) -> str:
        """The target's number as the document numbers it ("3", "3a"), or the next free
        number when the document has none or the resolution already uses it."""
        if self.clause is None:
            # Numbered over every non-task item, so a number does not depend on what was accepted.
            others = [i for i in self.reading.items.all() if i.kind != ItemKind.TASK]
            self.clause = clause_numbers(self.reading.text, others, key=lambda i: i.pk)
            self.numbers = set(resolution.targets.values_list("number", flat=True)) | {""}
        number = self.clause.get(item.pk, "")
        if number in self.numbers:
            while str(self.next_number) in self.numbers or str(self.next_number) in self.clause.values():
                self.next_number += 1
            number = str(self.next_number)
        self.numbers.add(number)
        return number

    def lead_unit(self, item: ExtractedItem) -> Unit | None:
        return self.units.get(fold(item.lead_unit)) if item.lead_unit else None

    def target(self, item: ExtractedItem) -> None:
        if not self.manage:
            self.fail(item, {"kind": "Chỉ Văn phòng được tạo chỉ tiêu; hãy bỏ mục này hoặc đổi thành kết quả."})
            return
        indicator = self.indicator_for(item)
        if indicator is None:
            return
        resolution = self.resolution()
        number = self.number_for(item, resolution)
        target = Target(  # type: ignore[misc]  # a missing value is refused by full_clean below
            resolution=resolution, indicator=indicator, number=number,
            comparator=item.comparator or Comparator.EQ, value=item.value,
            value_max=item.value_max if item.comparator == Comparator.RANGE else None,
            unit=item.unit.strip() or indicator.unit, period=item.period or self.reading.period or resolution.period,
            baseline=item.baseline, lead_unit=self.lead_unit(item), clause=item.text,
            term_aggregation=term_aggregation(item),
            confirmed=False, order=item.order,
        )
        try:
            target.full_clean()
        except ValidationError as exc:
            self.fail(item, exc.message_dict)
            return
        stamp(target, self.user, f"Bản nháp đọc từ văn bản «{self.reading.title[:200]}»").save()
        item.target = target
        self.result.targets.append(target)

    def task(self, item: ExtractedItem) -> None:
        if not self.manage:
            self.fail(item, {"kind": "Chỉ Văn phòng được tạo nhiệm vụ; hãy bỏ mục này."})
            return
        title = (item.indicator_name or item.text).strip()[:500]
        deadline = None
        if item.deadline:
            try:
                deadline = deadline_of(item.deadline, item.text)
            except PeriodError as exc:
                self.fail(item, {"deadline": f"Thời hạn «{item.deadline}» không hợp lệ: {exc}"})
                return
        resolution = self.resolution() if self.reading.kind == DocumentKind.RESOLUTION else None
        task = Task(
            code=self._unique("task", f"nv-{slug(title, 50)}", Task), title=title,
            resolution=resolution, source=self.reading.title[:500], clause=item.text,
            lead_unit=self.lead_unit(item), deadline=deadline, deadline_text=item.deadline, confirmed=False,
        )
        try:
            task.full_clean()
        except ValidationError as exc:
            self.fail(item, exc.message_dict)
            return
        stamp(task, self.user, f"Bản nháp đọc từ văn bản «{self.reading.title[:200]}»").save()
        item.task = task
        self.result.tasks.append(task)

    def observation_row(self, item: ExtractedItem) -> dict[str, Any] | None:
        unit = self.reading.unit
        if unit is None or not access.can_enter_figures(self.user, unit):
            self.fail(item, {"unit": f"Không được nhập số liệu cho đơn vị «{unit or '—'}»."})
            return None
        if item.value is None:
            self.fail(item, {"value": "Kết quả cần một giá trị số."})
            return None
        period = item.period or self.reading.period
        if not period:
            self.fail(item, {"period": "Mục không nêu kỳ và văn bản chưa có kỳ mặc định."})
            return None
        indicator = self.indicator_for(item)
        if indicator is None:
            return None
        try:
            code = Period.parse(period).code
        except PeriodError:
            code = period  # record_observations reports it, keyed by the item
        clash = Observation.objects.filter(
            unit=unit, indicator=indicator, period=code, stage=self.reading.stage
        ).exclude(state=EntryState.DRAFT).first()
        if clash is not None:
            self.fail(item, {"value": (
                f"Đã có số liệu {clash.value:g} ({EntryState(clash.state).label}) của {unit.display_name} "
                f"cho «{indicator.name}» kỳ {code}; bản nháp không ghi đè. Hãy bỏ mục này."
            )})
            return None
        return {
            "unit": unit.code, "indicator": indicator.code, "period": period, "value": item.value,
            "unit_of_measure": item.unit.strip() or indicator.unit, "stage": self.reading.stage,
            "state": EntryState.DRAFT, "source": self.reading.title[:255],
            "note": f"Đọc từ văn bản: «{item.text[:400]}»",
        }

    def observations(self, pending: list[tuple[ExtractedItem, dict[str, Any]]]) -> None:
        if not pending or self.errors:
            return
        try:
            written = record_observations(
                [row for _, row in pending], user=self.user, mode=Mode.DRAFT, now=self.now
            )
        except DomainError as exc:
            for key, message in exc.errors.items():
                row, _, name = key.partition(".")
                n = int(row.removeprefix("dòng ").strip() or 0) if row.startswith("dòng ") else 0
                item = pending[n - 1][0] if 0 < n <= len(pending) else None
                self.errors[f"mục {item.order}.{name}" if item else key] = message
            return
        for (item, _), obs in zip(pending, written, strict=True):
            item.observation = obs
            self.result.observations.append(obs)


def create_drafts(
    reading: DocumentReading, *, user: Any, now: date | datetime | None = None
) -> DraftResult:
    """Write drafts for the accepted items of `reading` that are not yet drafts; return them.

    In one transaction: when any item fails (a missing value or period, a unit that does not
    convert, a figure that would overwrite a submitted or approved one, a kind the user may
    not create), nothing is written and Invalid is raised with errors keyed "mục N.field".
    Raises Forbidden when the user may not change the reading, Invalid when no item waits.
    """
    access.require(can_change_reading(user, reading), "Tài khoản không được tạo bản nháp từ văn bản này.")
    items = [
        i for i in reading.items.select_related("indicator").order_by("order", "id")
        if Decision(i.decision).keeps and not i.drafted
    ]
    if not items:
        raise Invalid("Chưa có mục nào được nhận.", {"items": "Hãy nhận ít nhất một mục trước khi tạo bản nháp."})
    writer = _Writer(reading, user, now)
    original = reading.resolution
    try:
        return _write(reading, items, writer)
    except Invalid:
        reading.resolution = original  # the one created with the drafts was rolled back
        raise


def _write(reading: DocumentReading, items: list[ExtractedItem], writer: _Writer) -> DraftResult:
    with transaction.atomic():
        pending: list[tuple[ExtractedItem, dict[str, Any]]] = []
        for item in items:
            if item.kind == ItemKind.TASK:
                writer.task(item)
            elif reading.kind == DocumentKind.RESOLUTION:
                writer.target(item)
            elif item.kind == ItemKind.TARGET:
                writer.fail(item, {"kind": (
                    "Báo cáo chỉ tạo số liệu nháp; mục này là chỉ tiêu. "
                    "Hãy bỏ mục hoặc đổi loại thành kết quả nếu đó là số đã đạt."
                )})
            else:
                row = writer.observation_row(item)
                if row is not None:
                    pending.append((item, row))
        writer.observations(pending)
        if writer.errors:
            raise Invalid(f"Chưa tạo bản nháp nào: {len(writer.errors)} lỗi ở các mục đã nhận.", writer.errors)
        for item in items:
            stamp(item, writer.user, "Tạo bản nháp")
            item.save(update_fields=["target", "observation", "task", "proposed_indicator"])
        reading.drafted_at = timezone.now()
        stamp(reading, writer.user, "Tạo bản nháp").save(update_fields=["drafted_at", "resolution"])
    return writer.result
