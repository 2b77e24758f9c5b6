"""Vietnamese for the messages the standard argparse module prints, so that a wrong call of
`chitieu ...` is answered in the interface's language ("thiếu tham số bắt buộc: --period"),
and a command's refusal as one Vietnamese line ("Lỗi: ...") instead of Django's
"CommandError: ...".

argparse looks its messages up through `gettext`; `install()` points that lookup at this
table for the running process. Messages missing here stay in English.
"""

from __future__ import annotations

import argparse
import sys

MESSAGES = {
    "usage: ": "cách dùng: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "giá trị %(value)r không hợp lệ (chọn một trong: %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không đúng kiểu %(type)s",
    "expected one argument": "cần đúng một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "ambiguous option: %(option)s could match %(matches)s": "tham số %(option)s chưa rõ, có thể là: %(matches)s",
    "not allowed with argument %s": "không dùng cùng tham số %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "can't open '%(filename)s': %(error)s": "không mở được «%(filename)s»: %(error)s",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "positional arguments": "tham số theo vị trí",
    "options": "tùy chọn",
}


def translate(message: str) -> str:
    """Return the Vietnamese of an argparse message, or the message itself."""
    return MESSAGES.get(message, message)


def install() -> None:
    """Make argparse in this process print its messages in Vietnamese, and commands their
    refusals as one line (`one_line_command_errors`)."""
    argparse._ = translate  # type: ignore[attr-defined]
    one_line_command_errors()


def one_line_command_errors() -> None:
    """Make a management command run from the command line print a CommandError as the one
    line "Lỗi: <message>" on stderr and exit with the error's code (1 unless it says), where
    Django prints "CommandError: <message>". --traceback still shows the traceback, and
    call_command (tests, other commands) still raises the error."""
    from django.core.management.base import BaseCommand, CommandError, SystemCheckError

    if getattr(BaseCommand.run_from_argv, "one_line", False):
        return
    run_from_argv = BaseCommand.run_from_argv

    def run(self: BaseCommand, argv: list[str]) -> None:
        execute = self.execute

        def execute_one_line(*args: object, **options: object) -> object:
            try:
                return execute(*args, **options)
            except SystemCheckError:
                raise  # Django formats the system checks' report itself
            except CommandError as exc:
                if options.get("traceback"):
                    raise
                message = " ".join(str(exc).split()) or "lệnh không chạy được."
                sys.stderr.write(f"Lỗi: {message}\n")
                sys.exit(exc.returncode)

        self.execute = execute_one_line  # type: ignore[method-assign,assignment]
        run_from_argv(self, argv)

    run.one_line = True  # type: ignore[attr-defined]
    BaseCommand.run_from_argv = run  # type: ignore[method-assign]
