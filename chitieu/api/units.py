"""Units valid on a date, with where each came from and where it went."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from chitieu.api.auth import AuthedRequest
from chitieu.api.plans import require_reader
from chitieu.api.schemas import Problem
from chitieu.core.choices import ShareBasis, UnitKind
from chitieu.errors import Invalid
from chitieu.org.codes import code_note
from chitieu.org.history import lineages, units_on
from chitieu.org.models import UnitLink

router = Router(tags=["Đơn vị"])


class LinkOut(Schema):
    code: str = Field(..., description="Mã đơn vị trước (với predecessors) hoặc sau (với successors)")
    name: str
    admin_code: int | None
    share: float = Field(..., description="Phần của đơn vị trước chuyển sang đơn vị sau (0–1)")
    basis: str
    basis_label: str
    basis_indicator: str = ""
    part: str = ""
    effective_on: date
    legal_basis: str


class UnitOut(Schema):
    code: str = Field(..., description="Mã đơn vị trong chitieu (không đổi, không dùng lại)")
    name: str
    kind: str
    kind_label: str
    admin_code: int | None = Field(None, description="Mã hành chính quốc gia; mã mới 2025 có thể trùng mã cũ")
    admin_code_note: str = Field("", description="Khi danh mục của Cục Thống kê ghi mã khác gói vietnam-provinces")
    parent: str | None
    valid_from: date | None
    valid_to: date | None
    version: int
    predecessors: list[LinkOut]
    successors: list[LinkOut]


def _link(link: UnitLink, other) -> dict:
    return {
        "code": other.code, "name": other.name, "admin_code": other.admin_code, "share": link.share,
        "basis": link.basis, "basis_label": ShareBasis(link.basis).label, "basis_indicator": link.basis_indicator,
        "part": link.part, "effective_on": link.reorganisation.effective_on,
        "legal_basis": link.reorganisation.legal_basis,
    }


@router.get("/units", summary="Đơn vị có hiệu lực vào một ngày",
            response={200: list[UnitOut], 401: Problem, 403: Problem, 422: Problem})
def list_units(request: AuthedRequest, on: date | None = None, kind: str | None = None):
    """The units that exist on `on` (default today), in tree order, each with its
    predecessors (the units it was formed from, with their shares) and successors (the
    units it went into). Filter: kind (city, district, ward, commune, ...)."""
    require_reader(request)
    day = on or timezone.localdate()
    qs = units_on(day).select_related("parent")
    if kind:
        try:
            qs = qs.filter(kind=UnitKind.parse(kind).value)
        except ValueError as exc:
            raise Invalid("Bộ lọc không hợp lệ.", {"kind": str(exc)}) from exc
    units = list(qs)
    lines = lineages(units)
    return [
        {
            "code": u.code, "name": u.name, "kind": u.kind, "kind_label": UnitKind(u.kind).label,
            "admin_code": u.admin_code, "admin_code_note": code_note(u), "parent": u.parent.code if u.parent is not None else None,
            "valid_from": u.valid_from, "valid_to": u.valid_to, "version": u.version,
            "predecessors": [_link(link, link.predecessor) for link in lines[u.pk].predecessors],
            "successors": [_link(link, link.successor) for link in lines[u.pk].successors],
        }
        for u in units
    ]
