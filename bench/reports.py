"""Benchmark: each report kind on the simulated city, and importing a 100,000-row workbook.

    python bench/reports.py                               # full city (bench/simcity.py sizes)
    python bench/reports.py --indicators 60 --years 3     # a quick run
    python bench/reports.py --rows 20000 --no-pdf         # a smaller workbook, no LibreOffice

Uses its own SQLite file var/bench-reports.sqlite3 (or CHITIEU_DATABASE_URL when
--database-url is given), so it never disturbs bench/evaluate.py's data.

Report scenarios: for each kind (quy, 6thang, nam, giuaky, cuoiky), build the report of the
simulated city's focus resolution (`build_report`) and export it to DOCX and XLSX; PDF (one
LibreOffice conversion) is timed once per kind unless --no-pdf. Import scenarios: a template
of --rows indicators for one commune, filled, then imported (all rows written), imported again
(nothing written: idempotent) and imported with --dry-run. Prints wall times and sizes; no
assertion is made on them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

IMPORT_PREFIX = "bench-nhap-"


def _timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def report_scenarios(focus, last_year: int, pdf: bool) -> list[tuple[str, float, float, float, float | None, int]]:
    from chitieu.reports.build import build_report
    from chitieu.reports.document import ReportKind
    from chitieu.reports.exporters import exporter_for

    dates = {
        ReportKind.QUARTER: date(last_year, 9, 30),
        ReportKind.HALF: date(last_year, 6, 30),
        ReportKind.YEAR: date(last_year, 12, 31),
        ReportKind.MIDTERM: date(last_year, 6, 30),
        ReportKind.ENDTERM: date(last_year, 12, 31),
    }
    out = []
    for kind, as_of in dates.items():
        report, built = _timed(lambda k=kind, d=as_of: build_report(k, focus, as_of=d))
        docx, t_docx = _timed(lambda r=report: exporter_for("docx").export(r))
        _, t_xlsx = _timed(lambda r=report: exporter_for("xlsx").export(r))
        t_pdf = _timed(lambda r=report: exporter_for("pdf").export(r))[1] if pdf else None
        out.append((f"{kind.value} ({kind.label.lower()}), {as_of:%d/%m/%Y}", built, t_docx, t_xlsx, t_pdf, len(docx)))
    return out


def _import_indicators(n: int):
    from chitieu.core.choices import Aggregation, Category, PeriodKind
    from chitieu.plans.models import Indicator

    have = Indicator.objects.filter(code__startswith=IMPORT_PREFIX).count()
    if have < n:
        Indicator.objects.bulk_create(
            [
                Indicator(code=f"{IMPORT_PREFIX}{i:06d}", name=f"Chỉ tiêu nhập thử {i}", unit="tỷ đồng",
                          category=Category.ECONOMY, aggregation=Aggregation.SUM, frequency=PeriodKind.MONTH)
                for i in range(have, n)
            ],
            batch_size=5000,
        )
    return list(Indicator.objects.filter(code__startswith=IMPORT_PREFIX).order_by("code")[:n])


def import_scenarios(commune, rows: int, period: str) -> list[tuple[str, float, str]]:
    from django.db import connection, transaction

    from chitieu.core.choices import Stage
    from chitieu.monitoring.models import Observation
    from chitieu.reports.entry import import_workbook, signing_key
    from chitieu.reports.entry_sheet import SheetLine, TemplateSpec, write_template

    indicators, t_ind = _timed(lambda: _import_indicators(rows))
    with transaction.atomic(), connection.cursor() as cur:
        # Raw deletes: the ORM would load every row to send history signals.
        for table in (Observation._meta.db_table, Observation.history.model._meta.db_table):
            cur.execute(f"DELETE FROM {table} WHERE unit_id = %s AND period = %s", [commune.pk, period])
    spec = TemplateSpec(
        commune.code, commune.name, period, period,
        [SheetLine(i.code, i.name, i.unit, float(n % 997) + 0.5, Stage.ESTIMATE) for n, i in enumerate(indicators)],
    )
    data, t_write = _timed(lambda: write_template(spec, key=signing_key()))
    size = f"{len(data) / 1024 / 1024:.1f} MB"
    dry, t_dry = _timed(lambda: import_workbook(data, dry_run=True))
    first, t_first = _timed(lambda: import_workbook(data))
    again, t_again = _timed(lambda: import_workbook(data))
    return [
        (f"tạo {rows:,} chỉ tiêu thử (nếu thiếu)", t_ind, ""),
        (f"ghi biểu {rows:,} dòng đã điền", t_write, size),
        (f"nhập chạy thử (--dry-run), sẽ ghi {dry.written:,}", t_dry, ""),
        (f"nhập lần đầu: ghi {first.written:,}", t_first, ""),
        (f"nhập lại cùng tệp: ghi {again.written:,}, không đổi {again.unchanged:,}", t_again, ""),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--targets", type=int, default=40)
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the imported workbook")
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice conversions")
    parser.add_argument("--database-url", default="", help="default: SQLite var/bench-reports.sqlite3")
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    os.environ["CHITIEU_DATABASE_URL"] = args.database_url or f"sqlite:///{ROOT / 'var' / 'bench-reports.sqlite3'}"
    os.environ.setdefault("CHITIEU_TESTING", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chitieu.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench.simcity import build_city

    # A 100,000-row workbook is bigger than the upload limit meant for people; the benchmark
    # measures the import itself.
    settings.MAX_UPLOAD_MB = max(settings.MAX_UPLOAD_MB, 200)
    call_command("migrate", verbosity=0, interactive=False)
    sim, t_city = _timed(lambda: build_city(indicators=args.indicators, years=args.years, focus_targets=args.targets))
    focus = sim.resolutions[0]
    print(f"== {connection.vendor}: thành phố mô phỏng {sim.observations:,} số liệu "
          f"({len(sim.communes)} xã/phường x {len(sim.indicators)} chỉ tiêu, {sim.first_year}-{sim.last_year}); "
          f"chuẩn bị {t_city:.0f}s")
    print(f"\nBáo cáo nghị quyết {focus.code} ({focus.targets.count()} chỉ tiêu)")
    print(f"{'loại báo cáo':<44} {'dựng':>8} {'DOCX':>8} {'XLSX':>8} {'PDF':>8} {'cỡ DOCX':>10}")
    for name, built, t_docx, t_xlsx, t_pdf, size in report_scenarios(focus, sim.last_year, not args.no_pdf):
        pdf = f"{t_pdf:>7.2f}s" if t_pdf is not None else f"{'–':>8}"
        print(f"{name:<44} {built:>7.2f}s {t_docx:>7.2f}s {t_xlsx:>7.2f}s {pdf} {size / 1024:>7.0f} KB")
    commune = sim.communes[0]
    print(f"\nNhập biểu Excel {args.rows:,} dòng cho {commune.name}")
    for name, seconds, extra in import_scenarios(commune, args.rows, f"T1/{sim.last_year}"):
        print(f"{name:<60} {seconds:>8.2f}s {extra}")


if __name__ == "__main__":
    main()
