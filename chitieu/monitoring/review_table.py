"""The terminal review table (Rich): Vietnamese labels, status colours from `Status.colour`,
the review's headline (chitieu.core.review), and marks for provisional and simulated figures.
It formats a ResolutionReview and computes nothing."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from chitieu.core.choices import SIMULATED_LABEL, Stage, Status
from chitieu.core.quantities import Quantity, format_number, format_quantity, format_target
from chitieu.monitoring.review import ResolutionReview, TargetRow

PROVISIONAL_MARK = "*"
SIMULATED_MARK = "(MP)"


def _q(value: float, unit: str) -> str:
    """A figure for the table: at most two decimals, the Vietnamese way."""
    return format_quantity(Quantity(round(value, 2), unit))


def target_text(row: TargetRow) -> str:
    """The target as people write it: "≥ 13,5%", "3.300 – 3.500 đảng viên", "tăng 17%"
    (core.quantities.format_target, as on the dashboard)."""
    t = row.target
    return format_target(t.comparator, t.value, t.value_max, t.unit)


def actual_text(row: TargetRow) -> Text:
    """The figure used, its stage, and marks: * provisional, (MP) simulated; for a target
    that could not be evaluated, why."""
    e = row.evaluation
    if row.error:
        return Text(row.error, style=Status.ERROR.colour)
    if e.actual is None:
        return Text("—", style="dim")
    text = Text(_q(e.actual, row.target.unit))
    if e.stage:
        text.append(f" ({Stage(e.stage).label.lower()})", style=Stage(e.stage).colour)
    if e.provisional:
        text.append(PROVISIONAL_MARK)
    if row.simulated:
        text.append(f" {SIMULATED_MARK}", style="magenta")
    return text


def render_table(review: ResolutionReview, stream: IO[str], *, width: int = 180) -> None:
    """Write the review of a resolution to `stream` as a Rich table with a headline."""
    # A terminal gets its own width; pipes and files a wide fixed one, so lines do not fold.
    tty = getattr(stream, "isatty", lambda: False)()
    console = Console(file=stream, width=None if tty else width, highlight=False, soft_wrap=False)
    r = review.resolution
    where = review.unit.name if review.unit else "toàn thành phố"
    console.print(Text(f"{r.title} ({r.code})", style="bold"))
    console.print(f"Đánh giá đến ngày {review.as_of:%d/%m/%Y}, {where}")
    console.print(Text(review.summary.headline, style="bold"))
    table = Table(show_lines=False, header_style="bold")
    table.add_column("Số", justify="right", no_wrap=True)
    table.add_column("Chỉ tiêu", overflow="fold", min_width=30, max_width=50)
    table.add_column("Chỉ tiêu đề ra", no_wrap=True)
    table.add_column("Thực hiện", no_wrap=True)
    table.add_column("Tỷ lệ", justify="right", no_wrap=True)
    table.add_column("Đánh giá", no_wrap=True)
    table.add_column("Dự báo", no_wrap=True)
    table.add_column("Chủ trì", overflow="fold", min_width=12, max_width=20)
    for row in review.rows:
        e = row.evaluation
        status = Status(e.status)
        ratio = "" if e.achievement is None else f"{format_number(e.achievement * 100, 1)}%"
        forecast = "" if e.forecast is None else _q(e.forecast.value, row.target.unit)
        table.add_row(
            row.target.number, row.indicator.name, target_text(row), actual_text(row), ratio,
            Text(status.label, style=f"bold {status.colour}"), forecast, row.lead_unit,
        )
    console.print(table)
    notes = [f"{PROVISIONAL_MARK} số chưa chính thức (ước, sơ bộ)"]
    if review.simulated:
        notes.append(f"{SIMULATED_MARK} {SIMULATED_LABEL} (nguồn «mô phỏng»), không phải số báo cáo thật")
    console.print(Text("; ".join(notes), style="dim"))
