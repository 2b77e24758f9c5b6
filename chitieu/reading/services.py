"""Read a document into items a person confirms: read, correct, accept or reject, draft.

`read_document` stores the text and every item the extractor finds in it, each linked to the
indicator catalogue where a name matches. A person then corrects items (`update_item`),
accepts or rejects them (`decide`, `decide_all`), and `create_drafts` (chitieu.reading.drafts)
turns the accepted ones into draft targets, figures and tasks. Nothing here writes confirmed
data. Every function checks access and raises `Forbidden`, `Invalid` or `Conflict` with
Vietnamese messages keyed by field; nothing is written then.
"""

from __future__ import annotations

import math
from pathlib import PurePath
from typing import Any, BinaryIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from chitieu.core.choices import Comparator, Decision, DocumentKind, ItemKind, Stage
from chitieu.core.periods import Period, PeriodError
from chitieu.core.quantities import format_number
from chitieu.errors import Conflict, Invalid
from chitieu.monitoring.services import read_value
from chitieu.org import access
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator, Resolution
from chitieu.reading import sources
from chitieu.reading.access import can_change_reading, can_read_into
from chitieu.reading.confirm import confirm_targets, confirm_tasks
from chitieu.reading.drafts import DraftResult, create_drafts
from chitieu.reading.linking import Linker
from chitieu.reading.models import DocumentReading, ExtractedItem, stamp

__all__ = [
    "DraftResult", "confirm_targets", "confirm_tasks", "create_drafts", "decide", "decide_all", "read_document",
    "update_item",
]


_KINDS = {k.value for k in ItemKind}
_COMPARATORS = {c.value for c in Comparator}


def _city() -> Unit | None:
    """The root of the unit tree (the city), or None when no unit exists."""
    return Unit.objects.filter(parent__isnull=True).order_by("path", "order", "id").first()


def _default_title(text: str, filename: str) -> str:
    if filename:
        return PurePath(filename).stem[:500]
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first[:200] or "Văn bản không tên"


