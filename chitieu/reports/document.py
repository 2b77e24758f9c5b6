"""The plain report object every exporter takes: no database, no Django, only data.

`chitieu.reports.build.build_report` fills a `ReviewReport` from the database; exporters
(`chitieu.reports.exporters`) turn it into bytes. Keeping the object plain means an exporter
can be tested with a hand-made report and never issues a query.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from chitieu.core.choices import Choice, Status, _decorate


class ReportKind(Choice):
    """Which review a report is for. Values are the Vietnamese command-line words."""

    QUARTER = "quy"
    HALF = "6thang"
    YEAR = "nam"
    MIDTERM = "giuaky"
    ENDTERM = "cuoiky"

    @classmethod
    def parse(cls, value: str) -> ReportKind:
        """Return the kind named by `value`: its Vietnamese word, its English alias
        (quarter, half, year, midterm, endterm) or its label. Raises ValueError in
        Vietnamese listing the accepted words."""
        wanted = (value or "").strip().casefold()
        if wanted in _ALIASES:
            return cls(_ALIASES[wanted])
        try:
            return super().parse(value)  # type: ignore[return-value]
        except ValueError:
            accepted = ", ".join([m.value for m in cls] + list(_ALIASES))
            raise ValueError(f"Loại báo cáo «{value}» không hợp lệ; chỉ nhận: {accepted}") from None


_decorate(
    ReportKind,
    {
        "quy": "Kiểm điểm quý",
        "6thang": "Sơ kết 6 tháng",
        "nam": "Tổng kết năm",
        "giuaky": "Sơ kết giữa nhiệm kỳ",
        "cuoiky": "Tổng kết nhiệm kỳ",
    },
)

_ALIASES = {"quarter": "quy", "half": "6thang", "year": "nam", "midterm": "giuaky", "endterm": "cuoiky"}


@dataclass(frozen=True)
class TableRow:
    """One line of the target table. Text fields are already formatted the Vietnamese way;
    the `*_value` fields keep the numbers for spreadsheets (None when there is none)."""

    number: str
    name: str
    unit: str
    plan: str
    actual: str
    ratio: str
    year_on_year: str
    status: Status
    lead_unit: str = ""
    stage: str = ""
    simulated: bool = False
    provisional: bool = False
    category: str = ""
    plan_value: float | None = None
    actual_value: float | None = None
    ratio_value: float | None = None
    year_on_year_value: float | None = None


@dataclass(frozen=True)
class RiskItem:
    """A target at risk or not achieved, with the unit that leads it."""

    number: str
    name: str
    status: Status
    lead_unit: str
    detail: str = ""
    #: The lead unit's follow-up in words ("Nguyên nhân: …; giải pháp: … (hạn 30/09/2021)"),
    #: or that it has not given one; "" for a target that could not be evaluated.
    follow_up: str = ""


@dataclass(frozen=True)
class OverdueTask:
    title: str
    lead_unit: str
    deadline: str
    days_late: int
    progress: int = 0


@dataclass(frozen=True)
class Chart:
    """A chart drawn on the server: a PNG image with its caption."""

    title: str
    png: bytes


@dataclass(frozen=True)
class Section:
    """A numbered part of the report body: a heading and its paragraphs."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class ReviewReport:
    """Everything a review report says, ready for an exporter.

    `number` is the number-and-symbol line with the number left blank for the office to fill
    ("Số    -BC/TU"); `date_line` is the place-and-date line; `sections` hold the narrative;
    `simulated` is True whenever any figure shown is simulated, and then `simulated_note`
    says so in words every format prints.
    """

    kind: ReportKind
    title: str
    subject: str
    issuer_parent: str
    issuer: str
    place: str
    date: datetime.date
    date_line: str
    number: str
    resolution_code: str
    resolution_name: str
    as_of: datetime.date
    period_label: str
    counts: dict[Status, int]
    counts_sentence: str
    sections: list[Section]
    table: list[TableRow]
    at_risk: list[RiskItem]
    overdue_tasks: list[OverdueTask]
    charts: list[Chart]
    simulated: bool
    simulated_note: str
    recipients: list[str]
    signature_authority: str
    signature_title: str
    signer_name: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def filename_stem(self) -> str:
        """A file name without extension: "bao-cao-quy-hp-2021-2024-09-30"."""
        return f"bao-cao-{self.kind.value}-{self.resolution_code}-{self.as_of.isoformat()}"


#: Column headings of the target table, in order, shared by every format.
TABLE_HEADINGS = [
    "STT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Kế hoạch",
    "Thực hiện",
    "Tỷ lệ % so với kế hoạch",
    "So với cùng kỳ",
    "Đánh giá",
]
