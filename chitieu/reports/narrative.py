"""The report's Vietnamese prose, written from the figures: never stored sentences.

`TargetFacts` carries what one target's sentence needs (already in the target's terms);
`target_clause` writes it and `paragraphs_by_category` groups the clauses into one paragraph per field (economy, society, ...); the tally's sentence
is chitieu.core.review.counts_sentence, worded with the headline. Pure: no database,
no Django, so every wording rule has a table-driven test.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from chitieu.core.choices import SIMULATED_SOURCE, Category, Comparator, Status
from chitieu.core.quantities import format_apart, format_reading, join_unit


@dataclass(frozen=True)
class TargetFacts:
    """One target as the prose sees it.

    actual: the figure so far in the target's terms (the growth for an increase_by target);
    ratio: percent of plan (33.59 for 33,59%), None when there is none;
    year_on_year: percent change over the same period a year earlier (None when unknown),
    or, for an indicator measured in percent, the change in percentage points;
    baseline: what the plan is measured against ("dự toán Trung ương giao", "năm 2020");
    through: for a part-period figure that does not yet cover all of it, the last period
    it covers ("tháng 8/2021"), said after the figure; "" when it is complete.
    """

    name: str
    unit: str
    comparator: Comparator
    status: Status
    actual: float | None
    plan: float
    plan_max: float | None = None
    ratio: float | None = None
    year_on_year: float | None = None
    previous_year: int | None = None
    baseline: str = ""
    category: Category = Category.ECONOMY
    simulated: bool = False
    higher_is_better: bool = True
    through: str = ""


def number(x: float, apart_from: float | None = None) -> str:
    """A figure for reading: 9.3249 -> "9,32", 1234.5 -> "1.235", 150.04 -> "150"; with
    `apart_from` (the plan, or 100 for a ratio), the decimals that tell the two apart
    (core.quantities.format_apart)."""
    return format_reading(x) if apart_from is None else format_apart(x, apart_from)[0]


def quantity(x: float, unit: str, apart_from: float | None = None) -> str:
    """A figure with its unit: "9,32%", "89.490 tỷ đồng"."""
    return join_unit(number(x, apart_from), unit)


def sentence_case(name: str, *, first: bool) -> str:
    """Return `name` as it stands in a sentence: lower-case its first letter inside a
    sentence unless the first word is an abbreviation ("GRDP", "FDI") or a number."""
    if not name:
        return name
    word = name.split()[0]
    # "GRDP", "FDI", "GRDP/người": two capitals in a row mark an abbreviation.
    abbreviation = len(word) > 1 and word[:2].isupper()
    if first or abbreviation:
        return name[0].upper() + name[1:]
    return name[0].lower() + name[1:]


def _change(value: float, unit: str, *, falling_word: str = "giảm", apart_from: float | None = None) -> str:
    word = "tăng" if value >= 0 else falling_word
    return f"{word} {quantity(abs(value), unit, apart_from)}"


def _year_on_year(f: TargetFacts) -> str:
    if f.year_on_year is None:
        return ""
    since = f"cùng kỳ năm {f.previous_year}" if f.previous_year else "cùng kỳ"
    if f.unit.strip().startswith("%"):
        points = f"{number(abs(f.year_on_year))} điểm phần trăm"
        word = "tăng" if f.year_on_year >= 0 else "giảm"
        return f"{word} {points} so với {since}"
    return f"{_change(f.year_on_year, '%')} so với {since}"


def _plan_text(f: TargetFacts, figure: float | None = None) -> str:
    """The plan in words; with `figure` (the figure it is compared with), the decimals that
    tell the two apart."""
    if f.comparator is Comparator.RANGE and f.plan_max is not None:
        lo, hi = number(f.plan), number(f.plan_max)
        return f"{lo} – {hi}{f.unit}" if f.unit.startswith("%") else f"{lo} – {hi} {f.unit}".strip()
    return quantity(f.plan, f.unit, figure)


def target_clause(f: TargetFacts, *, first: bool = False) -> str:
    """Return one clause about a target, without final punctuation, or "" when the target
    has no figure yet. Examples:

    - growth target: "Tổng sản phẩm trên địa bàn (GRDP) tăng 9,32% so với cùng kỳ";
    - plan with a ratio: "tổng thu ngân sách đạt 33,59% dự toán Trung ương giao, tăng
      36,69% so với cùng kỳ năm 2023";
    - a level without a ratio, or a lower-is-better one: "hộ nghèo ở mức 7 hộ (kế hoạch 0 hộ)";
    - a simulated figure ends in "(mô phỏng)".
    """
    if f.actual is None:
        return ""
    name = sentence_case(f.name, first=first)
    if f.comparator in (Comparator.INCREASE_BY, Comparator.DECREASE_BY):
        versus = f.baseline or "cùng kỳ"
        growth = f.actual if f.comparator is Comparator.INCREASE_BY else -f.actual
        change = _change(growth, f.unit, apart_from=f.plan)
        text = f"{name} {change} so với {versus} (kế hoạch {_plan_text(f, abs(growth))})"
    elif f.ratio is not None and not f.unit.strip().startswith("%"):
        against = f.baseline if f.baseline and "dự toán" in f.baseline else "kế hoạch"
        text = f"{name} đạt {quantity(f.actual, f.unit)}, bằng {number(f.ratio, 100.0)}% {against}"
    else:
        # "đạt" praises a figure; for lower-is-better ones (poor households, debt) say "ở mức".
        verb = "đạt" if f.higher_is_better else "ở mức"
        ranged = f.comparator is Comparator.RANGE
        shown = quantity(f.actual, f.unit, None if ranged else f.plan)
        text = f"{name} {verb} {shown} (kế hoạch {_plan_text(f, None if ranged else f.actual)})"
    return _with_change_and_mark(text, f)


def _with_change_and_mark(text: str, f: TargetFacts) -> str:
    """`text` followed by the change against the same period a year earlier, when known, and
    the simulated mark when the figure is simulated."""
    yoy = _year_on_year(f)
    if yoy:
        text += f", {yoy}"
    if f.simulated:
        text += f" ({SIMULATED_SOURCE})"
    return text


def period_clause(f: TargetFacts, *, first: bool = False) -> str:
    """Return a clause about a target's figure for one part of its plan period (the quarter
    of a year target), without plan or ratio, since the plan is for the whole period:
    "Tổng sản phẩm trên địa bàn (GRDP) tăng 9,32% so với cùng kỳ", "tổng thu ngân sách đạt
    168 tỷ đồng, tăng 36,59% so với cùng kỳ năm 2023"; "" without a figure."""
    if f.actual is None:
        return ""
    name = sentence_case(f.name, first=first)
    if f.comparator in (Comparator.INCREASE_BY, Comparator.DECREASE_BY):
        growth = f.actual if f.comparator is Comparator.INCREASE_BY else -f.actual
        text = f"{name} {_change(growth, f.unit)} so với {f.baseline or 'cùng kỳ'}"
    else:
        text = f"{name} {'đạt' if f.higher_is_better else 'ở mức'} {quantity(f.actual, f.unit)}"
    if f.through:
        text += f" (số liệu đến hết {f.through})"
    return _with_change_and_mark(text, f)


def paragraphs_by_category(facts: list[TargetFacts], *, clause=None) -> list[tuple[Category, str]]:
    """Return one paragraph per category (in the order of `Category`) joining the clauses of
    its targets with semicolons and ending in a full stop; categories without any figure
    are left out. `clause` writes each target (default `target_clause`)."""
    grouped: dict[Category, list[TargetFacts]] = defaultdict(list)
    for f in facts:
        grouped[f.category].append(f)
    out = []
    for category in Category:
        clauses: list[str] = []
        for f in grouped.get(category, []):
            text = (clause or target_clause)(f, first=not clauses)
            if text:
                clauses.append(text)
        if clauses:
            out.append((category, "; ".join(clauses) + "."))
    return out
