"""How long the search's matching takes as the catalogue grows (chitieu.web.search).

Run: .venv/bin/python bench/find.py [--rows 1000 10000 50000] [--repeat 5]

The search folds in Python over every unit, indicator, target and task name it may show
(chitieu.web.finding: one narrow query per kind, then chitieu.web.search.score on each row).
This prints, for catalogues of `--rows` synthetic Vietnamese names and a few queries typed
with and without marks and as abbreviations, the wall time of the first search (every name
folded) and the median of `--repeat` more (the folded words cached, as in a running server). The database reads are not timed here (one query per kind; the tests
assert the count, not the time). A city's real catalogue is a few hundred rows: the demo has
140 units, 43 indicators, 38 targets and 7 tasks.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from chitieu.web.search import Searchable, query_forms, score, search_key, words  # noqa: E402

WORDS = ("Tỷ lệ", "dân số", "tham gia", "bảo hiểm y tế", "hộ nghèo", "xã đạt chuẩn", "nông thôn mới",
         "tăng trưởng", "GRDP", "vốn FDI", "thu ngân sách", "Phường An Biên", "đặc khu", "Đảng viên")
QUERIES = ("bhyt", "bao hiem y te", "nông thôn mới", "grdp", "an bien", "khong co gi")


def rows(n: int) -> list[tuple[str, str]]:
    """`n` (name, clause) pairs made of WORDS, each different."""
    out = []
    for i in range(n):
        a, b, c = WORDS[i % len(WORDS)], WORDS[(i // 3) % len(WORDS)], WORDS[(i // 7) % len(WORDS)]
        out.append((f"{a} {b} {i}", f"{c} đạt {i % 100}% trở lên đến năm 2025"))
    return out


def search(data: list[tuple[str, str]], query: str) -> int:
    forms = query_forms(query)
    return sum(1 for name, clause in data if score(forms, Searchable(search_key(name), search_key(clause))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for n in args.rows:
        data = rows(n)
        for query in QUERIES:
            words.cache_clear()  # the first search folds every name; the next ones reuse them
            times, hits = [], 0
            for _ in range(args.repeat + 1):
                start = time.perf_counter()
                hits = search(data, query)
                times.append(time.perf_counter() - start)
            print(f"{n:>7} rows  {query!r:>18}: first {times[0] * 1000:7.1f} ms, then "
                  f"{statistics.median(times[1:]) * 1000:6.1f} ms  ({hits} hits)")


if __name__ == "__main__":
    main()
