"""How well the reader reads: figures per text set, per stage and per file.

Run: .venv/bin/python bench/extract_quality.py [--sets corpus,seeds,golden,blind] [--files]
     [--ratchet]   (`make quality`)

Text sets (every one read from where it lives; nothing of ../shared is copied here):

- corpus: ../shared/corpus (50 real passages; the passage starts at line 3 of each text)
- seeds:  ../shared/seeds with ../shared/gold (five real Hải Phòng articles)
- golden: tests/data/extraction (our own texts in other provinces' styles, figures invented;
  task gold in tests/data/extraction/tasks for the rounds that wrote it)
- blind:  real texts of the later blind rounds with gold written before their first run, kept
  outside the project (real texts are never copied in): $CHITIEU_BLIND_DIR, by default
  ../shared/blind. Optional: a machine without it scores the other sets, and the ratchet's
  blind floors apply only where the texts are.

Figures are the shared scorers' own: ../shared/tools/score_extraction.py (value_f1, full_f1 and,
among value matches, the stages: indicator name, period, kind, comparator, unit) and
../shared/tools/score_tasks.py (task_f1, deadline) where a set has task gold.

The per-file ratchet (tests/data/extraction_ratchet.json) holds each file's value_f1, full_f1
and period, and task_f1 and deadline (deadlines right among the gold tasks) where it has tasks; tests/unit/test_text_ratchet.py fails when a file falls below its figures.
`--ratchet` raises the stored figures to today's where today's are higher (never lowers them).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OWN_DATA = REPO / "tests" / "data" / "extraction"
RATCHET = REPO / "tests" / "data" / "extraction_ratchet.json"
BLIND = Path(os.environ.get("CHITIEU_BLIND_DIR") or SHARED / "blind")
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from chitieu.text import extract_to_json  # noqa: E402

RATCHETED = ("value_f1", "full_f1", "period", "task_f1", "deadline")
COUNT_KEYS = ("tp", "fp", "fn", "full", "comparator", "kind", "unit", "period", "period_n", "indicator")


@dataclass(frozen=True)
class TextSet:
    """Where one set's texts, gold and task gold are, and how a passage is cut from its file."""

    name: str
    texts: Path
    gold: Path
    tasks: Path | None = None
    header_lines: int = 0  # lines before the passage (the corpus's SOURCE/KIND lines)
    # True: a text with no task gold states no task (the corpus). False: only the texts whose
    # task gold was written are scored for tasks (our golden texts, tasks annotated from round 26).
    tasks_everywhere: bool = True

    def files(self) -> list[tuple[str, Path, Path]]:
        return [(g.stem, self.texts / (g.stem + ".txt"), g) for g in sorted(self.gold.glob("*.json"))]

    def passage(self, path: Path) -> str:
        text = path.read_text(encoding="utf-8")
        if self.header_lines:
            text = text.split("\n", self.header_lines)[-1]
        return text


SETS = [
    TextSet("corpus", SHARED / "corpus" / "texts", SHARED / "corpus" / "gold", SHARED / "corpus" / "tasks", 2),
    TextSet("seeds", SHARED / "seeds", SHARED / "gold"),
    TextSet("golden", OWN_DATA, OWN_DATA, OWN_DATA / "tasks", tasks_everywhere=False),
    TextSet("blind", BLIND, BLIND, BLIND / "tasks"),
]


