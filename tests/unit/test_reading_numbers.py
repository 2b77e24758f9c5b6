"""Figures written for reading (core.quantities): rounded as reports round them, and never
rounded into agreement with the figure they are compared with (issue 9, finding 8)."""

from __future__ import annotations

import pytest

from chitieu.core.quantities import format_apart, format_percent, format_reading


@pytest.mark.parametrize(("x", "text"), [
    (9.3249, "9,32"), (1234.5, "1.235"), (150.04, "150"), (12.0, "12"), (-12.30, "-12,3"),
    (-0.001, "0"), (0.0, "0"), (99.95, "99,95"), (100.06, "100,1"),
])
def test_a_figure_is_read_with_decimals_by_its_size(x: float, text: str) -> None:
    assert format_reading(x) == text


@pytest.mark.parametrize(("figure", "plan", "texts"), [
    (3.77025, 3.77, ("3,7703", "3,7700")),
    (3.77, 3.77025, ("3,7700", "3,7703")),
    (12.5, 13.5, ("12,5", "13,5")),
    (3.77, 3.77, ("3,77", "3,77")),
    (3.77 + 1e-12, 3.77, ("3,77", "3,77")),
    (1000.4, 1000, ("1.000,4", "1.000,0")),
])
def test_two_different_figures_never_read_alike(figure: float, plan: float, texts: tuple[str, str]) -> None:
    assert format_apart(figure, plan) == texts


@pytest.mark.parametrize(("ratio", "text"), [
    (1.05, "105,0%"), (1.0, "100,0%"), (3.77 / 3.77025, "99,99%"), (1.0004, "100,04%"),
    (1 + 1e-12, "100,0%"), (0.5, "50,0%"),
])
def test_a_ratio_that_is_not_one_never_reads_a_hundred_percent(ratio: float, text: str) -> None:
    assert format_percent(ratio) == text
