"""Reporting periods: year, half-year, quarter, month, year-to-date and multi-year term.

A `Period` is a closed date interval [start, end] plus its kind. Its `code` ("2021", "H1/2024",
"Q1/2024", "T9/2023", "6M/2024", "2021-2025") is what the database stores; its `label` is what
people read ("quý I/2024"). `Period.parse` reads the forms real Vietnamese texts use; the
patterns themselves live in `chitieu.core.period_text`.

Equal date ranges of different kinds are different periods: H1/2024 (a half-year) and 6M/2024
(the first six months, cumulative) cover the same days, compare unequal and keep their own
codes, because an indicator reported by half-year is not the same series as a year-to-date sum.
"6 tháng đầu năm 2024" parses as 6M/2024 (year to date); "6 tháng cuối năm 2024" as H2/2024.

Pure standard library.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from chitieu.core.choices import PeriodKind

MIN_YEAR = 1900
MAX_YEAR = 2200

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodError(ValueError):
    """A period that does not parse or cannot exist; the message is Vietnamese and names the text."""

    def __init__(self, text: str, reason: str, message: str | None = None) -> None:
        self.text = text
        self.reason = reason
        super().__init__(message or f"Không hiểu kỳ «{text}»: {reason}")

    def __reduce__(self) -> tuple[type[PeriodError], tuple[str, str, str]]:
        # Exceptions pickle as cls(*args); args holds only the message, so say how.
        return type(self), (self.text, self.reason, str(self))


def _check_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(text, f"năm {year} nằm ngoài khoảng {MIN_YEAR} - {MAX_YEAR}")


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class Period:
    """A closed interval of days [start, end] with its kind. Ordered by start, then end, then kind."""

    start: date
    end: date
    kind: PeriodKind

    def __post_init__(self) -> None:
        text = f"{self.start} - {self.end}"
        if self.end < self.start:
            raise PeriodError(text, "", f"Kỳ «{text}» kết thúc trước khi bắt đầu")
        if not self._has_canonical_days():
            reason = f"không phải là một kỳ «{self.kind.label}» trọn vẹn"
            raise PeriodError(text, reason, f"Kỳ «{text}» {reason}")

    def _has_canonical_days(self) -> bool:
        """True when start and end are the days the kind implies, so code and label are true.

        A term built directly may run between any two days (a term to date ends mid-year);
        its code names its first and last years.
        """
        s, e = self.start, self.end
        if self.kind == PeriodKind.TERM:
            return True
        same_year = s.year == e.year and s.day == 1 and e == _month_end(e.year, e.month)
        span = e.month - s.month + 1
        match self.kind:
            case PeriodKind.YEAR:
                return same_year and (s.month, span) == (1, 12)
            case PeriodKind.HALF:
                return same_year and s.month in (1, 7) and span == 6
            case PeriodKind.QUARTER:
                return same_year and s.month in (1, 4, 7, 10) and span == 3
            case PeriodKind.MONTH:
                return same_year and span == 1
            case _:
                return same_year and s.month == 1

    # ---- constructors -------------------------------------------------------------------

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year `year`. Raises PeriodError outside 1900..2200."""
        _check_year(year, str(year))
        return cls(date(year, 1, 1), date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """Half-year 1 (Jan-Jun) or 2 (Jul-Dec) of `year`. Raises PeriodError otherwise."""
        _check_year(year, f"H{half}/{year}")
        if half not in (1, 2):
            raise PeriodError(f"H{half}/{year}", "nửa năm phải là 1 hoặc 2")
        first = 1 if half == 1 else 7
        return cls(date(year, first, 1), _month_end(year, first + 5), PeriodKind.HALF)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter 1..4 of `year`. Raises PeriodError otherwise."""
        _check_year(year, f"Q{quarter}/{year}")
        if not 1 <= quarter <= 4:
            raise PeriodError(f"quý {quarter}/{year}", "quý phải từ 1 đến 4")
        first = 3 * quarter - 2
        return cls(date(year, first, 1), _month_end(year, first + 2), PeriodKind.QUARTER)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Month 1..12 of `year`. Raises PeriodError otherwise."""
        _check_year(year, f"T{month}/{year}")
        if not 1 <= month <= 12:
            raise PeriodError(f"tháng {month}/{year}", "tháng phải từ 1 đến 12")
        return cls(date(year, month, 1), _month_end(year, month), PeriodKind.MONTH)

    @classmethod
    def year_to_date(cls, year: int, months: int) -> Period:
        """The first `months` (1..12) months of `year`, cumulative: "9 tháng đầu năm 2023"."""
        _check_year(year, f"{months}M/{year}")
        if not 1 <= months <= 12:
            raise PeriodError(f"{months} tháng đầu năm {year}", "số tháng phải từ 1 đến 12")
        return cls(date(year, 1, 1), _month_end(year, months), PeriodKind.YEAR_TO_DATE)

    @classmethod
    def term(cls, first_year: int, last_year: int) -> Period:
        """The years first_year..last_year inclusive; at least two years, first before last."""
        text = f"{first_year} - {last_year}"
        _check_year(first_year, text)
        _check_year(last_year, text)
        if last_year <= first_year:
            raise PeriodError(text, "năm cuối giai đoạn phải sau năm đầu")
        return cls(date(first_year, 1, 1), date(last_year, 12, 31), PeriodKind.TERM)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Return the period written in `text` (a code or a Vietnamese form).

        Accepts codes ("Q1/2024") and forms such as "quý I/2024", "tháng 09 năm 2023",
        "6 tháng đầu năm 2024", "giai đoạn 2021 – 2025", tolerant of case, missing diacritics
        and dash variants. Raises PeriodError (naming `text`) when nothing matches or the
        numbers are out of range ("quý 5/2024", "tháng 13/2023", "2025-2021").
        """
        return _parse(text)

    # ---- names --------------------------------------------------------------------------

    @property
    def code(self) -> str:
        """Canonical machine code, accepted back by `parse`: "2021", "H1/2024", "Q1/2024",
        "T9/2023", "6M/2024", "2021-2025"."""
        y = self.start.year
        match self.kind:
            case PeriodKind.YEAR:
                return str(y)
            case PeriodKind.HALF:
                return f"H{1 if self.start.month == 1 else 2}/{y}"
            case PeriodKind.QUARTER:
                return f"Q{(self.start.month + 2) // 3}/{y}"
            case PeriodKind.MONTH:
                return f"T{self.start.month}/{y}"
            case PeriodKind.YEAR_TO_DATE:
                return f"{self.end.month}M/{y}"
            case _:
                return f"{y}-{self.end.year}"

    @property
    def label(self) -> str:
        """Vietnamese name: "năm 2021", "6 tháng đầu năm 2024", "quý I/2024", "tháng 9/2023",
        "9 tháng đầu năm 2023", "giai đoạn 2021 - 2025".

        H1 and 6M share the label "6 tháng đầu năm 2024" (texts do not tell them apart), so
        parsing a label gives back the same days but not always the same kind; use `code`
        to store a period.
        """
        y = self.start.year
        match self.kind:
            case PeriodKind.YEAR:
                return f"năm {y}"
            case PeriodKind.HALF:
                return f"6 tháng {'đầu' if self.start.month == 1 else 'cuối'} năm {y}"
            case PeriodKind.QUARTER:
                return f"quý {ROMAN[(self.start.month + 2) // 3]}/{y}"
            case PeriodKind.MONTH:
                return f"tháng {self.start.month}/{y}"
            case PeriodKind.YEAR_TO_DATE:
                return f"{self.end.month} tháng đầu năm {y}"
            case _:
                return f"giai đoạn {y} - {self.end.year}"

    def __str__(self) -> str:
        return self.code

    # ---- arithmetic ---------------------------------------------------------------------

    @property
    def years(self) -> list[int]:
        """The calendar years the period touches, in order."""
        return list(range(self.start.year, self.end.year + 1))

    @property
    def months(self) -> int:
        """Length in whole months (periods always start on the 1st and end on a month end)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def days(self) -> int:
        """Number of days, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, other: Period) -> bool:
        """True when every day of `other` lies within this period (a period contains itself)."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        """True when the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def elapsed_fraction(self, as_of: date) -> float:
        """Share of the period's days elapsed at the end of `as_of`, counting `as_of` itself.

        0.0 before the start, 1.0 on or after the last day; on the first day 1/days.
        """
        if as_of < self.start:
            return 0.0
        if as_of >= self.end:
            return 1.0
        return ((as_of - self.start).days + 1) / self.days

    def is_ended(self, as_of: date) -> bool:
        """True once `as_of` reaches the period's last day (a figure as of 31/12 closes the year)."""
        return as_of >= self.end

    def shifted_years(self, years: int) -> Period:
        """The same kind of period moved by `years` calendar years (negative moves back)."""
        first = self.start.year + years
        match self.kind:
            case PeriodKind.YEAR:
                return Period.year(first)
            case PeriodKind.HALF:
                return Period.half(first, 1 if self.start.month == 1 else 2)
            case PeriodKind.QUARTER:
                return Period.quarter(first, (self.start.month + 2) // 3)
            case PeriodKind.MONTH:
                return Period.month(first, self.start.month)
            case PeriodKind.YEAR_TO_DATE:
                return Period.year_to_date(first, self.end.month)
            case _:
                return Period.term(first, self.end.year + years)

    def previous(self) -> Period:
        """The period of the same kind just before: 2021 -> 2020, Q1/2024 -> Q4/2023,
        T1/2024 -> T12/2023, H1/2024 -> H2/2023, 6M/2024 -> 6M/2023 (a year-to-date period's
        predecessor is the same months of the previous year), and a term -> the term of the
        same length ending the year before it starts (2021-2025 -> 2016-2020).

        Raises PeriodError when the result would fall before 1900.
        """
        y = self.start.year
        match self.kind:
            case PeriodKind.HALF:
                return Period.half(y, 1) if self.start.month == 7 else Period.half(y - 1, 2)
            case PeriodKind.QUARTER:
                q = (self.start.month + 2) // 3
                return Period.quarter(y, q - 1) if q > 1 else Period.quarter(y - 1, 4)
            case PeriodKind.MONTH:
                m = self.start.month
                return Period.month(y, m - 1) if m > 1 else Period.month(y - 1, 12)
            case PeriodKind.TERM:
                return self.shifted_years(-len(self.years))
            case _:
                return self.shifted_years(-1)

    def next(self) -> Period:
        """The period whose `previous()` is this one: 2020 -> 2021, Q4/2023 -> Q1/2024,
        T12/2023 -> T1/2024, 6M/2023 -> 6M/2024, 2016-2020 -> 2021-2025. Raises PeriodError
        past 2200."""
        y = self.start.year
        match self.kind:
            case PeriodKind.HALF:
                return Period.half(y, 2) if self.start.month == 1 else Period.half(y + 1, 1)
            case PeriodKind.QUARTER:
                q = (self.start.month + 2) // 3
                return Period.quarter(y, q + 1) if q < 4 else Period.quarter(y + 1, 1)
            case PeriodKind.MONTH:
                m = self.start.month
                return Period.month(y, m + 1) if m < 12 else Period.month(y + 1, 1)
            case PeriodKind.TERM:
                return self.shifted_years(len(self.years))
            case _:
                return self.shifted_years(1)

    def same_period_last_year(self) -> Period:
        """The same kind of period one calendar year earlier (Q1/2024 -> Q1/2023; a term
        2021-2025 -> 2020-2024)."""
        return self.shifted_years(-1)

    def subperiods(self, kind: PeriodKind) -> list[Period]:
        """The periods of `kind` that lie wholly inside this one, in order: a year's quarters or
        months, a term's years, a quarter's months. A period of the same kind gives [self];
        a longer kind gives []. Year-to-date and term kinds do not tile a period, so asking
        for them raises PeriodError.
        """
        if kind not in _TILING:
            reason = f"không chia được thành các kỳ «{kind.label}»"
            raise PeriodError(self.code, reason, f"Kỳ «{self.label}» {reason}")
        return list(_subperiods(self, kind))


@lru_cache(maxsize=8192)
def _parse(text: str) -> Period:
    """Period.parse, remembered: a ranking or a review parses the same few codes once per
    figure (thousands of times), and a Period never changes. A text that does not parse is
    not remembered (its PeriodError is raised again)."""
    from chitieu.core.period_text import parse_period_text

    return parse_period_text(text)


@lru_cache(maxsize=4096)
def _subperiods(period: Period, kind: PeriodKind) -> tuple[Period, ...]:
    """Period.subperiods for a kind that tiles, remembered (a ranking asks it per unit)."""
    count, make = _TILING[kind]
    found = [make(y, i) for y in period.years for i in range(1, count + 1)]
    return tuple(p for p in found if period.contains(p))


def _whole_year(year: int, _index: int) -> Period:
    return Period.year(year)


_TILING: dict[PeriodKind, tuple[int, Callable[[int, int], Period]]] = {
    PeriodKind.YEAR: (1, _whole_year),
    PeriodKind.HALF: (2, Period.half),
    PeriodKind.QUARTER: (4, Period.quarter),
    PeriodKind.MONTH: (12, Period.month),
}


_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", re.ASCII)


def parse_day(text: str | None, *, field: str = "ngày") -> date:
    """Read a day written YYYY-MM-DD (a URL's or a form's date) within the supported years;
    anything else raises PeriodError with a Vietnamese message naming `field` and the text.
    The one rule for dates typed by people: pages, reports, the API and the commands use it."""
    raw = (text or "").strip()
    example = "dạng YYYY-MM-DD (năm-tháng-ngày), ví dụ 2025-12-31"
    if not raw:
        raise PeriodError(raw, "trống", f"Chưa nhập {field} ({example}).")
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    match = _ISO_DAY.fullmatch(raw)
    if match is None:
        raise PeriodError(shown, "sai dạng", f"{field[:1].upper()}{field[1:]} «{shown}» không hợp lệ: cần {example}.")
    year, month, day = (int(g) for g in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        reason = f"năm {year} nằm ngoài khoảng {MIN_YEAR} - {MAX_YEAR}"
    elif not 1 <= month <= 12:
        reason = f"không có tháng {month}"
    elif not 1 <= day <= monthrange(year, month)[1]:
        reason = f"tháng {month}/{year} không có ngày {day}"
    else:
        return date(year, month, day)
    raise PeriodError(shown, reason, f"{field[:1].upper()}{field[1:]} «{shown}» không có thật: {reason}.")


def parse_period(text: str) -> Period:
    """Alias of `Period.parse`."""
    return Period.parse(text)


def find_periods(text: str, *, year: int | None = None) -> list[tuple[int, int, Period]]:
    """Spans (start, end, period) of period expressions in free text, in order, not overlapping.

    Offsets index `text` as given (end exclusive); at one position the longest form wins.
    Only forms that are clearly periods are found: bare "2021" or "09/2023" are not (they are
    often counts or dates), "năm 2021" and "tháng 9/2023" are; "tháng 01 năm 2021" right after
    "ngày 15" is a date and is skipped, and so is a bare "2000 - 2100" spanning over 30 years.
    With `year` (the year the text is about), forms without a year are read in that year:
    "quý 1" -> Q1/year, "6 tháng đầu năm" -> 6M/year, "tháng 9" -> T9/year.
    """
    from chitieu.core.period_text import find_period_spans

    return find_period_spans(text, year)
