"""Guesses made when a document item becomes a draft, each for a person to correct: the
category of a proposed indicator, how a term target's years combine, codes from names.

Pure functions of text (Django's slugify aside).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.utils.text import slugify

from chitieu.core.choices import Category, PeriodKind, TermAggregation
from chitieu.core.periods import Period, PeriodError

# Words that place a proposed indicator in a category; the office corrects the guess.
_CATEGORY_WORDS = [
    (Category.PARTY, ("dang vien", "chi bo", "to chuc co so dang", "to chuc dang", "ket nap")),
    (Category.DEFENCE, ("quoc phong", "an ninh", "toi pham", "quan su", "tuyen quan")),
    (Category.ENVIRONMENT, ("moi truong", "rung", "chat thai", "rac", "nuoc sach", "khu cong nghiep xu ly")),
    (Category.SOCIETY, (
        "bao hiem", "y te", "bac si", "giuong benh", "truong", "giao duc", "lao dong", "viec lam",
        "ngheo", "van hoa", "dan so", "that nghiep", "tre em", "nha o",
    )),
]


def fold(text: str) -> str:
    """Lower-case ASCII form of Vietnamese text ("Đảng viên" -> "dang vien")."""
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", stripped.lower()).strip()


def guess_category(name: str) -> Category:
    """Return the likely category of an indicator named `name`; economy when nothing matches."""
    folded = f" {fold(name)} "
    for category, words in _CATEGORY_WORDS:
        if any(f" {w} " in folded for w in words):
            return category
    return Category.ECONOMY


def term_aggregation(item: Any) -> str:
    """How a term target's years combine, from its words: "bình quân" -> average, "cả giai
    đoạn"/"tổng"/"lũy kế" -> sum, else "" (the evaluation then uses the indicator's default).
    Empty for targets whose period is not a term."""
    try:
        if not item.period or Period.parse(item.period).kind != PeriodKind.TERM:
            return ""
    except PeriodError:
        return ""
    words = f" {fold(item.text)} {fold(item.baseline)} "
    if " binh quan " in words:
        return TermAggregation.AVERAGE
    if any(w in words for w in (" ca giai doan ", " tong ", " luy ke ")):
        return TermAggregation.SUM
    return ""


def slug(text: str, limit: int) -> str:
    return slugify(fold(text))[:limit].strip("-") or "muc"
