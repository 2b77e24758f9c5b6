"""Malformed or tampered workbooks are refused with clear Vietnamese messages, naming sheet,
row and column, and nothing is written."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chitieu.errors import DomainError
from chitieu.monitoring.models import Observation
from chitieu.reports import entry_sheet
from chitieu.reports.entry import import_workbook, signing_key
from chitieu.reports.entry_sheet import SheetLine, TemplateSpec, write_template
from tests.integration.reports_world import AS_OF, make_world
from tests.integration.xlsx_helpers import SHEET, edit, fill, template

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def world():
    return make_world()


def refused(data: bytes) -> DomainError:
    """Import `data`, expecting a refusal; check nothing was written; return the error."""
    before = (Observation.objects.count(), Observation.history.count())
    with pytest.raises(DomainError) as err:
        import_workbook(data, now=AS_OF)
    assert (Observation.objects.count(), Observation.history.count()) == before
    return err.value


def test_text_in_a_number_cell_is_named_by_sheet_row_and_column():
    err = refused(fill(template(), {"D7": "abc", "D8": 12}))
    assert err.errors == {"Sheet 'Số liệu', dòng 7, cột D (Giá trị)": "«abc» không phải là số"}
    assert "không ghi số liệu nào" in err.message


def test_every_error_is_listed_not_just_the_first():
    err = refused(fill(template(), {"D7": "mười", "F8": "Tạm tính", "D8": 5}))
    assert set(err.errors) == {"Sheet 'Số liệu', dòng 7, cột D (Giá trị)", "Sheet 'Số liệu', dòng 8, cột F (Mức độ)"}
    assert "Ước, Sơ bộ, Chính thức" in err.errors["Sheet 'Số liệu', dòng 8, cột F (Mức độ)"]


def test_extra_rows_below_the_template_are_refused():
    err = refused(fill(template(), {"D7": 1, "B9": "chi-tieu-moi", "D9": 5}))
    assert "dòng thừa ngoài mẫu" in err.errors["Sheet 'Số liệu', dòng 9"]


def test_cells_outside_the_input_columns_are_refused():
    err = refused(fill(template(), {"D7": 1, "J7": "ghi chú thêm"}))
    assert "ngoài vùng nhập liệu" in err.errors["Sheet 'Số liệu', dòng 7, cột J"]


def test_formulas_are_refused():
    err = refused(fill(template(), {"D7": "=1+2", "D8": 4}))
    assert "công thức" in err.errors["Sheet 'Số liệu', dòng 7, cột D (Giá trị)"]


def test_hidden_sheets_are_refused():
    def hide(wb):
        wb["Hướng dẫn"].sheet_state = "hidden"
        wb[SHEET]["D7"] = 1

    err = refused(edit(template(), hide))
    assert "đang bị ẩn" in err.errors["Sheet 'Hướng dẫn'"]


def test_extra_sheets_are_refused():
    err = refused(edit(template(), lambda wb: wb.create_sheet("Tính nháp")))
    assert "Sheet thừa" in err.errors["Sheet 'Tính nháp'"]


def test_an_edited_structure_fails_the_checksum():
    err = refused(fill(template(), {"B7": "dang-vien-moi", "D7": 1}))
    assert "Cấu trúc mẫu đã bị sửa" in err.errors["tệp"]


def test_a_deleted_row_fails_the_checksum():
    err = refused(edit(template(), lambda wb: wb[SHEET].delete_rows(8)))
    assert "Cấu trúc mẫu đã bị sửa" in err.errors["tệp"]


def test_a_wrong_template_version_is_refused():
    def old(wb):
        for prop in wb.custom_doc_props.props:
            if prop.name == "chitieu.version":
                prop.value = "0"

    err = refused(edit(template(), old))
    assert "phiên bản «0»" in err.errors["tệp"] and "tải mẫu mới" in err.errors["tệp"]


def test_a_template_saved_again_by_libreoffice_calc_is_accepted():
    # Calc writes the whole-number property "rows" back as a float; that is no tampering.
    from openpyxl.packaging.custom import FloatProperty

    def as_calc_saves(wb):
        props = wb.custom_doc_props.props
        i = next(n for n, p in enumerate(props) if p.name == "chitieu.rows")
        props[i] = FloatProperty(name="chitieu.rows", value=float(props[i].value))
        wb[SHEET]["D7"] = 7.5

    result = import_workbook(edit(template(), as_calc_saves), now=AS_OF)
    assert result.written == 1


def test_a_workbook_without_template_metadata_is_refused():
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    assert "thiếu thông tin mẫu" in refused(out.getvalue()).errors["tệp"]


def test_an_unknown_unit_code_is_refused():
    spec = TemplateSpec("khong-co", "Đơn vị lạ", "Q2/2024", "quý II/2024", [SheetLine("grdp", "GRDP", "%")])
    data = fill(write_template(spec, key=signing_key()), {"D7": 1})
    assert "Mã đơn vị «khong-co» không có trong hệ thống" in refused(data).errors["tệp"]


def test_a_template_signed_elsewhere_is_refused():
    spec = TemplateSpec("so-tai-chinh", "Sở Tài chính", "Q2/2024", "quý II/2024", [SheetLine("grdp", "GRDP", "%")])
    data = fill(write_template(spec, key=b"another installation"), {"D7": 1})
    assert "Cấu trúc mẫu đã bị sửa" in refused(data).errors["tệp"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"STT;Ma chi tieu;Gia tri\n1;grdp;7,5\n", "thiếu chữ ký ZIP"),
        (b"%PDF-1.7 not a workbook", "thiếu chữ ký ZIP"),
        (b"PK\x03\x04 broken zip", "tệp hỏng"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(data, expected):
    assert expected in refused(data).errors["tệp"]


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "không chứa bảng tính Excel" in refused(out.getvalue()).errors["tệp"]


def test_a_50_mb_file_is_refused_before_parsing(monkeypatch):
    def must_not_parse(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr(entry_sheet, "load_workbook", must_not_parse)
    monkeypatch.setattr("chitieu.archives.zipfile.ZipFile", must_not_parse)
    err = refused(b"PK\x03\x04" + bytes(50 * 1024 * 1024))
    assert err.errors["tệp"] == "Tệp nặng 50,0 MB, vượt giới hạn 20 MB."


def test_the_import_command_refuses_a_big_file_from_its_size_alone(tmp_path, monkeypatch):
    big = tmp_path / "lon.xlsx"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing read
    monkeypatch.setattr("pathlib.Path.read_bytes", lambda self: (_ for _ in ()).throw(AssertionError("read")))
    with pytest.raises(CommandError) as err:
        call_command("import", str(big))
    assert str(err.value) == "Tệp quá lớn.\n  tệp: Tệp nặng 50,0 MB, vượt giới hạn 20 MB."


def test_a_big_size_is_written_with_vietnamese_separators():
    assert entry_sheet.too_big(1536 * 1024 * 1024 + 1, 20 * 1024 * 1024) == "Tệp nặng 1.536,0 MB, vượt giới hạn 20 MB."


def test_the_import_command_lists_every_error_and_writes_nothing(tmp_path):
    path = tmp_path / "sai.xlsx"
    path.write_bytes(fill(template(), {"D7": "abc", "D8": "=A1"}))
    with pytest.raises(CommandError) as err:
        call_command("import", str(path), "--no-progress")
    text = str(err.value)
    assert "Sheet 'Số liệu', dòng 7, cột D (Giá trị): «abc» không phải là số" in text
    assert "Sheet 'Số liệu', dòng 8, cột D (Giá trị): ô chứa công thức" in text
    assert not Observation.objects.filter(period="Q2/2024").exists()


def test_rows_beyond_the_sheets_declared_dimension_are_still_read_and_refused():
    # A sheet's <dimension> claims A1:I8; openpyxl's streaming reader would stop there.
    filled = fill(template(), {"D7": 1, "D40": 5, "H40": "dòng ẩn ngoài vùng khai báo"})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(filled)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:I8"', data)
            dst.writestr(info, data)
    assert b'ref="A1:I8"' in zipfile.ZipFile(io.BytesIO(out.getvalue())).read("xl/worksheets/sheet2.xml")
    err = refused(out.getvalue())
    assert "dòng thừa ngoài mẫu" in err.errors["Sheet 'Số liệu', dòng 40"]
