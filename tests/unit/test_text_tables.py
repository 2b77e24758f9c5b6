"""Tables flattened to text: one item per number, kind and period from the column header."""

from __future__ import annotations

import pytest

from chitieu.text import extract

TAB = (
    "STT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2023\tƯớc thực hiện năm 2023\tSo sánh TH/KH (%)\n"
    "1\tThu ngân sách nhà nước\ttỷ đồng\t610\t655,4\t107,4\n"
)
BAR = "TT | Chỉ tiêu | ĐVT | TH 2022 | KH 2023\n1 | Tỷ lệ hộ nghèo | % | 25,5 | 22,5\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            TAB,
            [
                ("610", "target", 610, "tỷ đồng", "2023"),
                ("655,4", "result", 655.4, "tỷ đồng", "2023"),
                ("107,4", "result", 107.4, "%", "2023"),
            ],
        ),
        (BAR, [("25,5", "result", 25.5, "%", "2022"), ("22,5", "target", 22.5, "%", "2023")]),
    ],
)
def test_table_rows_give_one_item_per_number(text: str, expected: list[tuple[str, str, float, str, str]]) -> None:
    items = extract(text)
    assert [(it.text, it.kind, it.value, it.unit, it.period) for it in items] == expected
    assert all(text[it.start : it.end] == it.text for it in items)


def test_a_ratio_column_is_named_against_the_plan() -> None:
    ratio = extract(TAB)[-1]
    assert ratio.indicator == "Thu ngân sách nhà nước so với kế hoạch"
    assert ratio.baseline == "kế hoạch"


def test_prose_with_a_tab_is_not_a_table() -> None:
    assert [it.value for it in extract("Thu ngân sách đạt\t300 tỷ đồng.")] == [300]
