"""Reported figures: list (with the access rules on drafts), bulk entry, and the workflow."""

from __future__ import annotations

from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from chitieu.api.auth import AuthedRequest
from chitieu.api.plans import require_reader
from chitieu.api.schemas import CorrectIn, ObservationIn, ObservationOut, Problem, RejectIn
from chitieu.core.choices import EntryState, Stage
from chitieu.core.periods import Period, PeriodError
from chitieu.errors import Invalid
from chitieu.monitoring import workflow
from chitieu.monitoring.models import Observation
from chitieu.org import access

router = Router(tags=["Số liệu"])

#: Largest page of figures one request returns (?limit=…&offset=…; default 100).
MAX_PAGE = 5000
#: Largest offset: well within the database's integers (9223372036854775808 answered 500).
MAX_OFFSET = 2**31 - 1


class Pages(LimitOffsetPagination):
    """?limit=1..5000 (default 100) and ?offset=0..2147483647; beyond either, a 422."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_PAGE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

WRITE = {200: list[ObservationOut], 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}
ONE = {200: ObservationOut, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


def _choice(kind, raw: str, field: str) -> str:
    try:
        return kind.parse(raw).value
    except ValueError as exc:
        raise Invalid("Bộ lọc không hợp lệ.", {field: str(exc)}) from exc


@router.get("/observations", summary="Danh sách số liệu", response={200: list[ObservationOut], 401: Problem, 403: Problem, 422: Problem})
@paginate(Pages, max_limit=MAX_PAGE)
def list_observations(
    request: AuthedRequest,
    indicator: str | None = None,
    unit: str | None = None,
    period: str | None = None,
    state: str | None = None,
    stage: str | None = None,
):
    """Figures the caller may read: approved ones of every unit; drafts, submitted and
    rejected ones only of the caller's own units (all units for leaders and the office).
    Filters: indicator code, unit code, period (any form, e.g. "Q1/2024"), state, stage."""
    require_reader(request)
    qs = Observation.objects.select_related("indicator", "unit", "entered_by", "approved_by")
    if indicator:
        qs = qs.filter(indicator__code=indicator)
    if unit:
        qs = qs.filter(unit__code=unit)
    if period:
        try:
            qs = qs.filter(period=Period.parse(period).code)
        except PeriodError as exc:
            raise Invalid("Bộ lọc không hợp lệ.", {"period": str(exc)}) from exc
    if state:
        qs = qs.filter(state=_choice(EntryState, state, "state"))
    if stage:
        qs = qs.filter(stage=_choice(Stage, stage, "stage"))
    return access.observations_visible_to(request.auth, qs).order_by("id")


@router.post("/observations", summary="Nhập nhiều số liệu (nháp), tất cả hoặc không", response={201: list[ObservationOut], **{k: v for k, v in WRITE.items() if k != 200}})
def create_observations(request: AuthedRequest, rows: list[ObservationIn]):
    """Record a list of figures as drafts of their units, all or none. Errors are keyed by
    row and field ("3.unit"); a row for a unit the caller may not enter answers 403."""
    saved = workflow.enter_drafts([row.dict() for row in rows], by=request.auth)
    return 201, saved


def _reload(obs: Observation) -> Observation:
    return Observation.objects.select_related("indicator", "unit", "entered_by", "approved_by").get(pk=obs.pk)


@router.post("/observations/{obs_id}/submit", summary="Gửi duyệt số liệu", response=ONE)
def submit_observation(request: AuthedRequest, obs_id: int):
    """Send a draft (or rejected) figure for approval."""
    return _reload(workflow.submit(obs_id, by=request.auth))


@router.post("/observations/{obs_id}/approve", summary="Duyệt số liệu", response=ONE)
def approve_observation(request: AuthedRequest, obs_id: int):
    """Approve a submitted figure (leaders, the office); it is then locked."""
    return _reload(workflow.approve(obs_id, by=request.auth))


@router.post("/observations/{obs_id}/reject", summary="Trả lại số liệu, có lý do", response=ONE)
def reject_observation(request: AuthedRequest, obs_id: int, payload: RejectIn):
    """Return a submitted figure to its unit with a reason."""
    return _reload(workflow.reject(obs_id, by=request.auth, reason=payload.reason))


@router.post("/observations/{obs_id}/correct", summary="Điều chỉnh số liệu đã duyệt, có lý do", response=ONE)
def correct_observation(request: AuthedRequest, obs_id: int, payload: CorrectIn):
    """Correct an approved figure with a reason; history keeps the old value."""
    return _reload(workflow.correct(
        obs_id, by=request.auth, value=payload.value, reason=payload.reason, version=payload.version
    ))
