"""Data entry: a reporter's grid (indicators × periods) with per-cell HTMX saves, submitting
drafts, the approvals list for leaders and the office, and corrections of locked figures."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from chitieu.core.choices import SIMULATED_SOURCE, Category, EntryState, PeriodKind, Role, Stage
from chitieu.core.periods import Period
from chitieu.errors import DomainError, Forbidden, Invalid, NotFound
from chitieu.monitoring import workflow
from chitieu.monitoring.completeness import completeness, units_not_reported
from chitieu.monitoring.models import Observation
from chitieu.monitoring.services import Mode, record_observation
from chitieu.org import access
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator
from chitieu.web import entry
from chitieu.web.views.calendar import due_panel
from chitieu.web.views.common import HtmxHttpRequest, parse_date, require, require_reader

PAGE_SIZE = 200


def _choice(enum, raw: str | None, default):
    try:
        return enum(raw) if raw else default
    except ValueError:
        return default


def _grid_params(request: HttpRequest, source) -> dict:
    today = timezone.localdate()
    try:
        year = int(source.get("nam") or today.year)
    except ValueError:
        year = today.year
    return {
        "year": min(max(year, 1990), today.year + 1),
        "grain": _choice(PeriodKind, source.get("ky"), PeriodKind.QUARTER),
        "stage": _choice(Stage, source.get("muc"), Stage.ESTIMATE),
        "category": _choice(Category, source.get("linh_vuc"), None),
    }


def _entry_unit(request: HttpRequest, raw: str | None) -> Unit:
    """Return the unit the user enters figures for: ?don_vi if they may, else their own."""
    if raw:
        unit = get_object_or_404(Unit, pk=raw) if raw.isdigit() else get_object_or_404(Unit, code=raw)
    else:
        account = access.account_of(request.user)
        if account is None:
            raise Forbidden("Tài khoản chưa được gán đơn vị.")
        unit = account.unit
    require(
        access.can_enter_figures(request.user, unit),
        f"Bạn không được nhập hoặc xem số liệu nháp của {unit.display_name}.",
    )
    return unit


@login_required
def grid(request: HttpRequest) -> HttpResponse:
    """The entry grid of one unit for a year at a grain and stage. Leaders go to approvals."""
    require_reader(request)
    if access.role_of(request.user) == Role.LEADER:
        return redirect("web:approvals")
    unit = _entry_unit(request, request.GET.get("don_vi"))
    params = _grid_params(request, request.GET)
    periods = entry.grid_periods(params["year"], params["grain"])
    indicators = list(entry.indicators_for_unit(unit, params["category"]))
    rows = entry.grid(unit, indicators, periods, params["stage"])
    drafts = sum(1 for _, cells in rows for c in cells if c.obs and c.obs.state in entry.EDITABLE)
    simulated = any(c.obs and c.obs.source == SIMULATED_SOURCE for _, cells in rows for c in cells)
    return render(request, "web/entry.html", {
        "unit": unit,
        "units": access.entry_units(request.user).only("id", "name", "short_name", "path")[:500],
        "rows": rows,
        "periods": periods,
        "drafts": drafts,
        "has_simulated": simulated,
        "may_approve": access.can_approve(request.user, unit),
        "grains": entry.GRAINS,
        "stages": list(Stage),
        "categories": list(Category),
        # What the unit (and its sub-units) owes around ?ngay= (default today).
        "due": due_panel(request.user, unit.subtree(), parse_date(request.GET.get("ngay"), timezone.localdate())),
        **params,
    })


@login_required
@require_POST
def save_cell(request: HttpRequest) -> HttpResponse:
    """Save one cell as a draft through the monitoring service; return the cell re-rendered,
    with the Vietnamese error next to it when the value is refused (status 422)."""
    require_reader(request)
    unit = _entry_unit(request, request.POST.get("unit"))
    indicator = get_object_or_404(Indicator, pk=request.POST.get("indicator") or 0)
    period = Period.parse(request.POST.get("period", ""))  # a PeriodError is shown by chitieu.web.errors
    stage = _choice(Stage, request.POST.get("stage"), Stage.ESTIMATE)
    raw = request.POST.get("value", "").strip()
    existing = Observation.objects.filter(unit=unit, indicator=indicator, period=period.code, stage=stage).first()
    cell = entry.Cell(indicator, period, existing, raw=raw)
    status = 200
    if not raw:
        cell.error = "Nhập một số (dấu phẩy thập phân: 13,5)."
        status = 422
    else:
        try:
            cell.obs = record_observation(
                unit=unit.code, indicator=indicator.code, period=period.code, value=raw,
                stage=stage, state=EntryState.DRAFT, version=request.POST.get("version") or None,
                user=request.user, mode=Mode.DRAFT,
            )
            cell.raw = ""
        except DomainError as exc:
            cell.error = " ".join(exc.errors.values()) or exc.message
            status = exc.status
    params = _grid_params(request, request.POST)
    return render(request, "web/_entry_cell.html", {
        "cell": cell, "unit": unit, "stage": stage, "saved": status == 200,
        "year": params["year"], "grain": params["grain"],
        "oob_drafts": _draft_count(unit, {**params, "stage": stage}) if status == 200 else None,
    }, status=status)


def _draft_count(unit: Unit, params: dict) -> int:
    """Drafts and returned figures of `unit` in the grid's periods and stage (one query)."""
    codes = [p.code for p in entry.grid_periods(params["year"], params["grain"])]
    return Observation.objects.filter(
        unit=unit, period__in=codes, stage=params["stage"], state__in=entry.EDITABLE
    ).count()


