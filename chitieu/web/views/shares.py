"""A target broken down into units' shares ("giao chỉ tiêu"): the office gives them, everyone
who reads the dashboard sees how each unit stands against its share.

The page only parses and renders: the rules are chitieu.monitoring.shares.give_shares and the
standing is the review's (monitoring.review.shares_standing).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from chitieu.core.choices import UnitKind
from chitieu.core.quantities import QuantityError, parse_number
from chitieu.errors import Forbidden, Invalid
from chitieu.monitoring.review import shares_standing
from chitieu.monitoring.shares import Part, area_of, give_shares
from chitieu.org import access
from chitieu.org.models import Unit
from chitieu.org.services import LOCAL_KINDS
from chitieu.plans.models import Target, TargetShare
from chitieu.reports import entry
from chitieu.reports import shares_sheet as sheet
from chitieu.reports.entry_sheet import WorkbookRefused
from chitieu.web.review import target_text
from chitieu.web.views.common import default_as_of, parse_date, require_reader


def _units(target: Target) -> list[Unit]:
    """The units a target can be given to: the communes, wards and departments directly
    below the resolution's area (plans.shares.area_of), by official code (departments last)."""
    area = area_of(target.resolution.issuer)
    return list(Unit.objects.filter(parent=area).exclude(kind__in=[UnitKind.PARTY_BODY, UnitKind.CITY]).order_by(
        F("admin_code").asc(nulls_last=True), "name"))


def _parse(units: list[Unit], post, ranged: bool) -> tuple[list[Part], dict[str, str]]:
    parts, errors = [], {}
    for unit in units:
        raw = (post.get(f"v-{unit.code}") or "").strip()
        raw_max = (post.get(f"m-{unit.code}") or "").strip()
        if not raw and not raw_max:
            continue
        try:
            value = parse_number(raw)
            value_max = parse_number(raw_max) if ranged and raw_max else None
        except QuantityError as exc:
            errors[unit.code] = str(exc)
            continue
        parts.append(Part(unit, value, value_max))
    return parts, errors


def _sheet_download(target: Target, units: list[Unit]) -> HttpResponse:
    shares = {s.unit_id: s for s in TargetShare.objects.filter(target=target)}
    lines = [sheet.ShareLine(u.code, u.display_name, getattr(shares.get(u.pk), "value", None),
                             getattr(shares.get(u.pk), "value_max", None)) for u in units]
    title = f"Giao chỉ tiêu ({target.number}) {target.indicator.name}: {target_text(target)}, kỳ {target.period}"
    data = sheet.write_sheet(f"{target.resolution.code}/{target.number}", title, lines)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="giao-chi-tieu-{target.resolution.code}-{target.number}.xlsx"'
    return response


def _parse_sheet(target: Target, units: list[Unit], upload) -> tuple[list[Part], list[str], dict[str, int]]:
    """The parts a shares workbook gives, its problems by sheet and row, and {unit code: row}."""
    try:
        rows = sheet.read_sheet(upload.read(), target_key=f"{target.resolution.code}/{target.number}",
                                max_bytes=entry.max_bytes())
    except WorkbookRefused as exc:
        return [], [f"{upload.name}, {where}: {why}" if where != "tệp" else f"{upload.name}: {why}"
                    for where, why in exc.errors.items()], {}
    by_code = {u.code: u for u in units}
    parts, problems, rows_of = [], [], {}
    for r in rows:
        unit = by_code.get(r.unit_code)
        if unit is None:
            problems.append(f"{sheet.place(r.row, 'A')}: không có đơn vị mã «{r.unit_code}» thuộc địa bàn được giao.")
            continue
        rows_of[unit.code] = r.row
        parts.append(Part(unit, r.value, r.value_max))
    return parts, problems, rows_of


@login_required
def give(request: HttpRequest, code: str, number: str) -> HttpResponse:
    """GET: the target's shares and each unit's standing at ?as_of; POST (office): replace
    the shares with the values typed (an empty cell gives that unit no share)."""
    require_reader(request)
    target = get_object_or_404(
        Target.objects.select_related("resolution__issuer", "indicator", "lead_unit"),
        resolution__code=code, number=number, confirmed=True,
    )
    as_of = parse_date(request.GET.get("as_of"), default_as_of(target.resolution))
    units = _units(target)
    ranged = target.comparator == "range"
    errors: dict[str, str] = {}
    sheet_errors: list[str] = []
    posted = None
    status = 200
    if request.GET.get("tai") == "xlsx":
        return _sheet_download(target, units)
    if request.method == "POST":
        if not access.can_manage(request.user):
            raise Forbidden("Chỉ Văn phòng được giao chỉ tiêu cho các đơn vị.")
        upload = request.FILES.get("file")
        if upload is not None:
            parts, sheet_errors, rows_of = _parse_sheet(target, units, upload)
        else:
            parts, errors = _parse(units, request.POST, ranged)
            posted = request.POST
            rows_of = {}
        if not errors and not sheet_errors:
            try:
                given = give_shares(target, parts, user=request.user)
                messages.success(request, f"Đã giao chỉ tiêu ({target.number}) cho {len(given)} đơn vị.")
                return redirect(request.get_full_path())
            except Invalid as exc:
                errors = exc.errors or {"parts": exc.message}
                if upload is not None:  # name the sheet's rows, not the page's cells
                    sheet_errors = [f"{sheet.place(rows_of[k]) if k in rows_of else upload.name}: {v}"
                                    for k, v in errors.items()]
                    errors = {"parts": errors["parts"]} if "parts" in errors else {}
        status = 422
    shares = {s.unit_id: s for s in TargetShare.objects.filter(target=target)}
    standing = shares_standing([target], as_of=as_of).get(target.pk)
    by_unit = {r.share.unit_id: r for r in standing.rows if r.share is not None} if standing else {}
    rows = [
        {"unit": u, "share": shares.get(u.pk), "row": by_unit.get(u.pk), "error": errors.get(u.code),
         "typed": posted.get(f"v-{u.code}", "") if posted else None,
         "typed_max": posted.get(f"m-{u.code}", "") if posted else None,
         "local": u.kind in LOCAL_KINDS}
        for u in units
    ]
    total = sum(s.value for s in shares.values())
    return render(request, "web/shares.html", {
        "target": target, "rows": rows, "errors": errors, "standing": standing, "as_of": as_of,
        "can_edit": access.can_manage(request.user), "ranged": ranged, "total": total,
        "sum_error": errors.get("parts", ""), "count": len(shares), "sheet_errors": sheet_errors,
    }, status=status)
