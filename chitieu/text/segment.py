"""Word segmentation: the syllables of a text grouped into words by dictionary maximum match.

Vietnamese writes one syllable per space-separated token, so "thiểu số", "Huyện ủy" and "tỷ lệ
hộ nghèo" are several tokens; a rule that trims a token off a name must know where the words
are, or it cuts "thiểu số" to "thiểu". The stage's contract: `word_starts(toks, a, b)` returns
the token indices of [a, b) where a word begins; every other token continues the word before
it. Numbers and punctuation are words of their own.

The word list is pyvi's `models/words.txt` (31,000 words, MIT licence), a pinned dependency
(pyproject.toml) installed at set-up; only that data file is read, pyvi is never imported. It is
loaded once, at the first call. Where it is missing every syllable is a word of its own, so
the reader degrades to the token-by-token trims it had before and never raises.

Words are compared by a key that ignores case and where the tone mark sits: the list writes
the old placement ("huyện uỷ", "hoà") and texts write either ("Huyện ủy", "hòa").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from chitieu.text.tokens import Token

# The pinned distribution and the file inside it that lists one word per line.
WORDLIST_DISTRIBUTION = "pyvi"
WORDLIST_PATH = "pyvi/models/words.txt"
# Longer dictionary entries are rare idioms ("chế độ cộng sản nguyên thuỷ"); a window of five
# syllables keeps the match cheap and linear.
MAX_WORD = 5

# The five tone marks, as combining characters after NFD.
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}


@lru_cache(maxsize=65536)
def syllable_key(syllable: str) -> str:
    """The syllable lower-cased, its tone mark taken off and written after it as a digit:
    "ủy", "uỷ" and "Uỷ" all give "uy3"; a syllable without a tone mark is returned as is."""
    low = syllable.lower()
    if low.isascii():
        return low
    tone = ""
    kept = []
    for ch in unicodedata.normalize("NFD", low):
        t = _TONES.get(ch)
        if t is None:
            kept.append(ch)
        else:
            tone = t
    return unicodedata.normalize("NFC", "".join(kept)) + tone


def word_key(syllables: Sequence[str]) -> str:
    """The dictionary key of a word written as its syllables: their keys joined by spaces."""
    return " ".join(syllable_key(s) for s in syllables)


@dataclass(frozen=True)
class Dictionary:
    """The words of more than one syllable, by key, and their first syllables' keys (a
    syllable that opens no such word is a word on its own, with no look-up further)."""

    words: frozenset[str]
    openers: frozenset[str]
    prefixes: frozenset[str]  # keys of the proper beginnings of words, two syllables or more

    @classmethod
    def of(cls, entries: Sequence[str]) -> Dictionary:
        words: set[str] = set()
        openers: set[str] = set()
        prefixes: set[str] = set()
        for entry in entries:
            parts = entry.split()
            if 1 < len(parts) <= MAX_WORD and all(p.isalpha() for p in parts):
                keys = [syllable_key(p) for p in parts]
                words.add(" ".join(keys))
                openers.add(keys[0])
                for n in range(2, len(keys)):
                    prefixes.add(" ".join(keys[:n]))
        return cls(frozenset(words), frozenset(openers), frozenset(prefixes))


def _read_wordlist() -> list[str]:
    """The lines of the pinned word list, or [] when the distribution is not installed."""
    try:
        path = Path(str(metadata.distribution(WORDLIST_DISTRIBUTION).locate_file(WORDLIST_PATH)))
        return path.read_text(encoding="utf-8").splitlines()
    except (metadata.PackageNotFoundError, OSError, UnicodeDecodeError):
        return []


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    """The word list, read at the first call and kept."""
    return Dictionary.of(_read_wordlist())


def segment(
    toks: Sequence[Token], a: int, b: int, words: Dictionary | None = None
) -> list[tuple[int, int]]:
    """The words of toks[a:b] as [start, end) token ranges, left to right, by forward maximum
    match: at each syllable the longest dictionary word that starts there (up to MAX_WORD
    syllables, within the range, all of them word tokens) is taken, else the syllable alone."""
    d = dictionary() if words is None else words
    out: list[tuple[int, int]] = []
    i = a
    while i < b:
        t = toks[i]
        n = 1
        key = syllable_key(t.text) if t.kind == "word" else ""
        if key in d.openers:
            # Longer words are tried only while the syllables so far begin one.
            for j in range(i + 1, min(b, i + MAX_WORD)):
                if toks[j].kind != "word":
                    break
                key = key + " " + syllable_key(toks[j].text)
                if key in d.words:
                    n = j - i + 1
                if key not in d.prefixes:
                    break
        out.append((i, i + n))
        i += n
    return out


def word_starts(
    toks: Sequence[Token], a: int, b: int, words: Dictionary | None = None
) -> frozenset[int]:
    """The token indices of [a, b) where a word begins (see `segment`)."""
    return frozenset(s for s, _ in segment(toks, a, b, words))


def snap_to_words(toks: Sequence[Token], lo: int, hi: int, a: int, b: int) -> tuple[int, int]:
    """Widen a trimmed range [a, b) inside [lo, hi) so that it cuts no word: a start inside a
    word moves back to the word's first syllable, an end inside one moves on to its last
    ("Huyện ủy", "thiểu số" stay whole). The words are those the match finds from a few
    syllables before each cut, within [lo, hi)."""
    if b <= a:
        return a, b
    # Only the words around each cut are read, from a few syllables before it; an edge that
    # cut nothing (a == lo, b == hi) or that touches no word on one side needs no look.
    if lo < a and toks[a - 1].kind == "word" and toks[a].kind == "word":
        for s, e in segment(toks, max(lo, a - MAX_WORD + 1), min(hi, a + MAX_WORD)):
            if s < a < e:
                a = s
                break
    if b < hi and toks[b - 1].kind == "word" and toks[b].kind == "word":
        for s, e in segment(toks, max(lo, a, b - MAX_WORD + 1), min(hi, b + MAX_WORD)):
            if s < b < e:
                b = e
                break
    return a, b


def joins(toks: Sequence[Token], j: int, stop: int, words: Dictionary | None = None) -> bool:
    """True when toks[j - 1] and toks[j] belong to one dictionary word of two or three
    syllables that starts at toks[j - 1] ("Hội nghị", "Bí thư"): a cut at j would split it."""
    if j < 1 or j >= stop or toks[j - 1].kind != "word" or toks[j].kind != "word":
        return False
    d = dictionary() if words is None else words
    key = syllable_key(toks[j - 1].text) + " " + syllable_key(toks[j].text)
    if key in d.words:
        return True
    return j + 1 < stop and toks[j + 1].kind == "word" and key + " " + syllable_key(toks[j + 1].text) in d.words
