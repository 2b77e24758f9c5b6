"""The extractor on the real seed texts, scored by the shared scorer against the shared gold."""

from __future__ import annotations

from tests.unit._scoring import score_dir, scorer, shared_or_skip


def test_seed_texts_score_at_least_the_issue_thresholds() -> None:
    shared = shared_or_skip()
    figures = score_dir(scorer(shared), shared / "gold", shared / "seeds")
    assert figures["tp"] > 0
    assert figures["value_f1"] >= 0.97, figures
    assert figures["full_f1"] >= 0.90, figures
    assert figures["period"] >= 0.90, figures


def test_seed_items_quote_their_source_exactly() -> None:
    shared = shared_or_skip()
    from chitieu.text import extract

    for path in sorted((shared / "seeds").glob("*.txt")):
        source = path.read_text(encoding="utf-8")
        for item in extract(source):
            assert source[item.start : item.end] == item.text
