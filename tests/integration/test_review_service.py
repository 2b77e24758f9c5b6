"""The review service: which figures count for the city and for a unit, the JSON contract,
and a number of queries that does not grow with targets, units or figures."""

from __future__ import annotations

from datetime import date

import pytest

from chitieu.core.choices import (
    SIMULATED_SOURCE,
    Aggregation,
    Comparator,
    EntryState,
    PeriodKind,
    Stage,
    Status,
    UnitKind,
)
from chitieu.core.periods import Period
from chitieu.monitoring.ranking import unit_ranking
from chitieu.monitoring.review import (
    city_review,
    evaluate_resolution,
    latest_observations,
    review_as_json,
)
from chitieu.plans.models import TargetShare
from tests.factories import (
    assign,
    make_city,
    make_indicator,
    make_observation,
    make_resolution,
    make_target,
    make_unit,
)

pytestmark = pytest.mark.django_db

YEAR_END = date(2021, 12, 31)

#: The most queries a review may run, whatever the data: targets, their supporting units, the
#: ids of the city and its reporting bodies, their figures, the units assigned to report, the
#: communes' figures grouped, and those a better stage supersedes.
MAX_QUERIES = 7
#: A resolution's city review also ranks the units for one indicator (which indicators units
#: reported, their figures) and finds the jumps (each indicator's latest period, the figures).
MAX_RESOLUTION_QUERIES = MAX_QUERIES + 6  # + ranking, jumps, the units' shares and the follow-ups


def build_city(n_communes: int, n_targets: int, *, months: int = 12):
    """A city with communes reporting monthly sums and a resolution with `n_targets` targets;
    half of the indicators are reported by the city itself."""
    city = make_city()
    communes = [make_unit(f"xa-{i}", parent=city, kind=UnitKind.COMMUNE) for i in range(n_communes)]
    resolution = make_resolution("nq-2021", issuer=city, period="2021")
    for t in range(n_targets):
        indicator = make_indicator(f"ct-{t}", unit="hộ", aggregation=Aggregation.SUM,
                                   unit_aggregation=Aggregation.SUM, frequency=PeriodKind.MONTH)
        make_target(resolution, indicator, number=str(t + 1), comparator=Comparator.GE,
                    value=12 * n_communes, lead_unit=communes[0] if communes else None)
        reporters = [city] if t % 2 else communes
        assign(indicator, communes)
        for unit in reporters:
            for m in range(1, months + 1):
                make_observation(unit, indicator, period=f"T{m}/2021", value=1.0)
    return city, communes, resolution


class TestQueriesAreBounded:
    @pytest.mark.parametrize(("communes", "targets"), [(2, 2), (12, 10)])
    def test_a_resolution_review_runs_a_fixed_number_of_queries(self, communes, targets,
                                                                django_assert_max_num_queries):
        _, _, resolution = build_city(communes, targets, months=6)
        with django_assert_max_num_queries(MAX_RESOLUTION_QUERIES):
            review = evaluate_resolution(resolution, as_of=YEAR_END)
        assert len(review.rows) == targets

    @pytest.mark.parametrize(("communes", "targets"), [(2, 2), (12, 10)])
    def test_a_city_review_runs_a_fixed_number_of_queries(self, communes, targets,
                                                          django_assert_max_num_queries):
        _, _, resolution = build_city(communes, targets, months=6)
        make_resolution("nq-khac", issuer=resolution.issuer, period="2021")
        with django_assert_max_num_queries(MAX_QUERIES + 1):
            review = city_review(YEAR_END)
        assert len(review.rows) == targets
        assert [r.resolution.code for r in review.reviews] == ["nq-2021", "nq-khac"]

    def test_a_unit_review_runs_a_fixed_number_of_queries(self, django_assert_max_num_queries):
        _, communes, resolution = build_city(8, 6)
        for target in resolution.targets.all():
            TargetShare.objects.create(target=target, unit=communes[1], value=12)
        with django_assert_max_num_queries(4):  # targets, supporting units, its shares, its figures
            review = evaluate_resolution(resolution, as_of=YEAR_END, unit=communes[1])
        assert len(review.rows) == 6


