"""Task status rules: deadline, completion date and the date of the question.

Pure standard library. Time is always the `as_of` argument, never today's date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from chitieu.core.choices import TaskStatus
from chitieu.core.periods import Period, parse_day

DeadlinePhrase = Literal["before", "within", "by"]

#: Words that open a deadline phrase, longest first so "chậm nhất" wins over shorter ones.
_PHRASE_WORDS: tuple[tuple[str, DeadlinePhrase], ...] = (
    ("chậm nhất", "by"),
    ("hoàn thành trong", "within"),
    ("trước", "before"),
    ("trong", "within"),
    ("đến", "by"),
    ("tới", "by"),
)


def _done_by(completed_on: date | None, as_of: date) -> date | None:
    """The completion date if the task was completed on or before `as_of`, else None.

    A completion recorded after `as_of` had not happened yet at `as_of`.
    """
    if completed_on is None or completed_on > as_of:
        return None
    return completed_on


def task_status(deadline: date | None, completed_on: date | None, *, as_of: date) -> TaskStatus:
    """Return the status of a task at `as_of`.

    - completed (on or before `as_of`) on or before the deadline: DONE_ON_TIME; the deadline
      day itself counts as on time;
    - completed after the deadline: DONE_LATE;
    - not completed and `as_of` is on or before the deadline: IN_PROGRESS;
    - not completed and `as_of` is after the deadline: OVERDUE;
    - no deadline: NO_DEADLINE while open, DONE_ON_TIME once completed (a task without a
      deadline cannot be late).
    A completion date after `as_of` counts as not yet completed.
    """
    done = _done_by(completed_on, as_of)
    if deadline is None:
        return TaskStatus.DONE_ON_TIME if done is not None else TaskStatus.NO_DEADLINE
    if done is not None:
        return TaskStatus.DONE_ON_TIME if done <= deadline else TaskStatus.DONE_LATE
    return TaskStatus.IN_PROGRESS if as_of <= deadline else TaskStatus.OVERDUE


def days_overdue(deadline: date | None, completed_on: date | None, *, as_of: date) -> int:
    """Return how many days past its deadline the task is (open) or was (completed late).

    0 when there is no deadline, when the task was done on time, or when it is still within
    its deadline. A completion after `as_of` counts as not yet completed.
    """
    if deadline is None:
        return 0
    done = _done_by(completed_on, as_of)
    end = done if done is not None else as_of
    return max(0, (end - deadline).days)


def deadline_for(phrase_kind: DeadlinePhrase, period: Period) -> date:
    """Return the last day a task may be completed on, from how its deadline is phrased.

    - "before" ("trước năm 2025"): the day before the period starts (2024-12-31);
    - "within" ("trong quý II/2024") and "by" ("đến năm 2025", "chậm nhất tháng 6/2024"):
      the period's last day.
    Raises ValueError for any other phrase kind.
    """
    if phrase_kind == "before":
        return period.start - timedelta(days=1)
    if phrase_kind in ("within", "by"):
        return period.end
    raise ValueError(f"Cách diễn đạt thời hạn «{phrase_kind}» không hợp lệ")


def deadline_from_period(period: Period, phrase_kind: DeadlinePhrase = "within") -> date:
    """Return the deadline a period names; by default the period's last day ("trong ...").

    Same as `deadline_for(phrase_kind, period)`.
    """
    return deadline_for(phrase_kind, period)


def phrase_kind_of(text: str) -> DeadlinePhrase | None:
    """Return the kind of deadline phrase that `text` opens with ("trước năm 2025" ->
    "before", "trong quý II/2024" -> "within", "đến năm 2025" / "chậm nhất ..." -> "by"),
    or None when it opens with none of those words. Case-insensitive.
    """
    lowered = " ".join(text.casefold().split())
    for word, kind in _PHRASE_WORDS:
        if lowered == word or lowered.startswith(word + " "):
            return kind
    return None


_LIMIT_WORD = re.compile(r"(?<!\w)(?:chậm nhất|trước|trong|đến|tới)(?!\w)", re.IGNORECASE)
_LIMIT_DATE = re.compile(
    r"(?<!\w)(?:chậm nhất(?: là)?(?: trước| vào)?|trước|đến|tới|trong)\s{1,3}ngày\s{1,3}"
    r"(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?((?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)


_DAY_CODE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def deadline_of(code: str, clause: str) -> date:
    """Return the deadline a reader's code sets for `clause`: a day code ("2025-06-20") is the
    day itself; a period code ("Q2/2025", "2030") goes through `deadline_in`. Raises
    PeriodError (a Vietnamese message naming the code) when the code is neither."""
    if _DAY_CODE.fullmatch(code):
        return parse_day(code, field="thời hạn")
    return deadline_in(clause, Period.parse(code))


def deadline_in(clause: str, period: Period) -> date:
    """Return the deadline that `clause` sets with `period` (the period its deadline names).

    - A day written out ("trước ngày 30/6/2024", "chậm nhất ngày 15/3/2025") is the
      deadline itself: offices read "trước ngày 30/6" as "by 30 June";
    - otherwise the last limit word of the clause decides, as `deadline_for`:
      "trước năm 2025" -> 2024-12-31, "trong quý II/2024" -> 2024-06-30,
      "đến năm 2025" -> 2025-12-31;
    - no limit word at all: the period's last day.
    A written day that is not a real date, or falls outside `period`, is ignored.
    """
    for m in reversed(list(_LIMIT_DATE.finditer(clause))):
        try:
            day = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        if period.start <= day <= period.end:
            return day
    words = list(_LIMIT_WORD.finditer(clause))
    kind = phrase_kind_of(clause[words[-1].start() :]) if words else None
    return deadline_for(kind or "within", period)
