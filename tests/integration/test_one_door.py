"""One door for figures (issue 9, findings 3 and 4; issue 10, items 2, 6 and 9): every entry
point writes through `monitoring.services.record_observations`, which refuses implausible
values, holds the approval lock for every stage, refuses a change based on an older version
and writes no history for a write that changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from openpyxl import load_workbook

from chitieu.core.choices import Aggregation, EntryState, PeriodKind, Stage
from chitieu.errors import Conflict, DomainError, Forbidden, Invalid
from chitieu.monitoring import workflow
from chitieu.monitoring.models import Observation
from chitieu.monitoring.services import Mode, lock_period, record_observation
from chitieu.reports.entry import import_workbook
from tests.factories import make_indicator, make_observation, make_target, make_unit
from tests.integration.reports_world import AS_OF, make_world
from tests.integration.xlsx_helpers import fill, template
from tests.personas import make_cast

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def cast():
    return make_cast()


def snapshot() -> tuple:
    """Every stored figure and the number of history rows: what a refused write must keep."""
    return (sorted(Observation.objects.values_list("pk", "value", "state", "version", "correction_reason")),
            Observation.history.count())


def draft(cast, indicator, value, *, unit="commune_a", period="2024", user="reporter_a"):
    return record_observation(unit=cast.units[unit].code, indicator=indicator.code, period=period, value=value,
                              user=cast.users[user], mode=Mode.DRAFT, now=AS_OF)


def refused(kind, call) -> DomainError:
    before = snapshot()
    with pytest.raises(kind) as err:
        call()
    assert snapshot() == before
    return err.value


# --- plausibility: hard rules ----------------------------------------------------------------


@pytest.mark.parametrize("value, words", [(-5, "âm"), (150, "lớn hơn mức cao nhất 100")])
def test_a_share_outside_0_to_100_is_refused_naming_the_value(cast, value, words):
    bhyt = make_indicator("bhyt", "Tỷ lệ dân số tham gia BHYT", "%", frequency=PeriodKind.YEAR)
    err = refused(Invalid, lambda: draft(cast, bhyt, value))
    assert words in err.errors["value"] and "Tỷ lệ dân số tham gia BHYT" in err.errors["value"]


def test_a_growth_rate_may_be_negative_when_the_indicator_says_so(cast):
    growth = make_indicator("tang-truong", "Tăng trưởng GRDP", "%", value_kind="rate", frequency=PeriodKind.YEAR)
    assert draft(cast, growth, -2.5).value == -2.5


def test_two_and_a_half_households_are_refused_as_a_count(cast):
    poor = make_indicator("ho-ngheo", "Số hộ nghèo", "hộ", value_kind="count", frequency=PeriodKind.YEAR)
    err = refused(Invalid, lambda: draft(cast, poor, "2,5"))
    assert "không phải số nguyên" in err.errors["value"]


def test_an_indicator_s_own_bound_is_kept():
    world = make_world()
    world.revenue.plausible_max = 10_000
    world.revenue.save()
    err = refused(Invalid, lambda: record_observation(
        unit=world.finance.code, indicator=world.revenue.code, period="T5/2024", value=99_999, now=AS_OF))
    assert "10.000" in err.errors["value"]


def test_minus_twenty_jobs_from_excel_are_refused_at_their_cell():
    world = make_world()
    jobs = make_indicator("viec-lam", "Giải quyết việc làm", "người", value_kind="count",
                          aggregation=Aggregation.SUM, frequency=PeriodKind.QUARTER)
    make_target(world.resolution, jobs, number="9", value=100, lead_unit=world.finance, period="2024")
    data = template()
    sheet = load_workbook(io.BytesIO(data))["Số liệu"]
    row = next(r for r in range(1, 60) if sheet[f"B{r}"].value == "viec-lam")
    err = refused(Invalid, lambda: import_workbook(fill(data, {f"D{row}": -20}), now=AS_OF))
    [(where, message)] = err.errors.items()
    assert where == f"Sheet 'Số liệu', dòng {row}, cột D (Giá trị)" and "âm" in message


def test_1e308_is_refused_by_the_api_and_a_correction(cast):
    client = Client()
    client.force_login(cast.users["reporter_a"], backend="django.contrib.auth.backends.ModelBackend")
    before = snapshot()
    body = [{"indicator": cast.indicator.code, "unit": cast.units["commune_a"].code, "period": "2024",
             "value": 1e308}]
    answer = client.post(API + "/observations", data=body, content_type="application/json")
    assert answer.status_code == 422 and "độ lớn hợp lý" in answer.json()["errors"]["0.value"]
    assert snapshot() == before
    approved = make_observation(cast.units["commune_a"], cast.indicator, period="2023", value=900)
    err = refused(Invalid, lambda: workflow.correct(approved.pk, by=cast.users["office"], value=1e308,
                                                    reason="Sửa"))
    assert "độ lớn hợp lý" in err.errors["value"]


def test_1e308_from_a_numeric_excel_cell_is_refused():
    make_world()
    err = refused(Invalid, lambda: import_workbook(fill(template(), {"D8": 1e308}), now=AS_OF))
    assert list(err.errors) == ["Sheet 'Số liệu', dòng 8, cột D (Giá trị)"]
    assert "độ lớn hợp lý" in err.errors["Sheet 'Số liệu', dòng 8, cột D (Giá trị)"]


def test_true_is_refused_as_a_number_by_the_api(cast):
    client = Client()
    client.force_login(cast.users["reporter_a"], backend="django.contrib.auth.backends.ModelBackend")
    before = snapshot()
    body = [{"indicator": cast.indicator.code, "unit": cast.units["commune_a"].code, "period": "2024",
             "value": True}]
    answer = client.post(API + "/observations", data=body, content_type="application/json")
    assert answer.status_code == 422 and "không phải là số" in answer.json()["errors"]["0.value"]
    assert snapshot() == before


# --- the approval lock for every stage (finding 4) ------------------------------------------


def test_observe_on_an_approved_estimate_is_refused_without_a_reason(cast):
    obs = make_observation(cast.units["commune_a"], cast.indicator, period="2023", value=12.5,
                           stage=Stage.ESTIMATE)
    before = snapshot()
    with pytest.raises(CommandError, match="lý do điều chỉnh"):
        call_command("observe", unit=obs.unit.code, indicator=cast.indicator.code, period="2023", value="1",
                     stage="estimate")
    assert snapshot() == before


def test_observe_with_a_reason_corrects_the_approved_estimate_and_keeps_the_reason(cast):
    obs = make_observation(cast.units["commune_a"], cast.indicator, period="2023", value=12.5,
                           stage=Stage.ESTIMATE)
    call_command("observe", unit=obs.unit.code, indicator=cast.indicator.code, period="2023", value="1",
                 stage="estimate", correction_reason="Cục Thống kê sửa số")
    obs.refresh_from_db()
    assert (obs.value, obs.state, obs.version) == (1, EntryState.APPROVED, 2)
    assert obs.history.first().history_change_reason == "Điều chỉnh: Cục Thống kê sửa số"


def test_a_submitted_figure_of_any_stage_is_not_overwritten_by_a_draft(cast):
    obs = make_observation(cast.units["commune_a"], cast.indicator, period="2024", value=90,
                           stage=Stage.PRELIMINARY, state=EntryState.SUBMITTED)
    err = refused(Conflict, lambda: record_observation(
        unit=obs.unit.code, indicator=cast.indicator.code, period="2024", value=91, stage="preliminary",
        user=cast.users["reporter_a"], mode=Mode.DRAFT, now=AS_OF))
    assert "điều chỉnh có lý do" in err.errors["state"]


@pytest.mark.parametrize("persona, unit, mode, kind", [
    ("reporter_b", "commune_a", Mode.DRAFT, Forbidden),
    ("leader", "commune_a", Mode.DRAFT, Forbidden),
    ("viewer", "commune_a", Mode.DRAFT, Forbidden),
    ("outsider", "commune_a", Mode.DRAFT, Forbidden),
    ("dept_reporter", "commune_a", Mode.IMPORT, Forbidden),
    ("reporter_a", "commune_a", Mode.CLI, Conflict),  # an approved figure, no reason
    ("reporter_a", "commune_a", Mode.CORRECTION, Conflict),  # a correction without a reason
])
def test_every_refused_write_leaves_the_database_as_it_was(cast, persona, unit, mode, kind):
    make_observation(cast.units["commune_a"], cast.indicator, period="2024", value=100, stage=Stage.ESTIMATE)
    refused(kind, lambda: record_observation(
        unit=cast.units[unit].code, indicator=cast.indicator.code, period="2024", value=55, stage="estimate",
        user=cast.users[persona], mode=mode, now=AS_OF))


def test_submit_and_approve_use_the_same_period_lock_as_entry(cast):
    obs = make_observation(cast.units["commune_a"], cast.indicator, period="2024", state=EntryState.SUBMITTED)
    lock_period("2024", reason="Đã tổng hợp")
    err = refused(Conflict, lambda: workflow.approve(obs.pk, by=cast.users["leader"]))
    entry = refused(Conflict, lambda: draft(cast, cast.indicator, 5, unit="commune_b", user="reporter_b"))
    assert err.errors["period"] == entry.errors["period"]


# --- versions and repeated writes (issue 10, item 6) ---------------------------------------


def test_two_corrections_from_the_same_version_one_is_refused_naming_who_changed_it(cast):
    obs = make_observation(cast.units["commune_a"], cast.indicator, period="2023", value=900)
    base = obs.version
    workflow.correct(obs.pk, by=cast.users["office"], value=950, reason="Số quyết toán", version=base)
    err = refused(Conflict, lambda: workflow.correct(obs.pk, by=cast.users["leader"], value=960,
                                                     reason="Số khác", version=base))
    assert err.status == 409
    assert "Trần Văn Phòng" in err.errors["version"] and "950" in err.errors["version"]
    obs.refresh_from_db()
    assert obs.value == 950


def test_a_correction_after_a_submit_based_on_the_draft_is_refused(cast):
    obs = make_observation(cast.units["commune_a"], cast.indicator, period="2024", state=EntryState.DRAFT)
    seen = obs.version
    workflow.submit(obs.pk, by=cast.users["reporter_a"])
    refused(Conflict, lambda: workflow.correct(obs.pk, by=cast.users["office"], value=1,
                                               reason="x", version=seen))
    assert Observation.objects.get(pk=obs.pk).state == EntryState.SUBMITTED


def test_the_api_correction_answers_409_for_a_moved_version(cast):
    obs = make_observation(cast.units["commune_a"], cast.indicator, period="2023", value=900)
    client = Client()
    client.force_login(cast.users["office"], backend="django.contrib.auth.backends.ModelBackend")
    first = client.post(f"{API}/observations/{obs.pk}/correct", content_type="application/json",
                        data={"value": 950, "reason": "Số quyết toán", "version": 1})
    assert first.status_code == 200 and first.json()["version"] == 2
    second = client.post(f"{API}/observations/{obs.pk}/correct", content_type="application/json",
                         data={"value": 960, "reason": "Số khác", "version": 1})
    assert second.status_code == 409 and "thay đổi lúc" in second.json()["errors"]["version"]


def test_a_repeated_identical_write_writes_no_history(cast):
    first = draft(cast, cast.indicator, 120)
    before = snapshot()
    again = draft(cast, cast.indicator, "120")
    assert again.pk == first.pk and snapshot() == before


def test_importing_one_file_twice_writes_one_set_of_history_rows():
    make_world()
    data = fill(template(), {"D8": 301})
    import_workbook(data, now=AS_OF)
    before = snapshot()
    assert import_workbook(data, now=AS_OF).written == 0
    assert snapshot() == before


# --- soft checks and the confirmed approval ---------------------------------------------------


def test_a_commune_figure_above_the_city_s_is_stored_with_a_warning_and_approved_only_when_confirmed(cast):
    members = make_indicator("dang-vien", "Kết nạp đảng viên mới", "đảng viên", value_kind="count",
                             aggregation=Aggregation.SUM, unit_aggregation=Aggregation.SUM,
                             frequency=PeriodKind.YEAR)
    make_observation(cast.units["city"], members, period="2024", value=3300)
    obs = draft(cast, members, 999_999_999)
    assert any("toàn thành phố" in w for w in obs.warning_list)
    workflow.submit(obs.pk, by=cast.users["reporter_a"])
    err = refused(Conflict, lambda: workflow.approve(obs.pk, by=cast.users["leader"]))
    assert "Xác nhận" in err.errors["confirm"]
    workflow.approve(obs.pk, by=cast.users["leader"], confirm=True)
    obs.refresh_from_db()
    assert obs.state == EntryState.APPROVED
    assert "đã xác nhận số liệu bất thường" in obs.history.first().history_change_reason


def test_a_value_far_from_the_unit_s_history_warns(cast):
    jobs = make_indicator("viec-lam", "Giải quyết việc làm", "người", value_kind="count",
                          aggregation=Aggregation.SUM, frequency=PeriodKind.YEAR)
    for year, value in zip(range(2018, 2024), [100, 110, 95, 105, 102, 98], strict=True):
        make_observation(cast.units["commune_a"], jobs, period=str(year), value=value)
    assert draft(cast, jobs, 104).warning_list == []
    assert any("các kỳ trước" in w for w in draft(cast, jobs, 600, period="2024").warning_list)


def test_a_value_far_from_the_sibling_communes_of_the_same_period_warns(cast):
    # The siblings' figures of the period are read whatever their age: not only those of
    # the units being written.
    jobs = make_indicator("viec-lam", "Giải quyết việc làm", "người", value_kind="count",
                          aggregation=Aggregation.SUM, frequency=PeriodKind.YEAR)
    for n, value in enumerate([100, 110, 95, 105]):
        make_observation(make_unit(f"xa-ben-{n}", parent=cast.units["city"]), jobs, period="2024", value=value)
    make_observation(make_unit("xa-ben-cu", parent=cast.units["city"]), jobs, period="2016", value=90_000)
    assert draft(cast, jobs, 104).warning_list == []
    assert any("các đơn vị cùng cấp" in w for w in draft(cast, jobs, 90_000, period="2024").warning_list)


def test_an_import_racing_another_of_the_same_file_writes_one_set_of_rows_and_history():
    # The second `chitieu import` of one file reads the workbook while the first is writing;
    # the first commits just before the second opens its transaction (the interleaving that
    # wrote 10.000 history rows for 5.000 figures). The door decides inside the transaction.
    make_world()
    data = fill(template(), {"D7": 8.4, "F7": "Sơ bộ", "D8": 301})
    before_rows, before_history = Observation.objects.count(), Observation.history.count()
    raced = []

    def other_import_commits_first(stage, done, total):
        if stage == "Ghi số liệu" and done == 0 and not raced:
            raced.append(import_workbook(data, now=AS_OF))

    second = import_workbook(data, now=AS_OF, progress=other_import_commits_first)
    assert raced[0].written == 2 and second.written == 0
    assert Observation.objects.count() == before_rows + 2  # a preliminary GRDP and a revenue figure
    assert Observation.history.count() == before_history + 2
