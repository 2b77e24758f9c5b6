"""Unicode normalisation that keeps offsets into the text as given.

Vietnamese text arrives in NFC (precomposed) or NFD (base letter + combining marks), with
non-breaking spaces and odd dashes. The extractor reads an NFC copy; `Normalized.span` maps
offsets in that copy back to offsets in the original, so every item's `text` is exactly
`original[start:end]`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters replaced one-for-one (same length, so no offset change).
_ONE_FOR_ONE = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": " ",  # zero-width space: keep the slot, read it as a space
        "\ufeff": " ",  # BOM
        "\r": "\n",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
    }
)


_PAIRS = tuple((chr(k), v) for k, v in _ONE_FOR_ONE.items())


@dataclass(frozen=True)
class Normalized:
    """An NFC copy of a text with a map back to the original's offsets.

    `offsets[i]` is the original offset of copy character i; `offsets[len(text)]` is
    len(original). When the original is already NFC the map is None (identity).
    """

    text: str
    original_length: int
    offsets: tuple[int, ...] | None

    def to_original(self, i: int) -> int:
        """Return the original offset of copy offset `i` (0 <= i <= len(text))."""
        if self.offsets is None:
            return i
        return self.offsets[max(0, min(i, len(self.offsets) - 1))]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original (start, end) of the copy span [start, end)."""
        s = self.to_original(start)
        e = self.to_original(end)
        return s, max(s, e)


def normalize(text: str) -> Normalized:
    """Return the NFC copy of `text` (one-for-one space and dash fixes applied) with its map.

    Combining sequences (a base character and the marks that follow it) are composed one
    cluster at a time so each copy character maps to the start of its original cluster.
    """
    fixed = text
    for a, b in _PAIRS:
        if a in fixed:  # str.translate with a table walks every character in Python-level steps
            fixed = fixed.replace(a, b)
    if unicodedata.is_normalized("NFC", fixed):
        return Normalized(fixed, len(text), None)
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(fixed)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(fixed[j]):
            j += 1
        composed = unicodedata.normalize("NFC", fixed[i:j])
        for ch in composed:
            out.append(ch)
            offsets.append(i)
        i = j
    offsets.append(len(text))
    return Normalized("".join(out), len(text), tuple(offsets))


def fold(text: str) -> str:
    """Return `text` lower-cased without Vietnamese diacritics ("Đảng viên" -> "dang vien")."""
    decomposed = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# A list marker opening a line ("1. ", "2) ", "a) "): that line starts an item, not a continuation.
_LINE_MARKER = re.compile(r"(?:\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ]|[ivx]{1,4})[.)](?:\s|$)")
_MARKER_START = ("(", "-", "+", "•", "*", "–", "—", "·", "●", "▪", "○")


def join_soft_breaks(text: str) -> str:
    """Return `text` with soft line breaks turned into spaces (same length, same offsets).

    Text copied from a PDF breaks lines inside sentences ("... so với năm\\n2022; thu ngân
    sách đạt\\n12.345 tỷ đồng"). A lone newline is soft when the line before it does not end
    a sentence, clause or heading (".", "!", "?", ":", ";", an upper-case word) and the line
    after it continues the sentence: it starts with a lower-case letter, or with a number
    that is no list marker ("1. ", "2)") after a lower-case word. Lines of tables (tabs,
    bars) and blank lines are never joined.
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    pos = last = 0
    for k in range(len(lines) - 1):
        line, nxt = lines[k], lines[k + 1]
        pos += len(line)
        if _soft(line, nxt):
            out += (text[last:pos], " ")
            last = pos + 1
        pos += 1
    return "".join([*out, text[last:]]) if out else text


def _soft(line: str, nxt: str) -> bool:
    before, after = line.rstrip(), nxt.lstrip()
    if not before or not after or "\t" in line or "\t" in nxt or "|" in line or "|" in nxt:
        return False
    if before[-1] in ".!?…:;" or after[0] in _MARKER_START:
        return False
    last = before.split()[-1]
    if last.isupper() or not (last[-1].isalnum() or last[-1] in ",)%"):
        return False
    if _LINE_MARKER.match(after):
        return False  # "1. Về kinh tế", "2.1. ...", "a) ..."
    if after[0].isalpha():
        return after[0].islower()
    if not after[0].isdigit():
        return False
    return last[0].islower() or last[0].isdigit() or last[-1] == ","
