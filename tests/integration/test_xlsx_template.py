"""Data-entry templates per unit and period: what they hold, and importing them back."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from chitieu.core.choices import EntryState, Role, Stage
from chitieu.errors import Forbidden, Invalid
from chitieu.monitoring.models import Observation
from chitieu.monitoring.services import record_observations
from chitieu.reports.entry import import_workbook, make_template
from tests.factories import make_observation, make_user
from tests.integration.reports_world import AS_OF, make_world
from tests.integration.xlsx_helpers import SHEET, fill, template

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def history_count() -> int:
    return Observation.history.count()


def test_template_lists_only_the_units_indicators_for_the_period(world):
    wb = load_workbook(io.BytesIO(template("so-tai-chinh", "Q2/2024")))
    assert wb.sheetnames == ["Hướng dẫn", "Số liệu"]
    ws = wb[SHEET]
    assert [c.value for c in ws[6]] == ["STT", "Mã chỉ tiêu", "Tên chỉ tiêu", "Giá trị", "Đơn vị tính", "Mức độ", "Nguồn", "Ghi chú", "Lý do điều chỉnh"]
    # The department leads GRDP (quarterly) and revenue (monthly); members and poor households
    # are led by nobody it stands for.
    assert [ws.cell(row=r, column=2).value for r in (7, 8)] == ["grdp", "thu-ngan-sach"]
    assert ws.max_row == 8
    # A monthly template leaves out the quarterly GRDP: such a figure would be refused.
    monthly = load_workbook(io.BytesIO(template("so-tai-chinh", "T5/2024")))[SHEET]
    assert [monthly.cell(row=r, column=2).value for r in range(7, monthly.max_row + 1)] == ["thu-ngan-sach"]


def test_a_commune_gets_the_indicators_it_has_reported(world):
    make_observation(world.commune, world.revenue, period="T1/2024", value=3)
    ws = load_workbook(io.BytesIO(template("xa-a", "T5/2024")))[SHEET]
    assert ws["B7"].value == "thu-ngan-sach" and ws.max_row == 7
    assert "Xã A" in ws["A2"].value and "tháng 5/2024" in ws["A3"].value


def test_template_is_protected_validated_and_signed(world):
    wb = load_workbook(io.BytesIO(template()))
    ws = wb[SHEET]
    assert ws.protection.sheet and wb["Hướng dẫn"].protection.sheet
    assert wb.security.lockStructure
    assert ws["B7"].protection.locked and ws["C7"].protection.locked
    assert not ws["D7"].protection.locked and not ws["F7"].protection.locked
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert rules["D7:D8"].type == "decimal"
    assert rules["F7:F8"].type == "list" and rules["F7:F8"].formula1 == '"Ước,Sơ bộ,Chính thức"'
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["chitieu.unit"] == "so-tai-chinh" and props["chitieu.period"] == "Q2/2024"
    assert props["chitieu.version"] == "2" and len(props["chitieu.checksum"]) == 64
    assert all(ws.sheet_state == "visible" for ws in wb.worksheets)


def test_unknown_unit_or_period_or_nothing_to_report_is_refused(world):
    with pytest.raises(Exception, match="khong-co"):
        make_template("khong-co", "2024")
    with pytest.raises(Invalid) as err:
        make_template("so-tai-chinh", "quý 9/2024")
    assert "period" in err.value.errors
    with pytest.raises(Invalid, match="không có chỉ tiêu nào"):
        make_template("xa-a", "2024")


def test_a_filled_template_round_trips_into_figures(world):
    filled = fill(template(), {"D7": 7.5, "F7": "Ước", "D8": "1.234,5", "F8": "Chính thức", "G8": "Kho bạc"})
    result = import_workbook(filled, now=AS_OF)
    assert (result.read, result.written, result.unchanged) == (2, 2, 0)
    grdp = Observation.objects.get(unit=world.finance, indicator=world.grdp, period="Q2/2024")
    revenue = Observation.objects.get(unit=world.finance, indicator=world.revenue, period="Q2/2024")
    assert (grdp.value, grdp.stage) == (7.5, Stage.ESTIMATE)
    assert (revenue.value, revenue.stage, revenue.source) == (1234.5, Stage.OFFICIAL, "Kho bạc")


def test_importing_the_same_file_twice_writes_nothing_the_second_time(world):
    filled = fill(template(), {"D7": 7.5, "D8": 1200})
    import_workbook(filled, now=AS_OF)
    before = (Observation.objects.count(), history_count())
    again = import_workbook(filled, now=AS_OF)
    assert (again.written, again.unchanged) == (0, 2)
    assert (Observation.objects.count(), history_count()) == before


def test_changing_one_value_updates_only_that_figure(world):
    # A reporter's drafts stay editable (approved figures need a reason: test_xlsx_approval).
    reporter = make_user("so", role=Role.REPORTER, unit=world.finance)
    import_workbook(fill(template(), {"D7": 7.5, "D8": 1200}), user=reporter, now=AS_OF)
    before = history_count()
    result = import_workbook(fill(template(), {"D7": 7.8, "D8": 1200}), user=reporter, now=AS_OF)
    assert (result.written, result.unchanged) == (1, 1)
    assert history_count() == before + 1
    assert Observation.objects.get(unit=world.finance, indicator=world.grdp, period="Q2/2024").value == 7.8


def test_dry_run_checks_everything_and_writes_nothing(world):
    before = (Observation.objects.count(), history_count())
    result = import_workbook(fill(template(), {"D7": 7.5}), dry_run=True, now=AS_OF)
    assert result.dry_run and result.written == 1
    assert (Observation.objects.count(), history_count()) == before


def test_errors_of_the_bulk_service_point_at_the_sheet_row_and_column(world):
    make_observation(world.finance, world.revenue, period="Q2/2024", value=900, stage=Stage.OFFICIAL,
                     state=EntryState.APPROVED)
    before = Observation.objects.count()
    with pytest.raises(Exception) as err:
        import_workbook(fill(template(), {"D7": 7.5, "D8": 950, "F8": "Chính thức"}), now=AS_OF)
    assert "Sheet 'Số liệu', dòng 8, cột D (Giá trị)" in err.value.errors
    assert "lý do điều chỉnh" in err.value.errors["Sheet 'Số liệu', dòng 8, cột D (Giá trị)"]
    assert Observation.objects.count() == before  # the good GRDP row was not written either


def test_a_reporter_imports_only_their_own_units_figures_as_drafts(world):
    reporter = make_user("xa_a", role=Role.REPORTER, unit=world.commune)
    with pytest.raises(Forbidden):
        import_workbook(fill(template(), {"D7": 7.5}), user=reporter, now=AS_OF)
    assert not Observation.objects.filter(period="Q2/2024").exists()
    finance_reporter = make_user("so", role=Role.REPORTER, unit=world.finance)
    import_workbook(fill(template(), {"D7": 7.5}), user=finance_reporter, now=AS_OF)
    stored = Observation.objects.get(unit=world.finance, indicator=world.grdp, period="Q2/2024")
    assert stored.state == EntryState.DRAFT and stored.entered_by == finance_reporter


def test_a_new_template_shows_stored_figures_and_sent_back_untouched_changes_nothing(world):
    import_workbook(fill(template(), {"D7": 7.5, "D8": 1200, "F8": "Chính thức", "G8": "Kho bạc"}), now=AS_OF)
    again = template()
    ws = load_workbook(io.BytesIO(again))[SHEET]
    assert [ws[ref].value for ref in ("D7", "F7", "D8", "F8", "G8")] == [7.5, "Ước", 1200, "Chính thức", "Kho bạc"]
    before = history_count()
    result = import_workbook(again, now=AS_OF)
    assert (result.written, result.unchanged) == (0, 2) and history_count() == before


def test_the_write_progress_advances_batch_by_batch(world, monkeypatch):
    from chitieu.reports import entry

    monkeypatch.setattr(entry, "WRITE_BATCH", 1)
    seen = []
    import_workbook(fill(template(), {"D7": 7.5, "D8": 1200}), now=AS_OF,
                    progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert [s for s in seen if s[0] == "Ghi số liệu"] == [("Ghi số liệu", 0, 2), ("Ghi số liệu", 1, 2), ("Ghi số liệu", 2, 2)]
    assert Observation.objects.filter(period="Q2/2024").count() == 2


def test_errors_in_several_batches_are_all_listed_and_nothing_is_written(world, monkeypatch):
    from chitieu.monitoring.services import lock_period
    from chitieu.reports import entry

    monkeypatch.setattr(entry, "WRITE_BATCH", 1)
    lock_period("Q2/2024", reason="khóa sổ")
    with pytest.raises(Exception) as err:
        import_workbook(fill(template(), {"D7": 7.5, "D8": 1200}), now=AS_OF)
    assert {"Sheet 'Số liệu', dòng 7", "Sheet 'Số liệu', dòng 8"} <= {k.split(", cột")[0] for k in err.value.errors}
    assert not Observation.objects.filter(period="Q2/2024").exists()


@pytest.mark.parametrize("note", ['=HYPERLINK("http://example.invalid/x","Bấm vào đây")', "+84 912 345 678", "-5% so với cùng kỳ", "@SUM(A1)"])
def test_a_formula_like_note_comes_back_as_text_and_the_untouched_template_is_accepted(world, note):
    record_observations([{"unit": "so-tai-chinh", "indicator": "thu-ngan-sach", "period": "Q2/2024", "value": 1200,
                          "note": note, "source": "=1+1"}], now=AS_OF)
    again = template()
    cell = load_workbook(io.BytesIO(again))[SHEET]["H8"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (note, "s", True)
    with zipfile.ZipFile(io.BytesIO(again)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet2.xml")
    before = history_count()
    result = import_workbook(again, now=AS_OF)
    assert result.written == 0 and history_count() == before
    figure = Observation.objects.get(unit__code="so-tai-chinh", indicator__code="thu-ngan-sach", period="Q2/2024")
    assert (figure.note, figure.source) == (note, "=1+1")


def test_a_formula_typed_into_a_note_cell_is_still_refused(world):
    with pytest.raises(Invalid) as err:
        import_workbook(fill(template(), {"D8": 1200, "H8": "=HYPERLINK(\"http://example.invalid\")"}), now=AS_OF)
    assert "công thức" in str(err.value)
