"""Numbers and units the Vietnamese way: "89.490,478 tỷ đồng" <-> Quantity, and back.

Number rule (parse_number): Vietnamese writes "." between thousands and "," before decimals.
  * both "." and "," present: the one that comes last is the decimal mark ("89.490,478",
    and English "1,234.5"); the other must separate groups of three digits;
  * only dots: several dots, or one dot followed by exactly three digits after a 1-3 digit
    group not starting with 0, separate thousands ("1.234.567", "3.300"); any other single dot
    is a decimal point ("2.5", "0.500", "13.50");
  * only commas: one comma is always a decimal comma ("13,5", and "3,300" is 3.3, the
    Vietnamese reading); several commas must separate groups of three ("1,234,567");
  * spaces (also no-break and thin spaces) may separate groups of three digits ("1 234 567").

Units: a unit is an optional scale word followed by a base unit: "nghìn tỷ đồng" is 10^12
"đồng". Scale words count only at the front ("vạn" in "giường bệnh/vạn dân" is part of the
base). Base units compare case-insensitively, "%/năm" is "%" (a yearly rate is a rate) and
"VNĐ", "VND", "đ" are "đồng".

Pure standard library.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

#: Scale words and their factors, longest first so "nghìn tỷ" wins over "nghìn".
SCALES: dict[str, float] = {
    "nghìn tỷ": 1e12,
    "ngàn tỷ": 1e12,
    "nghìn tỉ": 1e12,
    "ngàn tỉ": 1e12,
    "nghìn": 1e3,
    "ngàn": 1e3,
    "triệu": 1e6,
    "tỷ": 1e9,
    "tỉ": 1e9,
}

# Different spellings of one base unit, compared after casefolding.
_BASE_ALIASES = {"%/năm": "%", "phần trăm": "%", "vnđ": "đồng", "vnd": "đồng", "đ": "đồng"}

# "tỷ lệ" (ratio), "tỷ trọng" (share), "tỷ suất" (rate) are words, not "10^9 lệ".
_NOT_SCALED = [[t, w] for t in ("tỷ", "tỉ") for w in ("lệ", "trọng", "suất")]

_SPACES = "\u00a0\u202f\u2009\u2007"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


class QuantityError(ValueError):
    """Text that is not a (finite) number or quantity; the message is Vietnamese and names it."""


class UnitError(ValueError):
    """Units that do not convert into each other; the message is Vietnamese and names both."""


def is_finite(x: object) -> bool:
    """True for an int or float (not a bool) that is neither NaN nor infinite."""
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


# ---- numbers ----------------------------------------------------------------------------

_NUMBER_SHAPE = re.compile(r"[+-]?\d[\d.,]*")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+")


def _normalise_number_text(text: str) -> str:
    s = unicodedata.normalize("NFC", text).strip()
    for dash in _DASHES:
        s = s.replace(dash, "-")
    # Spaces may separate groups of three digits only.
    return re.sub(rf"(?<=\d)[ {_SPACES}](?=\d{{3}}(?!\d))", "", s)


def parse_number(text: str) -> float:
    """Return the number written in `text` by the rule in the module docstring.

    Raises QuantityError (naming `text`) for anything else: "", "abc", "1..2", "1.2.3",
    "nan", "inf", "1e5".
    """
    s = _normalise_number_text(text)
    if not _NUMBER_SHAPE.fullmatch(s):
        raise QuantityError(f"«{text}» không phải là một số")
    sign = -1.0 if s[0] == "-" else 1.0
    body = s.lstrip("+-")
    last_dot, last_comma = body.rfind("."), body.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal_mark = "," if last_comma > last_dot else "."
        whole, _, frac = body.rpartition(decimal_mark)
        if not _GROUPED.fullmatch(whole) or not frac.isdigit():
            raise QuantityError(f"«{text}» không phải là một số (dấu phân cách không đúng chỗ)")
        digits = whole.replace("." if decimal_mark == "," else ",", "") + "." + frac
    elif last_dot >= 0:
        if body.count(".") > 1 or _is_thousands_group(body, "."):
            if not _GROUPED.fullmatch(body):
                raise QuantityError(f"«{text}» không phải là một số (dấu chấm không đúng chỗ)")
            digits = body.replace(".", "")
        else:
            digits = body
    elif last_comma >= 0:
        if body.count(",") > 1:
            if not _GROUPED.fullmatch(body):
                raise QuantityError(f"«{text}» không phải là một số (dấu phẩy không đúng chỗ)")
            digits = body.replace(",", "")
        else:
            digits = body.replace(",", ".")
    else:
        digits = body
    if not re.fullmatch(r"\d+(?:\.\d+)?", digits):
        raise QuantityError(f"«{text}» không phải là một số")
    return sign * float(digits)


def _is_thousands_group(body: str, mark: str) -> bool:
    whole, _, frac = body.partition(mark)
    return len(frac) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0")


def format_number(x: float, decimals: int | None = None) -> str:
    """Return `x` written the Vietnamese way: 89490.478 -> "89.490,478", 3300 -> "3.300".

    decimals=None rounds (halves away from zero) to at most 3 decimals and strips trailing zeros
    (12.0 -> "12"); a non-zero number that would round to 0 keeps 3 significant digits
    (0.000123 -> "0,000123"). decimals=n gives exactly n decimals (13.5, 2 -> "13,50").
    Never "-0". Raises QuantityError for NaN or infinity.
    """
    if not is_finite(x):
        raise QuantityError(f"«{x}» không phải là số hữu hạn")
    if decimals is not None and decimals < 0:
        raise ValueError(f"decimals must be >= 0, not {decimals}")
    exact = Decimal(repr(float(x)))  # repr: the shortest decimal that reads back as x
    places = 3 if decimals is None else decimals
    if decimals is None and x != 0 and abs(x) < 0.0005:
        places = 2 - math.floor(math.log10(abs(x)))
    with localcontext() as ctx:
        ctx.prec = 330 + places  # room for every digit of the largest float
        rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}"
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text.startswith("-") and not any(c in "123456789" for c in text):
        text = text[1:]
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _reading_decimals(x: float) -> int:
    size = abs(x)
    return 0 if size >= 1000 else 1 if size >= 100 else 2


#: Two figures closer than this (relative) are the same figure (the evaluation's tolerance):
#: no number of decimals is spent telling them apart.
SAME_FIGURE = 1e-9

#: The most decimals a figure is ever written with to tell it from another.
MAX_APART_DECIMALS = 9


def reads_alike(a: float, b: float) -> bool:
    """True when `a` and `b` are the same figure up to floating-point noise (SAME_FIGURE)."""
    return abs(a - b) <= SAME_FIGURE * max(1.0, abs(a), abs(b))


def format_reading(x: float) -> str:
    """`x` written for reading: whole numbers from 1.000, one decimal from 100, else two,
    trailing zeros dropped: 9.3249 -> "9,32", 1234.5 -> "1.235", 150.04 -> "150"."""
    text = format_number(x, _reading_decimals(x))
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return "0" if text == "-0" else text


def format_apart(figure: float, plan: float) -> tuple[str, str]:
    """The figure read (format_reading) and the plan as written (format_number); when they are
    different figures that would read alike, both with as many decimals as it takes to tell
    them apart (up to MAX_APART_DECIMALS), so that a verdict can be seen in its figures:
    (3.77025, 3.77) -> ("3,7703", "3,7700"), never "3,77 ... cao hơn chỉ tiêu 3,77"."""
    shown, planned = format_reading(figure), format_number(plan)
    if shown != planned or reads_alike(figure, plan):
        return shown, planned
    d = max(len(t.partition(",")[2]) for t in (shown, planned)) + 1
    while d < MAX_APART_DECIMALS and format_number(figure, d) == format_number(plan, d):
        d += 1
    return format_number(figure, d), format_number(plan, d)


def format_percent(ratio: float, *, strip: bool = False) -> str:
    """A ratio (1.05) as a percentage with one decimal ("105,0%"; "105%" with strip=True);
    a ratio that is not 1 never reads "100,0%": it gets the decimals that show on which side
    of 100% it lies ("99,99%")."""
    pct = ratio * 100
    d = 1
    if not reads_alike(ratio, 1.0):
        while d < MAX_APART_DECIMALS and format_number(pct, d) == format_number(100.0, d):
            d += 1
    text = format_number(pct, d)
    if strip and "," in text and d == 1:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"


# ---- units ------------------------------------------------------------------------------


def _clean_unit(unit: str) -> str:
    s = unicodedata.normalize("NFC", unit)
    s = re.sub(rf"[\s{_SPACES}]+", " ", s).strip()
    return re.sub(r"\s*/\s*", "/", s)


def split_unit(unit: str) -> tuple[float, str]:
    """Return (scale, base) for a unit as written: "nghìn tỷ đồng" -> (1e12, "đồng"),
    "tỷ USD" -> (1e9, "USD"), "%/năm" -> (1.0, "%"), "giường bệnh/vạn dân" -> (1.0, same).

    The text is NFC-normalised with whitespace collapsed; the scale word is matched case-
    insensitively and must be a whole word; the base keeps its case ("USD"). A unit that is
    only a scale word ("triệu") gives base "".
    """
    s = _clean_unit(unit)
    low = s.casefold()
    if low.split(" ")[:2] in _NOT_SCALED:
        return 1.0, s
    for word, factor in SCALES.items():
        if low == word or low.startswith(word + " "):
            base = s[len(word) :].strip()
            return factor, _yearly_rate(base)
    return 1.0, _yearly_rate(s)


def _yearly_rate(base: str) -> str:
    return "%" if base.casefold() == "%/năm" else base


def unit_key(unit: str) -> str:
    """The comparison key of a unit's base: casefolded, aliases resolved ("VNĐ" -> "đồng",
    "bác sĩ/10.000 dân" -> "bác sĩ/vạn dân")."""
    base = split_unit(unit)[1].casefold()
    base = re.sub(r"/10[. ]?000(?= )", "/vạn", base)
    return _BASE_ALIASES.get(base, base)


def conversion_factor(from_unit: str, to_unit: str) -> float:
    """Return f such that a value in `from_unit` times f is the value in `to_unit`:
    "nghìn tỷ đồng" -> "tỷ đồng" is 1000.0, "%" -> "%/năm" is 1.0.

    Raises UnitError("Đơn vị «tấn» không quy đổi được sang «tỷ đồng»") when the bases differ.
    """
    if unit_key(from_unit) != unit_key(to_unit):
        raise UnitError(f"Đơn vị «{from_unit}» không quy đổi được sang «{to_unit}»")
    return split_unit(from_unit)[0] / split_unit(to_unit)[0]


@dataclass(frozen=True)
class Quantity:
    """A finite value in a unit as written (scale word included): Quantity(204, "nghìn tỷ đồng").

    Equality is field-wise; use `same_quantity` to compare across scales.
    """

    value: float
    unit: str

    def __post_init__(self) -> None:
        if not is_finite(self.value):
            raise QuantityError(f"Giá trị «{self.value}» không phải là số hữu hạn")

    @property
    def base_value(self) -> float:
        """The value in the base unit: 204 nghìn tỷ đồng -> 2.04e14."""
        return self.value * split_unit(self.unit)[0]

    @property
    def base_unit(self) -> str:
        """The unit without its scale word: "đồng" for "nghìn tỷ đồng"."""
        return split_unit(self.unit)[1]

    def to(self, unit: str) -> Quantity:
        """The same amount in `unit`. Raises UnitError when the bases differ."""
        return Quantity(self.value * conversion_factor(self.unit, unit), unit)

    def __str__(self) -> str:
        return format_quantity(self)


def same_quantity(a: Quantity, b: Quantity, rel_tol: float = 1e-9) -> bool:
    """True when `a` and `b` are the same amount (units convert and base values agree within
    `rel_tol`); False when their units do not convert."""
    if unit_key(a.unit) != unit_key(b.unit):
        return False
    return math.isclose(a.base_value, b.base_value, rel_tol=rel_tol, abs_tol=1e-12)


# ---- quantities -------------------------------------------------------------------------

_NUM = rf"[+-]?\d(?:[\d.,]|[ {_SPACES}](?=\d{{3}}(?!\d)))*"
# The unit may not start with a digit or a sign: "5 - 7 tỷ" is a range, "3 4" two numbers.
_QUANTITY = re.compile(rf"\s*(?P<num>{_NUM})\s*(?P<unit>(?:[^\d\s+-].*?)?)\s*")
_RANGE = re.compile(
    rf"\s*(?:từ\s+|khoảng\s+)?(?P<lo>{_NUM})\s*(?P<lo_unit>[^\d\s-][^\d-]*?)?\s*"
    rf"(?:-|đến|tới)\s*(?P<hi>{_NUM})\s*(?P<hi_unit>.*?)\s*",
    re.IGNORECASE,
)


def parse_quantity(text: str) -> Quantity:
    """Return the quantity in `text`: a number then an optional unit ("13,5%", "3,77 %",
    "89.490,478 tỷ đồng", "204 nghìn tỷ đồng"). The unit is kept as written (cleaned of extra
    spaces). Raises QuantityError (naming `text`) when it does not start with a number or
    what follows the number starts with a digit or sign ("5 - 7 tỷ" is a range).
    """
    s = unicodedata.normalize("NFC", text)
    m = _QUANTITY.fullmatch(s)
    if not m:
        raise QuantityError(f"«{text}» không phải là một số lượng (cần số rồi đơn vị)")
    return Quantity(parse_number(m["num"]), _clean_unit(m["unit"]))


def parse_range(text: str) -> tuple[Quantity, Quantity]:
    """Return (low, high) from "2,5 – 3,0 tỷ USD", "3.300 – 3.500 đảng viên", "8-10",
    "từ 7,5 đến 8,0%/năm". A unit written only after the high end applies to both ends, and
    a bare scale word on the low end takes the high end's base ("900 triệu - 1,2 tỷ đồng").

    Raises QuantityError when `text` is not a range or low > high, UnitError when the two
    ends carry units that do not convert.
    """
    s = unicodedata.normalize("NFC", text)
    for dash in _DASHES:
        s = s.replace(dash, "-")
    m = _RANGE.fullmatch(s)
    if not m:
        raise QuantityError(f"«{text}» không phải là một khoảng giá trị (ví dụ «2,5 – 3,0 tỷ USD»)")
    hi_unit = _clean_unit(m["hi_unit"] or "")
    lo_unit = _clean_unit(m["lo_unit"] or "") or hi_unit
    if lo_unit != hi_unit and not split_unit(lo_unit)[1]:
        # "900 triệu - 1,2 tỷ đồng": the low end's scale word borrows the high end's base.
        lo_unit = f"{lo_unit} {split_unit(hi_unit)[1]}".strip()
    lo = Quantity(parse_number(m["lo"]), lo_unit)
    hi = Quantity(parse_number(m["hi"]), hi_unit)
    if lo.value * conversion_factor(lo.unit, hi.unit) > hi.value:
        raise QuantityError(f"Khoảng «{text}» có cận dưới lớn hơn cận trên")
    return lo, hi


def join_unit(number: str, unit: str) -> str:
    """A number as written followed by its unit: "13,5%" (no space before "%"), "204 tỷ đồng"."""
    if not unit:
        return number
    return number + unit if unit.startswith("%") else f"{number} {unit}"


def format_quantity(q: Quantity, decimals: int | None = None) -> str:
    """Return `q` written the Vietnamese way: "204 nghìn tỷ đồng", "13,5%" (no space before
    "%"), "8,25 triệu lượt"; a bare number when the unit is empty."""
    return join_unit(format_number(q.value, decimals), q.unit)


def format_range(lo: float, hi: float, unit: str, decimals: int | None = None) -> str:
    """Return "3.300 – 3.500 đảng viên", "7,5 – 8%": an en dash between, the unit once."""
    return join_unit(f"{format_number(lo, decimals)} – {format_number(hi, decimals)}", unit)


#: How a table or a review line writes a comparator before the plan (Comparator values).
TARGET_SIGNS = {">=": "≥ ", "<=": "≤ ", "=": "", "increase_by": "tăng ", "decrease_by": "giảm "}


def format_target(comparator: str, value: float, value_max: float | None = None, unit: str = "", *,
                  figure: float | None = None) -> str:
    """A target as tables and review lines write it: "≥ 12,5%", "3.300 – 3.500 đảng viên",
    "tăng 10%", "≤ 0,5%"; a comparator "=" writes the plan alone. Without `unit`, the bare
    figures (a table with its own unit column). With `figure`, the plan carries the decimals
    that tell it from the figure (format_apart): "≥ 3,7700" beside 3,77025.
    `comparator` is a chitieu.core.choices.Comparator value."""
    if comparator == "range" and value_max is not None:
        return format_range(value, value_max, unit)
    amount = format_number(value) if figure is None else format_apart(figure, value)[1]
    return TARGET_SIGNS.get(str(comparator), "") + join_unit(amount, unit)
