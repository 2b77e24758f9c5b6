"""How a typed query matches a name (chitieu.web.search): without diacritics or case, "đ" as
"d", and the usual abbreviations both ways, from the one table ABBREVIATIONS."""

from __future__ import annotations

import pytest

from chitieu.web.search import ABBREVIATIONS, Searchable, query_forms, score, search_key, words


@pytest.mark.parametrize(("text", "expected"), [
    ("Bảo hiểm y tế", ("bao", "hiem", "y", "te")),
    ("ĐẢNG VIÊN mới", ("dang", "vien", "moi")),
    ("Đường giao thông nông thôn", ("duong", "giao", "thong", "nong", "thon")),
    ("KT-XH", ("kt", "xh")),
    ("tỷ lệ 0,5%", ("ti", "le", "0", "5")),
    ("HĐND", ("hdnd",)),
    ("  ", ()),
    ("", ()),
    # decomposed marks (NFD, as some keyboards send them) fold the same as composed ones
    ("Bảo hiểm".replace("ả", "a\u0309").replace("ể", "e\u0302\u0309"), ("bao", "hiem")),
])
def test_words_are_folded_without_marks_or_case(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(("query", "name", "found"), [
    ("bao hiem y te", "Tỷ lệ dân số tham gia bảo hiểm y tế", True),
    ("BẢO HIỂM Y TẾ", "Tỷ lệ dân số tham gia bảo hiểm y tế", True),
    ("bhyt", "Tỷ lệ dân số tham gia bảo hiểm y tế", True),
    ("BHYT", "Tỷ lệ dân số tham gia Bảo hiểm Y tế", True),
    ("bảo hiểm y tế", "Tỷ lệ bao phủ BHYT", True),
    ("dang vien", "Kết nạp đảng viên mới", True),
    ("đang vien", "Kết nạp Đảng viên mới", True),
    ("grdp", "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn", True),
    ("tong san pham tren dia ban", "Tốc độ tăng trưởng GRDP", True),
    ("fdi", "Vốn đầu tư trực tiếp nước ngoài thu hút", True),
    ("von dau tu truc tiep nuoc ngoai", "Vốn FDI thu hút", True),
    ("iip", "Chỉ số sản xuất công nghiệp tăng", True),
    ("ocop", "Số sản phẩm đạt chuẩn mỗi xã một sản phẩm", True),
    ("mỗi xã một sản phẩm", "Sản phẩm OCOP 3 sao trở lên", True),
    ("ntm", "Số xã đạt chuẩn nông thôn mới nâng cao", True),
    ("nong thon moi", "Xã đạt chuẩn NTM kiểu mẫu", True),
    ("kt-xh", "Phát triển kinh tế - xã hội", True),
    ("ty le bhyt", "Tỷ lệ tham gia bảo hiểm y tế", True),  # a phrase with an abbreviation in it
    ("tham gia", "Tỷ lệ tham gia bảo hiểm y tế", True),
    ("bao hiem y", "Tỷ lệ tham gia bảo hiểm y tế", True),  # still typing: the last word's start
    ("ngheo ho", "Tỷ lệ hộ nghèo", True),  # all the words, in another order
    ("bhyt", "Bảo hiểm xã hội", False),
    ("bhxh", "Tỷ lệ tham gia bảo hiểm y tế", False),
    ("ntm", "Tỷ lệ hộ nghèo", False),
    ("ngheo", "Tỷ lệ hộ nghèo đa chiều", True),
    ("nghe", "Tỷ lệ hộ nghèo", True),
    ("ngheo dac biet", "Tỷ lệ hộ nghèo", False),  # every word must be there
    ("y te", "Ý kiến", False),
    ("ti le ho ngheo", "Tỷ lệ hộ nghèo", True),  # "tỉ" and "tỷ" are one syllable spelt two ways
    ("tỷ lệ", "Tỉ lệ đô thị hóa", True),
    ("ki thuat so", "Hạ tầng kỹ thuật số", True),
    ("quy hoach", "Quy hoạch chung thành phố", True),
    ("y te", "Trạm y tế xã", True),
    ("uy ban", "Ủy ban nhân dân", True),  # "y" alone is a word, not a piece of "ý kiến"'s "kien"
])
def test_a_query_finds_a_name_ignoring_marks_case_and_abbreviations(query, name, found):
    assert bool(score(query_forms(query), Searchable(search_key(name)))) is found


@pytest.mark.parametrize(("short", "long"), ABBREVIATIONS)
def test_every_abbreviation_of_the_table_works_both_ways(short, long):
    assert score(query_forms(short), Searchable(search_key(f"Tỷ lệ {long} năm 2025")))
    assert score(query_forms(long), Searchable(search_key(f"Tỷ lệ {short} năm 2025")))
    assert score(query_forms(short.lower()), Searchable(search_key(long.upper())))


def test_the_name_counts_more_than_the_rest_and_words_in_a_row_more_than_scattered():
    forms = query_forms("ho ngheo")
    in_row = score(forms, Searchable(search_key("Tỷ lệ hộ nghèo")))
    scattered = score(forms, Searchable(search_key("Hộ thoát nghèo")))
    in_rest = score(forms, Searchable(search_key("Giảm nghèo"), search_key("Tỷ lệ hộ nghèo dưới 0,5%")))
    assert in_row > scattered > in_rest > 0


def test_a_query_without_words_has_no_form_and_finds_nothing():
    assert query_forms(" - , ") == []
    assert score([], Searchable(search_key("Tỷ lệ hộ nghèo"))) == 0


def test_a_query_full_of_abbreviations_is_tried_in_a_bounded_number_of_spellings():
    forms = query_forms(" ".join(short for short, _ in ABBREVIATIONS))
    assert 1 < len(forms) <= 16
    assert forms[0] == words(" ".join(short for short, _ in ABBREVIATIONS))
