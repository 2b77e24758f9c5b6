"""Guesses for proposed indicators and codes, table by table."""

from __future__ import annotations

import pytest

from chitieu.core.choices import Category
from chitieu.reading.guesses import fold, guess_category, slug


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("Kết nạp đảng viên mới", Category.PARTY),
        ("Tỷ lệ dân số tham gia bảo hiểm y tế", Category.SOCIETY),
        ("Tỷ lệ hộ nghèo", Category.SOCIETY),
        ("Tỷ lệ chất thải rắn được thu gom", Category.ENVIRONMENT),
        ("Tỷ lệ che phủ rừng", Category.ENVIRONMENT),
        ("Số vụ phạm pháp hình sự, tội phạm", Category.DEFENCE),
        ("Kim ngạch xuất khẩu", Category.ECONOMY),
        ("Trường học đạt chuẩn quốc gia", Category.SOCIETY),
        ("Sản lượng hàng hóa thông qua cảng", Category.ECONOMY),  # "cảng" is not "rác"/"rừng"
    ],
)
def test_a_proposed_indicator_is_placed_by_its_words(name, category):
    assert guess_category(name) == category


def test_codes_are_ascii_slugs_with_d_for_đ():
    assert fold("  Đảng   viên ĐỦ ") == "dang vien du"
    assert slug("Tổng vốn đầu tư toàn xã hội", 20) == "tong-von-dau-tu-toan"
    assert slug("%%%", 10) == "muc"
