"""Resolutions, their targets and review, and the indicator catalogue; the office writes
resolutions and targets through the set-up service the pages use (chitieu.setup.plans)."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from ninja import Router

from chitieu.api.auth import AuthedRequest
from chitieu.api.schemas import (
    IndicatorOut,
    MeOut,
    Problem,
    ResolutionDetail,
    ResolutionIn,
    ResolutionOut,
    ScenarioIn,
    ScenarioOut,
    TargetIn,
    TargetOut,
)
from chitieu.core.choices import Category
from chitieu.errors import Invalid, NotFound
from chitieu.monitoring import review as review_service
from chitieu.org import access
from chitieu.plans.models import Indicator, Resolution, Target
from chitieu.setup.plans import save_resolution, save_scenario, save_target

router = Router(tags=["Nghị quyết, chỉ tiêu"])

READ_DENIED = "Tài khoản chưa được gán đơn vị và vai trò; liên hệ Văn phòng."


def require_reader(request: AuthedRequest) -> None:
    """Raise Forbidden unless the caller holds a role (an account or superuser)."""
    access.require(access.can_read(request.auth), READ_DENIED)


def _targets():
    return Target.objects.select_related("resolution", "indicator", "lead_unit", "leader").prefetch_related(
        "supporting_units"
    )


def _resolution(code: str) -> Resolution:
    res = Resolution.objects.select_related("issuer", "term").filter(code=code).first()
    if res is None:
        raise NotFound(f"Không có nghị quyết «{code}».", {"code": "Không tồn tại."})
    return res


@router.get("/me", summary="Tài khoản đang gọi API", response={200: MeOut, 401: Problem, 403: Problem})
def who_am_i(request):
    """The caller's user name, role and unit: a quick check that a token works."""
    require_reader(request)
    account = access.account_of(request.auth)
    role = access.role_of(request.auth)
    return {
        "username": request.auth.get_username(),
        "role": role.value,
        "role_label": role.label,
        "unit": account.unit.code if account else None,
        "unit_name": account.unit.name if account else None,
    }


@router.get("/resolutions", summary="Danh sách nghị quyết", response={200: list[ResolutionOut], 401: Problem, 403: Problem})
def list_resolutions(request):
    """All resolutions, newest first."""
    require_reader(request)
    return Resolution.objects.select_related("issuer", "term")


@router.get("/resolutions/{code}", summary="Một nghị quyết và các chỉ tiêu", response={200: ResolutionDetail, 401: Problem, 403: Problem, 404: Problem})
def get_resolution(request, code: str):
    """One resolution with its targets in their order."""
    require_reader(request)
    res = _resolution(code)
    # Loaded in one query; the schema reads them through `targets.all()`.
    prefetch_related_objects([res], Prefetch("targets", queryset=_targets().order_by("order", "id")))
    return res


@router.get("/resolutions/{code}/review", summary="Đánh giá thực hiện chỉ tiêu tại một ngày", response={200: dict, 401: Problem, 403: Problem, 404: Problem, 422: Problem})
def review_resolution(request, code: str, as_of: date | None = None):
    """The review of every target at `as_of` (default: today): the JSON of
    `chitieu review --format json` (resolution, as_of, counts, targets)."""
    require_reader(request)
    resolution = _resolution(code)
    return review_service.review_as_json(
        review_service.evaluate_resolution(resolution, as_of=as_of or timezone.localdate())
    )


WRITE = {401: Problem, 403: Problem, 422: Problem}


@router.post("/resolutions", summary="Tạo nghị quyết (Văn phòng)", response={201: ResolutionOut, **WRITE})
def create_resolution(request: AuthedRequest, payload: ResolutionIn):
    """Create a resolution with the rules of the set-up page; office only (403 otherwise),
    errors keyed by field (422), nothing written on any error."""
    resolution = save_resolution(payload.dict(), by=request.auth)
    return 201, _resolution(resolution.code)


@router.post("/targets", summary="Thêm chỉ tiêu vào nghị quyết (Văn phòng)", response={201: TargetOut, **WRITE})
def create_target(request: AuthedRequest, payload: TargetIn):
    """Add a target to a resolution with the rules of the set-up page; office only (403
    otherwise), errors keyed by field (422): a number the resolution already uses, a unit
    that does not convert to the indicator's, a range without its maximum…"""
    target = save_target(payload.dict(), by=request.auth)
    return 201, _targets().get(pk=target.pk)


@router.post("/scenarios", summary="Thêm kịch bản tháng, quý của chỉ tiêu (Văn phòng)", response={201: ScenarioOut, **WRITE})
def create_scenario(request: AuthedRequest, payload: ScenarioIn):
    """Add a target's scenario with the rules of the set-up page; office only (403 otherwise),
    errors keyed by field (422): a period outside the target's, a period used twice…"""
    s = save_scenario(payload.dict(), by=request.auth)
    return 201, {"id": s.pk, "target": s.target_id, "period": s.period, "kind": s.kind, "value": s.value, "note": s.note}


@router.get("/targets", summary="Danh sách chỉ tiêu của nghị quyết", response={200: list[TargetOut], 401: Problem, 403: Problem, 422: Problem})
def list_targets(request, resolution: str | None = None, category: str | None = None):
    """Targets, filtered by resolution code and indicator category."""
    require_reader(request)
    qs = _targets()
    if resolution:
        qs = qs.filter(resolution__code=resolution)
    if category:
        qs = qs.filter(indicator__category=_category(category))
    return qs.order_by("resolution__code", "order", "id")


@router.get("/indicators", summary="Danh mục chỉ tiêu", response={200: list[IndicatorOut], 401: Problem, 403: Problem, 422: Problem})
def list_indicators(request, category: str | None = None):
    """The indicator catalogue, optionally one category."""
    require_reader(request)
    qs = Indicator.objects.all()
    if category:
        qs = qs.filter(category=_category(category))
    return qs


def _category(raw: str) -> str:
    try:
        return Category.parse(raw).value
    except ValueError as exc:
        raise Invalid("Lĩnh vực không hợp lệ.", {"category": str(exc)}) from exc

