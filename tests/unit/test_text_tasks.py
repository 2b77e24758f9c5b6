"""Tasks: duties with a deadline, their title, deadline code and lead unit."""

from __future__ import annotations

import pytest

from chitieu.text import extract


def _tasks(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(it.title, it.deadline, it.lead_unit) for it in extract(text) if it.kind == "task"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thành lập Khu kinh tế ven biển phía Nam thành phố Hải Phòng trước năm 2025, đồng thời nghiên cứu quy hoạch cảng Nam Đồ Sơn trước năm 2030.",
            [
                ("Thành lập Khu kinh tế ven biển phía Nam thành phố Hải Phòng", "2025", None),
                ("Nghiên cứu quy hoạch cảng Nam Đồ Sơn", "2030", None),
            ],
        ),
        (
            "Giao Sở Kế hoạch và Đầu tư chủ trì, hoàn thành đề án thu hút đầu tư trong quý III/2023.",
            [("Hoàn thành đề án thu hút đầu tư", "Q3/2023", "Sở Kế hoạch và Đầu tư")],
        ),
        (
            "Phòng Tài nguyên và Môi trường hoàn thành cấp giấy chứng nhận trong quý IV/2022.",
            [("Hoàn thành cấp giấy chứng nhận", "Q4/2022", "Phòng Tài nguyên và Môi trường")],
        ),
        (
            "Đảng ủy giao Ủy ban nhân dân xã chủ trì xây dựng kế hoạch, hoàn thành trước ngày 15/01/2022.",
            [("Xây dựng kế hoạch", "T1/2022", "Ủy ban nhân dân xã")],
        ),
    ],
)
def test_duties_with_deadlines_are_tasks(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _tasks(text) == expected


def test_task_items_carry_no_value_and_quote_their_text() -> None:
    text = "Hoàn thành bàn giao mặt bằng trước ngày 30/11/2022."
    (task,) = [it for it in extract(text) if it.kind == "task"]
    assert task.value is None and task.comparator is None
    assert text[task.start : task.end] == task.text
    assert task.to_dict()["deadline"] == "T11/2022"


def test_a_quantity_with_a_deadline_stays_a_target_not_a_task() -> None:
    items = extract("Phấn đấu thu ngân sách đạt 40.000 tỷ đồng trước năm 2025.")
    assert [it.kind for it in items] == ["target"]


def test_dated_news_without_a_duty_gives_no_task() -> None:
    assert _tasks("Trong quý II/2024, thời tiết thuận lợi.") == []
