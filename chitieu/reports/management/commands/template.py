"""`chitieu template --unit CODE --period P -o FILE.xlsx`: the data-entry workbook of a unit."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chitieu.errors import DomainError
from chitieu.monitoring.management.commands.observe import error_lines
from chitieu.reports.entry import make_template


class Command(BaseCommand):
    help = "Tạo biểu Excel nhập số liệu cho một đơn vị và một kỳ báo cáo."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="Mã đơn vị")
        parser.add_argument("--period", required=True, help="Kỳ: 2024, Q3/2024, H1/2024, T9/2024…")
        parser.add_argument("-o", "--output", default="", help="Tệp .xlsx ghi ra (mặc định: tên tự đặt)")

    def handle(self, *args, **o):
        try:
            data, name = make_template(o["unit"], o["period"])
        except DomainError as exc:
            raise CommandError(error_lines(exc)) from exc
        path = Path(o["output"] or name)
        path.write_bytes(data)
        self.stdout.write(f"Đã ghi biểu nhập số liệu: {path}")
