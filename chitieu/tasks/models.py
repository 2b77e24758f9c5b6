"""Tasks (nhiệm vụ) set by resolutions and conclusions, and their progress updates."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from chitieu.org.models import Person, Unit
from chitieu.plans.models import Resolution


class Task(models.Model):
    """A duty with an optional deadline: "Thành lập Khu kinh tế ven biển phía Nam trước năm 2025"."""

    code = models.SlugField("Mã", max_length=64, unique=True)
    title = models.CharField("Nhiệm vụ", max_length=500)
    resolution = models.ForeignKey(
        Resolution, verbose_name="Văn bản giao", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    source = models.CharField("Nguồn", max_length=500, blank=True, help_text="Văn bản, hội nghị giao nhiệm vụ")
    clause = models.TextField("Nguyên văn", blank=True)
    lead_unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị chủ trì", null=True, blank=True, on_delete=models.PROTECT, related_name="led_tasks"
    )
    supporting_units = models.ManyToManyField(Unit, verbose_name="Đơn vị phối hợp", blank=True, related_name="supported_tasks")
    leader = models.ForeignKey(Person, verbose_name="Đồng chí phụ trách", null=True, blank=True, on_delete=models.SET_NULL)
    deadline = models.DateField("Thời hạn", null=True, blank=True)
    deadline_text = models.CharField("Thời hạn (nguyên văn)", max_length=120, blank=True)
    completed_on = models.DateField("Ngày hoàn thành", null=True, blank=True)
    progress = models.PositiveSmallIntegerField("Tiến độ (%)", default=0)
    confirmed = models.BooleanField("Đã xác nhận", default=True)
    history = HistoricalRecords(m2m_fields=[supporting_units])

    class Meta:
        verbose_name = "Nhiệm vụ"
        verbose_name_plural = "Nhiệm vụ"
        ordering = ["deadline", "code"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.progress is not None and self.progress > 100:
            errors["progress"] = f"Tiến độ {self.progress}% vượt quá 100%."
        if self.completed_on and self.progress is not None and self.progress < 100:
            self.progress = 100
        if errors:
            raise ValidationError(errors)


def evidence_path(instance: TaskUpdate, filename: str) -> str:
    return f"evidence/task-{instance.task_id}/{filename}"


class TaskUpdate(models.Model):
    """A progress note on a task, with an optional evidence file."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    note = models.TextField("Nội dung cập nhật")
    progress = models.PositiveSmallIntegerField("Tiến độ (%)", null=True, blank=True)
    evidence = models.FileField("Tài liệu minh chứng", upload_to=evidence_path, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Cập nhật nhiệm vụ"
        verbose_name_plural = "Cập nhật nhiệm vụ"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.task.code}: {self.note[:60]}"


class FollowUp(models.Model):
    """The lead unit's answer for a target at risk or not achieved: why ("nguyên nhân"), what it
    will do about it ("giải pháp khắc phục") and by when. The latest one of a target is what the
    review and the report show; a weak target without one is flagged."""

    target = models.ForeignKey("plans.Target", verbose_name="Chỉ tiêu", on_delete=models.CASCADE, related_name="follow_ups")
    cause = models.TextField("Nguyên nhân")
    action = models.TextField("Giải pháp khắc phục")
    due = models.DateField("Hạn hoàn thành giải pháp")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   verbose_name="Người giải trình")
    written_at = models.DateTimeField("Thời điểm giải trình", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Giải trình chỉ tiêu"
        verbose_name_plural = "Giải trình chỉ tiêu"
        ordering = ["-written_at", "-id"]
        indexes = [models.Index(fields=["target", "-written_at"])]

    def __str__(self) -> str:
        return f"Giải trình {self.target}"
