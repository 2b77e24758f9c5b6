"""extract(text) -> list[Item]: the targets, results and tasks a Vietnamese text states."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from chitieu.core.choices import Comparator, ItemKind
from chitieu.text.context import assign_kinds, assign_periods, inherit_baselines, levels_at_horizon
from chitieu.text.coordination import lend_heads, lend_units
from chitieu.text.item import Item
from chitieu.text.mentions import find_mentions
from chitieu.text.names import Namer
from chitieu.text.normalize import join_soft_breaks, normalize
from chitieu.text.periods import document_periods, find_period_mentions
from chitieu.text.spans import Mention
from chitieu.text.structure import analyse
from chitieu.text.tables import find_table_values
from chitieu.text.tasks import find_tasks
from chitieu.text.tokens import tokenize


def extract(text: str) -> list[Item]:
    """Return the items stated in `text`, in text order.

    Offsets index `text` as given, whatever its Unicode form; an empty or number-free text
    gives []. Never raises on any string.
    """
    if not text or not text.strip():
        return []
    norm = normalize(text)
    # Soft line breaks (PDF copies) read as spaces; the length, so every offset, is kept.
    t = join_soft_breaks(norm.text)
    toks = tokenize(t)
    st = analyse(t, toks)
    periods = find_period_mentions(t)
    doc = document_periods(t, periods)
    table_values, lines = find_table_values(t, doc)
    table_lines = _Spans(lines)
    furniture = _Spans(_page_furniture(t))
    mentions = [m for m in find_mentions(t, toks, st) if toks[m.v0].start not in table_lines and toks[m.v0].start not in furniture]
    mentions = lend_units(toks, st, mentions)
    namer = Namer(t, toks, st, periods)
    namer.name_all(mentions)
    lend_heads(toks, st, mentions)
    inherit_baselines(st, mentions)
    # A table's periods are its columns' and rows': none of them frames the prose.
    tasks = find_tasks(t, toks, st, periods, doc, mentions)
    assign_periods(toks, st, mentions, [p for p in periods if p.start not in table_lines], doc, [(k.start, k.end) for k in tasks])
    assign_kinds(toks, st, mentions, doc.year, doc.terms)
    mentions = [m for m in mentions if not _indicator_count(m)]
    levels_at_horizon(toks, st, mentions, periods, doc)
    items: list[Item] = []
    for m in mentions:
        a = toks[m.name_start if m.name_start >= 0 else m.pred].start
        b = toks[m.end - 1].end
        s, e = norm.span(a, b)
        items.append(
            Item(
                text=text[s:e],
                start=s,
                end=e,
                indicator=m.indicator,
                kind=m.kind,
                comparator=m.comparator,
                value=m.value,
                value_max=m.value_max,
                unit=written_unit(m.unit),
                period=m.period,
                baseline=m.baseline,
                planned=m.planned,
            )
        )
    for tv in (v for v in table_values if v.start not in furniture):
        s, e = norm.span(tv.start, tv.end)
        items.append(
            Item(
                text=text[s:e],
                start=s,
                end=e,
                indicator=tv.indicator,
                kind=tv.kind,
                comparator=Comparator.EQ.value,
                value=tv.value,
                value_max=None,
                unit=tv.unit,
                period=tv.period,
                baseline=tv.baseline,
                planned=None,
            )
        )
    for task in tasks:
        if task.start in furniture:
            continue
        s, e = norm.span(task.start, task.end)
        items.append(
            Item(
                text=text[s:e],
                start=s,
                end=e,
                indicator=task.title,
                kind=ItemKind.TASK.value,
                comparator=None,
                value=None,
                value_max=None,
                unit=None,
                period=None,
                baseline=None,
                planned=None,
                deadline=task.deadline,
                lead_unit=task.lead_unit,
            )
        )
    items.sort(key=lambda it: (it.start, it.end))
    return items


# How the gold writes a unit the reader keeps whole inside (its later stages ask it for
# "/năm" and for the counted noun): each rule a pattern and its replacement, in order.
_WRITTEN_UNITS = [
    # Visits of visitors are counted in "lượt"; the visitors are what the name counts
    # ("đón 18,5 triệu lượt khách du lịch" -> "triệu lượt").
    (re.compile(r"^((?:\S+ )*lượt) khách$"), r"\1"),
    # Money per head or per year is money ("74 triệu đồng/năm", "95 triệu đồng/người",
    # "31 triệu đồng/người/năm" -> "triệu đồng"), as "%/năm" is "%".
    (re.compile(r"^((?:\S+ )*(?:đồng|USD))(?:/(?:người|năm))+$"), r"\1"),
    # A yearly amount of any measure is written in its base unit, as money is ("20.000 tấn/năm"
    # -> "tấn"); a yearly rate "%/năm" is left to the scorer's own "%" rule.
    (re.compile(r"^((?:\S+ )*[^\s/%]+)/năm$"), r"\1"),
]


def written_unit(unit: str) -> str:
    """The unit as the gold writes it (../shared/gold/README.md: as written, lightly normalised)."""
    for pattern, repl in _WRITTEN_UNITS:
        unit = pattern.sub(repl, unit)
    return unit


def _indicator_count(m: Mention) -> bool:
    """True for a plan's count of its own indicators ("phường đề ra 27 chỉ tiêu cụ thể",
    "phấn đấu hoàn thành 28 chỉ tiêu"): no figure, as ../shared/gold/README.md says. A
    reported count of met targets ("4 chỉ tiêu không đạt", "hoàn thành 14/16 chỉ tiêu") is one."""
    return m.kind == ItemKind.TARGET.value and m.planned is None and m.unit.split("/")[0] in _INDICATOR_UNITS


_INDICATOR_UNITS = frozenset(["chỉ tiêu", "nhóm chỉ tiêu"])


# A line that opens the page's list of other articles: what follows is not the text.
_FURNITURE = re.compile(
    r"^[ \t]*(?:tin liên quan|tin khác|xem thêm|bài liên quan|các tin cũ hơn|các tin khác|tin cùng chuyên mục"
    r"|tin mới nhất|tin mới|đọc thêm|tin đọc nhiều|bài viết liên quan)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _page_furniture(text: str) -> list[tuple[int, int]]:
    """Spans of related-article lists: a "Tin liên quan" / "Xem thêm" line and the short
    title-like lines after it (no final full stop, under 160 characters). Reading resumes at
    the first ordinary paragraph, so an inline "Xem thêm" block costs nothing after it."""
    spans: list[tuple[int, int]] = []
    for m in _FURNITURE.finditer(text):
        end = m.end()
        while end < len(text):
            nl = text.find("\n", end + 1)
            line_end = len(text) if nl < 0 else nl
            line = text[end:line_end].strip()
            if line and (len(line) > 160 or line.endswith((".", ";", ":"))):
                break
            end = line_end
        spans.append((m.start(), end))
    return spans


class _Spans:
    """A union of [start, end) spans, asked by bisection whether it holds an offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(s for s in spans if s[0] < s[1]):
            if self.ends and a <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], b)
            else:
                self.starts.append(a)
                self.ends.append(b)

    def __contains__(self, at: int) -> bool:
        k = bisect_right(self.starts, at) - 1
        return k >= 0 and at < self.ends[k]


def extract_to_json(text: str) -> dict[str, Any]:
    """Return {"items": [...]} with each item as its JSON dict."""
    return {"items": [it.to_dict() for it in extract(text)]}
