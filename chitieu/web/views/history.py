"""History pages: every version of one record with its changes, and recent changes overall."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chitieu.core.choices import EntryState, Role
from chitieu.errors import NotFound
from chitieu.org import access
from chitieu.web import history
from chitieu.web.views.common import require, require_reader


def _may_see(request: HttpRequest, key: str, model, pk: int) -> bool:
    """Accounts' history is for office admins; a figure's for those who may see its drafts,
    unless it is approved now; everything else for every role holder."""
    user = request.user
    if key == "account":
        return access.can_manage(user)
    if key == "observation":
        last = model.history.filter(id=pk).select_related("unit").order_by("-history_date").first()
        if last is None:
            return access.can_read(user)
        from chitieu.org.models import Unit

        unit = Unit.objects.filter(pk=last.unit_id).first()
        if last.state == EntryState.APPROVED and last.history_type != "-":
            return access.can_read(user)
        return unit is not None and access.can_view_drafts(user, unit)
    return access.can_read(user)


@login_required
def record_history(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    """Every version of record `pk` of the tracked model `key`, newest first, with old/new values."""
    require_reader(request)
    model = history.tracked_model(key)
    if model is None:
        raise NotFound("Không có loại bản ghi này.")
    require(_may_see(request, key, model, pk), "Bạn không được xem lịch sử của bản ghi này.")
    versions = history.versions_of(model, pk)
    if not versions:
        raise NotFound("Bản ghi không có lịch sử.")
    return render(request, "web/history_record.html", {
        "versions": versions,
        "model_label": model._meta.verbose_name,
        "title": history.record_label(versions[0].record),
        "key": key,
    })


def _recent_scope(user) -> tuple[list[str], Q | None]:
    """Which recent changes a role holder reads, by the rules of the record pages: accounts
    for office admins only; figures' versions that are approved, or of units whose drafts
    the user may see (all units for office admins and leaders)."""
    keys = [k for k in history.TRACKED if k != "account" or access.can_manage(user)]
    if access.role_of(user) in (Role.OFFICE_ADMIN, Role.LEADER):
        return keys, None
    return keys, Q(state=EntryState.APPROVED) | Q(unit_id__in=access.draft_units(user).values("pk"))


@login_required
def recent(request: HttpRequest) -> HttpResponse:
    """Recent changes across the records the user may read (see _recent_scope)."""
    require_reader(request)
    keys, observations = _recent_scope(request.user)
    key = request.GET.get("loai") or None
    if key not in keys:
        key = None
    changes = history.recent_changes(limit=100, key=key, keys=keys, observations=observations)
    kinds = [(k, model._meta.verbose_name) for k in keys if (model := history.tracked_model(k)) is not None]
    return render(request, "web/history_recent.html", {"changes": changes, "kinds": kinds, "key": key})
