"""`chitieu load_units`: create or update the city, its Party bodies and departments and its
communes, wards and special zones (from the vietnam-provinces package)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from chitieu.errors import DomainError
from chitieu.org.services import load_units


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị: thành phố, cơ quan Đảng, sở ngành và các xã, phường, đặc khu."

    def add_arguments(self, parser):
        parser.add_argument("--province-code", type=int, default=None,
                            help="Mã tỉnh, thành phố trong danh mục (mặc định: CHITIEU_PROVINCE_CODE)")

    def handle(self, *args, **o):
        try:
            load = load_units(o["province_code"])
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{load.city.name}: {load.local_units} xã, phường, đặc khu; "
            f"thêm mới {load.created}, cập nhật {load.updated} đơn vị."
        )
