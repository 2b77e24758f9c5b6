"""Re-aggregation onto other boundaries on hand-worked cases: a whole merge, a split with
shares, a part moving, and new figures carried back where the shares allow."""

from __future__ import annotations

import pytest

from chitieu.core.boundaries import (
    Link,
    backward,
    forward,
    forward_weighted,
    weight_year,
    weighted_words,
)

#: A and B merge whole into X; C is split 40/60 between X and Y.
MERGE = [Link("A", "X", 1.0), Link("B", "X", 1.0), Link("C", "X", 0.4, "theo dân số"), Link("C", "Y", 0.6)]


def test_a_whole_merge_sums_its_predecessors():
    got = forward("X", [Link("A", "X", 1.0), Link("B", "X", 1.0)], {"A": 120, "B": 80}, summed=True)
    assert (got.value, got.reported, got.expected, got.partial) == (200, 2, 2, False)


def test_a_split_gives_each_successor_its_share_of_a_sum():
    values = {"A": 100, "B": 50, "C": 200}
    assert forward("X", MERGE, values, summed=True).value == pytest.approx(100 + 50 + 0.4 * 200)  # 230
    assert forward("Y", MERGE, values, summed=True).value == pytest.approx(0.6 * 200)  # 120


def test_a_rate_is_the_mean_weighted_by_the_shares_that_went_in():
    # X: (1×10 + 1×20 + 0.4×5) / 2.4 = 32 / 2.4
    assert forward("X", MERGE, {"A": 10, "B": 20, "C": 5}, summed=False).value == pytest.approx(32 / 2.4)


def test_a_missing_predecessor_makes_the_carried_figure_partial_and_says_so():
    got = forward("X", MERGE, {"A": 100, "C": 200}, summed=True)
    assert (got.value, got.reported, got.expected, got.partial) == (pytest.approx(180), 2, 3, True)
    words = got.words({"A": "Phường A", "B": "Phường B", "C": "Phường C"}, {"C": "theo dân số"})
    assert words == ("chuyển từ 3 đơn vị cũ (2/3 đơn vị có số liệu): Phường A (toàn bộ), Phường B (toàn bộ), "
                     "Phường C (40% theo dân số)")


def test_no_reporting_predecessor_gives_no_value():
    assert forward("Y", MERGE, {"A": 1}, summed=True).value is None


def test_a_part_moving_keeps_the_rest_with_the_unit_that_goes_on():
    # 30% of A moves into B; A goes on with 70%, B with all of itself.
    links = [Link("A", "A", 0.7), Link("A", "B", 0.3), Link("B", "B", 1.0)]
    values = {"A": 1000, "B": 500}
    assert forward("A", links, values, summed=True).value == pytest.approx(700)
    assert forward("B", links, values, summed=True).value == pytest.approx(800)


def test_new_figures_go_back_onto_an_old_unit_that_was_split():
    links = [Link("C", "Y", 0.6), Link("C", "Z", 0.4)]
    got = backward("C", links, {"Y": 30, "Z": 20}, summed=True)
    assert got is not None and got.value == 50 and got.direction == "backward"
    assert backward("C", links, {"Y": 3.0, "Z": 8.0}, summed=False).value == pytest.approx(0.6 * 3 + 0.4 * 8)


def test_new_figures_cannot_go_back_where_a_successor_took_in_another_unit():
    assert backward("A", MERGE, {"X": 300, "Y": 120}, summed=True) is None
    assert backward("C", MERGE, {"X": 300, "Y": 120}, summed=True) is None


def test_an_old_unit_with_a_successor_missing_is_partial_without_a_value():
    got = backward("C", [Link("C", "Y", 0.6), Link("C", "Z", 0.4)], {"Y": 30}, summed=True)
    assert got is not None and (got.value, got.reported, got.expected) == (None, 1, 2)


# ---- a rate weighted by the units' levels (GRDP growth by GRDP) ---------------------------

#: The city went on and the province joined it whole.
JOIN = [Link("city", "city", 1.0), Link("prov", "city", 1.0)]


def test_a_merged_growth_is_the_mean_weighted_by_the_levels_of_the_year_before():
    # 2022: (315.700 × 12,32 + 149.090 × 9,12) / 464.790 = 5.249.124,8 / 464.790 = 11,2935...
    got = forward_weighted("city", JOIN, {"city": 12.32, "prov": 9.12}, {"city": 315700, "prov": 149090}, year=2021)
    assert got.value == pytest.approx(5249124.8 / 464790) and round(got.value, 2) == 11.29
    assert (got.reported, got.expected, got.partial, got.weight_year) == (2, 2, False, 2021)


def test_weighting_by_levels_is_what_adding_up_the_levels_gives():
    # levels 100 and 300 grow 10% and 2%: 110 + 306 = 416 over 400 is 4%, not the plain mean 6%.
    got = forward_weighted("city", JOIN, {"city": 10.0, "prov": 2.0}, {"city": 100.0, "prov": 300.0})
    assert got.value == pytest.approx(4.0)


def test_a_unit_with_a_rate_but_no_level_cannot_be_weighed_and_makes_the_figure_partial():
    got = forward_weighted("city", JOIN, {"city": 10.0, "prov": 2.0}, {"city": 100.0})
    assert (got.value, got.reported, got.partial) == (pytest.approx(10.0), 1, True)
    assert forward_weighted("city", JOIN, {"city": 10.0}, {}).value is None


def test_a_part_moving_weighs_only_the_share_that_went_in():
    # 30% of A (level 1000, +5%) joins B (level 700, +12%): (300 × 5 + 700 × 12) / 1000 = 9,9.
    links = [Link("A", "A", 0.7), Link("A", "B", 0.3), Link("B", "B", 1.0)]
    got = forward_weighted("B", links, {"A": 5.0, "B": 12.0}, {"A": 1000.0, "B": 700.0})
    assert got.value == pytest.approx(9.9)


@pytest.mark.parametrize(
    ("wanted", "years", "expected"),
    [
        (2021, {"a": {2021, 2024}, "b": {2021, 2022, 2024}}, 2021),  # the year before itself
        (2022, {"a": {2021, 2024}, "b": {2021, 2022, 2024}}, 2021),  # nearest common, one away
        (2023, {"a": {2021, 2024}, "b": {2021, 2022, 2024}}, 2024),  # nearer after than before
        (2020, {"a": {2021, 2024}, "b": {2021, 2024}}, 2021),
        (2022, {"a": {2021, 2023}, "b": {2021, 2023}}, 2021),  # as near both ways: the earlier
        (2022, {"a": {2021}, "b": {2024}}, None),  # no year in common
    ],
)
def test_the_weights_are_the_nearest_year_every_unit_has_a_level_for(wanted, years, expected):
    assert weight_year(wanted, years, ["a", "b"]) == expected


def test_the_words_name_the_weights_their_year_and_shares():
    got = forward_weighted("city", JOIN, {"city": 12.38, "prov": 8.6}, {"city": 315700, "prov": 149090}, year=2021)
    words = weighted_words(got, {"city": "Hải Phòng", "prov": "Hải Dương"}, "GRDP", "tỷ đồng")
    assert words == "trọng số GRDP năm 2021: Hải Dương 149.090 tỷ đồng (32,1%), Hải Phòng 315.700 tỷ đồng (67,9%)"
    assert weighted_words(forward("city", JOIN, {"city": 1.0}, summed=False), {}, "GRDP", "tỷ đồng") == ""