class TestWhichFiguresCount:
    def test_without_city_figures_the_communes_are_summed(self):
        _, communes, resolution = build_city(3, 1)  # target 1 is reported by communes
        row = evaluate_resolution(resolution, as_of=YEAR_END).rows[0]
        assert row.evaluation.actual == pytest.approx(12 * 3)
        assert row.evaluation.status == Status.ACHIEVED

    def test_the_citys_own_figures_win_over_the_communes(self):
        city, communes, resolution = build_city(3, 1)
        indicator = resolution.targets.get().indicator
        make_observation(city, indicator, period="2021", value=50, stage=Stage.ESTIMATE)
        row = evaluate_resolution(resolution, as_of=YEAR_END).rows[0]
        assert row.evaluation.actual == 50
        assert row.evaluation.stage == Stage.ESTIMATE

    def test_years_the_city_did_not_report_come_from_the_communes(self):
        city, communes, resolution = build_city(3, 1)  # communes report 2021 monthly
        indicator = resolution.targets.get().indicator
        make_observation(city, indicator, period="2020", value=99)  # the city reported 2020 only
        row = evaluate_resolution(resolution, as_of=YEAR_END).rows[0]
        assert row.evaluation.actual == pytest.approx(12 * 3)

    def test_each_commune_counts_once_with_its_best_stage(self):
        city = make_city()
        resolution = make_resolution(issuer=city)
        indicator = make_indicator(unit="hộ", aggregation=Aggregation.SUM, frequency=PeriodKind.YEAR)
        make_target(resolution, indicator, value=10)
        a, b, c = (make_unit(f"xa-{i}", parent=city) for i in range(3))
        assign(indicator, [a, b, c])
        make_observation(a, indicator, period="2021", value=10, stage=Stage.OFFICIAL)
        make_observation(a, indicator, period="2021", value=12, stage=Stage.ESTIMATE)  # superseded
        make_observation(b, indicator, period="2021", value=5, stage=Stage.ESTIMATE)
        make_observation(c, indicator, period="2021", value=7, stage=Stage.ESTIMATE)
        make_observation(c, indicator, period="2021", value=70, stage=Stage.OFFICIAL, state=EntryState.DRAFT)
        row = evaluate_resolution(resolution, as_of=YEAR_END).rows[0]
        assert row.evaluation.actual == pytest.approx(10 + 5 + 7)
        assert row.evaluation.stage == Stage.ESTIMATE and row.evaluation.provisional

    def test_rates_are_averaged_across_communes(self):
        city = make_city()
        resolution = make_resolution(issuer=city)
        rate = make_indicator(unit="%", aggregation=Aggregation.LAST, unit_aggregation=Aggregation.AVERAGE,
                              frequency=PeriodKind.YEAR)
        make_target(resolution, rate, comparator=Comparator.GE, value=90)
        wards = [make_unit(f"p-{i}", parent=city, kind=UnitKind.WARD) for i in range(2)]
        assign(rate, wards)
        for ward, value in zip(wards, [80.0, 100.0], strict=True):
            make_observation(ward, rate, period="2021", value=value)
        row = evaluate_resolution(resolution, as_of=YEAR_END).rows[0]
        assert row.evaluation.actual == pytest.approx(90)
        assert row.evaluation.coverage == "2/2 xã, phường"

    def test_figures_not_yet_approved_do_not_count(self):
        city = make_city()
        resolution = make_resolution(issuer=city)
        indicator = make_indicator(frequency=PeriodKind.YEAR)
        make_target(resolution, indicator, value=10)
        make_observation(city, indicator, period="2021", value=12, state=EntryState.DRAFT)
        row = evaluate_resolution(resolution, as_of=YEAR_END).rows[0]
        assert row.evaluation.status == Status.NO_DATA

    def test_a_figure_reported_after_the_review_date_is_not_yet_known(self):
        city = make_city()
        resolution = make_resolution(issuer=city)
        indicator = make_indicator(frequency=PeriodKind.YEAR)
        make_target(resolution, indicator, value=10)
        make_observation(city, indicator, period="2021", value=12, reported_on=date(2021, 12, 4))
        assert evaluate_resolution(resolution, as_of=date(2021, 12, 3)).rows[0].evaluation.status == Status.NO_DATA
        assert evaluate_resolution(resolution, as_of=date(2021, 12, 4)).rows[0].evaluation.actual == 12

    def test_a_unit_review_uses_only_that_units_figures_against_its_own_shares(self):
        _, communes, resolution = build_city(3, 2)
        first, second = resolution.targets.order_by("number")
        TargetShare.objects.create(target=first, unit=communes[2], value=10)
        TargetShare.objects.create(target=second, unit=communes[2], value=12)
        review = evaluate_resolution(resolution, as_of=YEAR_END, unit=communes[2])
        assert [r.target.value for r in review.rows] == [10, 12]  # its shares, not the city's 36
        assert review.rows[0].evaluation.actual == pytest.approx(12)
        assert review.rows[0].evaluation.status == Status.EXCEEDED
        assert review.rows[1].evaluation.status == Status.NO_DATA  # reported by the city only
        assert review.rows[0].share.unit == communes[2]

    def test_a_unit_without_a_share_is_never_judged_against_the_citys_target(self):
        _, communes, resolution = build_city(3, 2)
        review = evaluate_resolution(resolution, as_of=YEAR_END, unit=communes[0])
        assert review.rows == [] and review.summary.headline == "Chưa có chỉ tiêu nào"

    def test_the_city_review_says_how_the_units_stand_against_their_shares(self):
        _, communes, resolution = build_city(3, 1)  # each commune reports 12 over the year
        target = resolution.targets.get()
        for unit, share in zip(communes, (10, 12, 15), strict=True):
            TargetShare.objects.create(target=target, unit=unit, value=share)
        standing = evaluate_resolution(resolution, as_of=YEAR_END).shares[target.pk]
        assert (standing.met, standing.total) == (2, 3)
        assert standing.words == "đạt phần giao 2/3 đơn vị"
        assert {r.lead_unit: r.evaluation.status for r in standing.rows}[communes[2].display_name] == Status.NOT_ACHIEVED

    def test_a_communes_own_resolution_is_judged_on_its_own_figures(self):
        city, communes, _ = build_city(2, 0)
        own = make_resolution("nq-xa", issuer=communes[0], period="2021")
        indicator = make_indicator("viec-lam-xa", unit="người", aggregation=Aggregation.SUM, frequency=PeriodKind.YEAR)
        make_target(own, indicator, number="1", comparator=Comparator.GE, value=100)
        make_observation(communes[0], indicator, period="2021", value=120)
        make_observation(city, indicator, period="2021", value=5000)
        review = evaluate_resolution(own, as_of=YEAR_END)
        assert review.unit == communes[0]
        assert review.rows[0].evaluation.actual == pytest.approx(120)

    def test_a_target_in_another_scale_is_compared_in_its_own_unit(self):
        city = make_city()
        resolution = make_resolution(issuer=city)
        exports = make_indicator(unit="triệu USD", aggregation=Aggregation.SUM, frequency=PeriodKind.YEAR)
        make_target(resolution, exports, comparator=Comparator.EQ, value=22.3, unit="tỷ USD")
        make_observation(city, exports, period="2021", value=21000)
        row = evaluate_resolution(resolution, as_of=YEAR_END).rows[0]
        assert row.evaluation.actual == pytest.approx(21.0)
        assert row.evaluation.status == Status.NOT_ACHIEVED

    def test_simulated_figures_mark_the_row_and_the_review(self):
        city = make_city()
        resolution = make_resolution(issuer=city)
        indicator = make_indicator(frequency=PeriodKind.YEAR)
        make_target(resolution, indicator, value=10)
        make_observation(city, indicator, period="2021", value=12, source=SIMULATED_SOURCE)
        review = evaluate_resolution(resolution, as_of=YEAR_END)
        assert review.rows[0].simulated and review.simulated
        assert review_as_json(review)["targets"][0]["simulated"] is True