@login_required
@require_POST
def submit_drafts(request: HttpRequest) -> HttpResponse:
    """Send every draft (or returned) figure in the shown grid for approval, all or none."""
    require_reader(request)
    unit = _entry_unit(request, request.POST.get("don_vi"))
    params = _grid_params(request, request.POST)
    codes = [p.code for p in entry.grid_periods(params["year"], params["grain"])]
    ids = list(
        Observation.objects.filter(
            unit=unit, period__in=codes, stage=params["stage"], state__in=entry.EDITABLE
        ).order_by("id").values_list("id", flat=True)
    )
    if not ids:
        messages.info(request, "Không có số liệu nháp nào để gửi.")
    else:
        try:
            workflow.submit_many(ids, by=request.user)
            messages.success(request, f"Đã gửi {len(ids)} số liệu chờ duyệt.")
        except DomainError as exc:
            messages.error(request, f"Chưa gửi được: {exc}")
    query = urlencode({"don_vi": unit.pk, "nam": params["year"], "ky": params["grain"], "muc": params["stage"]})
    return redirect(f"{reverse('web:entry')}?{query}")


@login_required
def approvals(request: HttpRequest) -> HttpResponse:
    """Submitted figures waiting for a leader or the office, oldest first (first 200)."""
    require(access.role_of(request.user) in (Role.LEADER, Role.OFFICE_ADMIN), "Chỉ lãnh đạo hoặc Văn phòng được duyệt số liệu.")
    pending = entry.pending_approval()
    total = pending.count()
    rows = list(pending[:PAGE_SIZE])
    return render(request, "web/approvals.html", {
        "rows": rows, "total": total, "page_size": PAGE_SIZE,
        "has_simulated": any(o.source == SIMULATED_SOURCE for o in rows),
    })


@login_required
@require_POST
def decide(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Approve or reject (with a reason) one submitted figure; HTMX gets the row back."""
    require_reader(request)
    action = request.POST.get("action")
    error = ""
    try:
        if action == "approve":
            confirm = request.POST.get("confirm") in ("1", "on", "true")
            obs = workflow.approve(pk, by=request.user, confirm=confirm)
        elif action == "reject":
            obs = workflow.reject(pk, by=request.user, reason=request.POST.get("reason", ""))
        else:
            raise Invalid("Thao tác không hợp lệ.", {"action": "Chọn «Duyệt» hoặc «Trả lại»."})
    except (Forbidden, NotFound):
        raise  # the one HTML error path (chitieu.web.errors)
    except DomainError as exc:
        error = " ".join(exc.errors.values()) or exc.message
        obs = get_object_or_404(Observation.objects.select_related("unit", "indicator", "entered_by"), pk=pk)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("web:approvals")
    return render(request, "web/_approval_row.html", {"o": obs, "error": error}, status=422 if error else 200)


@login_required
def correction(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an approved (locked) figure: a new value and a reason; history keeps the old one."""
    require_reader(request)
    obs = get_object_or_404(Observation.objects.select_related("unit", "indicator"), pk=pk)
    require(access.can_view_observation(request.user, obs), "Bạn không được xem số liệu này.")
    require(
        access.can_approve(request.user, obs.unit) or access.can_enter_figures(request.user, obs.unit),
        f"Bạn không có quyền điều chỉnh số liệu của {obs.unit.display_name}.",
    )
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        try:
            workflow.correct(
                pk, by=request.user, value=request.POST.get("value", ""), reason=request.POST.get("reason", ""),
                version=request.POST.get("version") or None,
            )
            messages.success(request, "Đã điều chỉnh số liệu; giá trị cũ được lưu trong lịch sử.")
            return redirect("web:record-history", key="observation", pk=pk)
        except Forbidden:
            raise  # the one HTML error path (chitieu.web.errors)
        except DomainError as exc:
            errors = exc.errors or {"value": exc.message}
            status = exc.status
            obs.refresh_from_db()  # show the figure as it now stands (and its version)
    return render(request, "web/correction.html", {
        "o": obs, "errors": errors, "posted": request.POST, "has_simulated": obs.source == SIMULATED_SOURCE,
    }, status=status)


def _last_quarter(today) -> Period:
    """The latest quarter that has ended by `today` (the completeness page's default)."""
    q = (today.month - 1) // 3  # quarters ended this year
    return Period.quarter(today.year, q) if q else Period.quarter(today.year - 1, 4)


@login_required
def completeness_page(request: HttpRequest) -> HttpResponse:
    """Which assigned units have reported each indicator for a period, and how late
    (?ky=Q4/2021, default the last quarter ended; ?chi_tieu=CODE for one indicator), and the
    units that have not, overdue or still in time at ?ngay= (default today)."""
    require_reader(request)
    units = access.draft_units(request.user)
    require(units.exists(), "Trang đầy đủ báo cáo dành cho lãnh đạo, Văn phòng và cán bộ báo cáo.")
    raw = (request.GET.get("ky") or "").strip()
    period = Period.parse(raw) if raw else _last_quarter(timezone.localdate())  # PeriodError: a Vietnamese 400
    scope = None if access.role_of(request.user) in (Role.OFFICE_ADMIN, Role.LEADER) else Q(pk__in=units)
    as_of = parse_date(request.GET.get("ngay"), timezone.localdate())  # overdue or still in time
    tables = completeness(period, units=scope, as_of=as_of)
    code = request.GET.get("chi_tieu") or ""
    if code:
        tables = [t for t in tables if t.indicator.code == code]
    return render(request, "web/completeness.html", {
        "period": period, "tables": tables, "code": code, "as_of": as_of,
        "rule": settings.REPORT_CALENDAR.describe(), "missing_units": units_not_reported(tables),
    })
