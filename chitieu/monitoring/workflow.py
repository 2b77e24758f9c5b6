"""The approval workflow of reported figures: submit, approve, reject, correct.

    draft ──submit──▶ submitted ──approve──▶ approved (locked)
      ▲                  │
      └──── rejected ◀───┘ reject (with a reason; the reporter edits and submits again)

Each step checks who may take it (`chitieu.org.access`), runs in one transaction with the
row locked, and leaves a history record (django-simple-history) whose change reason says
what happened. Pages, the API and the CLI call these functions; none of them changes
`Observation.state` on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from chitieu.core.choices import EntryState
from chitieu.core.periods import Period
from chitieu.errors import (
    NOTE_MAX_CHARS,
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    NotFound,
    too_long,
)
from chitieu.monitoring.models import Observation
from chitieu.monitoring.services import (
    Mode,
    lock_of,
    locked_message,
    read_value,
    record_observations,
)
from chitieu.org import access

#: States a reporter may still edit and submit.
EDITABLE_STATES = (EntryState.DRAFT, EntryState.REJECTED)

_NO_ENTRY = "Tài khoản của bạn không được nhập hay gửi số liệu."
_NO_APPROVAL = "Chỉ lãnh đạo và Văn phòng được duyệt hoặc trả lại số liệu."


def _locked_row(observation_id: int) -> Observation:
    """Return the observation locked for update (with unit and indicator), or raise NotFound."""
    obs = (
        Observation.objects.select_for_update(of=("self",))
        .select_related("unit", "indicator")
        .filter(pk=observation_id)
        .first()
    )
    if obs is None:
        raise NotFound(f"Không tìm thấy số liệu #{observation_id}.", {"id": "Không tồn tại."})
    return obs


def _check_visible(user: Any, obs: Observation) -> None:
    # A figure the user may not even see is reported as missing, not as forbidden,
    # so another unit's drafts do not leak their existence.
    if not access.can_view_observation(user, obs):
        raise NotFound(f"Không tìm thấy số liệu #{obs.pk}.", {"id": "Không tồn tại."})


def _refuse_if_locked(obs: Observation) -> None:
    lock = lock_of(obs)
    if lock is not None:
        raise Conflict(f"Kỳ {obs.period} đã khóa sổ.", {"period": locked_message(lock, Period.parse(obs.period))})


_SERVICE_ROW_KEY = re.compile(r"^dòng (\d+)\.(.+)$")


def _rekey(errors: Mapping[str, str]) -> dict[str, str]:
    """Turn the storage service's "dòng N.field" keys (N from 1) into "i.field" (i from 0,
    the position in the list the caller sent)."""
    out: dict[str, str] = {}
    for key, message in errors.items():
        m = _SERVICE_ROW_KEY.match(key)
        out[f"{int(m.group(1)) - 1}.{m.group(2)}" if m else key] = message
    return out


def enter_drafts(rows: Iterable[Mapping[str, Any]], *, by: Any, now: Any = None) -> list[Observation]:
    """Record figures as drafts of their units, all or none, through the one door
    (`services.record_observations`, mode draft); return them in the order given.

    Each row is a mapping as for `record_observations` (unit, indicator, period, value,
    unit_of_measure, stage, source, note); any `state` or `correction_reason` in it is
    ignored: entered figures always start as drafts, and changing a submitted or approved one
    goes through `correct`. Errors are keyed "i.field" with i the row's position from 0.
    Raises Forbidden when a row names a unit the user may not enter for, Conflict when it
    would overwrite a submitted or approved figure, Invalid otherwise.
    """
    drafts = [{**r, "state": EntryState.DRAFT, "correction_reason": ""} for r in rows]
    try:
        return record_observations(drafts, user=by, mode=Mode.DRAFT, now=now)
    except DomainError as exc:
        raise type(exc)(exc.message, _rekey(exc.errors)) from exc


def _save(obs: Observation, reason: str, fields: list[str], by: Any) -> Observation:
    # simple_history stores both on the history record, also outside a web request (CLI).
    obs._change_reason = reason  # type: ignore[attr-defined]  # read by simple_history
    if getattr(by, "pk", None):
        obs._history_user = by  # type: ignore[attr-defined]  # read by simple_history
    obs.version += 1
    obs.save(update_fields=[*fields, "version", "updated_at"])
    return obs


def _submit_locked(user: Any, obs: Observation) -> Observation:
    _check_visible(user, obs)
    access.require(
        access.can_enter_figures(user, obs.unit),
        f"Bạn không có quyền gửi số liệu của {obs.unit.display_name}.",
    )
    if obs.state not in EDITABLE_STATES:
        raise Conflict(
            f"Số liệu đang ở trạng thái «{EntryState(obs.state).label}», không thể gửi duyệt.",
            {"state": "Chỉ gửi được số liệu nháp hoặc bị trả lại."},
        )
    _refuse_if_locked(obs)
    obs.state = EntryState.SUBMITTED
    return _save(obs, "Gửi duyệt", ["state"], user)


def submit(observation_id: int, *, by: Any) -> Observation:
    """Send a draft or rejected figure for approval; return it in state `submitted`.

    Raises Forbidden (a role that never enters figures, or not the unit's reporter nor the
    office), NotFound (missing, or another unit's draft), Conflict (already submitted or
    approved; period locked).
    """
    access.require(access.can_enter_any(by), _NO_ENTRY)
    with transaction.atomic():
        return _submit_locked(by, _locked_row(observation_id))


def submit_many(observation_ids: Iterable[int], *, by: Any) -> list[Observation]:
    """Submit several figures, all or none; return them in the order given.

    Errors are keyed by position ("0.id", "3.state") and raised as one Invalid/Forbidden/
    Conflict of the first failing kind, so nothing is submitted when one row fails.
    """
    access.require(access.can_enter_any(by), _NO_ENTRY)
    ids = list(observation_ids)
    done: list[Observation] = []
    with transaction.atomic():
        for i, pk in enumerate(ids):
            try:
                done.append(_submit_locked(by, _locked_row(pk)))
            except (NotFound, Conflict, Forbidden) as exc:
                keyed = {f"{i}.{k}": v for k, v in exc.errors.items()} or {f"{i}.id": exc.message}
                raise type(exc)(exc.message, keyed) from exc
    return done


def approve(observation_id: int, *, by: Any, confirm: bool = False) -> Observation:
    """Approve a submitted figure: it becomes `approved` (locked) and counts in reviews.

    A figure with plausibility warnings is approved only with `confirm`, and the history
    record says it was confirmed and why it was flagged. Returns the figure with
    approved_by/approved_at set. Raises Forbidden (not a leader or the office), NotFound,
    Conflict (not in state `submitted`; flagged and not confirmed; period locked).
    """
    access.require(access.can_approve_any(by), _NO_APPROVAL)
    with transaction.atomic():
        obs = _locked_row(observation_id)
        _check_visible(by, obs)
        access.require(
            access.can_approve(by, obs.unit),
            f"Bạn không có quyền duyệt số liệu của {obs.unit.display_name}.",
        )
        if obs.state != EntryState.SUBMITTED:
            raise Conflict(
                f"Số liệu đang ở trạng thái «{EntryState(obs.state).label}», không thể duyệt.",
                {"state": "Chỉ duyệt được số liệu đã gửi."},
            )
        _refuse_if_locked(obs)
        flags = obs.warning_list
        if flags and not confirm:
            raise Conflict(
                "Số liệu có cảnh báo bất thường; cần xác nhận trước khi duyệt.",
                {"confirm": " ".join(flags) + " Đánh dấu «Xác nhận số liệu bất thường» để duyệt."},
            )
        obs.state = EntryState.APPROVED
        obs.approved_by = by
        obs.approved_at = timezone.now()
        reason = "Duyệt" + (f" (đã xác nhận số liệu bất thường: {' '.join(flags)})" if flags else "")
        return _save(obs, reason, ["state", "approved_by", "approved_at"], by)


def reject(observation_id: int, *, by: Any, reason: str) -> Observation:
    """Return a submitted figure to its unit with a reason; it becomes `rejected` (editable).

    The reason is kept on the history record and in `note`. Raises Invalid (empty reason),
    NotFound, Forbidden (not a leader or the office), Conflict (not submitted).
    """
    access.require(access.can_approve_any(by), _NO_APPROVAL)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("Cần nêu lý do trả lại.", {"reason": "Nhập lý do trả lại số liệu."})
    if too_long(reason, NOTE_MAX_CHARS):
        raise Invalid("Lý do trả lại quá dài.", {"reason": too_long(reason, NOTE_MAX_CHARS) or ""})
    with transaction.atomic():
        obs = _locked_row(observation_id)
        _check_visible(by, obs)
        access.require(
            access.can_approve(by, obs.unit),
            f"Bạn không có quyền trả lại số liệu của {obs.unit.display_name}.",
        )
        if obs.state != EntryState.SUBMITTED:
            raise Conflict(
                f"Số liệu đang ở trạng thái «{EntryState(obs.state).label}», không thể trả lại.",
                {"state": "Chỉ trả lại được số liệu đã gửi."},
            )
        obs.state = EntryState.REJECTED
        obs.note = f"Bị trả lại: {reason}"
        return _save(obs, f"Trả lại: {reason}", ["state", "note"], by)


def correct(
    observation_id: int, *, by: Any, value: Any, reason: str, version: int | str | None = None
) -> Observation:
    """Change the value of a submitted or approved figure, with a reason, through the one
    door (`services.record_observations`, mode correction); the old value stays in history.

    `value` is in the indicator's unit; `version` is the figure's version the change is based
    on (a correction of a figure changed since answers Conflict naming who changed it). An
    approver's (leader, office) correction stays approved; a reporter's correction of their
    own unit goes back to `submitted` for approval. Raises Invalid (empty reason, a value that
    is not a plausible number), NotFound, Forbidden, Conflict (a draft, a locked period, a
    moved version).
    """
    access.require(
        access.can_approve_any(by) or access.can_enter_any(by),
        "Tài khoản của bạn không được điều chỉnh số liệu.",
    )
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = "Điều chỉnh số liệu đã duyệt cần nêu lý do."
    elif too_long(reason, NOTE_MAX_CHARS):
        errors["reason"] = too_long(reason, NOTE_MAX_CHARS) or ""
    try:
        read_value(value)
    except ValueError as exc:
        errors["value"] = str(exc)
    if errors:
        raise Invalid("Điều chỉnh không hợp lệ.", errors)
    obs = Observation.objects.select_related("unit", "indicator").filter(pk=observation_id).first()
    if obs is None:
        raise NotFound(f"Không tìm thấy số liệu #{observation_id}.", {"id": "Không tồn tại."})
    _check_visible(by, obs)
    if obs.state not in (EntryState.SUBMITTED, EntryState.APPROVED):
        raise Conflict(
            "Chỉ số liệu đã duyệt mới cần điều chỉnh; số liệu nháp sửa trực tiếp.",
            {"state": "Số liệu chưa được duyệt."},
        )
    row = {
        "unit": obs.unit.code, "indicator": obs.indicator.code, "period": obs.period, "value": value,
        "unit_of_measure": obs.indicator.unit, "stage": obs.stage, "state": obs.state,
        "source": obs.source, "note": obs.note, "correction_reason": reason, "version": version,
    }
    try:
        return record_observations([row], user=by, mode=Mode.CORRECTION)[0]
    except DomainError as exc:
        errors = {
            ("reason" if key == "correction_reason" else key): message
            for key, message in ((k.removeprefix("dòng 1."), m) for k, m in exc.errors.items())
        }
        if isinstance(exc, Forbidden):
            raise Forbidden(next(iter(errors.values()), exc.message), errors) from exc
        raise type(exc)("Điều chỉnh không được ghi.", errors) from exc
