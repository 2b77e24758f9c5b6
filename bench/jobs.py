"""Benchmark: long work off the request (chitieu.jobs). A 2 MB reading and a PDF report, each
timed in the request as it ran before the jobs (the work inside the request) and after (the
request only queues the job; the worker does the work), with the job's own time.

    python bench/jobs.py                         # SQLite file var/bench-jobs.sqlite3
    python bench/jobs.py --database-url postgres://chitieu:chitieu@127.0.0.1:5432/chitieu_bench
    python bench/jobs.py --megabytes 0.5 --no-pdf

The demo (hp-2021) is loaded into the database; the text is ../shared/corpus/texts repeated
to the size asked. A 2 MB text is over the reader's limits meant for people
(CHITIEU_MAX_TEXT_KB, MAX_READING_ITEMS), which the benchmark raises to measure the work
itself. "After" is measured with the Tasks framework's database backend and its worker
(`db_worker --batch`, run in this process once the request has answered, so that it shares
the raised limits). Prints wall times; no assertion is made on them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TEXTS = ROOT.parent / "shared" / "corpus" / "texts"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


def long_text(megabytes: float) -> str:
    """The shared corpus texts, repeated until the text has `megabytes` of UTF-8."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt"))]
    if not parts:
        raise SystemExit(f"Không có văn bản nào trong {TEXTS}")
    wanted, out, size = int(megabytes * 1024 * 1024), [], 0
    while size < wanted:
        for p in parts:
            out.append(p)
            size += len(p.encode("utf-8")) + 2
            if size >= wanted:
                break
    return "\n\n".join(out)


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def run_worker() -> float:
    """Run the Tasks framework's worker (`db_worker --batch`, in this process so that it has
    the raised limits) until the queue is empty; return its wall time."""
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=2.0, help="size of the pasted text (default 2)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF report (LibreOffice)")
    parser.add_argument("--database-url", default="", help="default: SQLite var/bench-jobs.sqlite3")
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    url = args.database_url or f"sqlite:///{ROOT / 'var' / 'bench-jobs.sqlite3'}"
    os.environ["CHITIEU_DATABASE_URL"] = url
    os.environ.setdefault("CHITIEU_TESTING", "1")
    os.environ.setdefault("CHITIEU_AXES_ENABLED", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chitieu.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    from chitieu.demo.loader import load_demo
    from chitieu.jobs.models import Job
    from chitieu.org.demo_accounts import ensure_demo_accounts

    call_command("migrate", verbosity=0, interactive=False)
    (_, t_demo) = timed(lambda: load_demo(simulate=False))
    ensure_demo_accounts()
    settings.MAX_TEXT_KB = max(settings.MAX_TEXT_KB, int(args.megabytes * 1024) + 64)
    settings.MAX_READING_ITEMS = 10**6
    client = Client()
    client.force_login(get_user_model().objects.get(username="vanphong"),
                       backend="django.contrib.auth.backends.ModelBackend")
    text = long_text(args.megabytes)
    print(f"== {connection.vendor}: dữ liệu trình diễn nạp trong {t_demo:.1f}s; "
          f"văn bản {len(text.encode('utf-8')) / 1048576:.2f} MB, {len(text):,} ký tự")

    def post_reading():
        return client.post("/doc-van-ban/moi/", {"kind": "report", "text": text, "title": "Bench dài"})

    rows = []
    with override_settings(JOB_INLINE_BYTES=10**12):
        response, before = timed(post_reading)
    assert response.status_code == 302, response.status_code
    with override_settings(TASKS=DATABASE_QUEUE, JOB_INLINE_BYTES=64 * 1024):
        response, after = timed(post_reading)
        assert response["Location"].startswith("/viec/"), response["Location"]
        job = Job.objects.order_by("-created_at").first()
        worker = run_worker()
        job.refresh_from_db()
    rows.append(("đọc văn bản 2 MB" if args.megabytes == 2 else f"đọc văn bản {args.megabytes} MB",
                 before, after, job.seconds, worker, f"{job.state}, {job.result.get('items', 0):,} mục"))

    if not args.no_pdf:
        address = "/bao-cao/hp-2021/nam/2021-12-31.pdf"
        with override_settings(TASKS=IMMEDIATE):  # the work inside the request, as before
            Job.objects.filter(kind="pdf").delete()
            response, before = timed(lambda: client.get(address))
        assert response.status_code == 200, response.status_code
        Job.objects.filter(kind="pdf").delete()
        with override_settings(TASKS=DATABASE_QUEUE):
            response, after = timed(lambda: client.get(address))
            assert response.status_code == 302, response.status_code
            job = Job.objects.filter(kind="pdf").order_by("-created_at").first()
            worker = run_worker()
            job.refresh_from_db()
            response, cached = timed(lambda: client.get(address))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        rows.append(("báo cáo PDF hp-2021, năm 2021", before, after, job.seconds, worker, job.state))
        rows.append(("  cùng báo cáo, hỏi lại (tệp đã có)", None, cached, None, None, "200, không dựng lại"))

    print(f"\n{'việc':<40} {'trước: yêu cầu':>15} {'sau: yêu cầu':>13} {'việc chạy':>10} {'worker':>8}  kết quả")
    for name, before, after, job_s, worker, note in rows:
        def fmt(x, w):
            return f"{x:>{w - 1}.2f}s" if x is not None else f"{'–':>{w}}"
        print(f"{name:<40} {fmt(before, 15)} {fmt(after, 13)} {fmt(job_s, 10)} {fmt(worker, 8)}  {note}")
    print("\nviệc chạy: từ lúc worker nhận việc đến lúc xong (Job.started_at → finished_at); "
          "worker: cả lượt `db_worker --batch`.")


if __name__ == "__main__":
    main()
