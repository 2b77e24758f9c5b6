"""Build a `ReviewReport` from the database: the one service every report format starts from.

`build_report(kind, resolution, *, as_of)` evaluates the resolution (monitoring.review), looks
up last year's figures for the "so với cùng kỳ" column, the overdue tasks, draws the charts
and writes the prose (reports.narrative). Exporters then turn the plain object into bytes.
The review is monitoring.review's, with the figures it was judged on (no second
evaluation); a bounded number of queries: the review's and one for the tasks.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date

from django.conf import settings

from chitieu.core.choices import SIMULATED_SOURCE, Comparator, PeriodKind, Status, TaskStatus
from chitieu.core.evaluation import TargetSpec, judge
from chitieu.core.forecast import best_by_period, period_figure
from chitieu.core.periods import ROMAN, Period, PeriodError
from chitieu.core.quantities import format_target
from chitieu.core.review import counts_sentence
from chitieu.core.tasks import days_overdue, task_status
from chitieu.errors import Invalid, NotFound
from chitieu.monitoring.review import TargetRow, review_with_figures, target_figures, target_spec
from chitieu.plans.models import Resolution
from chitieu.reports import charts
from chitieu.reports.document import (
    Chart,
    OverdueTask,
    ReportKind,
    ReviewReport,
    RiskItem,
    Section,
    TableRow,
)
from chitieu.reports.forecasts import keep_vintages, pace_line, shows_forecast
from chitieu.reports.narrative import (
    TargetFacts,
    number,
    paragraphs_by_category,
    period_clause,
    sentence_case,
)
from chitieu.tasks.follow_ups import latest_follow_ups
from chitieu.tasks.models import Task

ATTENTION = (Status.AT_RISK, Status.NOT_ACHIEVED)


def resolution_by_code(code: str) -> Resolution:
    """Return the resolution with `code`, or raise NotFound keyed "resolution"."""
    found = Resolution.objects.filter(code=code).first()
    if found is None:
        raise NotFound(f"Không có nghị quyết mã «{code}».", {"resolution": f"Không có nghị quyết mã «{code}»."})
    return found


def doc_symbol(issuer: str) -> str:
    """The issuing body's initials for the document symbol: "THÀNH ỦY" -> "TU",
    "HUYỆN ỦY" -> "HU", "ĐẢNG ỦY" -> "ĐU" (Đ stays; other marks are dropped)."""
    out = []
    for word in issuer.split():
        first = word[0].upper()
        if first != "Đ":
            first = unicodedata.normalize("NFD", first)[0]
        out.append(first)
    return "".join(out)


def date_line(place: str, d: date) -> str:
    """"Hải Phòng, ngày 05 tháng 02 năm 2024": days below 10 and the months January and
    February take a leading zero, as the document rules ask."""
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"


# ---- the period a report covers -------------------------------------------------------------


def _term_years(resolution: Resolution) -> tuple[int, int] | None:
    if resolution.term:
        return resolution.term.start_year, resolution.term.end_year
    try:
        p = Period.parse(resolution.period)
    except PeriodError:
        return None
    return (p.start.year, p.end.year) if p.kind == PeriodKind.TERM else None


def covered_period(kind: ReportKind, resolution: Resolution, as_of: date) -> Period:
    """Return the period a report of `kind` as of `as_of` reviews:

    - quarter: the quarter holding `as_of` (2024-03-31 -> Q1/2024);
    - six months: the first half of the year, only for a date in it: after 30 June the
      review is the year's (or a quarter's), so Invalid is raised, keyed "as_of";
    - year: the calendar year of `as_of`;
    - mid-term and end of term: the resolution's term, else its plan period, else the year.
    """
    y = as_of.year
    if kind is ReportKind.QUARTER:
        return Period.quarter(y, (as_of.month + 2) // 3)
    if kind is ReportKind.HALF:
        if as_of.month > 6:
            raise Invalid(
                f"Báo cáo sơ kết 6 tháng chỉ lập cho 6 tháng đầu năm; ngày {as_of:%d/%m/%Y} đã qua 30/06/{y}.",
                {"as_of": (
                    f"Chọn ngày từ 01/01/{y} đến 30/06/{y} cho báo cáo 6 tháng, hoặc lập báo cáo quý (quy) "
                    f"hay tổng kết năm (nam) cho ngày {as_of:%d/%m/%Y}."
                )},
            )
        return Period.half(y, 1)
    if kind is ReportKind.YEAR:
        return Period.year(y)
    years = _term_years(resolution)
    if years:
        return Period.term(*years)
    try:
        return Period.parse(resolution.period)
    except PeriodError:
        return Period.year(y)


def period_label(kind: ReportKind, resolution: Resolution, as_of: date) -> str:
    """What the report covers, in words: "quý III năm 2024", "6 tháng đầu năm 2024",
    "năm 2024", "nửa đầu nhiệm kỳ 2020 - 2025", "nhiệm kỳ 2020 - 2025" (see `covered_period`;
    Invalid for a six-months report after June)."""
    p = covered_period(kind, resolution, as_of)
    if kind is ReportKind.QUARTER:
        return f"quý {ROMAN[(p.start.month + 2) // 3]} năm {p.start.year}"
    if kind in (ReportKind.HALF, ReportKind.YEAR):
        return p.label
    span = f"nhiệm kỳ {p.start.year} - {p.end.year}" if p.kind == PeriodKind.TERM else p.label
    return f"nửa đầu {span}" if kind is ReportKind.MIDTERM else span


_SUBJECT = {
    ReportKind.QUARTER: "kết quả thực hiện {res} {period}",
    ReportKind.HALF: "sơ kết {period} thực hiện {res}",
    ReportKind.YEAR: "tổng kết {period} thực hiện {res}",
    ReportKind.MIDTERM: "sơ kết giữa nhiệm kỳ thực hiện {res}, {period}",
    ReportKind.ENDTERM: "tổng kết {period} thực hiện {res}",
}


def _resolution_name(resolution: Resolution) -> str:
    name = sentence_case(resolution.title, first=False)
    return f"{name} (số {resolution.number})" if resolution.number else name


# ---- per-target figures ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Figures:
    measure: float | None
    ratio: float | None  # percent
    year_on_year: float | None
    previous_year: int | None
    previous_simulated: bool = False


def _year_on_year(spec: TargetSpec, best, as_of: date, period: Period | None = None) -> tuple[float | None, int | None, bool]:
    """Change of `period` (default: the target's) over the same span a year earlier:
    percent, or percentage points for "%" units; the year compared with; whether last year's
    figure is simulated. (None, None, False) when there is no final figure for last year,
    for terms and for growth targets (whose figure already is a change)."""
    none = (None, None, False)
    period = period or spec.period
    if period.kind == PeriodKind.TERM or spec.comparator in (Comparator.INCREASE_BY, Comparator.DECREASE_BY):
        return none
    try:
        current = period_figure(period, best, spec.aggregation, as_of=as_of)
        if current is None:
            return none
        before = current.period.same_period_last_year()
        previous = period_figure(before, best, spec.aggregation, as_of=as_of)
    except (ValueError, PeriodError):
        return none
    if previous is None or not previous.final:
        return none
    if current.covered_months != current.period.months:
        # The sum so far covers part of a period no name fits (July and August of a quarter
        # whose named span is only August): no like-for-like figure a year earlier.
        return none
    if spec.is_percent:
        return current.to_date - previous.value, before.start.year, previous.simulated
    if previous.value <= 0:
        return none
    return (current.to_date / previous.value - 1) * 100, before.start.year, previous.simulated


def _figures(row: TargetRow, spec: TargetSpec, best, as_of: date) -> _Figures:
    e = row.evaluation
    if e.actual is None:
        return _Figures(None, None, None, None)
    measure = e.actual
    changes = (Comparator.INCREASE_BY, Comparator.DECREASE_BY)
    if spec.comparator in changes and spec.baseline_value is not None and as_of < spec.period.end:
        measure = spec.measure(e.actual)  # before the end `actual` is a level, not the growth
    ratio = judge(spec, measure)[1]
    yoy, year, simulated = _year_on_year(spec, best, as_of)
    return _Figures(measure, None if ratio is None else ratio * 100, yoy, year, simulated)


def _covered_facts(row: TargetRow, spec: TargetSpec, best, covered: Period, as_of: date) -> TargetFacts | None:
    """The target's figure for the covered period alone (a quarter, half or year inside a
    longer target period), as facts for a clause, or None when the target's period is the
    covered one (the main results already speak of it), is a term, or has no figure."""
    if covered.kind == PeriodKind.TERM or not spec.period.contains(covered) or spec.period == covered:
        return None
    try:
        figure = period_figure(covered, best, spec.aggregation, as_of=as_of)
    except (ValueError, PeriodError):
        return None
    if figure is None:
        return None
    yoy, year, previous_simulated = _year_on_year(spec, best, as_of, covered)
    ind = row.indicator
    return TargetFacts(
        name=ind.short_name or ind.name, unit=spec.unit, comparator=spec.comparator, status=Status.NO_DATA,
        actual=figure.to_date, plan=spec.value, year_on_year=yoy, previous_year=year, baseline=row.target.baseline,
        category=row.category, simulated=figure.simulated or previous_simulated,
        higher_is_better=spec.higher_is_better,
        through="" if figure.final or figure.covered_months >= covered.months else _last_month(figure, covered),
    )


def _last_month(figure, covered: Period) -> str:
    """The last month a part-period figure covers, the Vietnamese way ("tháng 8/2021")."""
    end = figure.period.end
    return Period.month(end.year, end.month).label if covered.contains(figure.period) else figure.period.label


def _yearly_line(row: TargetRow, spec: TargetSpec, best, covered: Period, as_of: date) -> str:
    """"Tổng thu ngân sách (tỷ đồng): năm 2021: 1.200; năm 2022: 1.350 (chưa chính thức)" —
    the target's figure in each year of the term that has begun by `as_of`; "" without any."""
    parts = []
    for year in covered.years:
        if date(year, 1, 1) > as_of:
            break
        try:
            figure = period_figure(Period.year(year), best, spec.aggregation, as_of=as_of)
        except (ValueError, PeriodError):
            figure = None
        if figure is None:
            continue
        marks = ([] if figure.final else ["chưa chính thức"]) + ([SIMULATED_SOURCE] if figure.simulated else [])
        parts.append(f"năm {year}: {number(figure.to_date)}" + (f" ({', '.join(marks)})" if marks else ""))
    if not parts:
        return ""
    return f"({row.target.number}) {row.indicator.name} ({spec.unit}): " + "; ".join(parts) + "."


