"""The log of reminders: what was sent to whom, for which deadline, by e-mail and in the app."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from chitieu.org.models import Unit


class Reminder(models.Model):
    """One reminder to one person for one deadline (at most one per person and due date: the
    unique constraint makes `chitieu remind` idempotent, even run twice at once).

    It is shown in the app to its recipient; `email` is the address it was mailed to (empty
    when the person has none). `emailed_at` stays empty until the mail server accepted it, and
    `error` says why it did not; a later run retries those.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người nhận", on_delete=models.CASCADE,
                             related_name="reminders")
    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField("Hạn báo cáo")
    as_of = models.DateField("Ngày nhắc")
    overdue = models.BooleanField("Đã quá hạn khi nhắc", default=False)
    items = models.JSONField("Số liệu còn thiếu", default=list)  # [{"unit", "indicator", "period"}]
    subject = models.CharField("Tiêu đề", max_length=255)
    body = models.TextField("Nội dung")
    email = models.CharField("Gửi tới địa chỉ", max_length=254, blank=True)
    emailed_at = models.DateTimeField("Máy chủ thư nhận lúc", null=True, blank=True)
    error = models.TextField("Lỗi gửi thư", blank=True)
    created_at = models.DateTimeField("Tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "Nhắc hạn báo cáo"
        verbose_name_plural = "Nhắc hạn báo cáo"
        ordering = ["-as_of", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "due_on"], name="one_reminder_per_person_and_due_date")]

    def __str__(self) -> str:
        return f"{self.user.get_username()} – hạn {self.due_on:%d/%m/%Y}"

    @property
    def count(self) -> int:
        return len(self.items)
