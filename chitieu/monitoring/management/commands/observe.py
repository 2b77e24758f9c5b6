"""`chitieu observe`: record one reported figure from the command line."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from chitieu.core.choices import Stage
from chitieu.core.quantities import format_number
from chitieu.errors import DomainError
from chitieu.monitoring.services import Mode, record_observation


def error_lines(exc: DomainError) -> str:
    """The domain error as Vietnamese lines: the message, then one line per field."""
    lines = [exc.message] + [f"  {field}: {msg}" for field, msg in exc.errors.items()]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Ghi một số liệu của một đơn vị cho một chỉ tiêu và một kỳ."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="Mã đơn vị báo cáo")
        parser.add_argument("--indicator", required=True, help="Mã chỉ tiêu")
        parser.add_argument("--period", required=True, help="Kỳ: 2021, Q1/2024, T9/2023, «quý I/2024»…")
        parser.add_argument("--value", required=True, help="Giá trị, viết kiểu Việt Nam được: 13,5")
        parser.add_argument("--unit-of-measure", default="", help="Đơn vị tính (mặc định: của chỉ tiêu)")
        parser.add_argument("--stage", default=Stage.ESTIMATE.value, help="estimate | preliminary | official")
        parser.add_argument("--source", default="", help="Nguồn số liệu")
        parser.add_argument("--reported-on", default="", help="Ngày số liệu được báo cáo, công bố (YYYY-MM-DD)")
        parser.add_argument(
            "--correction-reason", default="",
            help="Lý do điều chỉnh: bắt buộc khi sửa số đã gửi hoặc đã duyệt (mọi mức độ)",
        )

    def handle(self, *args, **o):
        try:
            obs = record_observation(
                unit=o["unit"], indicator=o["indicator"], period=o["period"], value=o["value"],
                unit_of_measure=o["unit_of_measure"], stage=o["stage"], source=o["source"],
                correction_reason=o["correction_reason"], reported_on=o["reported_on"] or None,
                mode=Mode.CLI,
            )
        except DomainError as exc:
            raise CommandError(error_lines(exc)) from exc
        self.stdout.write(
            f"Đã ghi: {obs.indicator.name} – {obs.unit.name} – kỳ {obs.period}: "
            f"{format_number(obs.value)} {obs.indicator.unit} ({Stage(obs.stage).label})"
        )
