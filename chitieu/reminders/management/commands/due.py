"""`chitieu due`: the reporting calendar at a date, as JSON or a table."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from chitieu.core.periods import parse_day
from chitieu.errors import DomainError
from chitieu.monitoring.calendar import due_as_json, due_items
from chitieu.org.services import unit_by_code


class Command(BaseCommand):
    help = "Lịch báo cáo: số liệu các đơn vị phải gửi, hạn và tình trạng tại một ngày."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", required=True, help="Ngày xem YYYY-MM-DD")
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--unit", default="", help="Mã đơn vị (cả các đơn vị trực thuộc); mặc định: mọi đơn vị")

    def handle(self, *args, **o):
        try:
            as_of = parse_day(o["as_of"], field="ngày xem (--as-of)")
            units = unit_by_code(o["unit"]).subtree() if o["unit"] else None
        except (ValueError, DomainError) as exc:
            raise CommandError(str(exc)) from exc
        items = due_items(as_of, units=units)
        if o["format"] == "json":
            self.stdout.write(json.dumps(due_as_json(as_of, items), ensure_ascii=False, indent=2))
            return
        if not items:
            self.stdout.write(f"Không có số liệu nào đến hạn quanh ngày {as_of:%d/%m/%Y}.")
            return
        for i in items:
            self.stdout.write(f"{i.due_on:%d/%m/%Y}  {i.status.label:<12} {i.unit.display_name} · "
                              f"{i.indicator.short_name or i.indicator.name} · {i.period.label}")
