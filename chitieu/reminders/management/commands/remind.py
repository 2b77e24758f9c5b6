"""`chitieu remind`: send the reminders due on a day through the configured mail server."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from chitieu.core.periods import parse_day
from chitieu.reminders.services import send_reminders, summary_lines


class Command(BaseCommand):
    help = "Gửi nhắc hạn báo cáo đến hạn trong ngày (mỗi hạn, mỗi người một lần) qua máy chủ thư đã cấu hình."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", required=True, help="Ngày nhắc YYYY-MM-DD")

    def handle(self, *args, **o):
        try:
            as_of = parse_day(o["as_of"], field="ngày nhắc (--as-of)")
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        outcomes = send_reminders(as_of)
        for line in summary_lines(outcomes, as_of):
            self.stdout.write(line)
        failed = [x for x in outcomes if x.error]
        if failed:
            raise CommandError(f"{len(failed)} thư chưa gửi được; chạy lại lệnh sau để gửi lại.")
