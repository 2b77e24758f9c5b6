"""Cut a document's text into plain and highlighted segments for the reading page.

Segments are built here, on the server, and the template prints each one with Django's
autoescaping: user text is never marked safe, so "<script>" in a document shows as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Segment:
    """A run of the text; `item` is the extracted item it highlights, or None for plain text."""

    text: str
    item: Any = None
    start: int = 0


def segments(text: str, items: Iterable[Any]) -> list[Segment]:
    """Return consecutive segments covering `text` exactly once, in order.

    Each item (anything with `start` and `end`) highlights text[start:end]. Edge cases:
    offsets outside the text are clipped; an item that begins inside an earlier one is
    highlighted from where the earlier one ends; an empty or fully covered item gets no
    segment (its row in the table still points at its words).
    """
    out: list[Segment] = []
    cursor = 0
    size = len(text)
    for item in sorted(items, key=lambda i: (i.start, -i.end)):
        start = max(min(item.start, size), cursor)
        end = max(min(item.end, size), 0)
        if end <= start:
            continue
        if start > cursor:
            out.append(Segment(text[cursor:start], None, cursor))
        out.append(Segment(text[start:end], item, start))
        cursor = end
    if cursor < size:
        out.append(Segment(text[cursor:], None, cursor))
    return out


def segment_of(text: str, items: Iterable[Any], item: Any) -> Segment | None:
    """Return the highlighted segment of `item` among `items`, or None when it has none."""
    for seg in segments(text, items):
        if seg.item is not None and seg.item.pk == item.pk:
            return seg
    return None
