"""Link an extracted indicator name to the catalogue: diacritic-insensitive, abbreviation-aware.

`link("Tỷ lệ dân số tham gia BHYT", catalogue)` finds the entry named "Tỷ lệ dân số tham gia
bảo hiểm y tế". A name whose best score stays below THRESHOLD links to nothing: the caller
proposes it as a new indicator (`Link.proposal`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import NamedTuple

from chitieu.core.choices import ItemKind
from chitieu.text.item import Item
from chitieu.text.normalize import fold

THRESHOLD = 0.6

#: Abbreviation -> what it stands for (folded forms are compared).
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "grdp": ("tong san pham tren dia ban", "tong san pham dia ban"),
    "gdp": ("tong san pham trong nuoc",),
    "iip": ("chi so san xuat cong nghiep",),
    "fdi": ("dau tu truc tiep nuoc ngoai", "von dau tu truc tiep nuoc ngoai"),
    "tfp": ("nang suat cac yeu to tong hop",),
    "cpi": ("chi so gia tieu dung",),
    "pci": ("chi so nang luc canh tranh cap tinh",),
    "papi": ("chi so hieu qua quan tri va hanh chinh cong cap tinh",),
    "par": ("chi so cai cach hanh chinh",),
    "sipas": ("chi so hai long ve su phuc vu hanh chinh",),
    "bhyt": ("bao hiem y te",),
    "bhxh": ("bao hiem xa hoi",),
    "bhtn": ("bao hiem that nghiep",),
    "nsnn": ("ngan sach nha nuoc", "ngan sach"),  # "thu ngân sách" is the state budget's
    "ntm": ("nong thon moi",),
    "kcn": ("khu cong nghiep",),
    "ccn": ("cum cong nghiep",),
    "ocop": ("moi xa mot san pham",),
    "ubnd": ("uy ban nhan dan",),
    "hdnd": ("hoi dong nhan dan",),
}
_ABBRS = frozenset(ABBREVIATIONS)
_STOP = frozenset("cua cac va o tai theo trong nhung so voi cho den nam dat".split())
_WORD = re.compile(r"\w+")
# Qualifiers that do not change what is measured ("trên địa bàn", "theo giá hiện hành").
_QUALIFIERS = ("tren dia ban", "toan tinh", "toan thanh pho", "theo gia hien hanh", "gia hien hanh",
               "theo gia so sanh", "gia so sanh")  # fmt: skip
# Phrases read as one word, in this order: spellings of one thing ("tỉ lệ" is "tỷ lệ"; a
# rate of "bao phủ", coverage, is one of taking part), and common phrases that would
# otherwise outweigh what a name is about ("bình quân đầu người", "tỷ lệ"); "chỉ số",
# "thu nhập" and "thu hút" never read as "chi" (spending) or "thu" (revenue).
_PHRASES = (
    ("toc do tang truong", "tangtruong"), ("tang truong", "tangtruong"), ("ti le", "tyle"), ("ty le", "tyle"),
    ("ti trong", "tytrong"), ("ty trong", "tytrong"), ("binh quan dau nguoi", "bqdn"), ("bao phu", "thamgia"),
    ("tham gia", "thamgia"), ("nguoi dan", "danso"), ("toan dan", "danso"), ("dan so", "danso"),
    ("chi so", "chiso"), ("thu nhap", "thunhap"), ("thu hut", "thuhut"), ("co cau", "cocau"), ("toc do", "tocdo"),
    ("binh quan", "binhquan"),
)  # fmt: skip
# Measure words: a name with one that the other lacks measures something else (a rate, a
# share, a growth or an average of it), and scores at most 0.55.
_MEASURE_HEADS = frozenset("tyle tytrong tocdo chiso cocau tangtruong giam bqdn".split())
# Abbreviations that are indices ("chỉ số") themselves.
_INDEX_ABBRS = frozenset("iip cpi pci papi par sipas".split())
# Words that, added to the catalogue's shorter name, make it another thing: its negation
# ("ngoài nhà nước", "cận nghèo") or another place ("nông thôn", "thành thị").
_OTHER_WORDS = frozenset("khong chua ngoai can thanh thi nong thon binhquan".split())
# Opposites: names that differ by one of these measure opposite things.
_OPPOSITES = (("xuat", "nhap"), ("thu", "chi"), ("thi", "thon"), ("tang", "giam"))


class CatalogueEntry(NamedTuple):
    """An indicator of the catalogue: its code, name and other names it goes by."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()


