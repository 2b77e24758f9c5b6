"""Helpers for the extraction tests: where ../shared is, and the shared scorer."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType

import pytest

from chitieu.text import extract_to_json

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
OWN_DATA = REPO / "tests" / "data" / "extraction"


def shared_or_skip() -> Path:
    """Return ../shared; skip when it is absent locally, fail when CI=true."""
    if (SHARED / "tools" / "score_extraction.py").exists():
        return SHARED
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {SHARED} (seeds, gold, scorer) phải có bên cạnh kho mã")
    pytest.skip(f"không có {SHARED}: bỏ qua phép chấm trên văn bản mẫu")


def scorer(shared: Path) -> ModuleType:
    """Import ../shared/tools/score_extraction.py as a module."""
    spec = importlib.util.spec_from_file_location("score_extraction", shared / "tools" / "score_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_dir(score: ModuleType, gold_dir: Path, text_dir: Path) -> dict[str, float]:
    """Run extract() on every text with a gold file and return the micro-averaged figures:
    value_f1, full_f1 and period accuracy, computed by the shared scorer's own functions."""
    total: dict[str, int] = {}
    for gold_path in sorted(gold_dir.glob("*.json")):
        source = (text_dir / (gold_path.stem + ".txt")).read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        gold_items = gold["items"] if isinstance(gold, dict) else gold
        pred = [p for p in extract_to_json(source)["items"] if p.get("kind") != "task"]
        counts = score.score_document(gold_items, pred, source)
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
    _, _, value_f1 = score.f1(total["tp"], total["fp"], total["fn"])
    _, _, full_f1 = score.f1(total["full"], total["fp"] + total["tp"] - total["full"], total["fn"] + total["tp"] - total["full"])
    period = total["period"] / max(total["period_n"], 1)
    return {"value_f1": value_f1, "full_f1": full_f1, "period": period, "tp": total["tp"]}
