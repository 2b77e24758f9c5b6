"""Throughput of chitieu.text.extract: seed texts repeated to ~5 MB, and pathological inputs.

Run: .venv/bin/python bench/extract.py [--mb 5]
Prints MB/s (UTF-8 megabytes of input per second, one core), by the wall clock and by the
process's CPU time (the honest figure on a machine other processes share). The seed texts are read from
../shared/seeds (our own texts under tests/data/extraction when ../shared is absent).
Texts are extracted in chunks of the original documents' size, as a real run would: each
document is one call.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from chitieu.text import extract  # noqa: E402


def _texts() -> list[str]:
    seeds = REPO.parent / "shared" / "seeds"
    paths = sorted(seeds.glob("*.txt")) or sorted((REPO / "tests" / "data" / "extraction").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def _rate(label: str, docs: list[str]) -> float:
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    items = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        items += len(extract(d))
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    rate = size / dt if dt else float("inf")
    # CPU time too: on a shared machine the wall clock counts other processes' turns.
    cpu_rate = size / cpu if cpu else float("inf")
    print(f"{label:44} {size:7.2f} MB  {dt:7.2f} s  {rate:7.2f} MB/s  (cpu {cpu_rate:5.2f} MB/s)  {items} items")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=5.0, help="size of the repeated seed corpus")
    args = parser.parse_args()
    texts = _texts()
    corpus: list[str] = []
    total = 0
    while total < args.mb * 1e6:
        for t in texts:
            corpus.append(t)
            total += len(t.encode("utf-8"))
    one_doc = "\n\n".join(texts)
    big = [one_doc * max(1, int(1e6 // len(one_doc.encode("utf-8"))))]
    _rate(f"seeds repeated to {args.mb:g} MB (per document)", corpus)
    _rate("seeds joined into one ~1 MB document", big)
    for label, doc in [
        ('"1" * 100000', "1" * 100_000),
        ('"(" * 50000', "(" * 50_000),
        ('"tăng " * 20000', "tăng " * 20_000),
        ('"1." * 50000', "1." * 50_000),
        ('"- " * 50000 + newlines', "- \n" * 30_000),
        ('"quý 1/2024 " * 20000', "quý 1/2024 " * 20_000),
        ('"trên 5% " * 20000', "trên 5% " * 20_000),
        ('"trong đó " * 20000', "trong đó " * 20_000),
        ('"a, " * 50000', "a, " * 50_000),
        # Many items against many table lines, deadlines or "cùng kỳ" figures in one clause:
        # each was once a scan of all the others per item.
        ("table and prose lines * 3000", "Chỉ tiêu | ĐVT | KH\nA | % | 5\n\nDoanh thu đạt 5 tỷ đồng.\n" * 3000),
        ("deadline and figure * 3000", "Hoàn thành trước năm 2025 việc xây dựng cầu; tăng 5%. " * 3000),
        ('one clause of "cùng kỳ" figures * 3000', "Thu đạt 5 tỷ đồng, tăng 5% so với cùng kỳ, 7 tỷ đồng, 8 tỷ đồng " * 3000),
    ]:
        _rate(f"pathological {label}", [doc])


if __name__ == "__main__":
    main()
