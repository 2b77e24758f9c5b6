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

import math
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from chitieu.core.choices import EntryState
from chitieu.errors import Conflict, Forbidden, Invalid, NotFound
from chitieu.monitoring.models import Observation, PeriodLock
from chitieu.org import access

#: States a reporter may still edit and submit.
EDITABLE_STATES = (EntryState.DRAFT, EntryState.REJECTED)


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


def period_is_locked(obs: Observation) -> bool:
    """True when a PeriodLock (for the figure's unit or for all units) covers its period."""
    if obs.period_start is None or obs.period_end is None:
        return False
    return PeriodLock.objects.filter(
        Q(unit__isnull=True) | Q(unit_id=obs.unit_id),
        period_start__lte=obs.period_start,
        period_end__gte=obs.period_end,
    ).exists()


def _save(obs: Observation, reason: str, fields: list[str]) -> Observation:
    obs._change_reason = reason  # stored on the history record by simple_history
    obs.save(update_fields=[*fields, "updated_at"])
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
    if period_is_locked(obs):
        raise Conflict(f"Kỳ {obs.period} đã khóa sổ.", {"period": "Kỳ báo cáo đã khóa."})
    obs.state = EntryState.SUBMITTED
    return _save(obs, "Gửi duyệt", ["state"])


def submit(observation_id: int, *, by: Any) -> Observation:
    """Send a draft or rejected figure for approval; return it in state `submitted`.

    Raises NotFound (missing, or another unit's draft), Forbidden (not the unit's reporter
    nor the office), Conflict (already submitted or approved; period locked).
    """
    with transaction.atomic():
        return _submit_locked(by, _locked_row(observation_id))


def submit_many(observation_ids: Iterable[int], *, by: Any) -> list[Observation]:
    """Submit several figures, all or none; return them in the order given.

    Errors are keyed by position ("0.id", "3.state") and raised as one Invalid/Forbidden/
    Conflict of the first failing kind, so nothing is submitted when one row fails.
    """
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


def approve(observation_id: int, *, by: Any) -> Observation:
    """Approve a submitted figure: it becomes `approved` (locked) and counts in reviews.

    Returns the figure with approved_by/approved_at set. Raises NotFound, Forbidden (not a
    leader or the office), Conflict (not in state `submitted`).
    """
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
        obs.state = EntryState.APPROVED
        obs.approved_by = by
        obs.approved_at = timezone.now()
        return _save(obs, "Duyệt", ["state", "approved_by", "approved_at"])


def reject(observation_id: int, *, by: Any, reason: str) -> Observation:
    """Return a submitted figure to its unit with a reason; it becomes `rejected` (editable).

    The reason is kept on the history record and in `note`. Raises Invalid (empty reason),
    NotFound, Forbidden (not a leader or the office), Conflict (not submitted).
    """
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("Cần nêu lý do trả lại.", {"reason": "Nhập lý do trả lại số liệu."})
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
        return _save(obs, f"Trả lại: {reason}", ["state", "note"])


def correct(observation_id: int, *, by: Any, value: float, reason: str) -> Observation:
    """Change the value of an approved (locked) figure, with a reason; the old value stays in
    history.

    `value` is in the indicator's unit. An approver's (leader, office) correction stays
    approved; a reporter's correction of their own unit goes back to `submitted` for
    approval. Raises Invalid (empty reason, non-finite value), NotFound, Forbidden,
    Conflict (figure not approved, period locked).
    """
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = "Điều chỉnh số liệu đã duyệt cần nêu lý do."
    try:
        value = float(value)
        if not math.isfinite(value):
            raise ValueError
    except (TypeError, ValueError):
        errors["value"] = f"Giá trị «{value}» không phải là số hữu hạn."
    if errors:
        raise Invalid("Điều chỉnh không hợp lệ.", errors)
    with transaction.atomic():
        obs = _locked_row(observation_id)
        _check_visible(by, obs)
        approver = access.can_approve(by, obs.unit)
        access.require(
            approver or access.can_enter_figures(by, obs.unit),
            f"Bạn không có quyền điều chỉnh số liệu của {obs.unit.display_name}.",
        )
        if obs.state != EntryState.APPROVED:
            raise Conflict(
                "Chỉ số liệu đã duyệt mới cần điều chỉnh; số liệu nháp sửa trực tiếp.",
                {"state": "Số liệu chưa được duyệt."},
            )
        if period_is_locked(obs):
            raise Conflict(f"Kỳ {obs.period} đã khóa sổ.", {"period": "Kỳ báo cáo đã khóa."})
        obs.value = value
        obs.correction_reason = reason
        fields = ["value", "correction_reason"]
        if approver:
            obs.approved_by = by
            obs.approved_at = timezone.now()
            fields += ["approved_by", "approved_at"]
        else:
            obs.state = EntryState.SUBMITTED
            fields.append("state")
        return _save(obs, f"Điều chỉnh: {reason}", fields)
