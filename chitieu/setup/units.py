"""Setting up the units the office adds by hand: Party bodies, departments and other bodies,
with the rules and transaction of chitieu.setup.plans. The city, its communes, wards and
special zones come from the national list (`chitieu load_units`, vietnam-provinces) and are
never typed or changed here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from chitieu.core.choices import UnitKind
from chitieu.errors import Forbidden
from chitieu.org import access
from chitieu.org.models import Unit
from chitieu.setup.plans import SETUP_DENIED, SetupForm, save_with

#: Kinds of unit the office adds by hand; the others come from the national list.
HAND_KINDS = (UnitKind.PARTY_BODY, UnitKind.DEPARTMENT, UnitKind.OTHER)
NATIONAL_LIST = ("Đơn vị «{name}» lấy từ danh mục đơn vị hành chính quốc gia (vietnam-provinces); "
                 "không sửa tay ở đây, hãy nạp lại danh mục (chitieu load_units).")


class UnitForm(SetupForm):
    parent = forms.ModelChoiceField(Unit.objects.all(), to_field_name="code", label="Đơn vị cấp trên")
    kind = forms.ChoiceField(label="Loại", choices=[(k.value, k.label) for k in HAND_KINDS])

    class Meta:
        model = Unit
        fields = ["code", "name", "short_name", "kind", "parent", "order", "active"]

    def clean_parent(self) -> Unit:
        """A unit sits under another unit, never under itself or one of its own sub-units."""
        parent = self.cleaned_data["parent"]
        if self.instance.pk and parent.is_within(self.instance):
            raise forms.ValidationError(
                f"«{parent.name}» là {'chính đơn vị này' if parent.pk == self.instance.pk else 'đơn vị cấp dưới của nó'}; "
                "chọn một đơn vị cấp trên khác."
            )
        return parent


def is_national(unit: Unit) -> bool:
    """True for the units of the national list (they carry its code)."""
    return unit.admin_code is not None


def save_unit(data: Mapping[str, Any], *, by: Any, instance: Unit | None = None) -> Unit:
    """Create or change a hand-made unit: office only (Forbidden), never a unit of the
    national list (Forbidden), Invalid keyed by field, one transaction with its history."""
    access.require(access.can_manage(by), SETUP_DENIED)
    if instance is not None and is_national(instance):
        raise Forbidden(NATIONAL_LIST.format(name=instance.name))
    return save_with(UnitForm, data, by=by, instance=instance, what="đơn vị")
