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


# A catalogue in the demo's style: full official names, with a short name here and there.
PROVINCE = [
    CatalogueEntry("budget-revenue", "Thu ngân sách nhà nước trên địa bàn", ("Thu NSNN",)),
    CatalogueEntry("budget-growth", "Tăng trưởng tổng thu ngân sách so với cùng kỳ"),
    CatalogueEntry("domestic-revenue", "Thu nội địa"),
    CatalogueEntry("exports", "Kim ngạch xuất khẩu"),
    CatalogueEntry("poor-households", "Hộ nghèo theo chuẩn nghèo quốc gia"),
    CatalogueEntry("health-insurance", "Tỷ lệ dân số tham gia bảo hiểm y tế"),
    CatalogueEntry("grdp-per-capita", "GRDP bình quân đầu người (theo giá hiện hành)"),
    CatalogueEntry("tourists", "Khách du lịch"),
    CatalogueEntry("model-communes", "Xã nông thôn mới kiểu mẫu (thí điểm)"),
    CatalogueEntry("urban-unemployment", "Tỷ lệ thất nghiệp khu vực thành thị"),
]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # A short name that runs unbroken inside the catalogue's longer one.
        ("Thu ngân sách", "budget-revenue"),
        ("Thu ngân sách nhà nước", "budget-revenue"),
        ("Số hộ nghèo", "poor-households"),
        ("Hộ nghèo", "poor-households"),
        # Coverage is taking part; "tỉ" is "tỷ"; price bases and places qualify nothing.
        ("Tỷ lệ bao phủ bảo hiểm y tế", "health-insurance"),
        ("Tỉ lệ người dân tham gia BHYT", "health-insurance"),
        ("GRDP bình quân đầu người", "grdp-per-capita"),
        ("Tăng trưởng thu ngân sách", "budget-growth"),
    ],
)
def test_short_and_reworded_names_link(name: str, code: str) -> None:
    assert link(name, PROVINCE).code == code


@pytest.mark.parametrize(
    "name",
    [
        "Tỷ lệ hộ nghèo",  # a rate of the households, not their count
        "Hộ cận nghèo",  # near-poor: another group
        "Kim ngạch nhập khẩu",  # imports are not exports
        "Chi ngân sách nhà nước",  # spending is not revenue
        "Tỷ lệ bao phủ bảo hiểm xã hội",  # BHXH is not BHYT
        "Thu nhập bình quân đầu người",  # income is not GRDP
        "Xã đạt chuẩn nông thôn mới",  # not the model communes
        "Số xã",
        "Thu",
    ],
)
def test_near_names_of_other_measures_do_not_link(name: str) -> None:
    found = link(name, PROVINCE)
    assert found.code is None, found
