"""Periods: parsing the forms real texts use, codes and labels, and period arithmetic."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.choices import PeriodKind
from chitieu.core.periods import Period, PeriodError, find_periods, parse_period

K = PeriodKind
Y2021 = Period.year(2021)
Q1_2024 = Period.quarter(2024, 1)
TERM_2021_2025 = Period.term(2021, 2025)

PARSED = [
    # text, kind, start, end, code
    ("2021", K.YEAR, date(2021, 1, 1), date(2021, 12, 31), "2021"),
    ("năm 2021", K.YEAR, date(2021, 1, 1), date(2021, 12, 31), "2021"),
    ("Năm 2021", K.YEAR, date(2021, 1, 1), date(2021, 12, 31), "2021"),
    ("  NAM   2021 ", K.YEAR, date(2021, 1, 1), date(2021, 12, 31), "2021"),
    ("quý I/2024", K.QUARTER, date(2024, 1, 1), date(2024, 3, 31), "Q1/2024"),
    ("quý 1/2024", K.QUARTER, date(2024, 1, 1), date(2024, 3, 31), "Q1/2024"),
    ("Quý IV năm 2023", K.QUARTER, date(2023, 10, 1), date(2023, 12, 31), "Q4/2023"),
    ("quy iv nam 2023", K.QUARTER, date(2023, 10, 1), date(2023, 12, 31), "Q4/2023"),
    ("quý 1 năm 2024", K.QUARTER, date(2024, 1, 1), date(2024, 3, 31), "Q1/2024"),
    ("quý III – 2022", K.QUARTER, date(2022, 7, 1), date(2022, 9, 30), "Q3/2022"),
    ("Q1/2024", K.QUARTER, date(2024, 1, 1), date(2024, 3, 31), "Q1/2024"),
    ("Q1-2024", K.QUARTER, date(2024, 1, 1), date(2024, 3, 31), "Q1/2024"),
    ("2024-Q1", K.QUARTER, date(2024, 1, 1), date(2024, 3, 31), "Q1/2024"),
    ("q2/2024", K.QUARTER, date(2024, 4, 1), date(2024, 6, 30), "Q2/2024"),
    ("tháng 9/2023", K.MONTH, date(2023, 9, 1), date(2023, 9, 30), "T9/2023"),
    ("T9/2023", K.MONTH, date(2023, 9, 1), date(2023, 9, 30), "T9/2023"),
    ("tháng 09 năm 2023", K.MONTH, date(2023, 9, 1), date(2023, 9, 30), "T9/2023"),
    ("09/2023", K.MONTH, date(2023, 9, 1), date(2023, 9, 30), "T9/2023"),
    ("tháng 2/2024", K.MONTH, date(2024, 2, 1), date(2024, 2, 29), "T2/2024"),
    ("tháng 2/2023", K.MONTH, date(2023, 2, 1), date(2023, 2, 28), "T2/2023"),
    ("6 tháng đầu năm 2024", K.YEAR_TO_DATE, date(2024, 1, 1), date(2024, 6, 30), "6M/2024"),
    ("6 tháng năm 2024", K.YEAR_TO_DATE, date(2024, 1, 1), date(2024, 6, 30), "6M/2024"),
    ("9 tháng đầu năm 2023", K.YEAR_TO_DATE, date(2023, 1, 1), date(2023, 9, 30), "9M/2023"),
    ("9 tháng năm 2023", K.YEAR_TO_DATE, date(2023, 1, 1), date(2023, 9, 30), "9M/2023"),
    ("6M/2024", K.YEAR_TO_DATE, date(2024, 1, 1), date(2024, 6, 30), "6M/2024"),
    ("9M/2023", K.YEAR_TO_DATE, date(2023, 1, 1), date(2023, 9, 30), "9M/2023"),
    ("6 tháng cuối năm 2024", K.HALF, date(2024, 7, 1), date(2024, 12, 31), "H2/2024"),
    ("H1/2024", K.HALF, date(2024, 1, 1), date(2024, 6, 30), "H1/2024"),
    ("h2-2024", K.HALF, date(2024, 7, 1), date(2024, 12, 31), "H2/2024"),
    ("giai đoạn 2021 - 2025", K.TERM, date(2021, 1, 1), date(2025, 12, 31), "2021-2025"),
    ("giai đoạn 2021-2025", K.TERM, date(2021, 1, 1), date(2025, 12, 31), "2021-2025"),
    ("Giai doan 2021 — 2025", K.TERM, date(2021, 1, 1), date(2025, 12, 31), "2021-2025"),
    ("nhiệm kỳ 2020-2025", K.TERM, date(2020, 1, 1), date(2025, 12, 31), "2020-2025"),
    ("2021-2025", K.TERM, date(2021, 1, 1), date(2025, 12, 31), "2021-2025"),
    ("2021 – 2025", K.TERM, date(2021, 1, 1), date(2025, 12, 31), "2021-2025"),
    ("2020 - 2025", K.TERM, date(2020, 1, 1), date(2025, 12, 31), "2020-2025"),
    ("các năm 2021-2025", K.TERM, date(2021, 1, 1), date(2025, 12, 31), "2021-2025"),
    ("thời kỳ 2021-2030", K.TERM, date(2021, 1, 1), date(2030, 12, 31), "2021-2030"),
]


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "code"), PARSED, ids=[p[0] for p in PARSED]
)
def test_each_written_form_parses_to_its_period(text, kind, start, end, code):
    period = Period.parse(text)
    assert (period.kind, period.start, period.end, period.code) == (kind, start, end, code)
    assert parse_period(text) == period


@pytest.mark.parametrize("text", [p[0] for p in PARSED])
def test_the_code_of_a_parsed_period_parses_back_to_the_same_period(text):
    period = Period.parse(text)
    assert Period.parse(period.code) == period


BAD = [
    ("quý 5/2024", "quý"),
    ("quý V/2024", "quý"),
    ("Q0/2024", "quý"),
    ("tháng 13/2023", "tháng"),
    ("tháng 0/2023", "tháng"),
    ("13/2023", "tháng"),
    ("H3/2024", "H3"),
    ("13 tháng đầu năm 2024", "số tháng"),
    ("3 tháng cuối năm 2024", "6 tháng cuối năm"),
    ("2025-2021", "năm cuối"),
    ("2021-2021", "năm cuối"),
    ("abc", "không đúng dạng"),
    ("", "rỗng"),
    ("   ", "rỗng"),
    ("1899", "ngoài khoảng"),
    ("năm 2201", "ngoài khoảng"),
    ("giai đoạn 1890 - 1910", "ngoài khoảng"),
    ("6 tháng đầu năm", "thiếu năm"),
    ("quý I", "thiếu năm"),
    ("năm 21", "không đúng dạng"),
    ("20211", "không đúng dạng"),
    ("Q1/2024 và Q2/2024", "không đúng dạng"),
]


@pytest.mark.parametrize(("text", "reason"), BAD, ids=[b[0] or "empty" for b in BAD])
def test_a_bad_period_is_refused_with_a_vietnamese_message_naming_it(text, reason):
    with pytest.raises(PeriodError) as info:
        Period.parse(text)
    message = str(info.value)
    assert message.startswith(f"Không hiểu kỳ «{text}»: ")
    assert reason in message
    assert isinstance(info.value, ValueError)


LABELS = [
    (Period.year(2021), "năm 2021"),
    (Period.half(2024, 1), "6 tháng đầu năm 2024"),
    (Period.half(2024, 2), "6 tháng cuối năm 2024"),
    (Period.quarter(2024, 1), "quý I/2024"),
    (Period.quarter(2023, 4), "quý IV/2023"),
    (Period.month(2023, 9), "tháng 9/2023"),
    (Period.year_to_date(2023, 9), "9 tháng đầu năm 2023"),
    (Period.term(2021, 2025), "giai đoạn 2021 - 2025"),
]


@pytest.mark.parametrize(("period", "label"), LABELS, ids=[lab for _, lab in LABELS])
def test_each_period_has_its_vietnamese_label(period, label):
    assert period.label == label


@pytest.mark.parametrize(("period", "label"), LABELS, ids=[lab for _, lab in LABELS])
def test_a_label_parses_back_to_the_same_days(period, label):
    parsed = Period.parse(label)
    assert (parsed.start, parsed.end) == (period.start, period.end)


def test_a_half_year_and_the_same_months_to_date_are_different_periods():
    h1, ytd = Period.half(2024, 1), Period.year_to_date(2024, 6)
    assert (h1.start, h1.end) == (ytd.start, ytd.end)
    assert h1 != ytd
    assert (h1.code, ytd.code) == ("H1/2024", "6M/2024")
    assert Period.parse("6 tháng đầu năm 2024") == ytd


@pytest.mark.parametrize(
    ("make", "args"),
    [
        (Period.year, (1899,)),
        (Period.half, (2024, 3)),
        (Period.quarter, (2024, 0)),
        (Period.month, (2024, 13)),
        (Period.year_to_date, (2024, 0)),
        (Period.term, (2025, 2021)),
        (Period.term, (2021, 2201)),
    ],
    ids=[
        "year 1899",
        "half 3",
        "quarter 0",
        "month 13",
        "0 months",
        "term reversed",
        "term to 2201",
    ],
)
def test_constructors_refuse_periods_that_cannot_exist(make, args):
    with pytest.raises(PeriodError):
        make(*args)


@pytest.mark.parametrize(
    ("start", "end", "kind"),
    [
        (date(2024, 1, 5), date(2024, 2, 3), K.MONTH),
        (date(2024, 1, 1), date(2024, 2, 29), K.MONTH),
        (date(2024, 2, 1), date(2024, 4, 30), K.QUARTER),
        (date(2024, 1, 1), date(2024, 12, 30), K.YEAR),
        (date(2024, 3, 1), date(2024, 8, 31), K.HALF),
        (date(2024, 2, 1), date(2024, 6, 30), K.YEAR_TO_DATE),
        (date(2023, 12, 1), date(2024, 1, 31), K.YEAR_TO_DATE),
    ],
    ids=[
        "month mid-month",
        "two months",
        "shifted quarter",
        "year short a day",
        "shifted half",
        "ytd from feb",
        "ytd across years",
    ],
)
def test_a_period_built_from_dates_must_have_the_days_its_kind_implies(start, end, kind):
    with pytest.raises(PeriodError, match="trọn vẹn"):
        Period(start, end, kind)


def test_a_term_built_from_dates_may_end_mid_year():
    to_date = Period(date(2021, 1, 1), date(2024, 3, 31), K.TERM)
    assert to_date.contains(Period.quarter(2024, 1))
    assert to_date.months == 39


def test_a_period_built_from_the_right_dates_equals_the_constructed_one():
    assert Period(date(2024, 1, 1), date(2024, 3, 31), K.QUARTER) == Q1_2024


def test_a_period_error_survives_pickling():
    import pickle

    error = pickle.loads(pickle.dumps(PeriodError("quý 5/2024", "quý phải từ 1 đến 4")))
    assert (error.text, error.reason) == ("quý 5/2024", "quý phải từ 1 đến 4")
    assert str(error) == "Không hiểu kỳ «quý 5/2024»: quý phải từ 1 đến 4"


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(PeriodError, match="2024-02-01 - 2024-01-01"):
        Period(date(2024, 2, 1), date(2024, 1, 1), K.MONTH)


CONTAINS = [
    (Period.year(2024), Q1_2024, True),
    (Q1_2024, Period.month(2024, 3), True),
    (Q1_2024, Period.month(2024, 4), False),
    (TERM_2021_2025, Y2021, True),
    (TERM_2021_2025, Period.year(2025), True),
    (TERM_2021_2025, Period.year(2026), False),
    (TERM_2021_2025, Period.year(2020), False),
    (Y2021, Y2021, True),
    (Q1_2024, Period.year(2024), False),
    (Period.year_to_date(2024, 6), Period.half(2024, 1), True),
    (Period.year_to_date(2024, 6), Period.month(2024, 7), False),
]


@pytest.mark.parametrize(
    ("outer", "inner", "expected"), CONTAINS, ids=[f"{o.code} ⊇ {i.code}" for o, i, _ in CONTAINS]
)
def test_containment(outer, inner, expected):
    assert outer.contains(inner) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Q1_2024, Period.year(2024), True),
        (Q1_2024, Period.quarter(2024, 2), False),
        (Period.term(2016, 2020), TERM_2021_2025, False),
        (Period.term(2020, 2025), TERM_2021_2025, True),
        (Period.month(2023, 12), Period.year(2024), False),
    ],
    ids=[
        "quarter in its year",
        "next quarter",
        "adjacent terms",
        "overlapping terms",
        "december before",
    ],
)
def test_overlap_is_symmetric_and_needs_a_shared_day(a, b, expected):
    assert a.overlaps(b) is expected
    assert b.overlaps(a) is expected


ELAPSED = [
    ("before start", Y2021, date(2020, 12, 31), 0.0),
    ("first day counts", Y2021, date(2021, 1, 1), 1 / 365),
    ("middle of a common year", Y2021, date(2021, 7, 2), 183 / 365),
    ("last day", Y2021, date(2021, 12, 31), 1.0),
    ("after end", Y2021, date(2022, 3, 1), 1.0),
    ("leap year has 366 days", Period.year(2024), date(2024, 2, 29), 60 / 366),
    ("leap february", Period.month(2024, 2), date(2024, 2, 28), 28 / 29),
    ("quarter of a leap year", Q1_2024, date(2024, 3, 1), 61 / 91),
    ("term", TERM_2021_2025, date(2022, 12, 31), 730 / 1826),
]


@pytest.mark.parametrize(
    ("period", "as_of", "expected"), [e[1:] for e in ELAPSED], ids=[e[0] for e in ELAPSED]
)
def test_elapsed_fraction(period, as_of, expected):
    assert period.elapsed_fraction(as_of) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("as_of", "ended"),
    [
        (date(2021, 12, 30), False),
        (date(2021, 12, 31), True),
        (date(2022, 1, 1), True),
        (date(2020, 6, 1), False),
    ],
    ids=["day before the end", "last day", "after", "before start"],
)
def test_a_period_has_ended_from_its_last_day_on(as_of, ended):
    assert Y2021.is_ended(as_of) is ended


PREVIOUS = [
    ("2021", "2020"),
    ("Q1/2024", "Q4/2023"),
    ("Q3/2024", "Q2/2024"),
    ("T1/2024", "T12/2023"),
    ("T3/2024", "T2/2024"),
    ("H1/2024", "H2/2023"),
    ("H2/2024", "H1/2024"),
    ("6M/2024", "6M/2023"),
    ("2021-2025", "2016-2020"),
    ("2020-2025", "2014-2019"),
]


@pytest.mark.parametrize(("code", "previous"), PREVIOUS, ids=[f"{a} -> {b}" for a, b in PREVIOUS])
def test_previous_period_of_the_same_kind(code, previous):
    period = Period.parse(code)
    before = period.previous()
    assert before.code == previous
    assert before.kind == period.kind
    assert before.end < period.start


SAME_LAST_YEAR = [
    ("2021", "2020"),
    ("Q1/2024", "Q1/2023"),
    ("T2/2024", "T2/2023"),
    ("H2/2024", "H2/2023"),
    ("9M/2023", "9M/2022"),
    ("2021-2025", "2020-2024"),
]


@pytest.mark.parametrize(
    ("code", "expected"), SAME_LAST_YEAR, ids=[f"{a} -> {b}" for a, b in SAME_LAST_YEAR]
)
def test_same_period_last_year(code, expected):
    assert Period.parse(code).same_period_last_year().code == expected


def test_there_is_no_period_before_1900():
    with pytest.raises(PeriodError):
        Period.year(1900).previous()


SUBPERIODS = [
    (Period.year(2024), K.QUARTER, ["Q1/2024", "Q2/2024", "Q3/2024", "Q4/2024"]),
    (Period.year(2024), K.HALF, ["H1/2024", "H2/2024"]),
    (Q1_2024, K.MONTH, ["T1/2024", "T2/2024", "T3/2024"]),
    (TERM_2021_2025, K.YEAR, ["2021", "2022", "2023", "2024", "2025"]),
    (Period.year_to_date(2023, 9), K.QUARTER, ["Q1/2023", "Q2/2023", "Q3/2023"]),
    (Q1_2024, K.QUARTER, ["Q1/2024"]),
    (Q1_2024, K.YEAR, []),
]


@pytest.mark.parametrize(
    ("period", "kind", "codes"),
    SUBPERIODS,
    ids=[f"{p.code} by {k.value}" for p, k, _ in SUBPERIODS],
)
def test_subperiods_tile_the_period_in_order(period, kind, codes):
    assert [p.code for p in period.subperiods(kind)] == codes


def test_a_year_has_twelve_months_that_cover_it_exactly():
    months = Period.year(2024).subperiods(K.MONTH)
    assert len(months) == 12
    assert sum(m.days for m in months) == 366
    assert months[0].start == date(2024, 1, 1) and months[-1].end == date(2024, 12, 31)


@pytest.mark.parametrize("kind", [K.YEAR_TO_DATE, K.TERM])
def test_overlapping_kinds_do_not_tile_a_period(kind):
    with pytest.raises(PeriodError) as info:
        Period.year(2024).subperiods(kind)
    assert str(info.value) == f"Kỳ «năm 2024» không chia được thành các kỳ «{kind.label}»"


@pytest.mark.parametrize(
    ("period", "years", "months"),
    [
        (Y2021, [2021], 12),
        (Q1_2024, [2024], 3),
        (TERM_2021_2025, [2021, 2022, 2023, 2024, 2025], 60),
        (Period.year_to_date(2023, 9), [2023], 9),
        (Period.month(2023, 9), [2023], 1),
    ],
    ids=["year", "quarter", "term", "9 months", "month"],
)
def test_years_and_length_in_months(period, years, months):
    assert (period.years, period.months) == (years, months)


def test_periods_sort_by_start_then_end():
    periods = [Period.year(2024), Q1_2024, Period.year(2023), Period.month(2024, 1)]
    assert [p.code for p in sorted(periods)] == ["2023", "T1/2024", "Q1/2024", "2024"]


def test_str_of_a_period_is_its_code():
    assert str(Q1_2024) == "Q1/2024"


FREE_TEXT = [
    (
        "Năm 2021, GRDP tăng 12,5%; 6 tháng đầu năm 2024 đạt 50%.",
        [("Năm 2021", "2021"), ("6 tháng đầu năm 2024", "6M/2024")],
    ),
    (
        "Mục tiêu giai đoạn 2021 – 2025 và nhiệm kỳ 2020-2025.",
        [("giai đoạn 2021 – 2025", "2021-2025"), ("nhiệm kỳ 2020-2025", "2020-2025")],
    ),
    (
        "Quý I/2024 tăng so với quý IV năm 2023",
        [("Quý I/2024", "Q1/2024"), ("quý IV năm 2023", "Q4/2023")],
    ),
    ("số liệu tháng 9/2023 và T10/2023", [("tháng 9/2023", "T9/2023"), ("T10/2023", "T10/2023")]),
    ("Nghị quyết ngày 15 tháng 01 năm 2021 của Thành ủy", []),
    ("ngày 15/01/2021; 2000 hộ; 3.300 - 3.500 đảng viên; 1950 lao động", []),
    ("quý 5/2024 là sai", []),
]


@pytest.mark.parametrize(("text", "expected"), FREE_TEXT, ids=[t[:30] for t, _ in FREE_TEXT])
def test_find_periods_returns_the_spans_of_periods_in_running_text(text, expected):
    found = find_periods(text)
    assert [(text[a:b], p.code) for a, b, p in found] == expected


def test_find_periods_offsets_index_decomposed_text_too():
    import unicodedata

    text = unicodedata.normalize("NFD", "Trong quý II năm 2024, thu ngân sách")
    [(start, end, period)] = find_periods(text)
    assert unicodedata.normalize("NFC", text[start:end]) == "quý II năm 2024"
    assert period == Period.quarter(2024, 2)


CONTEXT = [
    (
        "Kiểm điểm nhiệm vụ quý 1; phương hướng quý 2/2024",
        [("quý 1", "Q1/2024"), ("quý 2/2024", "Q2/2024")],
    ),
    ("trong 6 tháng đầu năm, thu ngân sách", [("6 tháng đầu năm", "6M/2024")]),
    ("6 tháng cuối năm cần tăng tốc", [("6 tháng cuối năm", "H2/2024")]),
    ("số liệu tháng 9 cho thấy", [("tháng 9", "T9/2024")]),
    ("quý IV năm 2023 so với quý I", [("quý IV năm 2023", "Q4/2023"), ("quý I", "Q1/2024")]),
    ("lao động qua đào tạo 3 tháng trở lên", []),
    ("ngày 2 tháng 9 là Quốc khánh", []),
    ("quý 5 không có", []),
]


@pytest.mark.parametrize(("text", "expected"), CONTEXT, ids=[t[:30] for t, _ in CONTEXT])
def test_find_periods_reads_forms_without_a_year_in_the_year_given(text, expected):
    found = find_periods(text, year=2024)
    assert [(text[a:b], p.code) for a, b, p in found] == expected


def test_without_a_context_year_forms_without_a_year_are_not_periods():
    assert find_periods("Kiểm điểm nhiệm vụ quý 1 và 6 tháng đầu năm, tháng 9") == []


def test_a_bare_span_of_over_thirty_years_in_running_text_is_not_a_term():
    assert find_periods("khoảng 2000 - 2100 hộ") == []
    assert [p.code for _, _, p in find_periods("tầm nhìn 2021 - 2050")] == ["2021-2050"]
    assert [p.code for _, _, p in find_periods("giai đoạn 2000 - 2100")] == ["2000-2100"]


years = st.integers(min_value=1901, max_value=2190)
any_period = st.one_of(
    years.map(Period.year),
    st.builds(Period.half, years, st.integers(1, 2)),
    st.builds(Period.quarter, years, st.integers(1, 4)),
    st.builds(Period.month, years, st.integers(1, 12)),
    st.builds(Period.year_to_date, years, st.integers(1, 12)),
    st.builds(lambda y, n: Period.term(y, y + n), years, st.integers(1, 9)),
)


@given(any_period)
def test_every_period_parses_back_from_its_code(period):
    assert Period.parse(period.code) == period


@given(any_period)
def test_every_label_parses_back_to_the_same_days(period):
    parsed = Period.parse(period.label)
    assert (parsed.start, parsed.end) == (period.start, period.end)


@given(any_period)
def test_find_periods_finds_a_label_inside_a_sentence(period):
    text = f"Kết quả {period.label}, đạt kế hoạch."
    [(start, end, found)] = find_periods(text)
    assert text[start:end] == period.label
    assert (found.start, found.end) == (period.start, period.end)


@given(any_period.filter(lambda p: p.kind not in (K.YEAR_TO_DATE, K.TERM)))
def test_the_previous_of_a_tiling_period_ends_the_day_before_it_starts(period):
    before = period.previous()
    assert before.kind == period.kind
    assert before.end.toordinal() + 1 == period.start.toordinal()


@given(any_period.filter(lambda p: p.end.year <= 2190))  # past 2200, next() raises PeriodError
def test_the_next_period_is_the_one_whose_previous_is_this_one(period):
    after = period.next()
    assert after.kind == period.kind
    assert after.previous() == period
    assert after.start > period.end


def test_the_period_after_the_last_supported_year_does_not_exist():
    with pytest.raises(PeriodError):
        Period.quarter(2200, 4).next()


@given(any_period)
def test_the_same_period_last_year_is_one_calendar_year_back(period):
    last = period.same_period_last_year()
    assert last.kind == period.kind
    assert (last.start.year, last.start.month) == (period.start.year - 1, period.start.month)
    assert (last.end.year, last.end.month) == (period.end.year - 1, period.end.month)


@given(any_period, st.dates(min_value=date(1899, 1, 1), max_value=date(2200, 12, 31)))
def test_elapsed_fraction_stays_between_zero_and_one_and_grows_with_time(period, as_of):
    fraction = period.elapsed_fraction(as_of)
    assert 0.0 <= fraction <= 1.0
    assert (fraction == 1.0) == period.is_ended(as_of)
    assert (fraction == 0.0) == (as_of < period.start)
    if as_of < date(2200, 12, 31):
        assert period.elapsed_fraction(date.fromordinal(as_of.toordinal() + 1)) >= fraction


@given(any_period, st.sampled_from([K.YEAR, K.HALF, K.QUARTER, K.MONTH]))
def test_subperiods_lie_inside_do_not_overlap_and_cover_at_most_the_period(period, kind):
    parts = period.subperiods(kind)
    assert all(period.contains(p) and p.kind == kind for p in parts)
    assert all(a.end < b.start for a, b in zip(parts, parts[1:], strict=False))
    assert sum(p.days for p in parts) <= period.days


@pytest.mark.parametrize(("text", "said"), [
    ("", "Chưa nhập ngày"),
    ("   ", "Chưa nhập ngày"),
    ("31/12/2021", "cần dạng YYYY-MM-DD"),
    ("2021-13-45", "không có tháng 13"),
    ("2021-02-29", "tháng 2/2021 không có ngày 29"),
    ("1899-12-31", "năm 1899 nằm ngoài khoảng 1900 - 2200"),
    ("٢٠٢١-٠١-٠١", "cần dạng YYYY-MM-DD"),  # digits of another script are not a date here
])
def test_a_typed_day_that_is_malformed_or_impossible_is_refused_in_vietnamese(text, said):
    from chitieu.core.periods import parse_day

    with pytest.raises(PeriodError, match=said):
        parse_day(text)


def test_a_typed_day_reads_with_or_without_padding():
    from chitieu.core.periods import parse_day

    assert parse_day(" 2024-2-29 ") == date(2024, 2, 29)
    assert parse_day("2200-12-31") == date(2200, 12, 31)