class Link(NamedTuple):
    """The catalogue code a name links to (None: propose a new indicator) and the score."""

    code: str | None
    score: float

    @property
    def proposal(self) -> bool:
        """True when nothing in the catalogue matched: the name is a new indicator."""
        return self.code is None


def canonical_sequence(name: str) -> tuple[str, ...]:
    """Return the folded content words of a name in order, long forms replaced by their
    abbreviation ("bảo hiểm y tế" -> "bhyt", so both spellings compare equal and "BHYT"
    stays apart from "BHXH"), spellings unified ("tỉ" -> "ty") and qualifiers that do not
    change the measure ("trên địa bàn") left out."""
    text = " " + " ".join(w for w in _WORD.findall(fold(name)) if not w.isdigit()) + " "
    for abbr, longs in ABBREVIATIONS.items():
        for long in longs:
            text = text.replace(" " + long + " ", " " + abbr + " ")
    for q in _QUALIFIERS:
        text = text.replace(" " + q + " ", " ")
    for phrase, word in _PHRASES:
        text = text.replace(" " + phrase + " ", " " + word + " ")
    return tuple(w for w in text.split() if w not in _STOP)


def canonical_words(name: str) -> frozenset[str]:
    """Return the set of a name's canonical content words (see canonical_sequence)."""
    return frozenset(canonical_sequence(name))


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long[k : k + n] == short for k in range(len(long) - n + 1))


def similarity(a: str, b: str) -> float:
    """Return how well name `a` matches catalogue name `b` (0..1): the Dice overlap of their
    canonical words, raised when `a` (two words or more, at least 40% of `b`'s) runs unbroken inside `b` and what
    `b` adds is neither a measure nor another place or kind ("Thu ngân sách" inside "Thu
    ngân sách nhà nước trên địa bàn"; not "Hộ nghèo" inside "Tỷ lệ hộ nghèo" or "Hộ cận
    nghèo"). Names that differ by a measure word ("Tỷ lệ", "Tăng trưởng") score at most
    0.55; by opposites ("xuất"/"nhập", "thu"/"chi") or by an abbreviation each
    ("BHYT"/"BHXH") at most 0.5, as does a one-word name other than the candidate's own."""
    sa, sb = canonical_sequence(a), canonical_sequence(b)
    x, y = frozenset(sa), frozenset(sb)
    if not x or not y:
        return 0.0
    dice = 2 * len(x & y) / (len(x) + len(y))
    if len(x) == 1 and x != y:
        return min(dice, 0.5)  # one word ("Thu", "GRDP") names no indicator but its own
    for p, q in _OPPOSITES:
        if (p in x and q in y and q not in x) or (q in x and p in y and p not in x):
            return min(dice, 0.5)  # "Kim ngạch nhập khẩu" is no "Kim ngạch xuất khẩu"
    if (x - y) & _ABBRS and (y - x) & _ABBRS:
        return min(dice, 0.5)  # "... BHXH" is no "... BHYT"
    if _heads(x) != _heads(y):
        return min(dice, 0.55)  # "Tỷ lệ hộ nghèo" is no count of poor households
    extra = y - x
    if len(x) >= 2 and len(x) >= 0.4 * len(y) and _contains(sb, sa) and not extra & (_MEASURE_HEADS | _OTHER_WORDS):
        return max(dice, 0.6 + 0.4 * len(x) / len(y))
    return dice


def _heads(words: frozenset[str]) -> frozenset[str]:
    heads = words & _MEASURE_HEADS
    return heads | {"chiso"} if words & _INDEX_ABBRS else heads


def link(name: str, catalogue: Sequence[CatalogueEntry], threshold: float = THRESHOLD) -> Link:
    """Return the best catalogue match for `name` with its score; code None (a proposal)
    when no entry scores at least `threshold` or the name is empty. Ties keep the first."""
    best_code: str | None = None
    best = 0.0
    for entry in catalogue:
        for candidate in (entry.name, *entry.aliases):
            s = similarity(name, candidate)
            if s > best:
                best, best_code = s, entry.code
    if best < threshold:
        return Link(None, round(best, 3))
    return Link(best_code, round(best, 3))


def link_items(items: Iterable[Item], catalogue: Sequence[CatalogueEntry]) -> list[Item]:
    """Return the items with indicator_code and link_score set (tasks left as they are)."""
    out: list[Item] = []
    for it in items:
        if it.kind == ItemKind.TASK.value:
            out.append(it)
            continue
        found = link(it.indicator, catalogue)
        out.append(replace(it, indicator_code=found.code, link_score=found.score))
    return out