def load_tool(name: str) -> ModuleType:
    """Import one of ../shared/tools/*.py as a module."""
    path = SHARED / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _items(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return list(data["items"] if isinstance(data, dict) else data)


@dataclass
class Figures:
    """Counts summed over files, and the ratios the shared scorer prints."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    tasks: dict[str, int] = field(default_factory=lambda: dict(tp=0, fp=0, fn=0, deadline=0))

    def add(self, counts: dict[str, int]) -> None:
        for k in COUNT_KEYS:
            self.counts[k] += counts[k]

    def ratios(self, score: ModuleType) -> dict[str, float]:
        c = self.counts
        _, _, value_f1 = score.f1(c["tp"], c["fp"], c["fn"])
        _, _, full_f1 = score.f1(c["full"], c["fp"] + c["tp"] - c["full"], c["fn"] + c["tp"] - c["full"])
        tp = max(c["tp"], 1)
        out = {
            "value_f1": value_f1,
            "full_f1": full_f1,
            "name": c["indicator"] / tp,
            "period": c["period"] / max(c["period_n"], 1),
            "kind": c["kind"] / tp,
            "comparator": c["comparator"] / tp,
            "unit": c["unit"] / tp,
        }
        t = self.tasks
        if t["tp"] + t["fn"]:
            _, _, out["task_f1"] = score.f1(t["tp"], t["fp"], t["fn"])
            out["deadline"] = t["deadline"] / max(t["tp"], 1)
        return out


def score_file(score: ModuleType, source: str, gold_path: Path, pred: list[dict[str, Any]]) -> dict[str, int]:
    """The shared scorer's counts for one text (tasks left out, as the scorer does)."""
    figures = [p for p in pred if p.get("kind") != "task"]
    return dict(score.score_document(_items(gold_path), figures, source))


def file_ratios(score: ModuleType, counts: dict[str, int]) -> dict[str, float]:
    f = Figures()
    f.add(counts)
    r = f.ratios(score)
    out = {"value_f1": round(r["value_f1"], 4), "full_f1": round(r["full_f1"], 4)}
    if counts["period_n"]:
        out["period"] = round(r["period"], 4)
    return out


_TASK_LINE = re.compile(r"^(\S+)\s+tp=\s*(\d+) fp=\s*(\d+) fn=\s*(\d+) deadline_ok=(\d+)")
_LEAD_LINE = re.compile(r"lead_unit_acc=([\d.]+)")


def score_tasks(text_set: TextSet, preds: dict[str, tuple[str, list[dict[str, Any]]]]) -> dict[str, dict[str, int]]:
    """Per-file task counts from ../shared/tools/score_tasks.py, run on the passages and
    predictions written to a temporary folder."""
    if text_set.tasks is None or not text_set.tasks.is_dir():
        return {}
    tool = load_tool("score_tasks")
    with tempfile.TemporaryDirectory() as tmp:
        texts, out = Path(tmp) / "texts", Path(tmp) / "pred"
        texts.mkdir()
        out.mkdir()
        for stem, (source, pred) in preds.items():
            if not text_set.tasks_everywhere and not (text_set.tasks / f"{stem}.json").exists():
                continue
            (texts / f"{stem}.txt").write_text(source, encoding="utf-8")
            (out / f"{stem}.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            tool.main(str(text_set.tasks), str(out), str(texts))
    per_file: dict[str, dict[str, int]] = {}
    for line in buf.getvalue().splitlines():
        m = _TASK_LINE.match(line)
        if m:
            stem = next((s for s in preds if s[:40] == m.group(1)), m.group(1))
            per_file[stem] = dict(zip(("tp", "fp", "fn", "deadline"), map(int, m.groups()[1:]), strict=True))
        elif (lead := _LEAD_LINE.search(line)) is not None:
            text_set_lead[text_set.name] = float(lead.group(1))
    return per_file


# The set's lead-unit accuracy as score_tasks.py prints it (among matched gold tasks that name
# a unit; the tool prints it for the whole set only).
text_set_lead: dict[str, float] = {}


def run_set(text_set: TextSet, score: ModuleType) -> tuple[Figures, dict[str, dict[str, float]]]:
    """Read every text of one set; return the summed figures and each file's ratios."""
    total = Figures()
    per_file: dict[str, dict[str, float]] = {}
    preds: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    for stem, text_path, gold_path in text_set.files():
        source = text_set.passage(text_path)
        pred = extract_to_json(source)["items"]
        preds[stem] = (source, pred)
        counts = score_file(score, source, gold_path, pred)
        total.add(counts)
        per_file[stem] = file_ratios(score, counts) | {k: counts[k] for k in ("tp", "fp", "fn")}
    for stem, t in score_tasks(text_set, preds).items():
        for k in total.tasks:
            total.tasks[k] += t[k]
        if stem in per_file:
            per_file[stem] |= task_ratios(score, t)
    return total, per_file


def task_ratios(score: ModuleType, t: dict[str, int]) -> dict[str, float]:
    """One file's task_f1 and deadline accuracy from score_tasks.py's counts."""
    _, _, f1 = score.f1(t["tp"], t["fp"], t["fn"])
    deadline = t["deadline"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0
    return {"task_f1": round(f1, 4), "deadline": round(deadline, 4)}


def available(names: list[str]) -> list[TextSet]:
    return [s for s in SETS if s.name in names and s.gold.is_dir() and any(s.gold.glob("*.json"))]


def ratchet_key(set_name: str, stem: str) -> str:
    return f"{set_name}/{stem}"


def load_ratchet() -> dict[str, dict[str, float]]:
    if not RATCHET.exists():
        return {}
    return dict(json.loads(RATCHET.read_text(encoding="utf-8")))


def raise_ratchet(results: dict[str, dict[str, dict[str, float]]]) -> int:
    """Raise each file's stored figures to today's where today's are higher; return how many
    figures rose."""
    stored = load_ratchet()
    rose = 0
    for set_name, files in results.items():
        for stem, r in files.items():
            entry = stored.setdefault(ratchet_key(set_name, stem), {})
            for k in RATCHETED:
                if k in r and r[k] > entry.get(k, -1.0):
                    entry[k] = r[k]
                    rose += 1
    RATCHET.write_text(json.dumps(dict(sorted(stored.items())), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return rose


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="corpus,seeds,golden,blind")
    parser.add_argument("--files", action="store_true", help="print every file's figures")
    parser.add_argument("--ratchet", action="store_true", help="raise the per-file ratchet to today's figures")
    args = parser.parse_args()
    if not (SHARED / "tools" / "score_extraction.py").exists():
        sys.exit(f"không có {SHARED}/tools: cần thư mục dùng chung bên cạnh kho mã")
    score = load_tool("score_extraction")
    results: dict[str, dict[str, dict[str, float]]] = {}
    stored = load_ratchet()
    print(f"{'set':8} {'files':>5} {'items':>5} value_f1 full_f1  name  period  kind   comp  unit  task_f1 deadline lead")
    for text_set in available(args.sets.split(",")):
        total, per_file = run_set(text_set, score)
        results[text_set.name] = per_file
        r = total.ratios(score)
        items = total.counts["tp"] + total.counts["fn"]
        lead = f"   {text_set_lead[text_set.name]:.3f}" if text_set.name in text_set_lead else ""
        tasks = f"  {r['task_f1']:.3f}   {r['deadline']:.3f}{lead}" if "task_f1" in r else ""
        print(f"{text_set.name:8} {len(per_file):5} {items:5}  {r['value_f1']:.3f}   {r['full_f1']:.3f}  "
              f"{r['name']:.3f} {r['period']:.3f}  {r['kind']:.3f}  {r['comparator']:.3f} {r['unit']:.3f}{tasks}")
        if args.files:
            for stem, f in per_file.items():
                floor = stored.get(ratchet_key(text_set.name, stem), {})
                below = [k for k in RATCHETED if k in floor and f.get(k, 1.0) < floor[k] - 1e-9]
                print(f"   {stem[:44]:44} tp={f['tp']:3} fp={f['fp']:3} fn={f['fn']:3} "
                      f"value={f['value_f1']:.3f} full={f['full_f1']:.3f} period={f.get('period', float('nan')):.3f}"
                      + (f" tasks={f['task_f1']:.3f} deadline={f['deadline']:.3f}" if "task_f1" in f else "")
                      + (f"  BELOW RATCHET: {', '.join(below)}" if below else ""))
    if args.ratchet:
        print(f"ratchet: {raise_ratchet(results)} figures raised in {RATCHET.relative_to(REPO)}")


if __name__ == "__main__":
    main()
