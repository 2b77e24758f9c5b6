"""Recording figures: every bad input gets a Vietnamese message naming field and value, and
nothing is written; good input is converted, stored and, when corrected, kept in history."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.core.choices import EntryState, PeriodKind, Role, Stage, UnitKind
from chitieu.errors import Conflict, Invalid
from chitieu.monitoring.models import Observation
from chitieu.monitoring.services import lock_period, record_observation, record_observations
from chitieu.org.models import Unit
from tests.factories import make_city, make_indicator, make_unit, make_user

pytestmark = pytest.mark.django_db

NOW = date(2021, 12, 31)


@pytest.fixture
def city():
    return make_city("hai-phong")


@pytest.fixture
def commune(city):
    return make_unit("xa-a", name="Xã A", kind=UnitKind.COMMUNE, parent=city)


@pytest.fixture
def exports():
    return make_indicator("exports", name="Kim ngạch xuất khẩu", unit="triệu USD", frequency=PeriodKind.MONTH)


def record(**kw):
    row = {"unit": "xa-a", "indicator": "exports", "period": "T3/2021", "value": "12,5", "now": NOW}
    row.update(kw)
    return record_observation(**row)


def rejected(exc_type, field, *fragments, **kw):
    """Record with `kw`, expect `exc_type` keyed by `field` whose message names `fragments`."""
    with pytest.raises(exc_type) as info:
        record(**kw)
    assert field in info.value.errors, info.value.errors
    for fragment in fragments:
        assert fragment in info.value.errors[field]
    assert Observation.objects.count() == 0
    return info.value


@pytest.mark.usefixtures("commune", "exports")
class TestBadInputIsRefusedAndNothingWritten:
    def test_an_unknown_unit_code_is_named_under_unit(self):
        rejected(Invalid, "unit", "xa-khong-co", unit="xa-khong-co")

    def test_an_unknown_indicator_code_is_named_under_indicator(self):
        rejected(Invalid, "indicator", "khong-co", indicator="khong-co")

    def test_a_unit_of_measure_that_does_not_convert_is_named(self):
        rejected(Invalid, "unit_of_measure", "tấn", "triệu USD", unit_of_measure="tấn")

    def test_text_where_a_number_belongs_is_named_under_value(self):
        rejected(Invalid, "value", "mười hai", value="mười hai")

    @pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf"), "NaN", "inf"])
    def test_nan_and_infinity_are_not_figures(self, bad):
        rejected(Invalid, "value", str(bad), value=bad)

    def test_a_period_that_does_not_parse_is_named(self):
        rejected(Invalid, "period", "quý 5/2021", period="quý 5/2021")

    def test_a_month_that_does_not_exist_is_refused(self):
        rejected(Invalid, "period", "T13/2021", period="T13/2021")

    def test_a_period_that_has_not_begun_is_refused(self):
        rejected(Invalid, "period", "T1/2022", period="T1/2022")

    def test_a_period_finer_than_the_indicators_frequency_is_refused(self):
        make_indicator("yearly", name="Tỷ trọng TFP", frequency=PeriodKind.YEAR)
        rejected(Invalid, "period", "T3/2021", "Tỷ trọng TFP", indicator="yearly")

    @pytest.mark.parametrize("period", ["5 tháng đầu năm 2021", "T3/2021"])
    def test_a_period_not_made_of_whole_quarters_is_refused_for_a_quarterly_indicator(self, period):
        make_indicator("quarterly", name="Tốc độ tăng GRDP", frequency=PeriodKind.QUARTER)
        rejected(Invalid, "period", "Tốc độ tăng GRDP", indicator="quarterly", period=period)

    @pytest.mark.parametrize("period", ["Q2/2021", "6 tháng đầu năm 2021", "9M/2021", "2021"])
    def test_quarters_and_the_periods_they_make_up_fit_a_quarterly_indicator(self, period):
        make_indicator("quarterly", name="Tốc độ tăng GRDP", frequency=PeriodKind.QUARTER)
        assert record(indicator="quarterly", period=period, unit_of_measure="%").value == 12.5

    def test_a_figure_for_a_city_wide_locked_period_is_refused(self):
        lock_period("Q1/2021", reason="Đã tổng hợp quý I")
        rejected(Conflict, "period", "T3/2021", period="T3/2021")

    def test_a_lock_on_a_parent_unit_covers_its_communes(self, city):
        lock_period("2021", unit=city)
        rejected(Conflict, "period", "T3/2021")

    def test_a_lock_on_another_unit_does_not_block(self, city):
        other = make_unit("xa-b", parent=city)
        lock_period("2021", unit=other)
        assert record().value == 12.5

    @pytest.mark.parametrize(
        ("bad", "fragment"),
        [("2022-01-05", "05/01/2022"), ("2020-12-31", "31/12/2020"), ("hôm qua", "hôm qua")],
        ids=["future", "before-the-period", "not-a-date"],
    )
    def test_a_report_date_in_the_future_before_the_period_or_unreadable_is_named(self, bad, fragment):
        rejected(Invalid, "reported_on", fragment, reported_on=bad)

    def test_an_unknown_stage_is_named(self):
        rejected(Invalid, "stage", "final", stage="final")


@pytest.mark.usefixtures("commune", "exports")
class TestGoodInput:
    def test_a_value_in_another_scale_is_stored_in_the_indicators_unit(self):
        obs = record(value="2,5", unit_of_measure="tỷ USD")
        assert obs.value == pytest.approx(2500)
        assert obs.entered_unit == "tỷ USD"

    def test_a_vietnamese_period_form_is_stored_as_its_code(self):
        obs = record(period="quý I/2021")
        assert (obs.period, obs.period_start, obs.period_end) == ("Q1/2021", date(2021, 1, 1), date(2021, 3, 31))

    def test_the_report_date_is_kept(self):
        assert record(reported_on="2021-04-10").reported_on == date(2021, 4, 10)

    def test_a_revised_draft_estimate_replaces_the_earlier_one(self):
        record(value=10, stage=Stage.ESTIMATE, state=EntryState.DRAFT)
        record(value=11, stage=Stage.ESTIMATE, state=EntryState.DRAFT)
        assert list(Observation.objects.values_list("value", flat=True)) == [11]

    def test_the_entering_user_is_kept_on_the_figure_and_its_history(self):
        user = make_user("bao-cao", role=Role.OFFICE_ADMIN, unit=Unit.objects.get(code="hai-phong"))
        obs = record(user=user)
        assert obs.entered_by == user
        assert obs.history.get().history_user == user

    def test_an_official_figure_may_stand_beside_an_estimate(self):
        record(value=10, stage=Stage.ESTIMATE)
        record(value=10.4, stage=Stage.OFFICIAL)
        assert sorted(Observation.objects.values_list("stage", flat=True)) == ["estimate", "official"]


@pytest.mark.usefixtures("commune", "exports")
class TestSecondOfficialFigure:
    def test_is_a_conflict_without_a_reason_and_keeps_the_first(self):
        record(value=10, stage=Stage.OFFICIAL)
        with pytest.raises(Conflict) as info:
            record(value=12, stage=Stage.OFFICIAL)
        assert "correction_reason" in info.value.errors
        assert "10" in info.value.errors["correction_reason"]
        assert list(Observation.objects.values_list("value", flat=True)) == [10]

    def test_with_a_reason_updates_and_history_keeps_the_old_value(self):
        first = record(value=10, stage=Stage.OFFICIAL)
        record(value=12, stage=Stage.OFFICIAL, correction_reason="Cục Thống kê công bố lại")
        obs = Observation.objects.get(pk=first.pk)
        assert obs.value == 12 and obs.correction_reason == "Cục Thống kê công bố lại"
        values = [h.value for h in obs.history.order_by("history_date")]
        assert values == [10, 12]
        assert "Cục Thống kê công bố lại" in obs.history.latest().history_change_reason


@pytest.mark.usefixtures("commune", "exports")
class TestBulk:
    def rows(self):
        return [
            {"unit": "xa-a", "indicator": "exports", "period": "T1/2021", "value": 1},
            {"unit": "xa-a", "indicator": "exports", "period": "T2/2021", "value": "hai"},
            {"unit": "xa-a", "indicator": "exports", "period": "T3/2021", "value": 3},
        ]

    def test_one_bad_row_writes_no_row_and_is_keyed_by_its_line(self):
        with pytest.raises(Invalid) as info:
            record_observations(self.rows(), now=NOW)
        assert list(info.value.errors) == ["dòng 2.value"]
        assert "hai" in info.value.errors["dòng 2.value"]
        assert Observation.objects.count() == 0

    def test_good_rows_are_all_written_in_order(self):
        rows = self.rows()
        rows[1]["value"] = 2
        written = record_observations(rows, now=NOW)
        assert [o.period for o in written] == ["T1/2021", "T2/2021", "T3/2021"]
        assert Observation.objects.count() == 3

    def test_the_same_figure_twice_in_one_batch_is_refused(self):
        rows = self.rows()
        rows[1] = dict(rows[0])
        with pytest.raises(Invalid) as info:
            record_observations(rows, now=NOW)
        assert "dòng 1" in info.value.errors["dòng 2.period"]
        assert Observation.objects.count() == 0

    def test_an_empty_batch_is_refused(self):
        with pytest.raises(Invalid):
            record_observations([], now=NOW)


@pytest.mark.usefixtures("commune", "exports")
class TestObserveCommand:
    def test_records_a_figure(self, capsys):
        call_command("observe", unit="xa-a", indicator="exports", period="T3/2021", value="7,5", stage="official")
        assert Observation.objects.get().value == 7.5
        assert "Đã ghi" in capsys.readouterr().out

    @pytest.mark.parametrize(
        ("option", "bad", "field"),
        [
            ("unit", "khong-co", "unit"),
            ("indicator", "khong-co", "indicator"),
            ("value", "abc", "value"),
            ("value", "nan", "value"),
            ("period", "quý 7/2021", "period"),
            ("unit_of_measure", "tấn", "unit_of_measure"),
            ("reported_on", "2021-02-30", "reported_on"),
        ],
    )
    def test_bad_input_fails_naming_field_and_value_and_writes_nothing(self, option, bad, field):
        args = {"unit": "xa-a", "indicator": "exports", "period": "T3/2021", "value": "1", option: bad}
        with pytest.raises(CommandError) as info:
            call_command("observe", **args)
        assert f"{field}:" in str(info.value) and bad in str(info.value)
        assert Observation.objects.count() == 0


BAD_VALUES = {
    "unit": "xa-khong-co",
    "indicator": "chi-tieu-khong-co",
    "value": "mười",
    "period": "quý 9/2021",
    "unit_of_measure": "tấn",
    "stage": "chac-chan",
    "reported_on": "2021-13-01",
}


@pytest.mark.usefixtures("commune", "exports")
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    size=st.integers(min_value=1, max_value=12),
    data=st.data(),
)
def test_a_batch_with_one_bad_row_anywhere_writes_nothing_and_names_that_row(size, data):
    bad_at = data.draw(st.integers(min_value=1, max_value=size), label="bad row")
    field = data.draw(st.sampled_from(sorted(BAD_VALUES)), label="bad field")
    rows = [{"unit": "xa-a", "indicator": "exports", "period": f"T{m}/2021", "value": m} for m in range(1, size + 1)]
    rows[bad_at - 1][field] = BAD_VALUES[field]
    with pytest.raises(Invalid) as info:
        record_observations(rows, now=NOW)
    assert list(info.value.errors) == [f"dòng {bad_at}.{field}"]
    assert BAD_VALUES[field] in info.value.errors[f"dòng {bad_at}.{field}"]
    assert Observation.objects.count() == 0


@pytest.mark.usefixtures("commune", "exports")
def test_a_figure_written_approved_by_a_user_names_its_approver_and_a_draft_does_not():
    office = make_user("van-phong", role=Role.OFFICE_ADMIN, unit=Unit.objects.get(code="hai-phong"))
    approved = record(user=office)
    assert (approved.approved_by, approved.approved_at is not None) == (office, True)
    draft = record(user=office, stage=Stage.PRELIMINARY, state=EntryState.DRAFT)
    assert (draft.approved_by, draft.approved_at) == (None, None)
    assert record(stage=Stage.OFFICIAL).approved_by is None  # the command line names nobody
