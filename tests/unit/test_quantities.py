"""Quantities: Vietnamese numbers, scale words, unit conversion and formatting back."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.quantities import (
    SCALES,
    Quantity,
    QuantityError,
    UnitError,
    conversion_factor,
    format_number,
    format_quantity,
    format_range,
    format_target,
    is_finite,
    parse_number,
    parse_quantity,
    parse_range,
    same_quantity,
    split_unit,
)

NUMBERS = [
    ("vietnamese thousands and decimals", "89.490,478", 89490.478),
    ("dot before three digits is thousands", "3.300", 3300.0),
    ("decimal comma", "13,5", 13.5),
    ("several thousands dots", "1.234.567", 1234567.0),
    ("english decimal point", "2.5", 2.5),
    ("dot before two digits is decimal", "13.50", 13.5),
    ("leading zero makes a dot decimal", "0.500", 0.5),
    ("english thousands commas", "1,234,567", 1234567.0),
    ("single comma is decimal even before three digits", "3,300", 3.3),
    ("english mixed", "1,234.5", 1234.5),
    ("spaces between groups", "1 234 567", 1234567.0),
    ("no-break space between groups", "12\u00a0500", 12500.0),
    ("integer", "2021", 2021.0),
    ("negative", "-1,5", -1.5),
    ("unicode minus", "\u22122,5", -2.5),
    ("plus sign", "+7", 7.0),
    ("surrounding spaces", "  8,25 ", 8.25),
    ("zero", "0", 0.0),
]


@pytest.mark.parametrize(
    ("text", "expected"), [n[1:] for n in NUMBERS], ids=[n[0] for n in NUMBERS]
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


BAD_NUMBERS = [
    ("letters", "abc"),
    ("empty", ""),
    ("double dot", "1..2"),
    ("nan", "nan"),
    ("infinity", "inf"),
    ("exponent", "1e5"),
    ("dots not in groups of three", "1.2.3"),
    ("commas not in groups of three", "1,23,4"),
    ("leading dot", ".5"),
    ("trailing dot", "12."),
    ("mixed marks out of place", "1.23,4.5"),
    ("two numbers", "3 4"),
    ("number with unit", "12 tỷ"),
]


@pytest.mark.parametrize("text", [b[1] for b in BAD_NUMBERS], ids=[b[0] for b in BAD_NUMBERS])
def test_a_bad_number_is_refused_with_a_message_naming_it(text):
    with pytest.raises(QuantityError) as info:
        parse_number(text)
    assert f"«{text}»" in str(info.value)
    assert "không phải là một số" in str(info.value)


UNITS = [
    ("nghìn tỷ đồng", 1e12, "đồng"),
    ("ngàn tỷ đồng", 1e12, "đồng"),
    ("tỷ USD", 1e9, "USD"),
    ("tỉ đồng", 1e9, "đồng"),
    ("Tỷ  đồng", 1e9, "đồng"),
    ("triệu lượt", 1e6, "lượt"),
    ("nghìn người", 1e3, "người"),
    ("ngàn lượt khách", 1e3, "lượt khách"),
    ("%", 1.0, "%"),
    ("%/năm", 1.0, "%"),
    ("USD/người", 1.0, "USD/người"),
    ("triệu đồng/người/năm", 1e6, "đồng/người/năm"),
    ("triệu đồng / người / năm", 1e6, "đồng/người/năm"),
    ("giường bệnh/vạn dân", 1.0, "giường bệnh/vạn dân"),
    ("tỷ lệ", 1.0, "tỷ lệ"),
    ("Tỉ trọng", 1.0, "Tỉ trọng"),
    ("tấn", 1.0, "tấn"),
    ("triệu", 1e6, ""),
    ("", 1.0, ""),
]


@pytest.mark.parametrize(("unit", "scale", "base"), UNITS, ids=[u[0] or "empty" for u in UNITS])
def test_split_unit_into_scale_and_base(unit, scale, base):
    assert split_unit(unit) == (scale, base)


def test_split_unit_normalises_decomposed_vietnamese():
    import unicodedata

    assert split_unit(unicodedata.normalize("NFD", "nghìn tỷ đồng")) == (1e12, "đồng")


def test_scale_words_are_listed_longest_first():
    words = list(SCALES)
    for i, word in enumerate(words):
        for later in words[i + 1 :]:
            assert not later.startswith(word + " "), f"«{later}» must come before «{word}»"


FACTORS = [
    ("nghìn tỷ đồng", "tỷ đồng", 1000.0),
    ("tỷ đồng", "nghìn tỷ đồng", 0.001),
    ("tỷ đồng", "triệu đồng", 1000.0),
    ("triệu lượt", "lượt", 1e6),
    ("%", "%/năm", 1.0),
    ("tỷ USD", "triệu usd", 1000.0),
    ("tỷ VNĐ", "tỷ đồng", 1.0),
    ("USD/người", "USD/người", 1.0),
    ("bác sĩ/10.000 dân", "bác sĩ/vạn dân", 1.0),
    ("phần trăm", "%", 1.0),
]


@pytest.mark.parametrize(
    ("src", "dst", "factor"), FACTORS, ids=[f"{a} -> {b}" for a, b, _ in FACTORS]
)
def test_conversion_factor(src, dst, factor):
    assert conversion_factor(src, dst) == pytest.approx(factor, rel=1e-12)


@pytest.mark.parametrize(
    ("src", "dst"),
    [("tấn", "tỷ đồng"), ("tỷ USD", "tỷ đồng"), ("%", "người"), ("USD/người", "USD"), ("lượt", "")],
    ids=["tons to money", "dollars to dong", "rate to count", "per head to total", "count to bare"],
)
def test_units_that_do_not_convert_are_refused_naming_both(src, dst):
    with pytest.raises(UnitError) as info:
        conversion_factor(src, dst)
    assert str(info.value) == f"Đơn vị «{src}» không quy đổi được sang «{dst}»"


QUANTITIES = [
    ("13,5%", 13.5, "%"),
    ("3,77 %", 3.77, "%"),
    ("89.490,478 tỷ đồng", 89490.478, "tỷ đồng"),
    ("204 nghìn tỷ đồng", 204.0, "nghìn tỷ đồng"),
    ("8,25 triệu lượt", 8.25, "triệu lượt"),
    ("6.600 USD", 6600.0, "USD"),
    ("3.186 đảng viên", 3186.0, "đảng viên"),
    ("12", 12.0, ""),
    ("  7,5 %/năm ", 7.5, "%/năm"),
]


@pytest.mark.parametrize(("text", "value", "unit"), QUANTITIES, ids=[q[0] for q in QUANTITIES])
def test_parse_quantity(text, value, unit):
    assert parse_quantity(text) == Quantity(value, unit)


@pytest.mark.parametrize(
    "text", ["tỷ đồng", "", "khoảng 12%", "abc 12", "5 - 7 tỷ", "3 4", "12 -5"]
)
def test_a_quantity_must_start_with_a_number(text):
    with pytest.raises(QuantityError) as info:
        parse_quantity(text)
    assert f"«{text}»" in str(info.value)


def test_a_quantity_refuses_nan_and_infinity():
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(QuantityError):
            Quantity(bad, "tỷ đồng")


def test_base_value_and_unit_apply_the_scale():
    q = Quantity(204, "nghìn tỷ đồng")
    assert q.base_value == pytest.approx(2.04e14)
    assert q.base_unit == "đồng"


def test_same_amount_in_different_scales_is_the_same_quantity():
    assert same_quantity(Quantity(204, "nghìn tỷ đồng"), Quantity(204_000, "tỷ đồng"))
    assert same_quantity(Quantity(0.1 + 0.2, "tỷ đồng"), Quantity(300, "triệu đồng"))
    assert not same_quantity(Quantity(204, "nghìn tỷ đồng"), Quantity(204_001, "tỷ đồng"))
    assert not same_quantity(Quantity(204, "tỷ USD"), Quantity(204, "tỷ đồng"))
    assert Quantity(204, "nghìn tỷ đồng") != Quantity(204_000, "tỷ đồng")


def test_to_converts_between_scales_and_refuses_other_bases():
    assert Quantity(89_490.478, "tỷ đồng").to("nghìn tỷ đồng").value == pytest.approx(89.490478)
    assert Quantity(8.25, "triệu lượt").to("lượt") == Quantity(8_250_000, "lượt")
    with pytest.raises(UnitError):
        Quantity(1, "tấn").to("tỷ đồng")


RANGES = [
    ("2,5 – 3,0 tỷ USD", (2.5, "tỷ USD"), (3.0, "tỷ USD")),
    ("3.300 – 3.500 đảng viên", (3300.0, "đảng viên"), (3500.0, "đảng viên")),
    ("8-10", (8.0, ""), (10.0, "")),
    ("từ 7,5 đến 8,0%/năm", (7.5, "%/năm"), (8.0, "%/năm")),
    ("7,5% - 8%", (7.5, "%"), (8.0, "%")),
    ("khoảng 12 — 13 %", (12.0, "%"), (13.0, "%")),
    ("900 triệu - 1,2 tỷ đồng", (900.0, "triệu đồng"), (1.2, "tỷ đồng")),
]


@pytest.mark.parametrize(("text", "lo", "hi"), RANGES, ids=[r[0] for r in RANGES])
def test_parse_range_applies_a_trailing_unit_to_both_ends(text, lo, hi):
    assert parse_range(text) == (Quantity(*lo), Quantity(*hi))


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("10 - 8", QuantityError),
        ("3 tỷ - 900 triệu đồng", QuantityError),
        ("12%", QuantityError),
        ("a - b", QuantityError),
        ("5 tấn - 7 tỷ đồng", UnitError),
    ],
    ids=[
        "low above high",
        "low above high across scales",
        "single value",
        "letters",
        "units differ",
    ],
)
def test_bad_ranges_are_refused(text, error):
    with pytest.raises(error):
        parse_range(text)


def test_a_range_whose_units_differ_names_the_units_as_written():
    with pytest.raises(UnitError, match="«tấn» không quy đổi được sang «tỷ đồng»"):
        parse_range("5 tấn - 7 tỷ đồng")


FORMATTED = [
    (89490.478, None, "89.490,478"),
    (13.5, None, "13,5"),
    (3300, None, "3.300"),
    (12.0, None, "12"),
    (-1.5, None, "-1,5"),
    (1234567.0, None, "1.234.567"),
    (2.675, None, "2,675"),
    (0.12345, None, "0,123"),
    (0.0005, None, "0,001"),
    (0.000123, None, "0,000123"),
    (-0.0, None, "0"),
    (-0.0001, 2, "0,00"),
    (13.5, 2, "13,50"),
    (3300, 0, "3.300"),
    (2.345, 2, "2,35"),
    (1e15, None, "1.000.000.000.000.000"),
    (1e30, None, "1.000.000.000.000.000.000.000.000.000.000"),
    (2.5, 0, "3"),
    (-2.5, 0, "-3"),
]


@pytest.mark.parametrize(
    ("x", "decimals", "text"), FORMATTED, ids=[f"{x!r} d={d}" for x, d, _ in FORMATTED]
)
def test_format_number(x, decimals, text):
    assert format_number(x, decimals) == text


@pytest.mark.parametrize("x", [math.nan, math.inf, -math.inf, True])
def test_format_number_refuses_non_finite(x):
    with pytest.raises(QuantityError):
        format_number(x)


def test_format_number_refuses_negative_decimals():
    with pytest.raises(ValueError):
        format_number(1.5, -1)


def test_the_largest_float_formats_with_every_digit():
    text = format_number(1.7976931348623157e308)
    assert text.startswith("179.769.313.486.231.570")
    assert parse_number(text) == 1.7976931348623157e308


@pytest.mark.parametrize(
    ("q", "text"),
    [
        (Quantity(204, "nghìn tỷ đồng"), "204 nghìn tỷ đồng"),
        (Quantity(13.5, "%"), "13,5%"),
        (Quantity(7.5, "%/năm"), "7,5%/năm"),
        (Quantity(8.25, "triệu lượt"), "8,25 triệu lượt"),
        (Quantity(3186, ""), "3.186"),
    ],
    ids=["scale word", "percent", "yearly percent", "millions", "no unit"],
)
def test_format_quantity(q, text):
    assert format_quantity(q) == text
    assert str(q) == text


def test_format_range():
    assert format_range(3300, 3500, "đảng viên") == "3.300 – 3.500 đảng viên"
    assert format_range(7.5, 8, "%") == "7,5 – 8%"


@pytest.mark.parametrize("text", [q[0].strip() for q in QUANTITIES if " %" not in q[0]])
def test_formatting_a_parsed_quantity_gives_the_text_back(text):
    assert format_quantity(parse_quantity(text)) == text


@pytest.mark.parametrize("text", [r[0] for r in RANGES[:2]])
def test_formatting_a_parsed_range_gives_the_text_back(text):
    lo, hi = parse_range(text)
    assert format_range(lo.value, hi.value, hi.unit) == text.replace(",0 ", " ")


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (1, True),
        (1.5, True),
        (-0.0, True),
        (math.nan, False),
        (math.inf, False),
        (True, False),
        ("1", False),
        (None, False),
    ],
    ids=["int", "float", "negative zero", "nan", "inf", "bool", "string", "none"],
)
def test_is_finite(x, expected):
    assert is_finite(x) is expected


finite = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False)


@given(finite)
def test_parse_number_reads_back_what_format_number_writes(x):
    back = parse_number(format_number(x))
    assert abs(back - x) <= 0.0005 + 1e-12 * abs(x)


@given(finite, st.integers(min_value=0, max_value=4))
def test_fixed_decimals_round_trip_within_half_a_unit_of_the_last_place(x, decimals):
    text = format_number(x, decimals)
    assert abs(parse_number(text) - x) <= 0.5 * 10**-decimals + 1e-12 * abs(x)
    if decimals:
        assert len(text.rsplit(",", 1)[1]) == decimals


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=999))
def test_format_number_gives_back_the_text_it_parsed(whole, thousandths):
    x = whole + math.copysign(thousandths / 1000, whole or 1)
    text = format_number(x)
    assert format_number(parse_number(text)) == text


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((">=", 12.5, None, "%"), {}, "≥ 12,5%"),
        (("<=", 0.5, None, "%"), {}, "≤ 0,5%"),
        (("=", 100, None, "%"), {}, "100%"),
        (("range", 3300, 3500, "đảng viên"), {}, "3.300 – 3.500 đảng viên"),
        (("increase_by", 10, None, "%"), {}, "tăng 10%"),
        (("decrease_by", 1.5, None, "điểm %"), {}, "giảm 1,5 điểm %"),
        ((">=", 90000, None), {}, "≥ 90.000"),
        ((">=", 3.77, None), {"figure": 3.77025}, "≥ 3,7700"),
        ((">=", 3.77, None), {"figure": 4.1}, "≥ 3,77"),
    ],
)
def test_a_target_is_written_one_way_for_every_table(args, kwargs, expected):
    assert format_target(*args, **kwargs) == expected
