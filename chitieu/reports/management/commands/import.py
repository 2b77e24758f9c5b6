"""`chitieu import FILE.xlsx [--dry-run]`: record the figures of a filled template.

The module is named `import` (a Python keyword) on purpose: Django loads commands with
importlib by name, so `chitieu import` and `call_command("import", ...)` both work.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from chitieu.errors import DomainError
from chitieu.monitoring.management.commands.observe import error_lines
from chitieu.reports.entry import import_workbook, max_bytes
from chitieu.reports.entry_sheet import too_big


class Command(BaseCommand):
    help = "Nhập số liệu từ biểu Excel đã điền (tất cả hoặc không dòng nào)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .xlsx đã điền")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi")
        parser.add_argument("--user", default="", help="Tên đăng nhập của người nhập (mặc định: quản trị)")
        parser.add_argument("--no-progress", action="store_true", help="Không hiện thanh tiến độ")

    def handle(self, *args, **o):
        path = Path(o["file"])
        if not path.is_file():
            raise CommandError(f"file: không có tệp «{path}».")
        # The size is checked before the file is read into memory, let alone parsed.
        size = path.stat().st_size
        if size > max_bytes():
            raise CommandError(f"Tệp quá lớn.\n  tệp: {too_big(size, max_bytes())}")
        user = None
        if o["user"]:
            user = get_user_model().objects.filter(username=o["user"]).first()
            if user is None:
                raise CommandError(f"user: không có tài khoản «{o['user']}».")
        console = Console(file=self.stderr, stderr=True)
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, disable=o["no_progress"], transient=True) as bar:
            tasks: dict[str, int] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done, total=total)

            try:
                result = import_workbook(path.read_bytes(), user=user, dry_run=o["dry_run"], progress=progress)
            except DomainError as exc:
                raise CommandError(error_lines(exc)) from exc
        verb = "Sẽ ghi" if result.dry_run else "Đã ghi"
        self.stdout.write(
            f"{verb} {result.written} số liệu của đơn vị {result.unit}, kỳ {result.period}; "
            f"{result.unchanged} dòng không đổi; đọc {result.read} dòng có giá trị."
            + (" (Chạy thử: không ghi gì.)" if result.dry_run else "")
        )
