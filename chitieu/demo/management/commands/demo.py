"""`chitieu demo`: migrate, load the Hai Phong demo (idempotent), print the demo accounts,
and serve it unless --no-serve, with a job worker (`chitieu db_worker`, chitieu.jobs) beside
the server unless --no-worker."""

from __future__ import annotations

import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from chitieu.core.choices import SIMULATED_SOURCE
from chitieu.demo.loader import CALENDAR_PERIOD, REMINDER_DAY, load_demo, load_reminder_demo
from chitieu.errors import DomainError
from chitieu.org import services as org_services

DEFAULT_ADDR = "127.0.0.1:8000"


def _account_line(account) -> str:
    if isinstance(account, dict):
        return "  " + " | ".join(f"{k}: {v}" for k, v in account.items())
    if isinstance(account, (tuple, list)):
        return "  " + " | ".join(str(x) for x in account)
    return f"  {account}"


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn Hải Phòng (nghị quyết hp-2021) và chạy máy chủ thử."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Chỉ nạp dữ liệu, không chạy máy chủ")
        parser.add_argument("--serve", metavar="ADDR", default=DEFAULT_ADDR,
                            help=f"Địa chỉ máy chủ (mặc định {DEFAULT_ADDR})")
        parser.add_argument("--no-simulate", action="store_true", help="Không sinh số liệu mô phỏng")
        parser.add_argument("--no-worker", action="store_true",
                            help="Không chạy tiến trình xử lý việc nền (đọc văn bản dài, báo cáo PDF, nhập biểu lớn)")

    def handle(self, *args, **o):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            load = load_demo(simulate=not o["no_simulate"])
        except DomainError as exc:
            raise CommandError(f"Không nạp được dữ liệu trình diễn: {exc}") from exc
        r = load.resolution
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu trình diễn: {r.code} – {r.title}"))
        self.stdout.write(
            f"  {load.units} đơn vị, {load.indicators} chỉ tiêu trong danh mục, {load.targets} chỉ tiêu của "
            f"nghị quyết, {load.tasks} nhiệm vụ; thêm mới {load.real_added} số liệu thực tế và "
            f"{load.simulated_added} số liệu «{SIMULATED_SOURCE}»."
        )
        ensure = getattr(org_services, "ensure_demo_accounts", None)
        accounts = list(ensure() or []) if callable(ensure) else []
        if accounts:
            self.stdout.write("Tài khoản trình diễn (tên đăng nhập | mật khẩu | vai trò | đơn vị):")
            for account in accounts:
                self.stdout.write(_account_line(account))
        self.stdout.write(
            f"Xem đánh giá: chitieu review --resolution {r.code} --as-of 2021-12-31 --format table"
        )
        sent = load_reminder_demo()
        self.stdout.write(
            f"Lịch báo cáo: số liệu {CALENDAR_PERIOD} của một đơn vị cấp xã quá hạn; {sent} nhắc nhở đã gửi ngày "
            f"{REMINDER_DAY:%d/%m/%Y} (thư ở var/mail): chitieu due --as-of {REMINDER_DAY:%Y-%m-%d}; "
            f"trang /nhap-so-lieu/lich/?ngay={REMINDER_DAY:%Y-%m-%d}"
        )
        if o["no_serve"]:
            return
        worker = None if o["no_worker"] else start_worker()
        # A stop request (kill, systemd) ends the server through `finally`, so the worker goes too.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        if worker is not None:
            self.stdout.write(f"Tiến trình xử lý việc nền (chitieu db_worker) đang chạy, mã tiến trình {worker.pid}.")
        try:
            call_command("runserver", o["serve"], use_reloader=False)
        finally:
            if worker is not None:
                stop_worker(worker)


def start_worker() -> subprocess.Popen:
    """Start `chitieu db_worker` (the Tasks framework's database worker) in a child process,
    with this process's environment (the same database and settings)."""
    return subprocess.Popen([sys.executable, "-m", "chitieu", "db_worker", "--no-startup-delay"])


def stop_worker(worker: subprocess.Popen) -> None:
    """Ask the worker to stop (it finishes the job it is running), then wait for it."""
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
