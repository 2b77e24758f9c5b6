"""Setting up resolutions, their targets and the indicator catalogue: the one way in for the
office's set-up pages and the JSON API's write routes.

Each `save_*` takes plain values (a page's POST or an API payload; related records named by
code, a person by id), checks them with one form whose rules are the model's own
(`Model.clean`, field limits, constraints), and writes in one transaction with a history
entry naming who and why. Office admins only (Forbidden otherwise); a value that breaks a rule
raises Invalid with Vietnamese messages keyed by field, which the page shows next to the
field and the API returns under the field's name. Nothing is written on any error.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.db import models, transaction
from django.utils import timezone

from chitieu.core.choices import ResolutionStatus
from chitieu.core.quantities import QuantityError, format_number, is_finite, parse_number
from chitieu.errors import Invalid
from chitieu.org import access
from chitieu.org.models import Person, Unit
from chitieu.plans.models import Indicator, Resolution, Target, TargetScenario, Term
from chitieu.plans.reporting import reporting_on, set_reporting

SETUP_DENIED = "Chỉ Văn phòng được thiết lập nghị quyết, chỉ tiêu, nhiệm vụ và danh mục chỉ tiêu."


class NumberField(forms.Field):
    """A number as people write it here ("13,5", "89.490,478") or as JSON sends it; a finite
    float, never a boolean."""

    def to_python(self, value: Any) -> float | None:
        if value in self.empty_values:
            return None
        if isinstance(value, bool):
            raise forms.ValidationError("Cần một số, không phải đúng/sai.", code="invalid")
        if isinstance(value, int | float):
            number = float(value)
        else:
            try:
                number = parse_number(str(value))
            except QuantityError as exc:
                raise forms.ValidationError(f"{exc}.", code="invalid") from exc
        if not is_finite(number):
            raise forms.ValidationError(f"Giá trị {value} không phải là số hữu hạn.", code="invalid")
        return number

    def prepare_value(self, value: Any) -> Any:
        """A stored number shown the Vietnamese way with every digit it has (1.23456 ->
        "1,23456", 95000 -> "95.000"), so saving the form unchanged keeps it."""
        if not is_finite(value):
            return value
        exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
        return format_number(value, decimals=max(0, -exponent) if isinstance(exponent, int) else 0)

    def widget_attrs(self, widget):
        # A text box: "13,5" with a decimal comma is what people type; type=number refuses it.
        return {**super().widget_attrs(widget), "inputmode": "decimal"}


def _by_code(queryset: models.QuerySet, **kw: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset, to_field_name="code", **kw)


class SetupForm(forms.ModelForm):
    """A model form whose number fields read Vietnamese numbers and whose choice errors name
    the value that was not found. Browsers do not refuse empty fields on their own
    (no `required` attribute): the Vietnamese message of the field says what is missing."""

    use_required_attribute = False

    def after_save(self, obj: Any, by: Any) -> None:
        """Write what the record's own fields do not hold, in the same transaction."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            field.error_messages["invalid_choice"] = "Không có mục «%(value)s» trong danh sách."
            field.error_messages["invalid_pk_value"] = "«%(pk)s» không phải là mã hợp lệ."
            single = not isinstance(field, forms.ModelMultipleChoiceField)
            if single and field.to_field_name and self.instance.pk and name not in (kwargs.get("initial") or {}):
                # The instance's initial value is the related id; a field keyed by code
                # selects its option from the related record itself.
                self.initial[name] = getattr(self.instance, name)