class TestJsonContract:
    def test_has_the_keys_design_md_promises_and_counts_every_status(self):
        _, _, resolution = build_city(2, 3)
        data = review_as_json(evaluate_resolution(resolution, as_of=date(2021, 6, 30)))
        assert {"resolution", "as_of", "counts", "targets"} <= set(data)
        assert data["resolution"] == "nq-2021" and data["as_of"] == "2021-06-30"
        assert set(data["counts"]) == {s.value for s in Status}
        assert sum(data["counts"].values()) == 3
        for target in data["targets"]:
            assert {"indicator", "comparator", "value", "value_max", "unit", "actual", "stage",
                    "status", "achievement", "forecast"} <= set(target)
            assert target["status"] in data["counts"]

    def test_before_the_period_ends_a_forecast_decides(self):
        _, _, resolution = build_city(2, 1, months=6)
        target = review_as_json(evaluate_resolution(resolution, as_of=date(2021, 6, 30)))["targets"][0]
        assert target["status"] in (Status.ON_TRACK, Status.AT_RISK)
        assert target["forecast"] is not None and target["forecast"]["value"] > target["actual"]


class TestUnitRanking:
    def test_communes_are_ranked_against_their_average_from_monthly_sums(self, django_assert_max_num_queries):
        city, communes, resolution = build_city(3, 1)
        indicator = resolution.targets.get().indicator
        for m in range(1, 13):  # xa-1 reports twice as much, xa-2 three times
            make_observation(communes[1], indicator, period=f"T{m}/2021", value=1.0, stage=Stage.ESTIMATE)
            make_observation(communes[2], indicator, period=f"T{m}/2021", value=2.0, stage=Stage.ESTIMATE)
        with django_assert_max_num_queries(2):
            ranking = unit_ranking(indicator, "2021", as_of=YEAR_END, parent=city)
        # official 1.0 beats the estimates for the same month: every commune sums to 12
        assert {r.value for r in ranking.ranks} == {12.0}

        other = make_indicator(unit="hộ", aggregation=Aggregation.SUM, frequency=PeriodKind.MONTH)
        for unit, value in zip(communes, [1.0, 2.0, 3.0], strict=True):
            for m in range(1, 13):
                make_observation(unit, other, period=f"T{m}/2021", value=value)
        ranking = unit_ranking(other, "2021", as_of=YEAR_END, parent=city)
        by_unit = {r.unit: r for r in ranking.ranks}
        assert by_unit["xa-2"].rank == 1 and by_unit["xa-2"].value == 36
        assert by_unit["xa-0"].lagging and by_unit["xa-0"].group_average == 24
        assert ranking.names["xa-0"] == communes[0].name

    def test_lower_is_better_puts_the_smallest_first(self):
        city = make_city()
        poor = make_indicator(unit="hộ", direction="lower", aggregation=Aggregation.LAST, frequency=PeriodKind.YEAR)
        for i, value in enumerate([5.0, 0.0, 9.0]):
            make_observation(make_unit(f"xa-{i}", parent=city), poor, period="2021", value=value)
        ranks = unit_ranking(poor, "2021", as_of=YEAR_END).ranks
        assert [r.unit for r in ranks] == ["xa-1", "xa-0", "xa-2"]
        assert ranks[-1].lagging and not ranks[0].lagging


