"""`chitieu extract`: JSON and table output, --out, DOCX input, and refusals without traceback."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

SAMPLE = "Năm 2023, tỷ lệ hộ nghèo giảm còn 1,2%; thu ngân sách đạt 300 tỷ đồng.\n"


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("extract", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_one_text_file_prints_its_items_as_json(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.txt"
    path.write_text("\ufeff" + SAMPLE, encoding="utf-8")
    out, _ = _run(str(path))
    items = json.loads(out)["items"]
    assert [(it["value"], it["unit"], it["period"]) for it in items] == [(1.2, "%", "2023"), (300, "tỷ đồng", "2023")]
    text = path.read_text(encoding="utf-8-sig")  # offsets index the text, the BOM is not part of it
    assert all(text[it["start"] : it["end"]] == it["text"] for it in items)


def test_out_writes_one_json_file_per_input(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(SAMPLE, encoding="utf-8")
    b.write_text("Kết nạp 25 đảng viên.", encoding="utf-8")
    _run(str(a), str(b), "--out", str(tmp_path / "out"))
    assert len(json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))["items"]) == 2
    assert json.loads((tmp_path / "out" / "b.json").read_text(encoding="utf-8"))["items"][0]["unit"] == "đảng viên"


def test_docx_paragraphs_are_read(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Năm 2023.")
    document.add_paragraph("Thu ngân sách đạt 300 tỷ đồng.")
    path = tmp_path / "nghi-quyet.docx"
    document.save(str(path))
    out, _ = _run(str(path))
    assert [it["value"] for it in json.loads(out)["items"]] == [300]


def test_table_format_lists_each_item(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    out, _ = _run(str(path), "--format", "table")
    assert "Tỷ lệ hộ nghèo" in out and "tỷ đồng" in out and "2 mục" in out


def test_the_table_speaks_vietnamese_labels_numbers_and_deadline_days(tmp_path: Path) -> None:
    path = tmp_path / "nq.txt"
    path.write_text(
        "Nghị quyết năm 2024: thu ngân sách trên 1.250,5 tỷ đồng; tăng trưởng GRDP đạt 8,5 – 9%. "
        "Hoàn thành cầu Rào trước năm 2025.",
        encoding="utf-8",
    )
    out, _ = _run(str(path), "--format", "table")
    assert "1.250,5" in out and "8,5 – 9" in out and "năm 2024" in out
    assert "Chỉ tiêu" in out and "Nhiệm vụ" in out and "31/12/2024" in out
    assert "1250.5" not in out and ">=" not in out and "target" not in out


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("rong.txt", b"", "rỗng"),
        ("nhi-phan.txt", bytes(range(256)) * 8, "không phải văn bản"),
        ("tcvn3.txt", "Tang tr\u01b0\u01a1ng".encode("cp1258"), "UTF-8"),
        ("word.txt", b"PK\x03\x04" + b"\x00" * 100, ".docx"),
    ],
)
def test_unreadable_files_get_a_vietnamese_message_and_fail(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("extract", str(path), stdout=StringIO(), stderr=err)
    assert message in err.getvalue()


def test_a_missing_file_fails_with_a_message(tmp_path: Path) -> None:
    err = StringIO()
    with pytest.raises(CommandError, match="không đọc được"):
        call_command("extract", str(tmp_path / "khong-co.txt"), stdout=StringIO(), stderr=err)
    assert "Không có tệp" in err.getvalue()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_text_saved_by_notepad_as_unicode_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "notepad.txt"
    text = "Năm 2024.\r\nThu ngân sách đạt 300 tỷ đồng."
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    out, _ = _run(str(path))
    (item,) = json.loads(out)["items"]
    assert item["value"] == 300
    assert text.replace("\r\n", "\n")[item["start"] : item["end"]] == item["text"]
