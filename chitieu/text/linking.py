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
    "nsnn": ("ngan sach nha nuoc",),
    "ntm": ("nong thon moi",),
    "kcn": ("khu cong nghiep",),
    "ccn": ("cum cong nghiep",),
    "ocop": ("moi xa mot san pham",),
    "ubnd": ("uy ban nhan dan",),
    "hdnd": ("hoi dong nhan dan",),
}
_STOP = frozenset("cua cac va o tai theo trong nhung so voi cho den nam dat".split())
_WORD = re.compile(r"\w+")


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


def canonical_words(name: str) -> frozenset[str]:
    """Return the folded content words of a name with long forms replaced by their
    abbreviation ("bảo hiểm y tế" -> "bhyt"), so both spellings compare equal."""
    text = " " + " ".join(_WORD.findall(fold(name))) + " "
    for abbr, longs in ABBREVIATIONS.items():
        for long in longs:
            text = text.replace(" " + long + " ", " " + abbr + " ")
    return frozenset(w for w in text.split() if w not in _STOP)


def similarity(a: str, b: str) -> float:
    """Return the Dice overlap (0..1) of two names' canonical words."""
    x, y = canonical_words(a), canonical_words(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


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
