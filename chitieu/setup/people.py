"""Setting up the people in charge (đồng chí phụ trách): name, title, unit and the units they
oversee, with the rules and transaction of chitieu.setup.plans."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from chitieu.org.models import Person, Unit
from chitieu.setup.plans import SetupForm, save_with


class PersonForm(SetupForm):
    unit = forms.ModelChoiceField(Unit.objects.all(), to_field_name="code", label="Đơn vị", required=False)
    responsible_units = forms.ModelMultipleChoiceField(
        Unit.objects.all(), to_field_name="code", label="Đơn vị phụ trách", required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Person
        fields = ["full_name", "title", "unit", "responsible_units"]


def save_person(data: Mapping[str, Any], *, by: Any, instance: Person | None = None) -> Person:
    """Create or change a person in charge: office only (Forbidden), Invalid keyed by field,
    one transaction with its history entry."""
    return save_with(PersonForm, data, by=by, instance=instance, what="cán bộ")
