"""Linking indicator names to the catalogue: diacritics, abbreviations and proposals."""

from __future__ import annotations

import pytest

from chitieu.text import CatalogueEntry, extract, link, link_items

CATALOGUE = [
    CatalogueEntry("grdp-growth", "Tốc độ tăng trưởng kinh tế (GRDP)", ("Tăng trưởng GRDP",)),
    CatalogueEntry("bhyt", "Tỷ lệ dân số tham gia bảo hiểm y tế"),
    CatalogueEntry("iip", "Chỉ số sản xuất công nghiệp"),
    CatalogueEntry("fdi", "Vốn đầu tư trực tiếp nước ngoài thu hút"),
    CatalogueEntry("cpi", "Chỉ số giá tiêu dùng"),
    CatalogueEntry("pci", "Chỉ số năng lực cạnh tranh cấp tỉnh"),
    CatalogueEntry("unemployment", "Tỷ lệ thất nghiệp khu vực thành thị"),
]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Tỷ lệ dân số tham gia BHYT", "bhyt"),
        ("TY LE DAN SO THAM GIA BAO HIEM Y TE", "bhyt"),
        ("Chỉ số sản xuất công nghiệp (IIP)", "iip"),
        ("IIP", "iip"),
        ("Thu hút vốn FDI", "fdi"),
        ("Chỉ số giá tiêu dùng (CPI)", "cpi"),
        ("CPI", "cpi"),
        ("Chỉ số PCI", "pci"),
        ("Tốc độ tăng trưởng tổng sản phẩm trên địa bàn", "grdp-growth"),
        ("Tăng trưởng GRDP (giá so sánh 2010)", "grdp-growth"),
        ("tỷ lệ thất nghiệp thành thị", "unemployment"),
    ],
)
def test_names_link_across_diacritics_and_abbreviations(name: str, code: str) -> None:
    found = link(name, CATALOGUE)
    assert found.code == code
    assert not found.proposal
    assert 0.6 <= found.score <= 1.0


@pytest.mark.parametrize("name", ["Khách du lịch", "Kết nạp đảng viên mới", ""])
def test_unmatched_names_are_proposals(name: str) -> None:
    found = link(name, CATALOGUE)
    assert found.code is None and found.proposal
    assert found.score < 0.6


def test_link_items_sets_code_and_score_on_extracted_items() -> None:
    items = link_items(extract("Tỷ lệ dân số tham gia bảo hiểm y tế đạt 91%; khách du lịch đạt 8,25 triệu lượt."), CATALOGUE)
    assert [(it.indicator_code, it.link_score is not None) for it in items] == [("bhyt", True), (None, True)]