def _period_code(raw: str, field: str, errors: dict[str, str]) -> str:
    """Return the period code of `raw` ("" when blank); records a keyed error when it does not parse."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        return Period.parse(raw).code
    except PeriodError as exc:
        errors[field] = f"Kỳ «{raw}» không hợp lệ: {exc}"
        return raw


def read_document(
    source: str | bytes | BinaryIO,
    *,
    kind: str,
    title: str = "",
    user: Any,
    filename: str = "",
    resolution: Resolution | None = None,
    unit: Unit | None = None,
    period: str = "",
    stage: str = Stage.ESTIMATE,
) -> DocumentReading:
    """Read `source` (pasted text as str; a TXT/DOCX file as bytes or an open binary file,
    whose name is used when `filename` is not given) and store it
    with its items, in one transaction; return the reading.

    A report's figures go to `unit` (default: the user's own unit for a reporter, the city for
    the office). A resolution's targets go to `resolution`, or to a new one created with the
    drafts. `period` is used for items that name none. Raises Invalid (empty, binary,
    non-UTF-8, oversized or unreadable input; bad kind, period or stage), Forbidden (a
    resolution read by anyone but the office; a report read into another unit).
    """
    errors: dict[str, str] = {}
    try:
        kind = DocumentKind.parse(str(kind))
    except ValueError as exc:
        raise Invalid("Loại văn bản không hợp lệ.", {"kind": str(exc)}) from exc
    if kind == DocumentKind.REPORT and unit is None:
        account = access.account_of(user)
        unit = account.unit if account and not access.can_manage(user) else _city()
    access.require(
        can_read_into(user, kind, unit),
        "Chỉ Văn phòng được đọc nghị quyết thành chỉ tiêu nháp."
        if kind == DocumentKind.RESOLUTION
        else f"Tài khoản không được nhập số liệu cho đơn vị «{unit or '—'}».",
        {"unit": f"Không được đọc báo cáo cho đơn vị «{unit or '—'}»."} if kind == DocumentKind.REPORT else None,
    )
    if kind == DocumentKind.REPORT and unit is None:
        errors["unit"] = "Chưa chọn đơn vị báo cáo."
    if hasattr(source, "read"):  # an open file or an UploadedFile
        filename = filename or getattr(source, "name", "") or ""
        source = source.read()
    if isinstance(source, bytes):
        text = sources.decode_document(source, filename, field="file")
    else:
        text = sources.pasted_text(source, field="text")
    title = (title or "").strip() or _default_title(text, filename)
    if len(title) > 500:
        errors["title"] = f"Tên văn bản dài {len(title)} ký tự, tối đa 500."
    period = _period_code(period, "period", errors)
    try:
        stage = Stage.parse(str(stage or Stage.ESTIMATE))
    except ValueError as exc:
        errors["stage"] = str(exc)
    if errors:
        raise Invalid("Văn bản chưa được đọc.", errors)

    from chitieu.text import extract

    found = extract(text)
    limit = settings.MAX_READING_ITEMS
    if len(found) > limit:
        # Storing and showing items dominates a reading's time (30.840 items took a minute).
        message = (f"Văn bản có {format_number(len(found))} mục số liệu, quá giới hạn "
                   f"{format_number(limit)} mục của một lần đọc; hãy chia thành nhiều phần.")
        raise Invalid(message, {"file" if isinstance(source, bytes) else "text": message})
    linker = Linker()
    with transaction.atomic():
        reading = DocumentReading(
            title=title, kind=kind, text=text, source_name=PurePath(filename).name[:255],
            resolution=resolution if kind == DocumentKind.RESOLUTION else None,
            unit=unit, period=period, stage=stage,
            created_by=user if getattr(user, "pk", None) else None,
        )
        stamp(reading, user, "Đọc văn bản").save()
        items = [_item_from(reading, n, it, linker) for n, it in enumerate(found, start=1)]
        bulk_create_with_history(
            items, ExtractedItem, batch_size=500, default_change_reason="Đọc văn bản",
            default_user=user if getattr(user, "pk", None) else None,
        )
    return reading


def _number(x: Any) -> float | None:
    if x is None or isinstance(x, bool):
        return None
    try:
        value = float(x)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _item_from(reading: DocumentReading, order: int, it: Any, linker: Linker) -> ExtractedItem:
    """Build (unsaved) the stored form of one extracted item, linked to the catalogue."""
    name = (getattr(it, "indicator", None) or "").strip()
    kind = str(getattr(it, "kind", "") or ItemKind.RESULT)
    indicator, score = (None, None) if kind == ItemKind.TASK else linker.link(name, getattr(it, "unit", None))
    comparator = str(getattr(it, "comparator", "") or "")
    return ExtractedItem(
        reading=reading, order=order, start=it.start, end=it.end,
        text=reading.text[it.start:it.end], kind=kind if kind in _KINDS else ItemKind.RESULT,
        indicator_name=name[:500], indicator=indicator, link_score=score,
        comparator=comparator if comparator in _COMPARATORS else "",
        value=_number(getattr(it, "value", None)), value_max=_number(getattr(it, "value_max", None)),
        unit=(getattr(it, "unit", None) or "")[:64], period=(getattr(it, "period", None) or "")[:20],
        baseline=(getattr(it, "baseline", None) or "")[:120],
        planned=_number(getattr(it, "planned", None)),
        deadline=(getattr(it, "deadline", None) or "")[:20],
        lead_unit=(getattr(it, "lead_unit", None) or "")[:255],
    )


def _require_open(item: ExtractedItem, user: Any) -> None:
    access.require(
        can_change_reading(user, item.reading), "Tài khoản không được sửa các mục của văn bản này."
    )
    if item.drafted:
        raise Conflict(
            "Mục này đã thành bản nháp; hãy sửa bản nháp.",
            {"decision": "Mục đã được tạo bản nháp, không sửa hay bỏ được nữa."},
        )


#: Fields a person may correct, with their maximum text length (None for numbers).
EDITABLE = {
    "kind": 10, "indicator_name": 500, "indicator": None, "comparator": 12, "value": None,
    "value_max": None, "unit": 64, "period": 20, "baseline": 120, "planned": None,
    "deadline": 20, "lead_unit": 255,
}


def _optional_number(raw: Any, field: str, errors: dict[str, str]) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        return read_value(raw)
    except ValueError as exc:
        errors[field] = str(exc)
        return None


def _clean_fields(item: ExtractedItem, fields: dict[str, Any]) -> dict[str, str]:
    """Apply `fields` to `item` in memory; return errors keyed by field (empty when valid)."""
    errors: dict[str, str] = {}
    for name in fields:
        if name not in EDITABLE:
            errors[name] = f"Trường «{name}» không sửa được."
    for name, limit in EDITABLE.items():
        if name not in fields or limit is None:
            continue
        value = str(fields[name] or "").strip()
        if len(value) > limit:
            errors[name] = f"Dài {len(value)} ký tự, tối đa {limit}."
        setattr(item, name, value)
    for name in ("value", "value_max", "planned"):
        if name in fields:
            setattr(item, name, _optional_number(fields[name], name, errors))
    if "indicator" in fields:
        chosen = fields["indicator"]
        if isinstance(chosen, Indicator) or chosen is None or chosen == "":
            item.indicator = chosen or None
        else:
            item.indicator = Indicator.objects.filter(code=str(chosen).strip()).first()
            if item.indicator is None:
                errors["indicator"] = f"Không có chỉ tiêu mã «{chosen}» trong danh mục."
    if item.kind not in _KINDS:
        errors["kind"] = f"Loại «{item.kind}» không hợp lệ; chỉ nhận: {', '.join(ItemKind)}."
    if item.comparator and item.comparator not in _COMPARATORS:
        errors["comparator"] = f"Phép so sánh «{item.comparator}» không hợp lệ; chỉ nhận: {', '.join(Comparator)}."
    item.period = _period_code(item.period, "period", errors)
    item.deadline = _period_code(item.deadline, "deadline", errors)
    if item.kind != ItemKind.TASK:
        if item.value is None and "value" not in errors:
            errors["value"] = "Chỉ tiêu và kết quả cần một giá trị số."
        if not item.comparator:
            item.comparator = Comparator.EQ
    if item.comparator == Comparator.RANGE:
        if item.value_max is None and "value_max" not in errors:
            errors["value_max"] = "Chỉ tiêu dạng khoảng cần giá trị tối đa."
        elif item.value is not None and item.value_max is not None and item.value_max < item.value:
            errors["value_max"] = f"Giá trị tối đa {item.value_max:g} nhỏ hơn giá trị tối thiểu {item.value:g}."
    elif item.value_max is not None and "value_max" not in errors:
        errors["value_max"] = "Chỉ chỉ tiêu dạng khoảng («range») mới có giá trị tối đa."
    return errors


def update_item(item: ExtractedItem, *, user: Any, **fields: Any) -> ExtractedItem:
    """Correct the fields of one item and mark it edited (which counts as accepted); return it.

    `fields` are among EDITABLE; numbers may be written the Vietnamese way ("13,5"); `indicator`
    is a catalogue code, an Indicator or blank. Raises Invalid with errors keyed by field
    (nothing saved), Forbidden, or Conflict when the item already became a draft.
    """
    _require_open(item, user)
    errors = _clean_fields(item, fields)
    if errors:
        item.refresh_from_db()
        raise Invalid("Mục chưa được sửa.", errors)
    with transaction.atomic():
        item.decision = Decision.EDITED
        item.decided_by = user if getattr(user, "pk", None) else None
        item.decided_at = timezone.now()
        if "indicator" in fields:  # a person chose the link: full confidence, or none
            item.link_score = 1.0 if item.indicator_id else None
        stamp(item, user, "Sửa mục đọc được")
        item.save()
    return item


def decide(item: ExtractedItem, decision: str, *, user: Any) -> ExtractedItem:
    """Accept or reject one item (or put it back to pending); return it.

    `decision` is "accept"/"accepted", "reject"/"rejected" or "pending". Raises Invalid for
    another word, Forbidden, or Conflict when the item already became a draft.
    """
    wanted = {"accept": Decision.ACCEPTED, "reject": Decision.REJECTED}.get(decision, decision)
    try:
        wanted = Decision.parse(str(wanted))
    except ValueError as exc:
        raise Invalid("Quyết định không hợp lệ.", {"decision": str(exc)}) from exc
    if wanted == Decision.EDITED:
        raise Invalid("Quyết định không hợp lệ.", {"decision": "Mục chỉ thành «đã sửa» khi được sửa."})
    _require_open(item, user)
    with transaction.atomic():
        item.decision = wanted
        item.decided_by = user if getattr(user, "pk", None) else None
        item.decided_at = timezone.now()
        stamp(item, user, f"Quyết định: {wanted.label}")
        item.save(update_fields=["decision", "decided_by", "decided_at"])
    return item


def decide_all(reading: DocumentReading, decision: str, *, user: Any) -> int:
    """Accept or reject every pending item of `reading` that has not become a draft; return
    how many changed. Edited items keep their decision. Raises Invalid or Forbidden."""
    access.require(can_change_reading(user, reading), "Tài khoản không được sửa các mục của văn bản này.")
    count = 0
    with transaction.atomic():
        for item in reading.items.filter(decision=Decision.PENDING).select_related("reading"):
            if not item.drafted:
                decide(item, decision, user=user)
                count += 1
    return count
