"""Whether the shares of a target add up to it (chitieu.core.shares): one row per rule."""

from __future__ import annotations

import pytest

from chitieu.core.choices import Aggregation, Comparator
from chitieu.core.shares import parts_refusal

SUM, AVG = Aggregation.SUM, Aggregation.AVERAGE


@pytest.mark.parametrize(
    ("comparator", "aggregation", "value", "value_max", "parts", "expected"),
    [
        (Comparator.EQ, SUM, 56000, None, [30000, 26000], None),
        (Comparator.EQ, SUM, 56000, None, [30000, 25000],
         "Tổng các phần giao là 55.000 lượt người, chưa bằng chỉ tiêu 56.000 lượt người: còn thiếu 1.000 lượt người."),
        (Comparator.EQ, SUM, 56000, None, [30000, 26500],
         "Tổng các phần giao là 56.500 lượt người, vượt chỉ tiêu 56.000 lượt người: thừa 500 lượt người."),
        (Comparator.GE, SUM, 100, None, [60, 50], None),  # more than a floor is allowed
        (Comparator.GE, SUM, 100, None, [60, 30],
         "Tổng các phần giao là 90 lượt người, thấp hơn chỉ tiêu 100 lượt người: còn thiếu 10 lượt người."),
        (Comparator.LE, SUM, 100, None, [60, 30], None),
        (Comparator.LE, SUM, 100, None, [60, 50],
         "Tổng các phần giao là 110 lượt người, vượt chỉ tiêu 100 lượt người: thừa 10 lượt người."),
        (Comparator.RANGE, SUM, 3300, 3500, [1700, 1700], None),
        (Comparator.RANGE, SUM, 3300, 3500, [1000, 1000],
         "Tổng các phần giao là 2.000 lượt người, thấp hơn mức tối thiểu 3.300 lượt người: còn thiếu 1.300 lượt người."),
        (Comparator.EQ, AVG, 95, None, [90, 99, 80], None),  # a rate's shares are rates of their own
        (Comparator.INCREASE_BY, SUM, 10, None, [3, 4], None),  # a growth is not a sum of its parts
        (Comparator.EQ, SUM, 0.3, None, [0.1, 0.2], None),  # float sums compare as the plan reads
        (Comparator.EQ, AVG, 95, None, [-1], "Phần giao -1 không hợp lệ: phải là số không âm."),
    ],
)
def test_parts_add_up_to_the_target_or_the_difference_is_named(comparator, aggregation, value, value_max, parts, expected):
    assert parts_refusal(comparator, aggregation, value, value_max, parts, "lượt người") == expected
