"""Number draft targets the way their resolution numbers them: "(1)", "(2)", with letters for
the further items under one number ("1a", "1b" for "trong đó" sub-items and the like).

Pure standard library. A list marker is "(N)" anywhere, or "N." / "N)" at the start of a
line; years and document numbers never look like that.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable
from string import ascii_lowercase
from typing import Any

_MARKER = re.compile(r"\((\d{1,3})\)|(?m:^[ \t]*(\d{1,3})[.)][ \t])")


def markers(text: str) -> list[tuple[int, str]]:
    """Return (offset, number) of each list marker in `text`, in order."""
    return [(m.start(), m.group(1) or m.group(2)) for m in _MARKER.finditer(text)]


def clause_numbers(text: str, items: Iterable[Any], key: Callable[[Any], Hashable] = id) -> dict[Hashable, str]:
    """Return {key(item): number} for the items (anything with `start`) that follow a list
    marker in `text`.

    The first item after marker N is "N", later ones under the same marker "Na", "Nb", ...
    (past "z": "N.27", "N.28"). Items before the first marker get no number.
    """
    found = markers(text)
    offsets = [offset for offset, _ in found]
    out: dict[Hashable, str] = {}
    seen: dict[int, int] = {}
    for item in sorted(items, key=lambda i: i.start):
        last = bisect_right(offsets, item.start) - 1
        if last < 0:
            continue
        count = seen.get(last, 0)
        seen[last] = count + 1
        number = found[last][1]
        suffix = "" if count == 0 else ascii_lowercase[count - 1] if count <= 26 else f".{count + 1}"
        out[key(item)] = number + suffix
    return out
