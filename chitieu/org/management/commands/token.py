"""`chitieu token create|revoke|list`: API tokens for machine clients."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from chitieu.core.quantities import format_number
from chitieu.errors import DomainError
from chitieu.org import tokens

#: The longest a token may live: 100 years (99999999 days is past the calendar's end).
MAX_DAYS = 36500


class Command(BaseCommand):
    help = "Tạo, thu hồi, liệt kê mã truy cập API (Bearer token) cho hệ thống khác."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Tạo mã mới; mã chỉ in ra một lần.")
        create.add_argument("--user", required=True, help="Tên đăng nhập của người dùng mà mã thay mặt")
        create.add_argument("--name", required=True, help="Tên gợi nhớ, ví dụ hệ thống dùng mã")
        create.add_argument("--days", type=int, default=None, help="Hết hạn sau số ngày này (mặc định: không hết hạn)")
        revoke = sub.add_parser("revoke", help="Thu hồi một mã theo số thứ tự (ID).")
        revoke.add_argument("id", type=int)
        listing = sub.add_parser("list", help="Liệt kê các mã (không bao giờ in lại mã).")
        listing.add_argument("--user", default=None)

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc

    def _create(self, *, user, name, days, **_):
        if days is not None and not 1 <= days <= MAX_DAYS:
            raise CommandError(f"--days phải từ 1 đến {format_number(MAX_DAYS)} (100 năm); nhận được {format_number(days)}.")
        now = timezone.now()
        expires = now + timedelta(days=days) if days else None
        token, raw = tokens.create_token(user, name, now=now, expires_at=expires)
        self.stdout.write(f"Đã tạo mã #{token.pk} «{token.name}» cho {user}.")
        if expires:
            self.stdout.write(f"Hết hạn: {timezone.localtime(expires):%d/%m/%Y %H:%M}.")
        self.stdout.write("Mã chỉ hiện một lần, hãy lưu lại ngay:")
        self.stdout.write(raw)

    def _revoke(self, *, id, **_):
        token = tokens.revoke_token(id)
        self.stdout.write(f"Đã thu hồi mã #{token.pk} «{token.name}» của {token.user.get_username()}.")

    def _list(self, *, user, **_):
        for t in tokens.tokens_of(user):
            state = "đã thu hồi" if t.revoked else ("hết hạn" if not t.usable_at(timezone.now()) else "đang dùng")
            used = f"{timezone.localtime(t.last_used_at):%d/%m/%Y %H:%M}" if t.last_used_at else "chưa dùng"
            self.stdout.write(f"#{t.pk}\t{t.user.get_username()}\t{t.name}\t{state}\tlần dùng cuối: {used}")
