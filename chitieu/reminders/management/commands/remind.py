"""`chitieu remind`: send the reminders due on a day (by default today) through the configured
mail server. Run it once a day (cron or a systemd timer, docs/calendar.md); a day missed is
caught up by the next run, since a reminder goes out on any day of its notice window."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from chitieu.core.periods import parse_day
from chitieu.reminders.services import send_reminders, summary_lines


class Command(BaseCommand):
    help = "Gửi nhắc hạn báo cáo đến hạn trong ngày (mỗi hạn, mỗi người một lần) qua máy chủ thư đã cấu hình."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="Ngày nhắc YYYY-MM-DD (mặc định: hôm nay)")

    def handle(self, *args, **o):
        try:
            as_of = parse_day(o["as_of"], field="ngày nhắc (--as-of)") if o["as_of"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        outcomes = send_reminders(as_of)
        for line in summary_lines(outcomes, as_of):
            self.stdout.write(line)
        failed = [x for x in outcomes if x.error]
        if failed:
            raise CommandError(f"{len(failed)} thư chưa gửi được; chạy lại lệnh sau để gửi lại.")
