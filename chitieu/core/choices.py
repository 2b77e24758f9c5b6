"""Closed vocabularies of chitieu, with their Vietnamese labels and colours.

Every status, comparator, stage and kind the system knows is spelled here once. Templates,
exporters and the CLI read `.label` and `.colour`; Django models take `choices()`.
Pure standard library: no Django import.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Choice(StrEnum):
    """A StrEnum whose members carry a Vietnamese label and, where useful, a colour."""

    _value_: str  # tells mypy the members hold strings, not the dicts below
    _labels: dict[str, str]
    _colours: dict[str, str]

    @property
    def label(self) -> str:
        return type(self)._labels.get(self.value, self.value)

    @property
    def colour(self) -> str:
        return type(self)._colours.get(self.value, "#6b7280")

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """Return (value, label) pairs for Django model and form fields."""
        return [(m.value, m.label) for m in cls]

    @classmethod
    def parse(cls, value: str) -> Self:
        """Return the member whose value or label is `value` (case-insensitive).

        Raises ValueError with a Vietnamese message listing the accepted values.
        """
        wanted = value.strip().casefold()
        for m in cls:
            if wanted in (m.value.casefold(), m.label.casefold()):
                return m
        accepted = ", ".join(m.value for m in cls)
        raise ValueError(f"Giá trị «{value}» không hợp lệ; chỉ nhận: {accepted}")


def _decorate(cls: type[Choice], labels: dict[str, str], colours: dict[str, str] | None = None) -> None:
    cls._labels = labels
    cls._colours = colours or {}


class Status(Choice):
    """Evaluation status of a target at a date."""

    EXCEEDED = "exceeded"
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    NOT_ACHIEVED = "not_achieved"
    NO_DATA = "no_data"
    # Only a partial combination of the units' figures is known for the period (some assigned
    # units have not reported): shown with its coverage, never judged as the final figure.
    INCOMPLETE = "incomplete"
    # The target could not be evaluated (a bad target or a figure the engine cannot carry);
    # its row says why and the other targets are evaluated as usual.
    ERROR = "error"


_decorate(
    Status,
    {
        "exceeded": "Vượt",
        "achieved": "Đạt",
        "on_track": "Đúng tiến độ",
        "at_risk": "Có nguy cơ không đạt",
        "not_achieved": "Không đạt",
        "no_data": "Chưa có số liệu",
        "incomplete": "Chưa đủ số liệu",
        "error": "Không đánh giá được",
    },
    {
        "exceeded": "#15803d",
        "achieved": "#22c55e",
        "on_track": "#0ea5e9",
        "at_risk": "#f59e0b",
        "not_achieved": "#dc2626",
        "no_data": "#9ca3af",
        "incomplete": "#a16207",
        "error": "#7c3aed",
    },
)

#: Order in which statuses are listed: the ones that need attention first.
STATUS_ATTENTION_ORDER = [
    Status.ERROR,
    Status.NOT_ACHIEVED,
    Status.AT_RISK,
    Status.INCOMPLETE,
    Status.NO_DATA,
    Status.ON_TRACK,
    Status.ACHIEVED,
    Status.EXCEEDED,
]


class Comparator(Choice):
    EQ = "="
    GE = ">="
    LE = "<="
    RANGE = "range"
    INCREASE_BY = "increase_by"
    DECREASE_BY = "decrease_by"


_decorate(
    Comparator,
    {
        "=": "Đạt",
        ">=": "Từ/Trên",
        "<=": "Không quá/Dưới",
        "range": "Trong khoảng",
        "increase_by": "Tăng",
        "decrease_by": "Giảm",
    },
)


class Direction(Choice):
    """Whether a higher figure is better for an indicator."""

    HIGHER = "higher"
    LOWER = "lower"


_decorate(Direction, {"higher": "Càng cao càng tốt", "lower": "Càng thấp càng tốt"})


class Stage(Choice):
    """How final a reported figure is; official beats preliminary beats estimate."""

    ESTIMATE = "estimate"
    PRELIMINARY = "preliminary"
    OFFICIAL = "official"

    @property
    def rank(self) -> int:
        return {"estimate": 0, "preliminary": 1, "official": 2}[self.value]


_decorate(
    Stage,
    {"estimate": "Ước", "preliminary": "Sơ bộ", "official": "Chính thức"},
    {"estimate": "#f59e0b", "preliminary": "#0ea5e9", "official": "#15803d"},
)


class PeriodKind(Choice):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    YEAR_TO_DATE = "ytd"  # "6 tháng đầu năm", "9 tháng": months from January
    TERM = "term"  # multi-year span: "giai đoạn 2021 - 2025", "nhiệm kỳ 2020-2025"


_decorate(
    PeriodKind,
    {
        "year": "Năm",
        "half": "6 tháng",
        "quarter": "Quý",
        "month": "Tháng",
        "ytd": "Lũy kế từ đầu năm",
        "term": "Giai đoạn",
    },
)


class Aggregation(Choice):
    """How an indicator's sub-period figures combine into a longer period."""

    SUM = "sum"  # cumulative: budget revenue, visitors, new members
    AVERAGE = "average"  # rates averaged over sub-periods
    LAST = "last"  # levels and shares: the latest figure stands for the period


