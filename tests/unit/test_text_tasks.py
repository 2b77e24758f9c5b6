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
        # The subject first and the object after the deadline.
        (
            "Sở Kế hoạch và Đầu tư hoàn thành trong quý III/2024 đề án thành lập Trung tâm tài chính quốc tế.",
            [("Hoàn thành đề án thành lập Trung tâm tài chính quốc tế", "Q3/2024", "Sở Kế hoạch và Đầu tư")],
        ),
        (
            "Giao Sở Tài chính chủ trì, hoàn thành trước ngày 30/6/2024 việc rà soát nợ đọng thuế.",
            [("Hoàn thành rà soát nợ đọng thuế", "T6/2024", "Sở Tài chính")],
        ),
        (
            "Phòng Nội vụ xong trước quý II/2025 hồ sơ sắp xếp đơn vị hành chính, để trình Hội đồng nhân dân.",
            [("Xong hồ sơ sắp xếp đơn vị hành chính", "Q2/2025", "Phòng Nội vụ")],
        ),
        # A directing verb is no part of the unit.
        (
            "Ban Thường vụ Tỉnh ủy chỉ đạo thành lập Ban Chỉ đạo chuyển đổi số, hoàn thành trước quý IV/2024.",
            [("Thành lập Ban Chỉ đạo chuyển đổi số", "Q4/2024", "Ban Thường vụ Tỉnh ủy")],
        ),
        (
            "UBND huyện yêu cầu triển khai phần mềm một cửa điện tử trước ngày 01/9/2024.",
            [("Triển khai phần mềm một cửa điện tử", "T9/2024", "UBND huyện")],
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


def test_a_quantity_in_an_assigned_duty_is_a_target_and_the_task_names_it() -> None:
    items = extract("Giao Sở Xây dựng chủ trì, hoàn thành trước năm 2025 việc xây dựng 5.000 căn nhà ở xã hội.")
    (task,) = [it for it in items if it.kind == "task"]
    (target,) = [it for it in items if it.kind != "task"]
    assert (task.title, task.deadline, task.lead_unit) == ("Hoàn thành xây dựng 5.000 căn nhà ở xã hội", "2025", "Sở Xây dựng")
    assert (target.kind, target.value, target.unit) == ("target", 5000, "căn")
    assert "trước" not in target.indicator


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Giao Sở Y tế chủ trì, tiêm vắc xin cho 95% trẻ em trong độ tuổi.", "target"),
        ("Đề nghị Ủy ban nhân dân huyện chỉ đạo cấp 1.200 thẻ bảo hiểm y tế cho hộ cận nghèo.", "target"),
        ("Chậm nhất quý II/2025 hoàn thành 12 công trình thủy lợi.", "target"),
        # Done already: a report, whatever the deadline was.
        ("Sở Xây dựng đã hoàn thành trước năm 2024 việc xây dựng 800 căn nhà ở xã hội.", "result"),
    ],
)
def test_a_duty_assigned_with_a_deadline_or_to_a_unit_is_a_target(text: str, kind: str) -> None:
    assert [it.kind for it in extract(text) if it.kind != "task"] == [kind]