def _plan_text(spec: TargetSpec, measure: float | None = None) -> str:
    """The plan column (its unit has a column of its own); with `measure`, the decimals that
    tell the plan from the figure (core.quantities.format_target)."""
    ranged = spec.comparator is Comparator.RANGE
    return format_target(spec.comparator, spec.value, spec.value_max or spec.value if ranged else None,
                         figure=None if ranged else measure)


def _yoy_text(value: float | None, spec: TargetSpec) -> str:
    if value is None:
        return ""
    sign = "+" if value >= 0 else "−"
    return f"{sign}{number(abs(value))} điểm %" if spec.is_percent else f"{sign}{number(abs(value))}%"


def follow_up_words(follow_up) -> str:
    """A weak target's follow-up as the report says it, or that the lead unit gave none."""
    if follow_up is None:
        return "Đơn vị chủ trì chưa giải trình nguyên nhân và giải pháp khắc phục"
    return (f"Nguyên nhân: {follow_up.cause.rstrip('.')}; giải pháp: {follow_up.action.rstrip('.')} "
            f"(hạn {follow_up.due:%d/%m/%Y})")


def _error_row(row: TargetRow) -> TableRow:
    """The table line of a target that could not be evaluated: its plan when the target can
    be read, its status ERROR; the reason goes to the list of targets needing attention."""
    t = row.target
    try:
        plan = _plan_text(target_spec(t))
    except ValueError:
        plan = ""
    return TableRow(number=t.number, name=row.indicator.name, unit=t.unit, plan=plan, actual="", ratio="",
                    year_on_year="", status=Status.ERROR, lead_unit=row.lead_unit,
                    category=row.indicator.category, plan_value=t.value)