_decorate(Aggregation, {"sum": "Cộng dồn", "average": "Bình quân", "last": "Lấy số cuối kỳ"})


class ValueKind(Choice):
    """What kind of number an indicator's figures are: it sets their plausible range."""

    SHARE = "share"  # a part of a whole, in %: 0-100 (BHYT coverage, trained labour)
    RATE = "rate"  # growth, index or comparison, in %: may be negative or above 100
    COUNT = "count"  # things counted: whole, never negative (households, members, jobs)
    AMOUNT = "amount"  # money, tonnes, visitors in thousands: never negative
    LEVEL = "level"  # anything else: only a plausible magnitude


_decorate(
    ValueKind,
    {
        "share": "Tỷ lệ trong tổng (0–100%)",
        "rate": "Tốc độ, chỉ số, so sánh (có thể âm)",
        "count": "Số đếm (số nguyên, không âm)",
        "amount": "Giá trị, khối lượng (không âm)",
        "level": "Mức (chỉ giới hạn độ lớn)",
    },
)


class TermAggregation(Choice):
    """How the years of a term combine for a term target."""

    AVERAGE = "average"  # "bình quân giai đoạn 2021 - 2025"
    END = "end"  # "đến năm 2025": the level in the final year
    SUM = "sum"  # "cả giai đoạn": total over the term


_decorate(
    TermAggregation,
    {"average": "Bình quân giai đoạn", "end": "Đến cuối giai đoạn", "sum": "Tổng cả giai đoạn"},
)


class Category(Choice):
    ECONOMY = "economy"
    SOCIETY = "society"
    ENVIRONMENT = "environment"
    PARTY = "party"
    DEFENCE = "defence"


_decorate(
    Category,
    {
        "economy": "Kinh tế",
        "society": "Văn hóa - xã hội",
        "environment": "Môi trường",
        "party": "Xây dựng Đảng và hệ thống chính trị",
        "defence": "Quốc phòng - an ninh",
    },
    {
        "economy": "#2563eb",
        "society": "#db2777",
        "environment": "#16a34a",
        "party": "#b91c1c",
        "defence": "#4b5563",
    },
)


class ResolutionKind(Choice):
    """What a resolution is: a congress's for its term, a year's, or on one theme."""

    CONGRESS = "congress"  # Nghị quyết Đại hội: the targets of a whole term
    YEARLY = "yearly"  # nhiệm vụ năm
    THEMATIC = "thematic"  # chuyên đề: one field or programme


_decorate(
    ResolutionKind,
    {"congress": "Nghị quyết Đại hội (cả nhiệm kỳ)", "yearly": "Nghị quyết năm", "thematic": "Nghị quyết chuyên đề"},
)


class ResolutionStatus(Choice):
    """Where a resolution stands: drafted, in force, closed. It only moves forward."""

    DRAFT = "draft"
    IN_FORCE = "in_force"
    CLOSED = "closed"

    def may_become(self, other: ResolutionStatus) -> bool:
        """True when a resolution in this status may be set to `other`: itself, or the next
        step (draft -> in force -> closed); never back, never skipping."""
        order = list(ResolutionStatus)
        return order.index(other) - order.index(self) in (0, 1)


_decorate(
    ResolutionStatus,
    {"draft": "Dự thảo", "in_force": "Đang có hiệu lực", "closed": "Đã kết thúc"},
    {"draft": "#6b7280", "in_force": "#16a34a", "closed": "#4b5563"},
)


class TaskStatus(Choice):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    NO_DEADLINE = "no_deadline"


