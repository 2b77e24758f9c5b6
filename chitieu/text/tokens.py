"""Tokens of a normalised text: words, numbers and punctuation, with their offsets."""

from __future__ import annotations

import re
from typing import NamedTuple

# One alternation, no nested quantifiers: a number is digits with inner "." or "," and ends
# in a digit; a word is a run of word characters; anything else is one punctuation token.
# Each match also takes the whitespace before its token (possessively, so a failed match
# cannot backtrack through it), which gives the offsets without a match object per token.
_TOKEN = re.compile(r"(\s*+)([0-9](?:[0-9.,]*[0-9])?|[^\W\d_]\w*|\S)")
_DIGITS = frozenset("0123456789")


class Token(NamedTuple):
    """A token: `text` as written, `low` lower-cased, [start, end) in the normalised text."""

    text: str
    low: str
    start: int
    end: int
    kind: str  # "num", "word" or "punct"

    @property
    def is_num(self) -> bool:
        return self.kind == "num"

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def capitalised(self) -> bool:
        return self.kind == "word" and self.text[:1].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Return the tokens of text[start:end] with offsets into `text`.

    A word token may hold digits after its first letter ("H1", "COVID"), so codes never read
    as numbers; a number followed directly by letters ("5G") is two tokens that touch.
    """
    stop = len(text) if end is None else end
    if stop > start and text[stop - 1].isspace():
        # Trailing whitespace starts no token; cut it so every match attempt succeeds.
        stop = start + len(text[start:stop].rstrip())
    out: list[Token] = []
    append = out.append
    make = tuple.__new__  # Token's own __new__ costs a Python call per token
    pos = start
    # A token's kind follows from its first character: a letter opens a word, an ASCII digit
    # a number; anything else ("²" opens a word-character run but is no letter) is punctuation.
    for space, tok in _TOKEN.findall(text, start, stop):
        a = pos + len(space)
        pos = a + len(tok)
        first = tok[0]
        if first.isalpha():
            append(make(Token, (tok, tok.lower(), a, pos, "word")))
        elif first in _DIGITS:
            append(make(Token, (tok, tok, a, pos, "num")))
        else:
            append(make(Token, (tok, tok, a, pos, "punct")))
    return out
