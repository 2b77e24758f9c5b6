"""Documents read by chitieu and the items read from them, awaiting a person's decision.

A `DocumentReading` keeps the text exactly as read (offsets of its items index it); each
`ExtractedItem` is one target, result or task the extractor found, with the words it came
from (`start`, `end`), the fields a person may correct, and what became of it: nothing yet,
or the draft target, observation or task created from it. Nothing here is confirmed data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from chitieu.core.choices import Comparator, Decision, DocumentKind, ItemKind, Stage
from chitieu.monitoring.models import Observation
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator, Resolution, Target
from chitieu.tasks.models import Task


def stamp(obj: models.Model, user: object, reason: str) -> models.Model:
    """Set who made the next change of `obj` and why, for its history (also outside a web
    request, where simple-history's middleware knows no user); return `obj`."""
    if getattr(user, "pk", None):
        obj._history_user = user  # type: ignore[attr-defined]  # read by simple_history
    obj._change_reason = reason  # type: ignore[attr-defined]  # read by simple_history
    return obj


class DocumentReading(models.Model):
    """One document (a resolution or a report) pasted or uploaded, and read."""

    title = models.CharField("Tên văn bản", max_length=500)
    kind = models.CharField("Loại văn bản", max_length=12, choices=DocumentKind.choices())
    text = models.TextField("Nội dung")
    source_name = models.CharField("Tệp gốc", max_length=255, blank=True)
    resolution = models.ForeignKey(
        Resolution, verbose_name="Nghị quyết nhận chỉ tiêu", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="readings",
        help_text="Chỉ tiêu nháp được đưa vào nghị quyết này; để trống thì tạo nghị quyết mới",
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị báo cáo", null=True, blank=True, on_delete=models.PROTECT,
        related_name="readings", help_text="Số liệu nháp thuộc về đơn vị này",
    )
    period = models.CharField(
        "Kỳ mặc định", max_length=20, blank=True, help_text="Dùng cho các mục văn bản không nêu kỳ"
    )
    stage = models.CharField("Mức độ số liệu", max_length=12, choices=Stage.choices(), default=Stage.ESTIMATE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Người đọc", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField("Thời điểm đọc", auto_now_add=True)
    drafted_at = models.DateTimeField("Tạo bản nháp lúc", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = "Văn bản đã đọc"
        verbose_name_plural = "Văn bản đã đọc"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ExtractedItem(models.Model):
    """One item read from a document: its words, its fields, a person's decision, its draft."""

    reading = models.ForeignKey(DocumentReading, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField("Thứ tự", default=0)
    start = models.PositiveIntegerField("Vị trí đầu")
    end = models.PositiveIntegerField("Vị trí cuối")
    text = models.TextField("Nguyên văn")
    kind = models.CharField("Loại", max_length=10, choices=ItemKind.choices())
    indicator_name = models.CharField("Tên chỉ tiêu (đọc được)", max_length=500, blank=True)
    indicator = models.ForeignKey(
        Indicator, verbose_name="Chỉ tiêu trong danh mục", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    link_score = models.FloatField("Độ khớp danh mục", null=True, blank=True)
    comparator = models.CharField("Phép so sánh", max_length=12, choices=Comparator.choices(), blank=True)
    value = models.FloatField("Giá trị", null=True, blank=True)
    value_max = models.FloatField("Giá trị tối đa", null=True, blank=True)
    unit = models.CharField("Đơn vị tính", max_length=64, blank=True)
    period = models.CharField("Kỳ", max_length=20, blank=True)
    baseline = models.CharField("So với", max_length=120, blank=True)
    planned = models.FloatField("Kế hoạch", null=True, blank=True)
    deadline = models.CharField("Thời hạn", max_length=20, blank=True)
    lead_unit = models.CharField("Đơn vị chủ trì (nguyên văn)", max_length=255, blank=True)
    decision = models.CharField(
        "Quyết định", max_length=10, choices=Decision.choices(), default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # What the item became; at most one is set, only after "Tạo bản nháp".
    target = models.ForeignKey(Target, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    observation = models.ForeignKey(
        Observation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    proposed_indicator = models.BooleanField(
        "Đề xuất chỉ tiêu mới", default=False,
        help_text="Chỉ tiêu trong danh mục được tạo từ mục này, chờ Văn phòng xem xét",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Mục đọc được"
        verbose_name_plural = "Mục đọc được"
        ordering = ["reading", "order", "id"]

    def __str__(self) -> str:
        return f"{ItemKind(self.kind).label}: {self.text[:60]}"

    @property
    def kind_choice(self) -> ItemKind:
        return ItemKind(self.kind)

    @property
    def comparator_label(self) -> str:
        """The comparator's Vietnamese label ("Tăng", "Từ/Trên"), "" when there is none."""
        return Comparator(self.comparator).label if self.comparator else ""

    @property
    def decision_choice(self) -> Decision:
        return Decision(self.decision)

    @property
    def drafted(self) -> bool:
        """True once a draft target, observation or task was created from this item."""
        return bool(self.target_id or self.observation_id or self.task_id)
