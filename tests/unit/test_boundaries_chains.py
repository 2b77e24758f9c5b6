"""Links composed through several reorganisations, on hand-worked cases: a two-step chain, a
split then a merge with shares, a missing ancestor making the figure partial, a unit that
reported between the two events, and the bounded walk."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from chitieu.core.boundaries import ChainError, Link, compose, forward

FIRST, SECOND = date(2024, 11, 1), date(2025, 7, 1)
NAMES = {"A": "Xã A", "B": "Phường B", "C": "Phường C", "D": "Xã D", "E": "Xã E", "F": "Phường F"}
#: xã A and xã D merge into phường B on 1/11/2024; B and xã E into phường C on 1/7/2025.
TWO_STEPS = [Link("A", "B", 1.0, on=FIRST), Link("D", "B", 1.0, on=FIRST),
             Link("B", "C", 1.0, on=SECOND), Link("E", "C", 1.0, on=SECOND)]
Y2023 = date(2023, 12, 31)


def carried(links, values, *, summed=True, period_end=Y2023, unit="C"):
    composed, chains = compose(unit, links, period_end=period_end)
    return replace(forward(unit, composed, values, summed=summed), chains=chains)


def test_a_two_step_chain_reads_the_units_before_the_first_event():
    got = carried(TWO_STEPS, {"A": 100, "D": 40, "E": 7})
    assert (got.value, got.reported, got.expected) == (147, 3, 3)
    assert got.words(NAMES) == (
        "chuyển từ 3 đơn vị cũ: Xã A (đến 31/10/2024) → Phường B (đến 30/06/2025) → Phường C (toàn bộ), "
        "Xã D (đến 31/10/2024) → Phường B (đến 30/06/2025) → Phường C (toàn bộ), Xã E (toàn bộ)")


def test_a_unit_formed_between_the_events_is_read_for_the_periods_it_reported():
    # The first half of 2025: phường B existed and reported; A and D had ended.
    got = carried(TWO_STEPS, {"B": 90, "E": 5}, period_end=date(2025, 6, 30))
    assert (got.value, got.reported, got.expected, got.chains) == (95, 2, 2, ())
    # Before the first event B did not exist: its figures, had any been filed, are not read.
    got = carried(TWO_STEPS, {"B": 90, "A": 1, "D": 2, "E": 5})
    assert got.value == 8 and {k for k, _ in got.parts} == {"A", "D", "E"}


def test_a_split_then_a_merge_multiplies_the_shares_and_sums_the_paths():
    # D split 40/60 into B and F on 1/11/2024 (A went whole into B); on 1/7/2025 C took half
    # of B and all of F: A is 0.5 of C, D 0.4 × 0.5 + 0.6 × 1 = 0.8.
    links = [Link("A", "B", 1.0, on=FIRST), Link("D", "B", 0.4, on=FIRST), Link("D", "F", 0.6, on=FIRST),
             Link("B", "C", 0.5, on=SECOND), Link("F", "C", 1.0, on=SECOND)]
    composed, _ = compose("C", links, period_end=Y2023)
    assert {link.predecessor: link.share for link in composed} == pytest.approx({"A": 0.5, "D": 0.4 * 0.5 + 0.6})
    got = carried(links, {"A": 100, "D": 200})
    assert got.value == pytest.approx(0.5 * 100 + 0.8 * 200)  # 210
    # A rate: the mean weighted by the composed shares, (0.5×10 + 0.8×20) / 1.3.
    assert carried(links, {"A": 10, "D": 20}, summed=False).value == pytest.approx(21 / 1.3)
    assert "Xã D (đến 31/10/2024) → Phường B (đến 30/06/2025) → Phường C; Xã D (đến 31/10/2024) → " \
           "Phường F (đến 30/06/2025) → Phường C (80%)" in got.words(NAMES)


def test_a_missing_ancestor_makes_the_figure_partial():
    got = carried(TWO_STEPS, {"A": 100, "E": 7})
    assert (got.value, got.reported, got.expected, got.partial) == (107, 2, 3, True)
    assert got.words(NAMES).startswith("chuyển từ 3 đơn vị cũ (2/3 đơn vị có số liệu): ")


def test_a_unit_that_went_on_reaches_its_past_through_its_link_to_itself():
    # C was formed from A on 1/11/2024 and went on on 1/7/2025, joined by E.
    links = [Link("A", "C", 1.0, on=FIRST), Link("C", "C", 1.0, on=SECOND), Link("E", "C", 1.0, on=SECOND)]
    got = carried(links, {"A": 10, "E": 3})
    assert got.value == 13
    assert got.words(NAMES).endswith("Xã A (đến 31/10/2024) → Phường C (toàn bộ), Xã E (toàn bộ)")
    # Its own figure, where it has one, stands for its part.
    assert carried(links, {"C": 50, "E": 3}, period_end=date(2025, 6, 30)).value == 53


def test_a_loop_or_a_chain_too_long_is_refused_with_a_clear_message():
    loop = [Link("A", "B", 1.0, on=SECOND), Link("B", "A", 1.0, on=FIRST), Link("A", "B", 1.0, on=date(2024, 1, 1))]
    with pytest.raises(ChainError, match="vòng lặp ở B"):
        compose("B", loop)
    days = [date(2000 + i, 1, 1) for i in range(20)]
    long = [Link(f"U{i}", f"U{i + 1}", 1.0, on=days[i]) for i in range(15)]
    with pytest.raises(ChainError, match="dài quá 12 bước"):
        compose("U15", long)
    # Within the limit it is read.
    assert forward("U15", compose("U15", long, max_steps=15)[0], {"U0": 1}, summed=True).value == 1
