"""Importing a template obeys the approval lock: a submitted or approved figure changes only
by a correction with a reason (column I), for the office, a reporter and the command line
alike, and one refused row means nothing is written."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chitieu.core.choices import EntryState, Role, Stage
from chitieu.errors import Conflict
from chitieu.monitoring.models import Observation
from chitieu.reports.entry import import_workbook
from tests.factories import make_observation, make_user
from tests.integration.reports_world import AS_OF, make_world
from tests.integration.xlsx_helpers import fill, template

pytestmark = pytest.mark.django_db

GRDP_VALUE = "Sheet 'Số liệu', dòng 7, cột D (Giá trị)"


@pytest.fixture
def world():
    w = make_world()
    # The department's Q2 GRDP estimate is approved (locked), its revenue preliminary submitted.
    w.approved = make_observation(w.finance, w.grdp, period="Q2/2024", value=49, stage=Stage.ESTIMATE,
                                  state=EntryState.APPROVED)
    w.submitted = make_observation(w.finance, w.revenue, period="Q2/2024", value=300, stage=Stage.PRELIMINARY,
                                   state=EntryState.SUBMITTED)
    return w


def snapshot() -> tuple:
    return (sorted(Observation.objects.values_list("pk", "value", "state", "correction_reason")),
            Observation.history.count())


def refused(data: bytes, **kwargs) -> Conflict:
    before = snapshot()
    with pytest.raises(Conflict) as err:
        import_workbook(data, now=AS_OF, **kwargs)
    assert snapshot() == before
    return err.value


def test_changing_an_approved_estimate_without_a_reason_is_refused_at_its_cell(world):
    err = refused(fill(template(), {"D7": 999}))
    assert list(err.errors) == [GRDP_VALUE]
    assert "«Đã duyệt (khóa)»" in err.errors[GRDP_VALUE] and "49" in err.errors[GRDP_VALUE]
    assert "lý do điều chỉnh ở cột I" in err.errors[GRDP_VALUE]


@pytest.mark.parametrize("role, unit", [(Role.REPORTER, "finance"), (Role.OFFICE_ADMIN, "city")])
def test_reporters_and_the_office_are_held_to_the_lock_too(world, role, unit):
    user = make_user("nguoi-nhap", role=role, unit=getattr(world, unit))
    err = refused(fill(template(), {"D7": 999}), user=user)
    assert GRDP_VALUE in err.errors


def test_a_submitted_preliminary_figure_is_locked_as_well(world):
    err = refused(fill(template(), {"D8": 350}))
    assert "Sheet 'Số liệu', dòng 8, cột D (Giá trị)" in err.errors
    assert f"«{EntryState.SUBMITTED.label}»" in err.errors["Sheet 'Số liệu', dòng 8, cột D (Giá trị)"]


def test_one_locked_row_keeps_the_good_rows_from_being_written(world):
    before = Observation.objects.count()
    refused(fill(template(), {"D7": 999, "D8": 1200, "F8": "Chính thức"}))
    assert Observation.objects.count() == before


def test_a_correction_with_a_reason_is_recorded_and_stays_approved_for_the_operator(world):
    result = import_workbook(fill(template(), {"D7": 7.9, "I7": "Cục Thống kê công bố lại"}), now=AS_OF)
    assert result.written == 1
    world.approved.refresh_from_db()
    assert (world.approved.value, world.approved.state) == (7.9, EntryState.APPROVED)
    assert world.approved.correction_reason == "Cục Thống kê công bố lại"
    assert world.approved.history.first().history_change_reason == "Điều chỉnh: Cục Thống kê công bố lại"


def test_a_reporters_correction_goes_back_for_approval(world):
    reporter = make_user("so", role=Role.REPORTER, unit=world.finance)
    import_workbook(fill(template(), {"D7": 7.9, "I7": "Sai số liệu"}), user=reporter, now=AS_OF)
    world.approved.refresh_from_db()
    assert (world.approved.value, world.approved.state) == (7.9, EntryState.SUBMITTED)


def test_an_untouched_template_of_locked_figures_is_still_idempotent(world):
    before = snapshot()
    result = import_workbook(template(), now=AS_OF)
    assert (result.written, result.unchanged) == (0, 2)
    # A reason next to an unchanged value corrects nothing either.
    again = import_workbook(fill(template(), {"I7": "không đổi"}), now=AS_OF)
    assert again.written == 0 and snapshot() == before


def test_a_figure_at_another_stage_is_a_new_figure_not_a_change(world):
    import_workbook(fill(template(), {"D7": 8.1, "F7": "Chính thức"}), now=AS_OF)
    world.approved.refresh_from_db()
    assert world.approved.value == 49
    assert Observation.objects.get(unit=world.finance, indicator=world.grdp, period="Q2/2024",
                                   stage=Stage.OFFICIAL).value == 8.1


def test_the_import_command_without_user_obeys_the_lock(world, tmp_path):
    path = tmp_path / "da-dien.xlsx"
    path.write_bytes(fill(template(), {"D7": 999}))
    before = snapshot()
    with pytest.raises(CommandError, match="cột I"):
        call_command("import", str(path), "--no-progress")
    with pytest.raises(CommandError, match="cột I"):
        call_command("import", str(path), "--dry-run", "--no-progress")
    assert snapshot() == before
