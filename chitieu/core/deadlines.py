"""The reporting calendar's rule: when a unit's figure for a period is due, and when to remind.

One rule for the whole application (settings.REPORT_CALENDAR, read once at start-up from
CHITIEU_REPORT_DEADLINE, CHITIEU_REPORT_LEAD_DAYS and CHITIEU_REMIND_DAYS): the completeness
table, the calendar, the reminders and `chitieu due` all ask it, never a date of their own.

- The city's deadline for a period is either the Nth day of the period's last month ("20":
  the 20th of March for Q1, clipped to the month's last day) or N days after the period ends
  ("+20": 20 April for Q1).
- Each level reports earlier by its lead time: communes 5 days before the city, so the city can
  combine their figures ("commune=5,ward=5,special_zone=5"; a kind not named has none).
- Reminders go out from `notice_days` before a deadline until `notice_days` after it.

Pure standard library; time is always an argument (`as_of`).
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from chitieu.core.choices import PeriodKind, UnitKind
from chitieu.core.periods import Period, PeriodError

#: The period kinds a figure is reported by; a term or year-to-date is no reporting period.
REPORTING_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR)


class DueStatus(StrEnum):
    """Where one expected figure stands at a date (the `status` of `chitieu due`)."""

    REPORTED = "reported"
    DUE = "due"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return {"reported": "Đã báo cáo", "due": "Sắp đến hạn", "overdue": "Quá hạn"}[self.value]


def due_status(*, reported: bool, due_on: date, as_of: date) -> DueStatus:
    """Reported whenever a figure was sent; else overdue once `as_of` is past `due_on` (the due
    day itself is still in time)."""
    if reported:
        return DueStatus.REPORTED
    return DueStatus.OVERDUE if as_of > due_on else DueStatus.DUE


class RuleError(ValueError):
    """A calendar setting that cannot be read; the message is Vietnamese and names it."""


@dataclass(frozen=True)
class DeadlineRule:
    """When figures are due. Exactly one of `day_of_last_month` and `days_after_end` is set."""

    day_of_last_month: int | None = None
    days_after_end: int | None = 20
    lead_days: Mapping[str, int] = field(default_factory=dict)
    notice_days: int = 7

    @classmethod
    def parse(cls, deadline: str, lead: str = "", notice_days: int | str = 7) -> DeadlineRule:
        """Read the settings' text: `deadline` "20" (the 20th of the period's last month) or
        "+20" (20 days after the period ends); `lead` "commune=5,ward=5" (unit kinds and
        days, 0..60); `notice_days` 0..60. Raises RuleError naming the setting and the value."""
        raw = deadline.strip()
        body = raw[1:] if raw.startswith("+") else raw
        if not body.isdigit():
            raise RuleError(f"CHITIEU_REPORT_DEADLINE: «{deadline}» không hợp lệ; ghi «20» (ngày 20 tháng cuối kỳ) hoặc «+20» (20 ngày sau khi kỳ kết thúc).")
        n = int(body)
        if raw.startswith("+"):
            if n > 120:
                raise RuleError(f"CHITIEU_REPORT_DEADLINE: «{deadline}»: hạn nộp quá 120 ngày sau khi kỳ kết thúc.")
            day, after = None, n
        else:
            if not 1 <= n <= 31:
                raise RuleError(f"CHITIEU_REPORT_DEADLINE: «{deadline}»: ngày trong tháng phải từ 1 đến 31.")
            day, after = n, None
        kinds = {k.value for k in UnitKind}
        leads: dict[str, int] = {}
        for part in (p.strip() for p in lead.split(",")):
            if not part:
                continue
            kind, sep, days = (x.strip() for x in part.partition("="))
            if not sep or kind not in kinds or not days.isdigit() or int(days) > 60:
                raise RuleError(
                    f"CHITIEU_REPORT_LEAD_DAYS: «{part}» không hợp lệ; ghi loại đơn vị=số ngày (0–60), "
                    f"ví dụ commune=5; loại đơn vị là một trong: {', '.join(sorted(kinds))}."
                )
            leads[kind] = int(days)
        notice = str(notice_days).strip()
        if not notice.isdigit() or int(notice) > 60:
            raise RuleError(f"CHITIEU_REMIND_DAYS: «{notice_days}» không hợp lệ; ghi số ngày từ 0 đến 60.")
        return cls(day_of_last_month=day, days_after_end=after, lead_days=leads, notice_days=int(notice))

    def city_due(self, period: Period) -> date:
        """The deadline of `period` for a unit without lead time (the city)."""
        if self.day_of_last_month is not None:
            last = _calendar.monthrange(period.end.year, period.end.month)[1]
            return period.end.replace(day=min(self.day_of_last_month, last))
        return period.end + timedelta(days=self.days_after_end or 0)

    def due_on(self, period: Period, unit_kind: str) -> date:
        """The deadline of `period` for a unit of kind `unit_kind`: the city's minus the
        level's lead time."""
        return self.city_due(period) - timedelta(days=self.lead_days.get(str(unit_kind), 0))

    def reminds_on(self, due_on: date, as_of: date) -> bool:
        """True when a reminder for a deadline `due_on` may go out on `as_of`: from
        `notice_days` before it to `notice_days` after it."""
        return abs((as_of - due_on).days) <= self.notice_days

    def periods_due_between(self, kind: str, unit_kind: str, first: date, last: date) -> Iterator[tuple[Period, date]]:
        """(period, due date) for every period of `kind` whose deadline for `unit_kind` lies in
        [first, last], in order; nothing for a kind that is no reporting period."""
        try:
            pk = PeriodKind(kind)
        except ValueError:
            return
        if pk not in REPORTING_KINDS:
            return
        # A deadline falls at most ~4 months after its period's end: start a year early.
        for year in range(first.year - 1, last.year + 1):
            try:
                periods = Period.year(year).subperiods(pk)
            except PeriodError:
                continue
            for p in periods:
                due = self.due_on(p, unit_kind)
                if first <= due <= last:
                    yield p, due

    def describe(self) -> str:
        """The rule in Vietnamese, for the pages ("ngày 20 tháng cuối kỳ; xã sớm hơn 5 ngày")."""
        if self.day_of_last_month is not None:
            text = f"ngày {self.day_of_last_month} tháng cuối kỳ"
        else:
            text = f"{self.days_after_end} ngày sau khi kỳ kết thúc"
        leads = [f"{UnitKind(k).label.lower()} sớm hơn {d} ngày" for k, d in self.lead_days.items() if d]
        return text + (" (" + ", ".join(leads) + ")" if leads else "")
