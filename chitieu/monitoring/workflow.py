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
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from chitieu.core.choices import EntryState, Stage
from chitieu.core.periods import Period, PeriodError
from chitieu.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from chitieu.monitoring.models import Observation, PeriodLock
from chitieu.monitoring.services import record_observations
from chitieu.org import access
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator

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


def period_is_locked(obs: Observation) -> bool:
    """True when a PeriodLock covers the figure's period, for the whole city, its unit or a
    unit above it (the same rule as the storage service's)."""
    if obs.period_start is None or obs.period_end is None:
        return False
    # Unit.path is "/1/5/17/": the unit and the units above it.
    lineage = [int(pk) for pk in obs.unit.path.strip("/").split("/") if pk] or [obs.unit_id]
    return PeriodLock.objects.filter(
        Q(unit__isnull=True) | Q(unit_id__in=lineage),
        period_start__lte=obs.period_start,
        period_end__gte=obs.period_end,
    ).exists()


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
    """Record figures as drafts of their units, all or none; return them in the order given.

    Each row is a mapping as for `monitoring.services.record_observations` (unit, indicator,
    period, value, unit_of_measure, stage, source, note); any `state` or `correction_reason`
    in it is ignored: entered figures always start as drafts, and changing a submitted or
    approved one goes through `correct`. A row equal to a stored draft or rejected figure
    (same unit, indicator, period, stage) updates it. Errors are keyed "i.field" with i the
    row's position from 0. Raises Forbidden when a row names a unit the user may not enter
    for, Conflict when it would overwrite a submitted or approved figure, Invalid otherwise.
    """
    rows = [dict(r) for r in rows]
    if not rows:
        raise Invalid("Không có dòng số liệu nào.", {"rows": "Danh sách số liệu trống."})
    units = {u.code: u for u in Unit.objects.filter(code__in={str(r.get("unit") or "") for r in rows})}
    denied = {
        f"{i}.unit": f"Bạn không có quyền nhập số liệu của {units[code].display_name}."
        for i, r in enumerate(rows)
        if (code := str(r.get("unit") or "")) in units and not access.can_enter_figures(by, units[code])
    }
    if not access.can_enter_any(by):
        raise Forbidden(_NO_ENTRY, denied)
    if denied:
        raise Forbidden("Có dòng số liệu của đơn vị bạn không được nhập; không dòng nào được ghi.", denied)
    with transaction.atomic():
        standing = _standing_rows(rows, units)
        if standing:
            raise Conflict("Có dòng trùng số liệu đã gửi hoặc đã duyệt; không dòng nào được ghi.", standing)
        drafts = [{**r, "state": EntryState.DRAFT, "correction_reason": ""} for r in rows]
        try:
            return record_observations(drafts, user=by, now=now)
        except DomainError as exc:
            raise type(exc)(exc.message, _rekey(exc.errors)) from exc


def _standing_rows(rows: list[Mapping[str, Any]], units: dict[str, Unit]) -> dict[str, str]:
    """Return errors for rows that would overwrite a submitted or approved figure."""
    keys: dict[tuple, int] = {}
    for i, r in enumerate(rows):
        try:
            period = Period.parse(str(r.get("period") or "")).code
            stage = Stage.parse(str(r.get("stage") or Stage.ESTIMATE)).value
        except (PeriodError, ValueError):
            continue  # the storage service reports it
        unit = units.get(str(r.get("unit") or ""))
        if unit is not None:
            keys[(unit.pk, str(r.get("indicator") or ""), period, stage)] = i
    if not keys:
        return {}
    found = Observation.objects.filter(
        unit__in={k[0] for k in keys},
        indicator__in=Indicator.objects.filter(code__in={k[1] for k in keys}),
        period__in={k[2] for k in keys},
        state__in=(EntryState.SUBMITTED, EntryState.APPROVED),
    ).values_list("unit_id", "indicator__code", "period", "stage", "state")
    errors: dict[str, str] = {}
    for unit_id, code, period, stage, state in found:
        hit = keys.get((unit_id, code, period, stage))
        if hit is not None:
            errors[f"{hit}.state"] = (
                f"Số liệu kỳ {period} đang ở trạng thái «{EntryState(state).label}»; "
                "muốn sửa phải dùng điều chỉnh có lý do."
            )
    return errors


def _save(obs: Observation, reason: str, fields: list[str], by: Any) -> Observation:
    # simple_history stores both on the history record, also outside a web request (CLI).
    obs._change_reason = reason  # type: ignore[attr-defined]  # read by simple_history
    if getattr(by, "pk", None):
        obs._history_user = by  # type: ignore[attr-defined]  # read by simple_history
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


def approve(observation_id: int, *, by: Any) -> Observation:
    """Approve a submitted figure: it becomes `approved` (locked) and counts in reviews.

    Returns the figure with approved_by/approved_at set. Raises Forbidden (not a leader or
    the office), NotFound, Conflict (not in state `submitted`).
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
        obs.state = EntryState.APPROVED
        obs.approved_by = by
        obs.approved_at = timezone.now()
        return _save(obs, "Duyệt", ["state", "approved_by", "approved_at"], by)


def reject(observation_id: int, *, by: Any, reason: str) -> Observation:
    """Return a submitted figure to its unit with a reason; it becomes `rejected` (editable).

    The reason is kept on the history record and in `note`. Raises Invalid (empty reason),
    NotFound, Forbidden (not a leader or the office), Conflict (not submitted).
    """
    access.require(access.can_approve_any(by), _NO_APPROVAL)
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
        return _save(obs, f"Trả lại: {reason}", ["state", "note"], by)


def correct(observation_id: int, *, by: Any, value: float, reason: str) -> Observation:
    """Change the value of an approved (locked) figure, with a reason; the old value stays in
    history.

    `value` is in the indicator's unit. An approver's (leader, office) correction stays
    approved; a reporter's correction of their own unit goes back to `submitted` for
    approval. Raises Invalid (empty reason, non-finite value), NotFound, Forbidden,
    Conflict (figure not approved, period locked).
    """
    access.require(
        access.can_approve_any(by) or access.can_enter_any(by),
        "Tài khoản của bạn không được điều chỉnh số liệu.",
    )
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
        return _save(obs, f"Điều chỉnh: {reason}", fields, by)
