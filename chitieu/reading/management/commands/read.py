"""`chitieu read`: read a resolution or report into items and, if asked, into drafts.

The same services as the reading page: items are stored for a person to review on the page
(/doc-van-ban/<id>/); `--accept-all --drafts` accepts every item and writes the drafts at
once (still drafts: unconfirmed targets and tasks, draft figures), all or nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from chitieu.core.choices import DocumentKind
from chitieu.errors import DomainError
from chitieu.org.models import Unit
from chitieu.plans.models import Resolution
from chitieu.reading import services


class Command(BaseCommand):
    help = "Đọc một nghị quyết hoặc báo cáo (.txt, .docx) thành các mục chờ xác nhận, hoặc thành bản nháp."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .txt (UTF-8) hoặc .docx")
        parser.add_argument("--kind", choices=[k.value for k in DocumentKind], required=True,
                            help="resolution: nghị quyết (chỉ tiêu nháp); report: báo cáo (số liệu nháp)")
        parser.add_argument("--user", required=True, help="Tên đăng nhập của người đọc (quyền như trên trang)")
        parser.add_argument("--title", default="", help="Tên văn bản (mặc định: tên tệp)")
        parser.add_argument("--unit", default="", help="Mã đơn vị báo cáo (với báo cáo)")
        parser.add_argument("--resolution", default="", help="Mã nghị quyết nhận chỉ tiêu (với nghị quyết)")
        parser.add_argument("--period", default="", help="Kỳ cho các mục không nêu kỳ, ví dụ 2024, Q1/2024")
        parser.add_argument("--stage", default="estimate", help="Mức độ số liệu: estimate, preliminary, official")
        parser.add_argument("--accept-all", action="store_true", help="Nhận mọi mục đọc được")
        parser.add_argument("--drafts", action="store_true", help="Tạo bản nháp từ các mục đã nhận")

    def handle(self, *args, **o):
        path = Path(o["file"])
        if not path.is_file():
            raise CommandError(f"file: không có tệp «{path}».")
        user = get_user_model().objects.filter(username=o["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"user: không có tài khoản «{o['user']}».")
        unit = Unit.objects.filter(code=o["unit"]).first() if o["unit"] else None
        if o["unit"] and unit is None:
            raise CommandError(f"unit: không có đơn vị mã «{o['unit']}».")
        resolution = Resolution.objects.filter(code=o["resolution"]).first() if o["resolution"] else None
        if o["resolution"] and resolution is None:
            raise CommandError(f"resolution: không có nghị quyết mã «{o['resolution']}».")
        try:
            reading = services.read_document(
                path.read_bytes(), kind=o["kind"], title=o["title"], user=user, filename=path.name,
                resolution=resolution, unit=unit, period=o["period"], stage=o["stage"],
            )
            self.stdout.write(f"Đã đọc «{reading.title}» (số {reading.pk}): {reading.items.count()} mục.")
            if o["accept_all"]:
                n = services.decide_all(reading, "accept", user=user)
                self.stdout.write(f"Đã nhận {n} mục.")
            if o["drafts"]:
                result = services.create_drafts(reading, user=user)
                self.stdout.write(
                    f"Bản nháp: {len(result.targets)} chỉ tiêu, {len(result.observations)} số liệu, "
                    f"{len(result.tasks)} nhiệm vụ; {len(result.proposed_indicators)} chỉ tiêu mới đề xuất. "
                    "Chưa có gì được xác nhận."
                )
        except DomainError as exc:
            details = "\n".join(f"  {field}: {message}" for field, message in exc.errors.items())
            raise CommandError(exc.message + ("\n" + details if details else "")) from exc