_decorate(
    TaskStatus,
    {
        "done_on_time": "Hoàn thành đúng hạn",
        "done_late": "Hoàn thành quá hạn",
        "in_progress": "Đang thực hiện, trong hạn",
        "overdue": "Quá hạn",
        "no_deadline": "Không có thời hạn",
    },
    {
        "done_on_time": "#15803d",
        "done_late": "#ca8a04",
        "in_progress": "#0ea5e9",
        "overdue": "#dc2626",
        "no_deadline": "#9ca3af",
    },
)


class EntryState(Choice):
    """Workflow of a reported figure: entered, sent for approval, approved and locked."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


_decorate(
    EntryState,
    {"draft": "Nháp", "submitted": "Đã gửi, chờ duyệt", "approved": "Đã duyệt (khóa)", "rejected": "Bị trả lại"},
    {"draft": "#9ca3af", "submitted": "#0ea5e9", "approved": "#15803d", "rejected": "#dc2626"},
)


class UnitKind(Choice):
    CITY = "city"
    PARTY_BODY = "party_body"
    DEPARTMENT = "department"
    COMMUNE = "commune"
    WARD = "ward"
    SPECIAL_ZONE = "special_zone"
    # Levels that existed before the 2025 reorganisation: a province merged into the city,
    # and the districts (quận, huyện, thị xã) abolished with it.
    PROVINCE = "province"
    DISTRICT = "district"
    TOWN = "town"
    OTHER = "other"


_decorate(
    UnitKind,
    {
        "city": "Thành phố",
        "province": "Tỉnh",
        "district": "Quận, huyện",
        "town": "Thị trấn",
        "party_body": "Cơ quan Đảng",
        "department": "Sở, ban, ngành",
        "commune": "Xã",
        "ward": "Phường",
        "special_zone": "Đặc khu",
        "other": "Khác",
    },
)


class ShareBasis(Choice):
    """What a reorganisation's share of a unit is measured by."""

    WHOLE = "whole"
    POPULATION = "population"
    AREA = "area"
    INDICATOR = "indicator"
    EQUAL = "equal"


_decorate(
    ShareBasis,
    {
        "whole": "toàn bộ",
        "population": "theo dân số",
        "area": "theo diện tích",
        "indicator": "theo chỉ tiêu",
        "equal": "chia đều (ước tính)",
    },
)


class Role(Choice):
    OFFICE_ADMIN = "office_admin"
    LEADER = "leader"
    REPORTER = "reporter"
    VIEWER = "viewer"


_decorate(
    Role,
    {
        "office_admin": "Văn phòng (quản trị)",
        "leader": "Lãnh đạo",
        "reporter": "Cán bộ báo cáo của đơn vị",
        "viewer": "Người xem",
    },
)


class ItemKind(Choice):
    """What an extracted piece of text states."""

    TARGET = "target"
    RESULT = "result"
    TASK = "task"


_decorate(ItemKind, {"target": "Chỉ tiêu", "result": "Kết quả", "task": "Nhiệm vụ"})


#: Source label that marks simulated figures everywhere they show.
SIMULATED_SOURCE = "mô phỏng"
SIMULATED_LABEL = "Số liệu mô phỏng"


class DocumentKind(Choice):
    """What a document read by chitieu is: it sets targets, or it reports results."""

    RESOLUTION = "resolution"
    REPORT = "report"


_decorate(DocumentKind, {"resolution": "Nghị quyết, kế hoạch", "report": "Báo cáo kết quả"})


class Decision(Choice):
    """A person's decision on one extracted item; an edited item counts as accepted."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EDITED = "edited"

    @property
    def keeps(self) -> bool:
        """True when the item goes into the drafts (accepted as read, or corrected)."""
        return self in (Decision.ACCEPTED, Decision.EDITED)


_decorate(
    Decision,
    {"pending": "Chờ xem xét", "accepted": "Nhận", "rejected": "Bỏ", "edited": "Đã sửa, nhận"},
    {"pending": "#9ca3af", "accepted": "#15803d", "rejected": "#dc2626", "edited": "#0ea5e9"},
)


class ScenarioKind(Choice):
    """What a target's scenario ("kịch bản") for a month or quarter gives: the figure expected
    by then in the target's own terms (the growth, the year-to-date sum), or the share (%) of
    the target expected by then ("lũy kế 2 tháng đạt 17,6% dự toán")."""

    LEVEL = "level"
    SHARE = "share"


_decorate(ScenarioKind, {"level": "Mức dự kiến đến hết kỳ", "share": "Tỷ lệ (%) so với chỉ tiêu"})
