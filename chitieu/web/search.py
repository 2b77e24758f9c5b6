"""How a typed query matches a name: without diacritics or case, and knowing the usual
abbreviations both ways ("BHYT" finds "bảo hiểm y tế", "bảo hiểm y tế" finds "BHYT").

Pure (the standard library and chitieu.text's folding only), so the rules are tested
without a database. The database part, what is searched and who may see it, is
chitieu.web.finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from chitieu.text.normalize import fold

#: The usual abbreviations of resolutions and reports, and what they stand for: the one table
#: the search reads, both ways. Besides those the issue names (BHYT, GRDP, FDI, IIP, OCOP, NTM),
#: each is one that the texts in ../shared/corpus use (counted there: PCI 28, PAPI 25, UBKT 25,
#: DTI 24, HĐND 21, UBND 14, GDP 13, MTQG 8, DTTS 5, NSNN 3, KT-XH 3, CPI 3, BTV 3, GPMB 1).
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("BHYT", "bảo hiểm y tế"),
    ("BHXH", "bảo hiểm xã hội"),
    ("BHTN", "bảo hiểm thất nghiệp"),
    ("GRDP", "tổng sản phẩm trên địa bàn"),
    ("GDP", "tổng sản phẩm trong nước"),
    ("FDI", "đầu tư trực tiếp nước ngoài"),
    ("IIP", "chỉ số sản xuất công nghiệp"),
    ("OCOP", "mỗi xã một sản phẩm"),
    ("NTM", "nông thôn mới"),
    ("CPI", "chỉ số giá tiêu dùng"),
    ("PCI", "chỉ số năng lực cạnh tranh cấp tỉnh"),
    ("PAPI", "chỉ số hiệu quả quản trị và hành chính công cấp tỉnh"),
    ("DTI", "chỉ số chuyển đổi số"),
    ("NSNN", "ngân sách nhà nước"),
    ("KT-XH", "kinh tế - xã hội"),
    ("MTQG", "mục tiêu quốc gia"),
    ("DTTS", "dân tộc thiểu số"),
    ("GPMB", "giải phóng mặt bằng"),
    ("UBND", "ủy ban nhân dân"),
    ("HĐND", "hội đồng nhân dân"),
    ("UBKT", "ủy ban kiểm tra"),
    ("BTV", "ban thường vụ"),
)

#: At most this many spellings of one query are tried (each abbreviation found in the query
#: doubles them; a query of eight abbreviations is not a search anyone types).
MAX_FORMS = 16

_WORD = re.compile(r"[0-9a-z]+")
#: A syllable of consonants and a final "y" is written with "i" as often ("tỷ lệ" and "tỉ lệ",
#: "kỹ thuật" and "kĩ thuật", "lý luận" and "lí luận"): both spell it with "i" here. "y" alone
#: ("y tế") and "uy", "quy", "ay" keep their "y".
_CONSONANT_Y = re.compile(r"[bcdghklmnprstvx]{1,2}y")


@lru_cache(maxsize=50_000)
def words(text: str) -> tuple[str, ...]:
    """Return the words of `text` folded: lower case, no diacritics, "đ" as "d", split at
    anything that is not a letter or digit ("KT-XH" -> ("kt", "xh"), "0,5%" -> ("0", "5")),
    a final "y" after consonants as "i" ("Tỷ lệ" -> ("ti", "le"), see _CONSONANT_Y).

    Cached: every search reads the same names again, and folding is most of its time."""
    return tuple(w[:-1] + "i" if _CONSONANT_Y.fullmatch(w) else w for w in _WORD.findall(fold(text or "")))


def search_key(*parts: str) -> str:
    """Return the folded words of `parts` joined by single spaces (what a query is matched
    against); empty parts are skipped."""
    return " ".join(w for p in parts if p for w in words(p))


_PAIRS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = tuple(
    (words(short), words(long)) for short, long in ABBREVIATIONS
)


def _replace(tokens: tuple[str, ...], old: tuple[str, ...], new: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Each spelling of `tokens` with one occurrence of `old` replaced by `new`."""
    n = len(old)
    return [tokens[:i] + new + tokens[i + n:] for i in range(len(tokens) - n + 1) if tokens[i:i + n] == old]


def query_forms(query: str) -> list[tuple[str, ...]]:
    """Return the spellings of `query` to look for, the query's own first: its folded words,
    then each spelling with an abbreviation written out or a written-out phrase abbreviated
    ("bhyt ho ngheo" -> ("bhyt", "ho", "ngheo"), ("bao", "hiem", "y", "te", "ho", "ngheo")).
    An empty list when the query has no word."""
    first = words(query)
    if not first:
        return []
    forms, todo = [first], [first]
    while todo and len(forms) < MAX_FORMS:
        tokens = todo.pop(0)
        for short, long in _PAIRS:
            for old, new in ((short, long), (long, short)):
                for form in _replace(tokens, old, new):
                    if form not in forms and len(forms) < MAX_FORMS:
                        forms.append(form)
                        todo.append(form)
    return forms


def _contiguous(form: tuple[str, ...], key_words: tuple[str, ...]) -> bool:
    """The form's words in a row; its last word may be the start of a word (typing on)."""
    n = len(form)
    head, last = form[:-1], form[-1]
    for i in range(len(key_words) - n + 1):
        if key_words[i:i + n - 1] == head and key_words[i + n - 1].startswith(last):
            return True
    return False


def _scattered(form: tuple[str, ...], key_words: tuple[str, ...]) -> bool:
    """Every word of the form somewhere, in any order; the last may be a word's start."""
    present = set(key_words)
    return all(w in present for w in form[:-1]) and any(k.startswith(form[-1]) for k in key_words)


@dataclass(frozen=True)
class Searchable:
    """What one record is found by: its name (title) and the rest (aliases, clause, code),
    each a search_key."""

    name: str
    rest: str = ""


def indicator_searchable(name: str, short_name: str = "", aliases: str = "", code: str = "") -> Searchable:
    """What an indicator is found by, on the search page and in the catalogue's filter alike:
    its name and short name, then its aliases (one a line) and code."""
    return Searchable(search_key(name, short_name), search_key(aliases, code))


def score(forms: list[tuple[str, ...]], item: Searchable) -> int:
    """Return how well `item` answers the query spelt as `forms` (query_forms): 4 for the
    words in a row in the name, 3 for all of them in the name, 2 and 1 for the same in the
    rest; 0 when it does not match."""
    best = 0
    for form in forms:
        for key, high in ((item.name, 4), (item.rest, 2)):
            # Each word of the form is a piece of the key, or the form cannot match: a cheap
            # test that turns most rows away before their words are compared.
            if high <= best or not all(w in key for w in form):
                continue
            words_of = tuple(key.split())
            if _contiguous(form, words_of):
                best = high
            elif high - 1 > best and _scattered(form, words_of):
                best = high - 1
    return best
