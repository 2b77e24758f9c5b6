"""Forecast vintages: every forecast a report showed, kept as it was on the day it was shown."""

from __future__ import annotations

from django.db import models

from chitieu.plans.models import Target


class ForecastVintage(models.Model):
    """What a report said of one target not yet final, on `made_on`, for the review as of
    `as_of`: the forecast, the pace the rest of the period needed, the chance of meeting the
    target with its method and inputs, and the figure against its scenario. Written when the
    report is built (chitieu.reports.forecasts.keep_vintages), once per target, date
    reviewed, kind of report and day; never edited, so a later backtest reads what was
    said then, not what the figures say now."""

    target = models.ForeignKey(Target, verbose_name="Chỉ tiêu", on_delete=models.CASCADE, related_name="vintages")
    as_of = models.DateField("Ngày đánh giá")
    made_on = models.DateField("Ngày lập báo cáo")
    made_at = models.DateTimeField("Thời điểm lập", auto_now_add=True)
    report_kind = models.CharField("Loại báo cáo", max_length=12)
    status = models.CharField("Trạng thái", max_length=16)
    actual = models.FloatField("Số đến nay", null=True, blank=True)
    forecast = models.FloatField("Dự báo cả kỳ", null=True, blank=True)
    forecast_method = models.CharField("Phương pháp dự báo", max_length=32, blank=True)
    probability = models.FloatField("Xác suất đạt", null=True, blank=True)
    probability_method = models.CharField("Phương pháp xác suất", max_length=32, blank=True)
    inputs = models.JSONField("Đầu vào", default=dict, blank=True)
    required = models.CharField("Tiến độ cần đạt", max_length=500, blank=True)
    scenario = models.CharField("So với kịch bản", max_length=500, blank=True)
    simulated = models.BooleanField("Có số liệu mô phỏng", default=False)

    class Meta:
        verbose_name = "Dự báo đã công bố"
        verbose_name_plural = "Dự báo đã công bố"
        ordering = ["target", "as_of", "made_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["target", "as_of", "report_kind", "made_on"], name="vintage_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.target} dự báo ngày {self.made_on:%d/%m/%Y} (đánh giá đến {self.as_of:%d/%m/%Y})"
