"""The reporting calendar's rule (chitieu.core.deadlines): due dates per period and level,
the status at a date, the reminder window, and the settings' text it is read from."""

from __future__ import annotations

import re
from datetime import date

import pytest

from chitieu.core.deadlines import DeadlineRule, DueStatus, RuleError, due_status
from chitieu.core.periods import Period

AFTER_20 = DeadlineRule.parse("+20", "commune=5,ward=5")
DAY_20 = DeadlineRule.parse("20", "commune=5")


@pytest.mark.parametrize(("rule", "period", "kind", "due"), [
    (AFTER_20, "Q1/2021", "city", date(2021, 4, 20)),
    (AFTER_20, "Q1/2021", "commune", date(2021, 4, 15)),  # communes before the city
    (AFTER_20, "Q1/2021", "ward", date(2021, 4, 15)),
    (AFTER_20, "Q1/2021", "department", date(2021, 4, 20)),  # a kind not named has no lead time
    (AFTER_20, "T12/2021", "city", date(2022, 1, 20)),
    (AFTER_20, "2021", "commune", date(2022, 1, 15)),
    (DAY_20, "Q1/2021", "city", date(2021, 3, 20)),  # the 20th of the quarter's last month
    (DAY_20, "Q1/2021", "commune", date(2021, 3, 15)),
    (DAY_20, "H1/2021", "city", date(2021, 6, 20)),
    (DAY_20, "2021", "city", date(2021, 12, 20)),
    (DeadlineRule.parse("31"), "T2/2024", "city", date(2024, 2, 29)),  # clipped to the month's end
])
def test_the_due_date_follows_the_rule_and_the_level(rule, period, kind, due):
    assert rule.due_on(Period.parse(period), kind) == due


@pytest.mark.parametrize(("reported", "as_of", "status"), [
    (False, date(2021, 4, 14), DueStatus.DUE),
    (False, date(2021, 4, 15), DueStatus.DUE),  # the due day itself is still in time
    (False, date(2021, 4, 16), DueStatus.OVERDUE),
    (True, date(2021, 6, 1), DueStatus.REPORTED),
])
def test_status_at_a_date(reported, as_of, status):
    assert due_status(reported=reported, due_on=date(2021, 4, 15), as_of=as_of) == status


def test_reminders_go_out_within_the_notice_window_around_the_deadline():
    rule = DeadlineRule.parse("+20", "", 7)
    due = date(2021, 4, 15)
    assert [rule.reminds_on(due, date(2021, 4, d)) for d in (7, 8, 15, 22, 23)] == [False, True, True, True, False]


def test_periods_due_between_lists_each_period_whose_deadline_falls_in_the_window():
    found = list(AFTER_20.periods_due_between("quarter", "commune", date(2021, 1, 1), date(2021, 12, 31)))
    assert [(p.code, d) for p, d in found] == [
        ("Q4/2020", date(2021, 1, 15)), ("Q1/2021", date(2021, 4, 15)),
        ("Q2/2021", date(2021, 7, 15)), ("Q3/2021", date(2021, 10, 15)),
    ]
    assert list(AFTER_20.periods_due_between("term", "commune", date(2021, 1, 1), date(2021, 12, 31))) == []


@pytest.mark.parametrize(("deadline", "lead", "notice", "named"), [
    ("ngày 20", "", 7, "CHITIEU_REPORT_DEADLINE: «ngày 20»"),
    ("32", "", 7, "CHITIEU_REPORT_DEADLINE: «32»"),
    ("+200", "", 7, "CHITIEU_REPORT_DEADLINE: «+200»"),
    ("+20", "xa=5", 7, "CHITIEU_REPORT_LEAD_DAYS: «xa=5»"),
    ("+20", "commune=năm", 7, "CHITIEU_REPORT_LEAD_DAYS: «commune=năm»"),
    ("+20", "", "-1", "CHITIEU_REMIND_DAYS: «-1»"),
])
def test_a_setting_that_cannot_be_read_is_named_in_vietnamese(deadline, lead, notice, named):
    with pytest.raises(RuleError, match=re.escape(named)):
        DeadlineRule.parse(deadline, lead, notice)


def test_the_rule_describes_itself_in_vietnamese():
    assert DAY_20.describe() == "ngày 20 tháng cuối kỳ (xã sớm hơn 5 ngày)"
    assert DeadlineRule.parse("+20").describe() == "20 ngày sau khi kỳ kết thúc"
