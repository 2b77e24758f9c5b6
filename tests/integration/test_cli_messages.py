"""A wrong call of the `chitieu` command is answered in Vietnamese, with exit code 2."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chitieu.cli_messages import MESSAGES, translate

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHITIEU_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "chitieu", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["review", "--resolution", "hp-2021", "--as-of", "2021-12-31", "--format", "xml"],
         "tham số --format: giá trị 'xml' không hợp lệ (chọn một trong: 'table', 'json')"),
        (["observe", "--unit", "xa-a"], "thiếu tham số bắt buộc: --indicator, --period, --value"),
        (["extract"], "thiếu tham số bắt buộc: FILE"),
    ],
)
def test_a_wrong_call_is_answered_in_vietnamese(args, expected):
    run = run_cli(*args)
    assert run.returncode == 2
    assert f"chitieu {args[0]}: lỗi: {expected}" in run.stderr
    assert "error:" not in run.stderr and "Traceback" not in run.stderr


def test_every_translation_keeps_the_placeholders_of_its_message():
    placeholders = re.compile(r"%(?:\(\w+\))?[sr]")
    for english, vietnamese in MESSAGES.items():
        assert sorted(placeholders.findall(english)) == sorted(placeholders.findall(vietnamese)), english
    assert translate("a message nobody translated") == "a message nobody translated"


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """Run the `chitieu` entry point in this process (on the test database)."""
    from chitieu.__main__ import main

    monkeypatch.setattr(sys, "argv", ["chitieu", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    return int(exit_.value.code or 0), capsys.readouterr().err


@pytest.mark.django_db
def test_a_file_that_cannot_be_written_is_one_vietnamese_line_and_exit_1(monkeypatch, capsys):
    from tests.integration.reports_world import make_world

    make_world()
    code, err = run_main(monkeypatch, capsys, "template", "--unit", "so-tai-chinh", "--period", "Q2/2024",
                         "-o", "/nonexistent/x.xlsx")
    assert code == 1
    assert err == "Lỗi: không đọc hoặc ghi được tệp «/nonexistent/x.xlsx»: không có thư mục hoặc tệp này.\n"


@pytest.mark.django_db
def test_a_token_lifetime_past_the_calendar_is_one_vietnamese_line_and_exit_1(monkeypatch, capsys):
    code, err = run_main(monkeypatch, capsys, "token", "create", "--user", "ai", "--name", "x", "--days", "99999999")
    assert code == 1
    assert err.strip().endswith("--days phải từ 1 đến 36.500 (100 năm); nhận được 99.999.999.")
    assert "Traceback" not in err and err.count("\n") == 1


def test_a_command_refusal_is_one_vietnamese_line_without_djangos_english_prefix(tmp_path):
    missing = tmp_path / "khong-co.txt"
    run = run_cli("read", str(missing), "--kind", "report", "--user", "ai")
    assert run.returncode == 1
    assert run.stderr == f"Lỗi: file: không có tệp «{missing}».\n"
    assert "CommandError" not in run.stderr and "Traceback" not in run.stderr


def test_call_command_still_raises_the_refusal_for_callers_in_code():
    from django.core.management import CommandError, call_command

    from chitieu.cli_messages import one_line_command_errors

    one_line_command_errors()
    with pytest.raises(CommandError, match="không có tệp"):
        call_command("read", "/khong-co/x.txt", kind="report", user="ai")
