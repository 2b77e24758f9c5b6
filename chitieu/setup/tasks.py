"""Setting up tasks (title, lead unit, deadline, source clause): the one way in for the
office's task page and `POST /api/v1/tasks`, with the rules and transaction of
chitieu.setup.plans."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from chitieu.org.models import Person, Unit
from chitieu.plans.models import Resolution
from chitieu.setup.plans import SetupForm, save_with
from chitieu.tasks.models import Task


class TaskForm(SetupForm):
    resolution = forms.ModelChoiceField(Resolution.objects.all(), to_field_name="code", label="Văn bản giao", required=False)
    lead_unit = forms.ModelChoiceField(Unit.objects.all(), to_field_name="code", label="Đơn vị chủ trì", required=False)
    supporting_units = forms.ModelMultipleChoiceField(
        Unit.objects.all(), to_field_name="code", label="Đơn vị phối hợp", required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    leader = forms.ModelChoiceField(Person.objects.all(), label="Đồng chí phụ trách", required=False)

    class Meta:
        model = Task
        fields = ["code", "title", "resolution", "lead_unit", "supporting_units", "leader", "deadline",
                  "deadline_text", "source", "clause", "confirmed"]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "clause": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"clause": "Nguyên văn trong văn bản"}
        help_texts = {"code": "Chữ thường không dấu, số và gạch nối; ví dụ nv-khu-kinh-te."}


def save_task(data: Mapping[str, Any], *, by: Any, instance: Task | None = None) -> Task:
    """Create or change a task: office admins only (Forbidden), Invalid keyed by field, one
    transaction with its history entry."""
    return save_with(TaskForm, data, by=by, instance=instance, what="nhiệm vụ")
