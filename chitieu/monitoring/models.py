"""Reported figures (observations), their stage and approval, and locked periods."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from chitieu.core.choices import SIMULATED_SOURCE, EntryState, Stage
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator, PeriodFields


class Observation(PeriodFields):
    """One figure that a unit reports for an indicator and a period, at a stage.

    There is at most one figure per unit, indicator, period and stage. Changing an approved
    (locked) figure is a correction: it needs a reason, and the old value stays in history.
    """

    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="observations")
    indicator = models.ForeignKey(
        Indicator, verbose_name="Chỉ tiêu", on_delete=models.PROTECT, related_name="observations"
    )
    value = models.FloatField("Giá trị")
    # The unit as entered; `value` is stored converted to the indicator's unit.
    entered_unit = models.CharField("Đơn vị tính khi nhập", max_length=64, blank=True)
    stage = models.CharField("Mức độ", max_length=12, choices=Stage.choices(), default=Stage.ESTIMATE)
    state = models.CharField(
        "Trạng thái", max_length=12, choices=EntryState.choices(), default=EntryState.APPROVED
    )
    source = models.CharField("Nguồn", max_length=255, blank=True)
    # When the figure became known (the conference or report that gave it). A review as of an
    # earlier date leaves the figure out; empty means "known as soon as its period began".
    reported_on = models.DateField(
        "Ngày báo cáo, công bố", null=True, blank=True,
        help_text="Ngày số liệu được báo cáo hoặc công bố; để trống nếu không rõ",
    )
    note = models.TextField("Ghi chú", blank=True)
    correction_reason = models.TextField("Lý do điều chỉnh", blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Người nhập", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    entered_at = models.DateTimeField("Thời điểm nhập", auto_now_add=True)
    updated_at = models.DateTimeField("Cập nhật", auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Người duyệt", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    approved_at = models.DateTimeField("Thời điểm duyệt", null=True, blank=True)
    # Raised by one on every change: a change based on an older version is refused (409).
    version = models.PositiveIntegerField("Phiên bản", default=1)
    # The soft plausibility warnings of the stored value, one a line (approving needs a
    # confirmation while there are any).
    warnings = models.TextField("Cảnh báo bất thường", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Số liệu"
        verbose_name_plural = "Số liệu"
        ordering = ["indicator", "unit", "period_start", "stage"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "period", "stage"], name="one_figure_per_unit_indicator_period_stage"
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period_start", "period_end"], name="obs_indicator_period"),
            models.Index(fields=["unit", "indicator"], name="obs_unit_indicator"),
            # Figures not yet official, found without scanning the official ones (reviews take
            # out estimates an official figure has replaced).
            models.Index(fields=["stage", "indicator", "period_start"], name="obs_stage_indicator_period"),
            # The few figures waiting for approval, counted in the header of every page
            # (web.context.WaitingApproval) without scanning the approved ones.
            models.Index(fields=["unit"], condition=models.Q(state=EntryState.SUBMITTED.value), name="obs_submitted"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.unit.code} {self.period} {self.value} ({self.stage})"

    @property
    def simulated(self) -> bool:
        return self.source == SIMULATED_SOURCE

    @property
    def warning_list(self) -> list[str]:
        return [w for w in self.warnings.splitlines() if w.strip()]

    @property
    def locked(self) -> bool:
        return self.state == EntryState.APPROVED


class PeriodLock(PeriodFields):
    """A reporting period closed to new or changed figures (for one unit, or all when unit is empty)."""

    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", null=True, blank=True, on_delete=models.CASCADE)
    reason = models.CharField("Lý do", max_length=255, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Kỳ đã khóa"
        verbose_name_plural = "Kỳ đã khóa"
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="one_lock_per_period_unit"),
        ]

    def __str__(self) -> str:
        return f"Khóa {self.period} ({self.unit or 'toàn thành phố'})"


class CombinedFigure(models.Model):
    """The approved figures of the local units directly below `scope` for one indicator,
    period and stage, combined once (each unit at its best stage) and read by every city
    review: kept by `chitieu.monitoring.combined` in the transaction of each write."""

    scope = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=32)
    period_start = models.DateField()
    period_end = models.DateField()
    stage = models.CharField(max_length=12, choices=Stage.choices())
    #: The sum of the figures up to review.HUGE in size; `huge` counts the others.
    total = models.FloatField()
    n = models.PositiveIntegerField()
    simulated = models.PositiveIntegerField()
    huge = models.PositiveIntegerField()
    assigned = models.PositiveIntegerField()
    #: The latest report date among the approved figures of this scope, indicator and period.
    reported_last = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "indicator", "period", "stage"], name="one_combination_per_group"),
        ]
        indexes = [models.Index(fields=["indicator", "period_start", "period_end"], name="combined_indicator_period")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period} {self.stage} dưới đơn vị {self.scope_id}: {self.total} ({self.n})"


class UnitFigure(models.Model):
    """One unit's best approved figure for one indicator and period (highest stage, the later
    entered on a tie), with the best one of the period before it (`Period.previous`): what
    the unit ranking and the jumps read instead of every stage of every figure. Kept by
    `chitieu.monitoring.unit_figures` in the transaction of each write."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=32)
    period_start = models.DateField()
    period_end = models.DateField()
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=12, choices=Stage.choices())
    value = models.FloatField()
    source = models.CharField(max_length=255, blank=True)
    entered_at = models.DateTimeField()
    #: The latest report date among the unit's approved figures of this indicator and period.
    reported_last = models.DateField(null=True, blank=True)
    #: The best approved figure of the period before (None: there is none).
    previous_value = models.FloatField(null=True, blank=True)
    previous_source = models.CharField(max_length=255, blank=True)
    previous_reported_last = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "indicator", "period"], name="one_unit_figure_per_period"),
        ]
        indexes = [models.Index(fields=["indicator", "period_start", "period_end"], name="unit_figure_indicator_period")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.unit_id} {self.period}: {self.value} ({self.stage})"