def test_a_departments_approved_figure_is_the_citys_own_figure():
    city = make_city()
    statistics = make_unit("cuc-thong-ke", kind=UnitKind.DEPARTMENT, parent=city)
    team = make_unit("phong-tong-hop", kind=UnitKind.DEPARTMENT, parent=statistics)
    commune = make_unit("xa-a", parent=city)
    growth = make_indicator("grdp", frequency=PeriodKind.YEAR)
    resolution = make_resolution("nq-2021", issuer=make_unit(kind=UnitKind.PARTY_BODY, parent=city))
    make_target(resolution, growth, value=13.5)
    make_observation(commune, growth, period="2021", value=20.0, state=EntryState.APPROVED)
    make_observation(statistics, growth, period="2021", value=12.5, stage=Stage.ESTIMATE,
                     state=EntryState.APPROVED)

    (row,) = evaluate_resolution(resolution, as_of=YEAR_END).rows
    assert (row.evaluation.actual, row.evaluation.stage) == (12.5, Stage.ESTIMATE)
    assert row.evaluation.status is Status.NOT_ACHIEVED
    (own,) = latest_observations([growth], Period.year(2021), as_of=YEAR_END, city=city)[growth.pk]
    assert (own.value, own.unit_code) == (12.5, None)

    # a body two levels down counts once approved, and its official figure beats the estimate
    waiting = make_observation(team, growth, period="2021", value=14.0, state=EntryState.SUBMITTED)
    (row,) = evaluate_resolution(resolution, as_of=YEAR_END).rows
    assert row.evaluation.actual == 12.5
    waiting.state = EntryState.APPROVED
    waiting.save()
    figures = latest_observations([growth], Period.year(2021), as_of=YEAR_END, city=city)[growth.pk]
    assert sorted(o.value for o in figures) == [12.5, 14.0]
    (row,) = evaluate_resolution(resolution, as_of=YEAR_END).rows
    assert (row.evaluation.actual, row.evaluation.stage) == (14.0, Stage.OFFICIAL)


def test_a_review_reads_earlier_years_only_for_cumulative_indicators_and_still_forecasts_seasonally():
    city = make_city()
    revenue = make_indicator("thu", unit="tỷ đồng", aggregation=Aggregation.SUM)
    rate = make_indicator("ty-le", aggregation=Aggregation.LAST)
    resolution = make_resolution("nq-2024", period="2024")
    make_target(resolution, revenue, value=100.0)
    make_target(resolution, rate, value=50.0)
    for year, months in ((2023, range(1, 13)), (2024, range(1, 7))):
        for m in months:  # a second half twice the first: seasonal, not pace
            make_observation(city, revenue, period=f"T{m}/{year}", value=5.0 if m <= 6 else 10.0)
    make_observation(city, rate, period="T12/2023", value=99.0)
    make_observation(city, rate, period="T6/2024", value=55.0)
    mid_year = date(2024, 7, 10)

    cumulative = latest_observations([revenue, rate], Period.year(2024), as_of=mid_year, history="cumulative")
    assert {o.period.start.year for o in cumulative[revenue.pk]} == {2023, 2024}
    assert {o.period.start.year for o in cumulative[rate.pk]} == {2024}

    rows = {r.indicator.code: r.evaluation for r in evaluate_resolution(resolution, as_of=mid_year).rows}
    assert rows["thu"].method == "seasonal" and rows["thu"].forecast.value == pytest.approx(90.0)
    assert rows["ty-le"].actual == 55.0
