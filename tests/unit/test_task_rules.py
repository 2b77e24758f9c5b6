"""Task status rules: deadlines, completion dates and the as-of date."""

from __future__ import annotations

from datetime import date

import pytest

from chitieu.core.choices import TaskStatus
from chitieu.core.periods import Period
from chitieu.core.tasks import (
    days_overdue,
    deadline_for,
    deadline_from_period,
    deadline_in,
    phrase_kind_of,
    task_status,
)

D = date(2024, 6, 30)

STATUS_CASES = [
    # (name, deadline, completed_on, as_of, expected)
    (
        "done before the deadline is on time",
        D,
        date(2024, 6, 1),
        date(2024, 7, 10),
        TaskStatus.DONE_ON_TIME,
    ),
    (
        "done on the deadline day itself is on time",
        D,
        D,
        date(2024, 7, 10),
        TaskStatus.DONE_ON_TIME,
    ),
    (
        "done the day after the deadline is late",
        D,
        date(2024, 7, 1),
        date(2024, 7, 10),
        TaskStatus.DONE_LATE,
    ),
    ("open before the deadline is in progress", D, None, date(2024, 6, 1), TaskStatus.IN_PROGRESS),
    ("open on the deadline day is still in progress", D, None, D, TaskStatus.IN_PROGRESS),
    ("open the day after the deadline is overdue", D, None, date(2024, 7, 1), TaskStatus.OVERDUE),
    (
        "completion after as_of counts as open (in time)",
        D,
        date(2024, 6, 20),
        date(2024, 6, 10),
        TaskStatus.IN_PROGRESS,
    ),
    (
        "completion after as_of counts as open (overdue)",
        D,
        date(2024, 8, 1),
        date(2024, 7, 15),
        TaskStatus.OVERDUE,
    ),
    (
        "completion on as_of counts as done",
        D,
        date(2024, 6, 10),
        date(2024, 6, 10),
        TaskStatus.DONE_ON_TIME,
    ),
    ("no deadline and open", None, None, date(2024, 6, 10), TaskStatus.NO_DEADLINE),
    (
        "no deadline and done cannot be late",
        None,
        date(2024, 6, 1),
        date(2024, 6, 10),
        TaskStatus.DONE_ON_TIME,
    ),
    (
        "no deadline, done only after as_of",
        None,
        date(2024, 6, 11),
        date(2024, 6, 10),
        TaskStatus.NO_DEADLINE,
    ),
]


@pytest.mark.parametrize(
    ("deadline", "completed", "as_of", "expected"),
    [c[1:] for c in STATUS_CASES],
    ids=[c[0] for c in STATUS_CASES],
)
def test_task_status_follows_deadline_completion_and_as_of(
    deadline: date | None, completed: date | None, as_of: date, expected: TaskStatus
) -> None:
    assert task_status(deadline, completed, as_of=as_of) is expected


OVERDUE_CASES = [
    ("open two days past the deadline", D, None, date(2024, 7, 2), 2),
    ("open on the deadline day", D, None, D, 0),
    ("done five days late", D, date(2024, 7, 5), date(2024, 12, 1), 5),
    ("done on time", D, date(2024, 6, 1), date(2024, 12, 1), 0),
    (
        "done late but only after as_of: counts days to as_of",
        D,
        date(2024, 7, 20),
        date(2024, 7, 3),
        3,
    ),
    ("no deadline", None, None, date(2024, 7, 3), 0),
]


@pytest.mark.parametrize(
    ("deadline", "completed", "as_of", "expected"),
    [c[1:] for c in OVERDUE_CASES],
    ids=[c[0] for c in OVERDUE_CASES],
)
def test_days_overdue_counts_days_past_the_deadline(
    deadline: date | None, completed: date | None, as_of: date, expected: int
) -> None:
    assert days_overdue(deadline, completed, as_of=as_of) == expected


def test_before_a_year_means_the_last_day_of_the_previous_year() -> None:
    assert deadline_for("before", Period.year(2025)) == date(2024, 12, 31)


def test_within_a_quarter_means_the_quarters_last_day() -> None:
    assert deadline_for("within", Period.quarter(2024, 2)) == date(2024, 6, 30)


def test_by_a_month_means_the_months_last_day_even_in_a_leap_february() -> None:
    assert deadline_for("by", Period.month(2024, 2)) == date(2024, 2, 29)


def test_deadline_from_period_defaults_to_the_period_end_and_accepts_before() -> None:
    assert deadline_from_period(Period.quarter(2024, 2)) == date(2024, 6, 30)
    assert deadline_from_period(Period.year(2025), "before") == date(2024, 12, 31)


def test_an_unknown_phrase_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="thời hạn"):
        deadline_for("after", Period.year(2025))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("trước năm 2025", "before"),
        ("Trong quý II/2024", "within"),
        ("hoàn thành trong năm 2024", "within"),
        ("đến năm 2025", "by"),
        ("chậm nhất tháng 6/2024", "by"),
        ("năm 2025", None),
        ("trướcnăm", None),
    ],
)
def test_phrase_kind_is_read_from_the_opening_words(text: str, kind: str | None) -> None:
    assert phrase_kind_of(text) == kind


@pytest.mark.parametrize(
    ("clause", "period", "expected"),
    [
        ("Thành lập Khu kinh tế ven biển phía Nam trước năm 2025", "2025", date(2024, 12, 31)),
        ("Giao Sở Tài chính hoàn thành trong quý II/2024", "Q2/2024", date(2024, 6, 30)),
        ("Phấn đấu đến năm 2025 hoàn thành tuyến đường", "2025", date(2025, 12, 31)),
        ("Hoàn thành rà soát nợ thuế trước ngày 30/6/2024", "T6/2024", date(2024, 6, 30)),
        ("Báo cáo chậm nhất ngày 15/3/2025", "T3/2025", date(2025, 3, 15)),
        # a written day outside the named period is not this deadline's day
        ("Trước ngày 31/2/2024 (gõ nhầm) hoàn thành trong tháng 3/2024", "T3/2024", date(2024, 3, 31)),
        ("Khởi công cầu Nguyễn Trãi năm 2024", "2024", date(2024, 12, 31)),
        # the limit word nearest the deadline decides, not one earlier in the clause
        ("Trong năm 2024 chuẩn bị, trước quý III/2025 khởi công", "Q3/2025", date(2025, 6, 30)),
    ],
)
def test_deadline_in_a_clause_follows_its_limit_word(clause: str, period: str, expected: date) -> None:
    assert deadline_in(clause, Period.parse(period)) == expected