# ---- the report --------------------------------------------------------------------------------


def _overdue_tasks(resolution: Resolution, as_of: date) -> list[OverdueTask]:
    out = []
    tasks = Task.objects.filter(resolution=resolution, confirmed=True).select_related("lead_unit").order_by("deadline", "code")
    for t in tasks:
        if task_status(t.deadline, t.completed_on, as_of=as_of) is TaskStatus.OVERDUE:
            out.append(OverdueTask(
                title=t.title, lead_unit=t.lead_unit.display_name if t.lead_unit else "",
                deadline=t.deadline.strftime("%d/%m/%Y") if t.deadline else "",
                days_late=days_overdue(t.deadline, t.completed_on, as_of=as_of), progress=t.progress,
            ))
    return out


def _sections(resolution: Resolution, as_of: date, label: str, facts: list[TargetFacts],
              counts: dict[Status, int], risks: list[RiskItem], tasks: list[OverdueTask],
              covered: list[TargetFacts], covered_label: str, yearly: list[str],
              paced: list[str] | None = None) -> list[Section]:
    total = sum(counts.values())
    opening = (
        f"Tính đến ngày {as_of.strftime('%d/%m/%Y')}, trong tổng số {total} chỉ tiêu của "
        f"{_resolution_name(resolution)} được kiểm điểm trong {label}: {counts_sentence(counts)}."
    )
    results = [opening]
    period_paragraphs = paragraphs_by_category(covered, clause=period_clause)
    if period_paragraphs:
        results.append(f"Kết quả riêng {covered_label}:")
        results += [f"Về {c.label[0].lower() + c.label[1:]}: {text}" for c, text in period_paragraphs]
        results.append(f"Lũy kế so với kế hoạch của chỉ tiêu (tính đến ngày {as_of:%d/%m/%Y}):")
    results += [f"Về {c.label[0].lower() + c.label[1:]}: {text}" for c, text in paragraphs_by_category(facts)]
    if risks:
        risk_lines = [
            f"({r.number}) {r.name}: {r.status.label.lower()}"
            + (f", đơn vị chủ trì: {r.lead_unit}" if r.lead_unit else "")
            + (f". {r.detail.rstrip('.')}" if r.detail else "")
            + (f". {r.follow_up.rstrip('.')}" if r.follow_up else "")
            + "."
            for r in risks
        ]
    else:
        risk_lines = ["Không có chỉ tiêu nào có nguy cơ không đạt hoặc không đạt."]
    if tasks:
        task_lines = [f"Có {len(tasks)} nhiệm vụ quá hạn chưa hoàn thành:"] + [
            f"- {t.title} (thời hạn {t.deadline}, quá hạn {t.days_late} ngày"
            + (f", đơn vị chủ trì: {t.lead_unit}" if t.lead_unit else "") + ")."
            for t in tasks
        ]
    else:
        task_lines = ["Không có nhiệm vụ nào quá hạn."]
    leads = sorted({r.lead_unit for r in risks if r.lead_unit} | {t.lead_unit for t in tasks if t.lead_unit})
    directions = []
    if leads:
        directions.append(
            "Đề nghị các đơn vị chủ trì (" + ", ".join(leads) + ") rà soát nguyên nhân, đề xuất giải pháp cụ thể "
            "và báo cáo kết quả trong kỳ kiểm điểm tiếp theo."
        )
    directions.append(
        f"Tiếp tục theo dõi, đôn đốc thực hiện {total - sum(counts.get(s, 0) for s in (Status.EXCEEDED, Status.ACHIEVED))} "
        "chỉ tiêu chưa đạt; cập nhật số liệu chính thức thay cho số ước tính khi có."
    )
    parts = [(f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {label.upper()}", results)]
    if yearly:
        parts.append(("KẾT QUẢ TỪNG NĂM CỦA NHIỆM KỲ", yearly))
    if paced:
        parts.append(("TIẾN ĐỘ SO VỚI KỊCH BẢN VÀ KHẢ NĂNG ĐẠT CHỈ TIÊU", paced))
    parts += [
        ("CÁC CHỈ TIÊU CÓ NGUY CƠ KHÔNG ĐẠT", risk_lines),
        ("NHIỆM VỤ QUÁ HẠN", task_lines),
        ("PHƯƠNG HƯỚNG THỜI GIAN TỚI", directions),
    ]
    roman = ["I", "II", "III", "IV", "V", "VI", "VII"]
    return [Section(f"{roman[i]}. {heading}", body) for i, (heading, body) in enumerate(parts)]


def build_report(kind: ReportKind | str, resolution: Resolution, *, as_of: date) -> ReviewReport:
    """Return the report of `kind` (a ReportKind or its word, see ReportKind.parse) for
    `resolution` as of `as_of`, for the city as a whole.

    Targets without figures appear in the table as "Chưa có số liệu" and are left out of the
    prose; `simulated` is True when any figure used is simulated. The kind decides the period
    reviewed (`covered_period`): only targets whose plan period overlaps it are counted, a
    quarter, half or year inside a longer target period gets its own figures ("Kết quả riêng
    quý I/2024"), and mid-term and end-of-term reports list each year of the term. Raises
    ValueError for an unknown kind, Invalid for a six-months report after June.
    """
    kind = kind if isinstance(kind, ReportKind) else ReportKind.parse(kind)
    covered = covered_period(kind, resolution, as_of)
    label = period_label(kind, resolution, as_of)
    # The one review (monitoring.review), with the figures it was judged on: the "so với
    # cùng kỳ" column reads last year's figures from the same fetch.
    review, figures = review_with_figures(resolution, as_of=as_of, covering=covered, history="all")
    rows = review.rows

    table: list[TableRow] = []
    facts: list[TargetFacts] = []
    risks: list[RiskItem] = []
    ratios: list[tuple[str, float, Status]] = []
    covered_facts: list[TargetFacts] = []
    yearly: list[str] = []
    term_review = kind in (ReportKind.MIDTERM, ReportKind.ENDTERM)
    weak: dict[str, int] = {}  # the number of a target at risk or not achieved -> its id
    for row in rows:
        e, t, ind = row.evaluation, row.target, row.indicator
        if e.status == Status.ERROR:
            # A target that cannot be evaluated is listed with its reason; the others are
            # reported as usual.
            table.append(_error_row(row))
            risks.append(RiskItem(t.number, ind.name, Status.ERROR, row.lead_unit, e.explanation))
            continue
        spec = target_spec(t)
        # The target's figures by period once, for every figure the report reads from them.
        best = best_by_period(target_figures(t, figures, spec.period), as_of=as_of)
        f = _figures(row, spec, best, as_of)
        part = _covered_facts(row, spec, best, covered, as_of)
        if part is not None:
            covered_facts.append(part)
        if term_review and spec.period.months > 12:
            line = _yearly_line(row, spec, best, covered, as_of)
            if line:
                yearly.append(line)
        # A real figure compared with a simulated one from last year still shows simulated data.
        simulated = row.simulated or f.previous_simulated
        status = Status(e.status)
        name = ind.name
        table.append(TableRow(
            number=t.number, name=name, unit=t.unit, plan=_plan_text(spec, f.measure),
            actual="" if f.measure is None else number(
                f.measure, None if spec.comparator is Comparator.RANGE else spec.value),
            ratio="" if f.ratio is None else number(f.ratio, 100.0),
            year_on_year=_yoy_text(f.year_on_year, spec), status=status, lead_unit=row.lead_unit,
            stage=e.stage.label if e.stage else "", simulated=simulated, provisional=bool(e.provisional),
            category=ind.category, plan_value=spec.value, actual_value=f.measure, ratio_value=f.ratio,
            year_on_year_value=f.year_on_year,
        ))
        facts.append(TargetFacts(
            name=ind.short_name or name, unit=t.unit, comparator=spec.comparator, status=status,
            actual=f.measure, plan=spec.value, plan_max=spec.value_max, ratio=f.ratio,
            year_on_year=f.year_on_year, previous_year=f.previous_year, baseline=t.baseline,
            category=row.category, simulated=simulated, higher_is_better=spec.higher_is_better,
        ))
        if status in ATTENTION:
            # The pace the rest of the period needs (core.pace), when the target is not final.
            detail = "; ".join(x for x in (e.explanation, row.scenario.words if row.scenario else "",
                                           e.required.words if e.required is not None else "") if x)
            risks.append(RiskItem(t.number, name, status, row.lead_unit, detail))
            weak[t.number] = t.pk
        if f.ratio is not None:
            ratios.append((f"({t.number}) {ind.short_name or name}", f.ratio, status))

    counts_all = dict(review.summary.counts)
    ups = latest_follow_ups(weak.values()) if weak else {}
    risks = [replace(r, follow_up=follow_up_words(ups.get(weak[r.number]))) if r.number in weak else r for r in risks]
    tasks = _overdue_tasks(resolution, as_of)
    paced = [pace_line(r) for r in rows if r.evaluation.status != Status.ERROR and shows_forecast(r)]
    # Every forecast the report shows is kept as it was said today (a dated vintage).
    keep_vintages([r for r in rows if r.evaluation.status != Status.ERROR], as_of=as_of, report_kind=kind.value)
    issuer = settings.CHITIEU_ISSUER
    issuer_name = issuer.capitalize()
    chart_list = [
        Chart(f"Biểu đồ 1. Tình hình thực hiện {len(rows)} chỉ tiêu đến ngày {as_of:%d/%m/%Y}",
              charts.status_chart(counts_all, title="Số chỉ tiêu theo mức độ thực hiện")),
    ]
    if ratios:
        chart_list.append(Chart("Biểu đồ 2. Tỷ lệ thực hiện so với kế hoạch (%)",
                                charts.ratio_chart(ratios, title="Tỷ lệ % so với kế hoạch")))
    simulated = any(r.simulated for r in table) or any(f.simulated for f in covered_facts)
    return ReviewReport(
        kind=kind,
        title="Báo cáo",
        subject=_SUBJECT[kind].format(res=_resolution_name(resolution), period=label),
        issuer_parent=settings.CHITIEU_ISSUER_PARENT,
        issuer=issuer,
        place=settings.CHITIEU_PLACE,
        date=as_of,
        date_line=date_line(settings.CHITIEU_PLACE, as_of),
        number=f"Số      -BC/{doc_symbol(issuer)}",
        resolution_code=resolution.code,
        resolution_name=_resolution_name(resolution),
        as_of=as_of,
        period_label=label,
        counts=counts_all,
        counts_sentence=counts_sentence(counts_all),
        sections=_sections(resolution, as_of, label, facts, counts_all, risks, tasks,
                           covered_facts, covered.label, yearly, paced),
        table=table,
        at_risk=risks,
        overdue_tasks=tasks,
        charts=chart_list,
        simulated=simulated,
        simulated_note=(
            f"báo cáo có dùng số liệu mô phỏng (nguồn «{SIMULATED_SOURCE}»), đánh dấu (*) trong bảng; "
            "không dùng thay số liệu thống kê chính thức."
        ) if simulated else "",
        recipients=[
            f"- Ban Thường vụ {issuer_name},",
            f"- Các đồng chí {issuer_name} viên,",
            "- Các đơn vị chủ trì chỉ tiêu,",
            f"- Lưu Văn phòng {issuer_name}.",
        ],
        signature_authority="T/M BAN THƯỜNG VỤ",
        signature_title=settings.CHITIEU_SIGNER_TITLE,
        signer_name=settings.CHITIEU_SIGNER_NAME,
    )
