"""The per-file ratchet: no text's score may fall below the figures stored for it.

tests/data/extraction_ratchet.json holds, for every scored text (the real corpus and seeds, our
golden texts, the real blind rounds), its value_f1, full_f1 and period accuracy as computed by
the shared scorer (bench/extract_quality.py). `make quality-ratchet` raises them after a change
that improves a file; a change that lowers any file fails here, naming the file and the figure.
"""

from __future__ import annotations

import json

import pytest

from bench.extract_quality import (
    RATCHET,
    SETS,
    file_ratios,
    load_ratchet,
    load_tool,
    ratchet_key,
    score_file,
    score_tasks,
    task_ratios,
)
from chitieu.text import extract_to_json
from tests.unit._scoring import shared_or_skip

_FLOORS = load_ratchet()
_CASES = [(s, stem, text, gold) for s in SETS for stem, text, gold in (s.files() if s.gold.is_dir() else [])]


def test_every_scored_text_has_figures_in_the_ratchet() -> None:
    shared_or_skip()
    missing = [ratchet_key(s.name, stem) for s, stem, _, _ in _CASES if ratchet_key(s.name, stem) not in _FLOORS]
    assert missing == [], f"{RATCHET.name}: chạy `make quality-ratchet` để ghi điểm cho {missing}"


@pytest.mark.parametrize(("text_set", "stem", "text_path", "gold_path"), _CASES, ids=[ratchet_key(c[0].name, c[1]) for c in _CASES])
def test_no_text_scores_below_its_ratchet(text_set, stem, text_path, gold_path) -> None:  # type: ignore[no-untyped-def]
    shared_or_skip()
    score = load_tool("score_extraction")
    source = text_set.passage(text_path)
    pred = extract_to_json(source)["items"]
    figures = file_ratios(score, score_file(score, source, gold_path, pred))
    floor = _FLOORS.get(ratchet_key(text_set.name, stem), {})
    if "task_f1" in floor or "deadline" in floor:
        counts = score_tasks(text_set, {stem: (source, pred)}).get(stem, dict(tp=0, fp=0, fn=0, deadline=0))
        figures |= task_ratios(score, counts)
    fallen = {k: (figures.get(k), v) for k, v in floor.items() if figures.get(k, 1.0) < v - 1e-9}
    assert fallen == {}, f"{text_set.name}/{stem}: (hôm nay, mức chặn) {fallen}"


def test_raising_the_ratchet_never_lowers_a_stored_figure(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import bench.extract_quality as quality

    path = tmp_path / "ratchet.json"
    path.write_text(json.dumps({"golden/x": {"value_f1": 0.9, "full_f1": 0.5}}), encoding="utf-8")
    monkeypatch.setattr(quality, "RATCHET", path)
    quality.raise_ratchet({"golden": {"x": {"value_f1": 0.8, "full_f1": 0.7, "period": 1.0}}})
    assert json.loads(path.read_text(encoding="utf-8")) == {"golden/x": {"value_f1": 0.9, "full_f1": 0.7, "period": 1.0}}


_BLIND = next(s for s in SETS if s.name == "blind")
_BLIND_GOLD = sorted(_BLIND.gold.glob("*.json")) if _BLIND.gold.is_dir() else []


# The blind rounds' real texts live outside the project (CHITIEU_BLIND_DIR, by default
# ../shared/blind) and are optional; where they are, every gold quote must be its text's own.
@pytest.mark.parametrize("gold_path", _BLIND_GOLD, ids=[g.stem for g in _BLIND_GOLD])
def test_the_blind_rounds_gold_quotes_its_real_texts(gold_path) -> None:  # type: ignore[no-untyped-def]
    source = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
    items = json.loads(gold_path.read_text(encoding="utf-8"))["items"]
    assert items, f"{gold_path.name}: bộ chấm không có chỉ tiêu nào"
    for item in items:
        assert source[item["start"] : item["end"]] == item["text"], (gold_path.name, item["text"])
