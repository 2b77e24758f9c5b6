"""chitieu rebuild_combinations: recompute the communes' combined figures and the units' best
figures (chitieu.monitoring.unit_figures) from the approved figures (after figures were loaded around the write service, e.g. bench/simcity.py)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from chitieu.monitoring import unit_figures
from chitieu.monitoring.combined import rebuild


class Command(BaseCommand):
    help = "Tính lại số liệu tổng hợp của các xã, phường từ số liệu đã duyệt."

    def handle(self, *args, **options):
        with transaction.atomic():
            stored = rebuild()
            units = unit_figures.rebuild()
        self.stdout.write(f"Đã tính lại {stored} dòng số liệu tổng hợp, {units} dòng số liệu tốt nhất của từng đơn vị.")
