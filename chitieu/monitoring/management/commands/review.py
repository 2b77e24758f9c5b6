"""`chitieu review`: evaluate a resolution as of a date, as a colour table or as JSON."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from chitieu.core.periods import parse_day
from chitieu.errors import DomainError
from chitieu.monitoring.review import evaluate_resolution, review_as_json
from chitieu.monitoring.review_table import render_table
from chitieu.org.services import unit_by_code
from chitieu.plans.models import Resolution


class Command(BaseCommand):
    help = "Đánh giá thực hiện các chỉ tiêu của một nghị quyết tại một ngày."

    def add_arguments(self, parser):
        parser.add_argument("--resolution", required=True, help="Mã nghị quyết, ví dụ hp-2021")
        parser.add_argument("--as-of", required=True, help="Ngày đánh giá YYYY-MM-DD")
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--unit", default="", help="Mã đơn vị (mặc định: toàn thành phố)")

    def handle(self, *args, **o):
        try:
            as_of = parse_day(o["as_of"], field="ngày đánh giá (--as-of)")
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        resolution = Resolution.objects.filter(code=o["resolution"]).first()
        if resolution is None:
            raise CommandError(f"resolution: không có nghị quyết mã «{o['resolution']}».")
        try:
            unit = unit_by_code(o["unit"]) if o["unit"] else None
            review = evaluate_resolution(resolution, as_of=as_of, unit=unit)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        if o["format"] == "json":
            self.stdout.write(json.dumps(review_as_json(review), ensure_ascii=False, indent=2))
        else:
            render_table(review, self.stdout)
