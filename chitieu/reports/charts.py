"""Charts for the reports, drawn on the server as PNG bytes with matplotlib.

Figures are made with `matplotlib.figure.Figure` (not pyplot), so no global state is shared
between threads of a web server. matplotlib's bundled DejaVu Sans has every Vietnamese
letter, so nothing depends on the fonts installed on the machine.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.figure import Figure

from chitieu.core.choices import STATUS_ATTENTION_ORDER, Status

DPI = 150
#: Ratios above this are drawn at the edge, with their value written out.
RATIO_CAP = 150.0


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    return buffer.getvalue()


def status_chart(counts: dict[Status, int], *, title: str) -> bytes:
    """Return a PNG bar chart of how many targets are in each status, statuses needing
    attention first, each bar in its status colour. Statuses with no target still show
    (as zero), so charts of different dates compare."""
    statuses = list(reversed(STATUS_ATTENTION_ORDER))
    values = [counts.get(s, 0) for s in statuses]
    fig = Figure(figsize=(7, 3.2))
    ax = fig.add_subplot()
    bars = ax.barh([s.label for s in statuses], values, color=[s.colour for s in statuses])
    for bar, value in zip(bars, values, strict=True):
        ax.text(bar.get_width() + 0.1, bar.get_y() + bar.get_height() / 2, str(value), va="center", fontsize=9)
    ax.set_title(title, fontsize=11)
    ax.set_xlabel("Số chỉ tiêu")
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]  # MaxNLocator's own parameter
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def ratio_chart(items: Sequence[tuple[str, float, Status]], *, title: str) -> bytes:
    """Return a PNG horizontal bar chart of achievement ratios (percent of plan), one bar
    per (label, ratio, status), with the 100% line drawn. Ratios beyond RATIO_CAP are
    drawn at the cap with their true value written; an empty list gives a chart that says
    there is no data."""
    fig = Figure(figsize=(7, max(2.0, 0.32 * len(items) + 1.0)))
    ax = fig.add_subplot()
    if not items:
        ax.text(0.5, 0.5, "Chưa có chỉ tiêu nào có tỷ lệ so với kế hoạch", ha="center", va="center")
        ax.set_axis_off()
        return _png(fig)
    labels = [label if len(label) <= 45 else label[:44] + "…" for label, _, _ in items][::-1]
    ratios = [ratio for _, ratio, _ in items][::-1]
    colours = [status.colour for _, _, status in items][::-1]
    drawn = [min(r, RATIO_CAP) for r in ratios]
    bars = ax.barh(labels, drawn, color=colours)
    for bar, ratio in zip(bars, ratios, strict=True):
        text = f"{ratio:.1f}%".replace(".", ",")
        ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, text, va="center", fontsize=8)
    ax.axvline(100, color="#374151", linestyle="--", linewidth=1)
    ax.set_xlim(0, RATIO_CAP + 20)
    ax.set_xlabel("% so với kế hoạch")
    ax.set_title(title, fontsize=11)
    ax.tick_params(axis="y", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)
