"""`chitieu report KIND --resolution CODE --as-of DATE --format docx|pdf|xlsx -o FILE`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chitieu.core.periods import parse_day
from chitieu.errors import DomainError
from chitieu.monitoring.management.commands.observe import error_lines
from chitieu.reports.build import build_report, resolution_by_code
from chitieu.reports.document import ReportKind
from chitieu.reports.exporters import EXPORTERS, exporter_for


class Command(BaseCommand):
    help = (
        "Tạo báo cáo kiểm điểm một nghị quyết: quy (quý), 6thang, nam, giuaky (sơ kết giữa nhiệm kỳ), "
        "cuoiky (tổng kết nhiệm kỳ); cũng nhận quarter, half, year, midterm, endterm."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help="quy | 6thang | nam | giuaky | cuoiky")
        parser.add_argument("--resolution", required=True, help="Mã nghị quyết, ví dụ hp-2021")
        parser.add_argument("--as-of", required=True, help="Ngày báo cáo YYYY-MM-DD")
        parser.add_argument("--format", default="docx", help="|".join(sorted(EXPORTERS)))
        parser.add_argument("-o", "--output", default="", help="Tệp ghi ra (mặc định: tên tự đặt)")

    def handle(self, *args, **o):
        try:
            kind = ReportKind.parse(o["kind"])
        except ValueError as exc:
            raise CommandError(f"kind: {exc}") from exc
        try:
            as_of = parse_day(o["as_of"], field="ngày đánh giá (--as-of)")
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        try:
            exporter = exporter_for(o["format"])
            report = build_report(kind, resolution_by_code(o["resolution"]), as_of=as_of)
            data = exporter.export(report)
        except DomainError as exc:
            raise CommandError(error_lines(exc)) from exc
        path = Path(o["output"] or f"{report.filename_stem}.{exporter.extension}")
        path.write_bytes(data)
        note = " (có số liệu mô phỏng)" if report.simulated else ""
        self.stdout.write(f"Đã ghi {kind.label.lower()}: {path}{note}")
