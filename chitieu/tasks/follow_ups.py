"""A weak target's follow-up: the lead unit says why and what it will do, by when.

`explain(target, user=..., cause=..., action=..., due=..., today=...)` is the one way a
follow-up is written: the target's lead unit (its reporters, within their unit) or the office;
a cause, an action and a due date not before `today`; history keeps every version. The review
reads the latest per target (`latest_follow_ups`) and flags a weak target without one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from chitieu.core.periods import PeriodError, parse_day
from chitieu.errors import NOTE_MAX_CHARS, Invalid, too_long
from chitieu.org import access
from chitieu.plans.models import Target
from chitieu.tasks.models import FollowUp


def may_explain(user: Any, target: Target) -> bool:
    """True for the office and for reporters of the target's lead unit."""
    if access.can_manage(user):
        return True
    return target.lead_unit is not None and access.can_enter_figures(user, target.lead_unit)


def explain(target: Target, *, user: Any, cause: str, action: str, due: str | date, today: date,
            system: str = "") -> FollowUp:
    """Record the lead unit's follow-up of `target` and return it; Invalid keyed by field
    (cause, action, due) with nothing written; Forbidden for anyone but the lead unit and the
    office. `system` names a loader writing without a person (the demo): every rule but the
    access check holds, and the name is the history's reason."""
    lead = target.lead_unit.display_name if target.lead_unit else "đơn vị chủ trì"
    if not system:
        access.require(may_explain(user, target), f"Chỉ {lead} hoặc Văn phòng được giải trình chỉ tiêu ({target.number}).")
    errors: dict[str, str] = {}
    cause, action = (cause or "").strip(), (action or "").strip()
    for field, text, label in (("cause", cause, "nguyên nhân"), ("action", action, "giải pháp khắc phục")):
        if not text:
            errors[field] = f"Chưa nhập {label}."
        elif (long := too_long(text, NOTE_MAX_CHARS)) is not None:
            errors[field] = long
    day: date | None = None
    try:
        day = due if isinstance(due, date) else parse_day(due, field="hạn hoàn thành giải pháp")
    except PeriodError as exc:
        errors["due"] = str(exc)
    if day is not None and day < today:
        errors["due"] = f"Hạn {day:%d/%m/%Y} đã qua (hôm nay {today:%d/%m/%Y}); chọn một ngày từ hôm nay trở đi."
    if errors:
        raise Invalid(f"Chưa lưu giải trình chỉ tiêu ({target.number}).", errors)
    assert day is not None
    follow_up = FollowUp(target=target, cause=cause, action=action, due=day,
                         written_by=user if getattr(user, "is_authenticated", False) else None)
    if system:
        follow_up._change_reason = system  # type: ignore[attr-defined]
    with transaction.atomic():
        follow_up.save()
    return follow_up


def latest_follow_ups(target_ids: Iterable[int]) -> dict[int, FollowUp]:
    """{target id: its latest follow-up} (one query)."""
    out: dict[int, FollowUp] = {}
    for f in FollowUp.objects.filter(target_id__in=list(target_ids)).order_by("target_id", "-written_at", "-id"):
        out.setdefault(f.target_id, f)
    return out
