"""Hard line breaks inside sentences (text copied from PDFs) read as spaces (table-driven)."""

from __future__ import annotations

import pytest

from chitieu.text import extract
from chitieu.text.normalize import join_soft_breaks

PDF_COPY = (
    "Tổng sản phẩm trên địa bàn (GRDP) ước tăng 7,2% so với năm\n"
    "2022; thu ngân sách nhà nước trên địa bàn đạt\n"
    "12.345 tỷ đồng, bằng 105% dự toán; kim ngạch xuất khẩu\n"
    "đạt 2,1 tỷ USD."
)


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("so với năm\n2022; thu", "so với năm 2022; thu"),
        ("kim ngạch xuất khẩu\nđạt 2,1 tỷ USD.", "kim ngạch xuất khẩu đạt 2,1 tỷ USD."),
        ("ngân sách đạt\n12.345 tỷ đồng", "ngân sách đạt 12.345 tỷ đồng"),
        ("tăng 7,2%,\n12 xã đạt chuẩn", "tăng 7,2%, 12 xã đạt chuẩn"),
        # Sentence ends, headings, list items, tables and blank lines stay line breaks.
        ("đạt 7,2%.\nthu ngân sách", "đạt 7,2%.\nthu ngân sách"),
        ("Các chỉ tiêu chủ yếu\n1. Về kinh tế", "Các chỉ tiêu chủ yếu\n1. Về kinh tế"),
        ("Các chỉ tiêu chủ yếu\na) Giá trị sản xuất", "Các chỉ tiêu chủ yếu\na) Giá trị sản xuất"),
        ("chỉ tiêu cụ thể\n2.1. Về chính quyền số", "chỉ tiêu cụ thể\n2.1. Về chính quyền số"),
        ("Chỉ tiêu chủ yếu:\ntăng trưởng", "Chỉ tiêu chủ yếu:\ntăng trưởng"),
        ("THÔNG BÁO KẾT LUẬN\ncủa Ban Thường vụ", "THÔNG BÁO KẾT LUẬN\ncủa Ban Thường vụ"),
        ("Tỷ lệ hộ nghèo\t%\t1,5\ntỷ lệ", "Tỷ lệ hộ nghèo\t%\t1,5\ntỷ lệ"),
        ("Trụ sở: 12 Lý Tự Trọng, Hải Phòng\n0225 3842 123", "Trụ sở: 12 Lý Tự Trọng, Hải Phòng\n0225 3842 123"),
        ("đạt 7,2%\n\nthu ngân sách", "đạt 7,2%\n\nthu ngân sách"),
        ("- Tăng trưởng đạt\n- 7%", "- Tăng trưởng đạt\n- 7%"),
    ],
)
def test_a_lone_newline_inside_a_sentence_reads_as_a_space(text: str, joined: str) -> None:
    out = join_soft_breaks(text)
    assert out == joined
    assert len(out) == len(text)


def test_pdf_line_breaks_keep_names_and_baselines_whole() -> None:
    items = extract(PDF_COPY)
    got = [(it.indicator, it.value, it.baseline) for it in items]
    assert got == [
        ("Tổng sản phẩm trên địa bàn (GRDP)", 7.2, "năm 2022"),
        ("Thu ngân sách nhà nước trên địa bàn", 12345, None),
        ("Thu ngân sách nhà nước trên địa bàn so với dự toán", 105, "dự toán"),
        ("Kim ngạch xuất khẩu", 2.1, None),
    ]


def test_pdf_line_breaks_keep_offsets_into_the_original() -> None:
    for it in extract(PDF_COPY):
        assert PDF_COPY[it.start : it.end] == it.text
    assert "\n" in extract(PDF_COPY)[-1].text  # the span quotes the source as written
