"""Shapes of what the API returns and accepts. Codes, not database ids, name related records."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import Field


class Problem(Schema):
    """Every error: a Vietnamese message and, per field (or "row.field"), what is wrong."""

    detail: str
    errors: dict[str, str] = {}


class MeOut(Schema):
    username: str
    role: str
    role_label: str
    unit: str | None = Field(None, description="Mã đơn vị; trống với quản trị hệ thống không gắn đơn vị")
    unit_name: str | None


class ResolutionOut(Schema):
    code: str
    number: str
    title: str
    issuer: str = Field(..., description="Mã đơn vị ban hành")
    issuer_name: str
    issued_on: date | None
    period: str
    term: str | None
    source_ref: str
    kind: str = Field(..., description="congress | yearly | thematic")
    status: str = Field(..., description="draft | in_force | closed")

    @staticmethod
    def resolve_issuer(obj) -> str:
        return obj.issuer.code

    @staticmethod
    def resolve_issuer_name(obj) -> str:
        return obj.issuer.name

    @staticmethod
    def resolve_term(obj) -> str | None:
        return obj.term.code if obj.term_id else None


class TargetOut(Schema):
    id: int
    resolution: str
    number: str
    indicator: str
    indicator_name: str
    category: str
    comparator: str
    value: float
    value_max: float | None
    unit: str
    period: str
    term_aggregation: str
    baseline: str
    baseline_value: float | None
    lead_unit: str | None
    supporting_units: list[str] = Field(..., description="Mã các đơn vị phối hợp")
    leader: str | None
    clause: str
    confirmed: bool

    @staticmethod
    def resolve_resolution(obj) -> str:
        return obj.resolution.code

    @staticmethod
    def resolve_supporting_units(obj) -> list[str]:
        return [u.code for u in obj.supporting_units.all()]

    @staticmethod
    def resolve_indicator(obj) -> str:
        return obj.indicator.code

    @staticmethod
    def resolve_indicator_name(obj) -> str:
        return obj.indicator.name

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.indicator.category

    @staticmethod
    def resolve_lead_unit(obj) -> str | None:
        return obj.lead_unit.code if obj.lead_unit_id else None

    @staticmethod
    def resolve_leader(obj) -> str | None:
        return obj.leader.full_name if obj.leader_id else None


class ResolutionDetail(ResolutionOut):
    targets: list[TargetOut]

    @staticmethod
    def resolve_targets(obj) -> list:
        return list(obj.targets.all())


class IndicatorOut(Schema):
    code: str
    name: str
    short_name: str
    category: str
    unit: str
    direction: str
    aggregation: str
    unit_aggregation: str
    frequency: str


class ObservationOut(Schema):
    id: int
    indicator: str
    unit: str
    period: str
    value: float
    entered_unit: str
    stage: str
    state: str
    source: str
    simulated: bool = Field(..., description="Số liệu mô phỏng (nguồn «mô phỏng»)")
    note: str
    correction_reason: str
    entered_by: str | None
    entered_at: datetime
    approved_by: str | None
    approved_at: datetime | None
    version: int = Field(..., description="Phiên bản: gửi kèm khi điều chỉnh; đổi mỗi lần số liệu thay đổi")
    warnings: list[str] = Field(..., description="Cảnh báo bất thường (cần xác nhận khi duyệt)")

    @staticmethod
    def resolve_warnings(obj) -> list[str]:
        return obj.warning_list

    @staticmethod
    def resolve_indicator(obj) -> str:
        return obj.indicator.code

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_simulated(obj) -> bool:
        return obj.simulated

    @staticmethod
    def resolve_entered_by(obj) -> str | None:
        return obj.entered_by.get_username() if obj.entered_by_id else None

    @staticmethod
    def resolve_approved_by(obj) -> str | None:
        return obj.approved_by.get_username() if obj.approved_by_id else None


class ObservationIn(Schema):
    """One figure to record as a draft of its unit."""

    indicator: str = Field(..., description="Mã chỉ tiêu (danh mục)")
    unit: str = Field(..., description="Mã đơn vị báo cáo")
    period: str = Field(..., description="Kỳ: 2024, Q1/2024, 6/2024, 6T/2024…")
    # bool is listed so that `true` reaches the service as a boolean and is refused there
    # (pydantic would otherwise read it as 1.0).
    value: bool | float | str = Field(..., description="Số; chấp nhận cả chuỗi kiểu Việt Nam «13,5», «89.490,478»")
    unit_of_measure: str = Field("", description="Đơn vị tính khi nhập; trống = đơn vị của chỉ tiêu")
    stage: str = Field("estimate", description="estimate | preliminary | official")
    source: str = ""
    note: str = ""
    version: int | None = Field(None, description="Phiên bản số liệu đã có mà thay đổi này dựa trên")


class RejectIn(Schema):
    reason: str


class CorrectIn(Schema):
    value: bool | float | str = Field(..., description="Giá trị mới (bool bị từ chối)")
    reason: str
    version: int | None = Field(None, description="Phiên bản số liệu mà điều chỉnh này dựa trên; đã đổi thì 409")


class TaskOut(Schema):
    code: str
    title: str
    resolution: str | None
    source: str
    lead_unit: str | None
    supporting_units: list[str]
    leader: str | None
    deadline: date | None
    deadline_text: str
    completed_on: date | None
    progress: int
    status: str = Field(..., description="Trạng thái tại ngày as_of (mặc định hôm nay)")
    confirmed: bool

    @staticmethod
    def resolve_status(obj) -> str:
        # Set by the route from chitieu.core.tasks for the requested date.
        return str(obj.api_status)

    @staticmethod
    def resolve_resolution(obj) -> str | None:
        return obj.resolution.code if obj.resolution_id else None

    @staticmethod
    def resolve_lead_unit(obj) -> str | None:
        return obj.lead_unit.code if obj.lead_unit_id else None

    @staticmethod
    def resolve_supporting_units(obj) -> list[str]:
        return [u.code for u in obj.supporting_units.all()]

    @staticmethod
    def resolve_leader(obj) -> str | None:
        return obj.leader.full_name if obj.leader_id else None


class TaskUpdateIn(Schema):
    note: str
    progress: int | None = Field(None, ge=0, le=100)


class TaskUpdateOut(Schema):
    id: int
    task: str
    note: str
    progress: int | None
    created_by: str | None
    created_at: datetime

    @staticmethod
    def resolve_task(obj) -> str:
        return obj.task.code

    @staticmethod
    def resolve_created_by(obj) -> str | None:
        return obj.created_by.get_username() if obj.created_by_id else None


#: A number as JSON sends it or as people write it ("13,5"); `true` is listed so that it reaches
#: the form and is refused there (pydantic would read it as 1.0).
NumberIn = bool | float | str
#: Database ids of people: within the database's integers.
PersonId = Field(None, ge=1, le=2**31 - 1, description="Số ID của cán bộ phụ trách (đồng chí phụ trách)")


class ResolutionIn(Schema):
    """A new resolution; the rules are those of the set-up page (chitieu.setup.plans)."""

    code: str = Field(..., description="Mã: chữ thường không dấu, số, gạch nối (ví dụ hp-2026)")
    title: str = Field(..., description="Trích yếu")
    number: str = Field("", description="Số, ký hiệu: 01-NQ/TU")
    issuer: str = Field(..., description="Mã đơn vị ban hành")
    issued_on: date | None = None
    kind: str = Field("yearly", description="congress | yearly | thematic")
    term: str | None = Field(None, description="Mã nhiệm kỳ (bắt buộc với nghị quyết Đại hội)")
    period: str = Field(..., description="Kỳ kế hoạch: 2026, 2020-2025")
    status: str = Field("draft", description="draft | in_force | closed")
    source_ref: str = ""
    source_text: str = Field("", description="Nguyên văn nghị quyết")


class TargetIn(Schema):
    """A new target of a resolution; the rules are those of the set-up page."""

    resolution: str = Field(..., description="Mã nghị quyết")
    number: str = Field(..., description="Số thứ tự như nghị quyết viết: 1, 1a, 20b")
    indicator: str = Field(..., description="Mã chỉ tiêu trong danh mục")
    comparator: str = Field("=", description="=, >=, <=, range, increase_by, decrease_by")
    value: NumberIn
    value_max: NumberIn | None = Field(None, description="Chỉ với range")
    unit: str = Field("", description="Trống: đơn vị tính của chỉ tiêu")
    period: str = Field("", description="Trống: kỳ của nghị quyết")
    term_aggregation: str = Field("", description="average | end | sum (chỉ tiêu cả giai đoạn)")
    baseline: str = Field("", description="So với: năm 2020, cùng kỳ…")
    baseline_value: NumberIn | None = None
    lead_unit: str | None = Field(None, description="Mã đơn vị chủ trì")
    supporting_units: list[str] = Field([], description="Mã các đơn vị phối hợp")
    leader: int | None = PersonId
    clause: str = ""
    order: int | None = Field(None, ge=0, le=2**31 - 1, description="Trống: sau chỉ tiêu cuối cùng")
    confirmed: bool = True


class TaskIn(Schema):
    """A new task; the rules are those of the set-up page."""

    code: str = Field(..., description="Mã: chữ thường không dấu, số, gạch nối")
    title: str
    resolution: str | None = Field(None, description="Mã văn bản giao")
    lead_unit: str | None = Field(None, description="Mã đơn vị chủ trì")
    supporting_units: list[str] = Field([], description="Mã các đơn vị phối hợp")
    leader: int | None = PersonId
    deadline: date | None = None
    deadline_text: str = Field("", description="Thời hạn như văn bản viết: «trước năm 2025»")
    source: str = ""
    clause: str = Field("", description="Nguyên văn trong văn bản")
    confirmed: bool = True


class ScenarioIn(Schema):
    """A target's scenario ("kịch bản") for a month or quarter; the rules are the set-up page's."""

    target: int = Field(..., description="Mã số (id) của chỉ tiêu")
    period: str = Field(..., description="Kỳ: T2/2026, Q1/2026, 6M/2026…, trong kỳ của chỉ tiêu")
    kind: str = Field("level", description="level: mức dự kiến đến hết kỳ; share: tỷ lệ % so với chỉ tiêu")
    value: NumberIn
    note: str = ""


class ScenarioOut(Schema):
    id: int
    target: int
    period: str
    kind: str
    value: float
    note: str
