"""Bracketed asides ("8,7%/năm (chỉ tiêu Đại hội là 10 - 11%/năm)") speak for themselves:
their cue, name and period stay inside the bracket (blind round 23)."""

from __future__ import annotations

import pytest

from chitieu.text import extract

_REVIEW = (
    "Báo cáo sơ kết giữa nhiệm kỳ 2020 - 2025 cho biết, đến nay có 9 chỉ tiêu đã đạt.\n\n"
    "Giai đoạn 2021 - 2023, tốc độ tăng giá trị sản xuất bình quân đạt 8,7%/năm (chỉ tiêu Đại hội là "
    "10 - 11%/năm); tỷ trọng nông nghiệp giảm còn 38,2%. Thu nhập bình quân đầu người năm 2023 đạt 62,5 triệu đồng. "
    "Đến hết năm 2023, toàn huyện có 20/28 xã đạt chuẩn nông thôn mới (chỉ tiêu đến năm 2025 là 26 xã), "
    "3 xã đạt chuẩn nông thôn mới nâng cao. Vẫn còn khó khăn ở tỷ lệ đô thị hóa (năm 2023 mới đạt 14,5%, "
    "chỉ tiêu đến năm 2025 là 20%).\n\n"
    "Từ đầu nhiệm kỳ đến nay, Ủy ban Kiểm tra các cấp đã kiểm tra 54 tổ chức đảng."
)


def _item(text: str, value: float):  # type: ignore[no-untyped-def]
    return next(it for it in extract(text) if it.value == value and it.planned is None)


@pytest.mark.parametrize(
    ("value", "kind", "indicator", "period"),
    [
        (8.7, "result", "Tốc độ tăng giá trị sản xuất", "2021-2023"),
        (10, "target", "Tốc độ tăng giá trị sản xuất", None),
        (38.2, "result", None, "2021-2023"),
        (62.5, "result", None, "2023"),
        (26, "target", "Xã đạt chuẩn nông thôn mới", "2025"),
        (3, "result", None, "2023"),
        (14.5, "result", "Tỷ lệ đô thị hóa", "2023"),
        (20, "target", "Tỷ lệ đô thị hóa", "2025"),
        (54, "result", None, "2020-2025"),
    ],
)
def test_an_aside_keeps_its_cue_name_and_period_to_itself(value: float, kind: str, indicator: str | None, period: str | None) -> None:
    it = _item(_REVIEW, value)
    assert it.kind == kind
    if indicator is not None:
        assert it.indicator == indicator
    if period is not None:
        assert it.period == period


def test_a_plan_in_brackets_heads_no_sub_list() -> None:
    text = (
        "GRDP 6 tháng đầu năm 2024 ước tăng 6,28% so với cùng kỳ (kế hoạch năm tăng 7%), trong đó "
        "khu vực dịch vụ tăng 7,36%; khu vực công nghiệp tăng 8,12%."
    )
    assert [(it.value, it.kind) for it in extract(text)] == [(6.28, "result"), (7, "target"), (7.36, "result"), (8.12, "result")]


@pytest.mark.parametrize(
    "head",
    ["Hội nghị thống nhất mục tiêu, nhiệm vụ từ nay đến cuối nhiệm kỳ", "Hội nghị thống nhất các chỉ tiêu năm 2025"],
)
def test_a_conference_agreeing_is_no_measure_head(head: str) -> None:
    it = _item(f"{head}: phấn đấu thu nhập bình quân đầu người đạt 75 triệu đồng.", 75)
    assert it.indicator == "Thu nhập bình quân đầu người"
    assert it.kind == "target"


def test_a_plan_share_under_a_striving_head_is_a_target() -> None:
    text = "Phấn đấu hoàn thành các chỉ tiêu năm 2024: tốc độ tăng trưởng GRDP đạt 7%; giải ngân vốn đầu tư công đạt 100% kế hoạch."
    assert [(it.value, it.kind) for it in extract(text)] == [(7, "target"), (100, "target")]
