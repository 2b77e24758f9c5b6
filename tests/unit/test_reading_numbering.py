"""Draft targets take the resolution's own numbers: "(1)", then "1a", "1b" for further items
under the same number; years, dates and document numbers are not list markers."""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.reading.numbering import clause_numbers, markers


@dataclass
class At:
    start: int


def numbers_at(text: str, *words: str) -> list[str | None]:
    items = [At(text.index(w)) for w in words]
    found = clause_numbers(text, items)
    return [found.get(id(i)) for i in items]


def test_items_take_the_number_before_them_and_letters_after_the_first():
    text = "(1) GRDP tăng 13,5%, trong đó công nghiệp tăng 19,2%; dịch vụ tăng 7,8%; (2) GRDP đầu người 6.600 USD"
    assert numbers_at(text, "GRDP tăng", "công nghiệp", "dịch vụ", "GRDP đầu") == ["1", "1a", "1b", "2"]


def test_line_start_numbers_count_and_items_before_any_marker_get_none():
    text = "Năm 2024 đạt 5 xã.\n1. Thu ngân sách 95.000 tỷ đồng\n2) Hộ nghèo dưới 0,5%"
    assert numbers_at(text, "đạt 5", "Thu ngân", "Hộ nghèo") == [None, "1", "2"]


def test_years_dates_and_document_numbers_are_not_markers():
    text = "Nghị quyết 28-NQ/TU ngày 12.01.2021 (năm 2021), kỳ 2021-2025: GRDP 10%"
    assert markers(text) == []
