"""Tokens of a normalised text: words, numbers and punctuation, with their offsets."""

from __future__ import annotations

import re
from typing import NamedTuple

# One alternation, no nested quantifiers: a number is digits with inner "." or "," and ends
# in a digit; a word is a run of word characters; anything else is one punctuation token.
_TOKEN = re.compile(r"([0-9](?:[0-9.,]*[0-9])?)|([^\W\d_]\w*)|(\S)")


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
    out: list[Token] = []
    append = out.append
    make = tuple.__new__  # Token's own __new__ costs a Python call per token
    for m in _TOKEN.finditer(text, start, stop):
        num, word, other = m.groups()
        a, b = m.span()
        if word is not None:
            # "²" is a word character but not a letter: punctuation, as before the groups.
            append(make(Token, (word, word.lower(), a, b, "word") if word[0].isalpha() else (word, word, a, b, "punct")))
        elif num is not None:
            append(make(Token, (num, num, a, b, "num")))
        else:
            append(make(Token, (other, other, a, b, "punct")))
    return out
