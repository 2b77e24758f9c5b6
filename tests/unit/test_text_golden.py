"""The extractor on our own texts in other provinces' styles (tests/data/extraction).

Each NNN_*.txt has a hand-checked NNN_*.json gold; the shared scorer's functions score them.
"""

from __future__ import annotations

import json

import pytest

from chitieu.text import extract
from tests.unit._scoring import OWN_DATA, score_dir, scorer, shared_or_skip


def test_own_golden_texts_are_read_and_scored() -> None:
    """Each file's score is held by the per-file ratchet (test_text_ratchet.py); here only
    that the set is there and scored."""
    figures = score_dir(scorer(shared_or_skip()), OWN_DATA, OWN_DATA)
    assert figures["tp"] >= 100


@pytest.mark.parametrize("gold_path", sorted(OWN_DATA.glob("*.json")), ids=lambda p: p.stem)
def test_gold_spans_quote_their_text(gold_path) -> None:  # type: ignore[no-untyped-def]
    source = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
    for item in json.loads(gold_path.read_text(encoding="utf-8"))["items"]:
        assert source[item["start"] : item["end"]] == item["text"]


def test_phone_numbers_addresses_and_document_numbers_are_never_items() -> None:
    source = (OWN_DATA / "106_tin_bao_chan_trang.txt").read_text(encoding="utf-8")
    footer = source.index("Trụ sở:")
    assert [it for it in extract(source) if it.start >= footer] == []
    assert not any("05-CT/TW" in it.text or "lần thứ 14" in it.text for it in extract(source))


@pytest.mark.parametrize("task_path", sorted((OWN_DATA / "tasks").glob("*.json")), ids=lambda p: p.stem)
def test_task_gold_quotes_its_text(task_path) -> None:  # type: ignore[no-untyped-def]
    source = (OWN_DATA / (task_path.stem + ".txt")).read_text(encoding="utf-8")
    tasks = json.loads(task_path.read_text(encoding="utf-8"))
    assert tasks, f"{task_path.name}: không có nhiệm vụ nào"
    for task in tasks:
        assert source[task["start"] : task["end"]] == task["text"]
        assert task["deadline"], (task_path.name, task["text"])