class ResolutionForm(SetupForm):
    issuer = _by_code(Unit.objects.all(), label="Cơ quan ban hành")
    term = _by_code(Term.objects.all(), label="Nhiệm kỳ", required=False)

    class Meta:
        model = Resolution
        fields = ["code", "number", "title", "issuer", "issued_on", "kind", "term", "period", "status",
                  "source_ref", "source_text"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "source_text": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {"code": "Chữ thường không dấu, số và gạch nối; ví dụ hp-2026. Dùng trong địa chỉ và API."}

    def clean_status(self) -> str:
        """The status moves one step forward (draft -> in force -> closed), never back."""
        new = self.cleaned_data["status"]
        old = self.instance.status if self.instance.pk else None
        if old and not ResolutionStatus(old).may_become(ResolutionStatus(new)):
            raise forms.ValidationError(
                f"Không chuyển được từ «{ResolutionStatus(old).label}» sang «{ResolutionStatus(new).label}»; "
                "tình trạng chỉ đi tiếp: Dự thảo → Đang có hiệu lực → Đã kết thúc."
            )
        return new


class TermForm(SetupForm):
    class Meta:
        model = Term
        fields = ["code", "name", "start_year", "end_year"]
        help_texts = {"code": "Ví dụ 2025-2030."}


class IndicatorForm(SetupForm):
    plausible_min = NumberField(label="Giá trị nhỏ nhất hợp lý", required=False)
    plausible_max = NumberField(label="Giá trị lớn nhất hợp lý", required=False)
    reporting_units = forms.ModelMultipleChoiceField(
        Unit.objects.order_by("path"), to_field_name="code", label="Đơn vị phải báo cáo", required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Các đơn vị gửi số liệu chỉ tiêu này theo lịch báo cáo; số của thành phố tổng hợp từ các đơn vị này",
    )
    reporting_from = forms.DateField(label="Báo cáo từ ngày", required=False,
                                     help_text="Để trống: từ hôm nay. Các kỳ trước giữ các đơn vị đã phải báo cáo",
                                     widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("reporting_units", reporting_on(self.instance, timezone.localdate()))

    def after_save(self, indicator: Indicator, by: Any) -> None:
        data = self.cleaned_data
        set_reporting(indicator, data.get("reporting_units") or [], on=data.get("reporting_from") or timezone.localdate(),
                      by=by, reason="Giao báo cáo trên trang thiết lập danh mục chỉ tiêu")

    class Meta:
        model = Indicator
        fields = ["code", "name", "short_name", "category", "unit", "direction", "aggregation",
                  "unit_aggregation", "frequency", "value_kind", "plausible_min", "plausible_max",
                  "aliases", "description"]
        widgets = {"aliases": forms.Textarea(attrs={"rows": 2}), "description": forms.Textarea(attrs={"rows": 2})}


class TargetForm(SetupForm):
    resolution = _by_code(Resolution.objects.all(), label="Nghị quyết")
    indicator = _by_code(Indicator.objects.all(), label="Chỉ tiêu (danh mục)")
    value = NumberField(label="Giá trị")
    value_max = NumberField(label="Giá trị tối đa", required=False, help_text="Chỉ với phép so sánh «khoảng»")
    baseline_value = NumberField(label="Giá trị kỳ gốc", required=False)
    lead_unit = _by_code(Unit.objects.all(), label="Đơn vị chủ trì", required=False)
    supporting_units = forms.ModelMultipleChoiceField(
        Unit.objects.all(), to_field_name="code", label="Đơn vị phối hợp", required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    leader = forms.ModelChoiceField(Person.objects.all(), label="Đồng chí phụ trách", required=False)
    unit = forms.CharField(label="Đơn vị tính", max_length=64, required=False,
                           help_text="Để trống: đơn vị tính của chỉ tiêu trong danh mục")
    period = forms.CharField(label="Kỳ", max_length=20, required=False,
                             help_text="Ví dụ 2026, Q4/2026, 2021-2025; để trống: kỳ của nghị quyết")
    order = forms.IntegerField(label="Thứ tự hiển thị", min_value=0, max_value=2**31 - 1, required=False,
                               help_text="Để trống: sau chỉ tiêu cuối cùng")

    class Meta:
        model = Target
        fields = ["resolution", "number", "indicator", "comparator", "value", "value_max", "unit", "period",
                  "term_aggregation", "baseline", "baseline_value", "lead_unit", "supporting_units", "leader",
                  "clause", "order", "confirmed"]
        widgets = {"clause": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        """Fill what the resolution and the catalogue already say: the indicator's unit and
        the resolution's period, when left empty."""
        super().clean()
        data = self.cleaned_data
        indicator, resolution = data.get("indicator"), data.get("resolution")
        if not data.get("unit") and indicator is not None:
            data["unit"] = indicator.unit
        if not data.get("period") and resolution is not None:
            data["period"] = resolution.period
        if data.get("order") is None:
            if self.instance.pk:
                data["order"] = self.instance.order
            else:
                last = Target.objects.filter(resolution=resolution).aggregate(m=models.Max("order"))["m"] if resolution else None
                data["order"] = (last or 0) + 1
        return data


class ScenarioForm(SetupForm):
    """A target's scenario for a month or quarter ("kịch bản"); the rules are the model's."""

    target = forms.ModelChoiceField(Target.objects.all(), label="Chỉ tiêu")
    value = NumberField(label="Giá trị kịch bản",
                        help_text="Mức dự kiến đến hết kỳ theo đơn vị của chỉ tiêu, hoặc tỷ lệ % so với chỉ tiêu")
    period = forms.CharField(label="Kỳ", max_length=20, help_text="Ví dụ T2/2026, Q1/2026, 6M/2026 (6 tháng đầu năm)")

    class Meta:
        model = TargetScenario
        fields = ["target", "period", "kind", "value", "note"]


def errors_of(form: forms.BaseForm) -> dict[str, str]:
    """Return the form's errors as {field: message} ("__all__" for the form as a whole)."""
    return {name: " ".join(str(m) for m in messages) for name, messages in form.errors.items()}


def stamped(obj: models.Model, user: Any, reason: str) -> models.Model:
    """Record who made the next change of `obj` and why in its history (simple-history reads
    these two attributes; outside a request its middleware knows no user)."""
    if getattr(user, "pk", None):
        obj._history_user = user  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    return obj


def save_with(form_class: type[SetupForm], data: Mapping[str, Any], *, by: Any, instance: models.Model | None,
              what: str) -> Any:
    """Check `data` with `form_class` and save it (a new record, or `instance` changed) in one
    transaction; return the record. Forbidden unless `by` is the office; Invalid, keyed by
    field, when a rule is broken (nothing written)."""
    access.require(access.can_manage(by), SETUP_DENIED)
    form = form_class(data=data, instance=instance)
    if not form.is_valid():
        raise Invalid(f"Chưa ghi được {what}; xem lỗi ở từng ô.", errors_of(form))
    with transaction.atomic():
        obj = form.save(commit=False)
        stamped(obj, by, f"{'Sửa' if instance is not None and instance.pk else 'Tạo'} {what} trên trang thiết lập")
        obj.save()
        form.save_m2m()
        form.after_save(obj, by)
    return obj


def save_resolution(data: Mapping[str, Any], *, by: Any, instance: Resolution | None = None) -> Resolution:
    """Create or change a resolution; see the module docstring."""
    return save_with(ResolutionForm, data, by=by, instance=instance, what="nghị quyết")


def save_target(data: Mapping[str, Any], *, by: Any, instance: Target | None = None) -> Target:
    """Create or change a target of a resolution; see the module docstring."""
    return save_with(TargetForm, data, by=by, instance=instance, what="chỉ tiêu")


def save_indicator(data: Mapping[str, Any], *, by: Any, instance: Indicator | None = None) -> Indicator:
    """Create or change an indicator of the catalogue; see the module docstring."""
    return save_with(IndicatorForm, data, by=by, instance=instance, what="chỉ tiêu trong danh mục")


def save_term(data: Mapping[str, Any], *, by: Any, instance: Term | None = None) -> Term:
    """Create or change a congress term; see the module docstring."""
    return save_with(TermForm, data, by=by, instance=instance, what="nhiệm kỳ")


def save_scenario(data: Mapping[str, Any], *, by: Any, instance: TargetScenario | None = None) -> TargetScenario:
    """Create or change a target's scenario for a month or quarter; see the module docstring."""
    return save_with(ScenarioForm, data, by=by, instance=instance, what="kịch bản của chỉ tiêu")
