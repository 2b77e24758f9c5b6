"""Terms, resolutions, indicators and the targets a resolution sets."""

from __future__ import annotations

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from chitieu.core.choices import (
    Aggregation,
    Category,
    Comparator,
    Direction,
    PeriodKind,
    ResolutionKind,
    ResolutionStatus,
    ScenarioKind,
    TermAggregation,
    ValueKind,
)
from chitieu.core.periods import Period, PeriodError
from chitieu.org.models import Person, Unit


class PeriodFields(models.Model):
    """A period stored as its code ("2021", "Q1/2024") plus its dates, for range queries."""

    period = models.CharField("Kỳ", max_length=20)
    period_start = models.DateField(editable=False, null=True)
    period_end = models.DateField(editable=False, null=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.clean_period()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """Model forms (the admin) check the period too: "quý 9/2025" is a field error there,
        not a failed save."""
        super().clean()
        self.clean_period()

    def parsed_period(self) -> Period:
        return Period.parse(self.period)

    def clean_period(self) -> None:
        """Normalise `period` to its code; raise a field-keyed error when it does not parse."""
        try:
            p = Period.parse(self.period)
        except PeriodError as exc:
            raise ValidationError({"period": str(exc)}) from exc
        self.period, self.period_start, self.period_end = p.code, p.start, p.end


class Term(models.Model):
    """A congress term (nhiệm kỳ), e.g. 2020-2025."""

    code = models.SlugField("Mã", max_length=32, unique=True)
    name = models.CharField("Tên", max_length=255)
    start_year = models.PositiveIntegerField("Năm bắt đầu")
    end_year = models.PositiveIntegerField("Năm kết thúc")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Nhiệm kỳ"
        verbose_name_plural = "Nhiệm kỳ"
        ordering = ["-start_year"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.end_year is not None and self.start_year is not None and self.end_year <= self.start_year:
            raise ValidationError({"end_year": "Năm kết thúc phải sau năm bắt đầu."})


class Resolution(models.Model):
    """A resolution or conclusion that sets targets and tasks."""

    code = models.SlugField("Mã", max_length=64, unique=True)
    title = models.CharField("Trích yếu", max_length=500)
    number = models.CharField("Số, ký hiệu", max_length=64, blank=True)
    issuer = models.ForeignKey(Unit, verbose_name="Cơ quan ban hành", on_delete=models.PROTECT, related_name="resolutions")
    issued_on = models.DateField("Ngày ban hành", null=True, blank=True)
    term = models.ForeignKey(Term, verbose_name="Nhiệm kỳ", null=True, blank=True, on_delete=models.PROTECT)
    period = models.CharField("Kỳ kế hoạch", max_length=20, help_text="Ví dụ: 2021, 2020-2025")
    source_ref = models.CharField("Nguồn văn bản", max_length=500, blank=True)
    kind = models.CharField("Loại nghị quyết", max_length=12, choices=ResolutionKind.choices(), default=ResolutionKind.YEARLY)
    status = models.CharField("Tình trạng", max_length=12, choices=ResolutionStatus.choices(), default=ResolutionStatus.DRAFT)
    source_text = models.TextField("Nguyên văn nghị quyết", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Nghị quyết"
        verbose_name_plural = "Nghị quyết"
        ordering = ["-issued_on", "code"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def clean(self):
        errors: dict[str, str] = {}
        try:
            self.period = Period.parse(self.period).code
        except PeriodError as exc:
            errors["period"] = str(exc)
        if self.kind == ResolutionKind.CONGRESS and not self.term_id:
            errors["term"] = "Nghị quyết Đại hội cần chọn nhiệm kỳ."
        if errors:
            raise ValidationError(errors)


class Indicator(models.Model):
    """What is measured, in which unit, and how figures combine over time and across units."""

    code = models.SlugField("Mã chỉ tiêu", max_length=64, unique=True)
    name = models.CharField("Tên chỉ tiêu", max_length=500)
    short_name = models.CharField("Tên ngắn", max_length=120, blank=True)
    aliases = models.TextField("Tên gọi khác, viết tắt", blank=True, help_text="Mỗi dòng một tên")
    category = models.CharField("Lĩnh vực", max_length=20, choices=Category.choices())
    unit = models.CharField("Đơn vị tính", max_length=64)
    direction = models.CharField("Chiều tốt", max_length=10, choices=Direction.choices(), default=Direction.HIGHER)
    aggregation = models.CharField(
        "Cộng các kỳ", max_length=10, choices=Aggregation.choices(), default=Aggregation.LAST,
        help_text="Cách số liệu tháng/quý gộp thành năm",
    )
    unit_aggregation = models.CharField(
        "Cộng các đơn vị", max_length=10, choices=Aggregation.choices(), default=Aggregation.SUM,
        help_text="Cách số liệu các đơn vị gộp thành số toàn thành phố",
    )
    frequency = models.CharField(
        "Kỳ báo cáo", max_length=10, choices=PeriodKind.choices(), default=PeriodKind.YEAR,
        help_text="Kỳ ngắn nhất được báo cáo",
    )
    # Plausibility (chitieu.core.plausibility): the kind sets the range (a share 0-100, counts
    # whole and never negative); empty means a share for "%", else only a magnitude bound.
    value_kind = models.CharField(
        "Loại số liệu", max_length=10, choices=ValueKind.choices(), blank=True, default="",
        help_text="Để trống: đơn vị «%» là tỷ lệ 0–100, đơn vị khác chỉ giới hạn độ lớn",
    )
    plausible_min = models.FloatField("Giá trị nhỏ nhất hợp lý", null=True, blank=True)
    plausible_max = models.FloatField("Giá trị lớn nhất hợp lý", null=True, blank=True)
    description = models.TextField("Ghi chú", blank=True)
    # A rate of merged units is weighted by their levels (GRDP growth by GRDP of the year
    # before: chitieu.core.boundaries.forward_weighted); without it the links' shares weigh.
    weight_indicator = models.ForeignKey(
        "self", verbose_name="Trọng số khi gộp đơn vị", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="weighted",
        help_text="Tỷ lệ của các đơn vị sáp nhập gộp theo quy mô của chỉ tiêu này năm trước (vd. GRDP)",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Chỉ tiêu (danh mục)"
        verbose_name_plural = "Danh mục chỉ tiêu"
        ordering = ["category", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    def clean(self) -> None:
        if self.plausible_min is not None and self.plausible_max is not None and self.plausible_min > self.plausible_max:
            raise ValidationError({"plausible_max": "Giá trị lớn nhất hợp lý phải không nhỏ hơn giá trị nhỏ nhất."})



class Assignment(models.Model):
    """A unit that must report an indicator ("giao báo cáo"), from `valid_from` to `valid_to`
    (either open). The city's figure combined from its units counts the assigned units that
    reported against those that should have ("1/114 xã, phường"); a combination missing any
    is partial and never the period's final figure (chitieu.core.figures.Observation.partial).
    Which units report what is data, never a guess from who happened to report."""

    indicator = models.ForeignKey(Indicator, verbose_name="Chỉ tiêu", on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, verbose_name="Đơn vị báo cáo", on_delete=models.CASCADE, related_name="assignments")
    valid_from = models.DateField("Từ ngày", null=True, blank=True)
    valid_to = models.DateField("Đến ngày", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Phân công báo cáo"
        verbose_name_plural = "Phân công báo cáo"
        constraints = [models.UniqueConstraint(fields=["indicator", "unit"], name="assignment_once_per_unit")]
        indexes = [models.Index(fields=["indicator", "unit"])]

    def __str__(self) -> str:
        return f"{self.unit} báo cáo {self.indicator.code}"

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày kết thúc phân công phải không trước ngày bắt đầu."})


#: A target's number as resolutions write them: "1", "14", "1a", "20b" (and "3.27" past "z").
TARGET_NUMBER = re.compile(r"\d{1,3}(?:[a-z]|\.\d{1,3})?")


class Target(PeriodFields):
    """One numbered target item of a resolution."""

    resolution = models.ForeignKey(Resolution, verbose_name="Nghị quyết", on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, verbose_name="Chỉ tiêu", on_delete=models.PROTECT, related_name="targets")
    number = models.CharField("Số thứ tự", max_length=16, help_text="Ví dụ: 1, 1a, 20b")
    comparator = models.CharField("Phép so sánh", max_length=12, choices=Comparator.choices(), default=Comparator.EQ)
    value = models.FloatField("Giá trị")
    value_max = models.FloatField("Giá trị tối đa", null=True, blank=True)
    unit = models.CharField("Đơn vị tính", max_length=64)
    term_aggregation = models.CharField(
        "Cách tính cả giai đoạn", max_length=10, choices=TermAggregation.choices(), blank=True, default=""
    )
    baseline = models.CharField("So với", max_length=120, blank=True, help_text="năm 2020, cùng kỳ, dự toán…")
    baseline_value = models.FloatField("Giá trị kỳ gốc", null=True, blank=True)
    lead_unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị chủ trì", null=True, blank=True, on_delete=models.PROTECT, related_name="led_targets"
    )
    supporting_units = models.ManyToManyField(Unit, verbose_name="Đơn vị phối hợp", blank=True, related_name="supported_targets")
    leader = models.ForeignKey(
        Person, verbose_name="Đồng chí phụ trách", null=True, blank=True, on_delete=models.SET_NULL
    )
    clause = models.TextField("Nguyên văn trong nghị quyết", blank=True)
    confirmed = models.BooleanField(
        "Đã xác nhận", default=True, help_text="Chỉ tiêu đọc tự động từ văn bản là bản nháp cho đến khi được xác nhận"
    )
    order = models.PositiveIntegerField("Thứ tự", default=0)
    history = HistoricalRecords(m2m_fields=[supporting_units])

    class Meta:
        verbose_name = "Chỉ tiêu của nghị quyết"
        verbose_name_plural = "Chỉ tiêu của nghị quyết"
        ordering = ["resolution", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "number"], name="target_number_unique_in_resolution"),
        ]

    def __str__(self) -> str:
        return f"({self.number}) {self.indicator.name}"

    def validate_constraints(self, exclude=None):
        """A number the resolution already uses is the number's error, shown next to it."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict({})
            general = errors.pop(NON_FIELD_ERRORS, [])
            clash = [e for e in general if getattr(e, "code", None) == "unique_together"]
            if clash:
                errors.setdefault("number", []).append(ValidationError(
                    f"Nghị quyết đã có chỉ tiêu số «{self.number}»; chọn số khác (ví dụ {self.number}a)."
                ))
            rest = [e for e in general if e not in clash]
            if rest:
                errors[NON_FIELD_ERRORS] = rest
            raise ValidationError(errors) from exc

    def clean(self):
        from chitieu.core.evaluation import baseline_refusal
        from chitieu.core.quantities import UnitError, conversion_factor

        errors: dict[str, str] = {}
        if self.number and not TARGET_NUMBER.fullmatch(self.number):
            errors["number"] = f"Số thứ tự «{self.number}» không đúng dạng; viết như nghị quyết: 1, 2, 1a, 20b."
        try:
            self.clean_period()
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
        if self.comparator == Comparator.RANGE:
            if self.value_max is None:
                errors["value_max"] = "Chỉ tiêu dạng khoảng cần giá trị tối đa."
            elif self.value is not None and self.value_max < self.value:
                errors["value_max"] = f"Giá trị tối đa {self.value_max} nhỏ hơn giá trị tối thiểu {self.value}."
        elif self.value_max is not None:
            errors["value_max"] = "Chỉ chỉ tiêu dạng khoảng mới có giá trị tối đa."
        for field in ("value", "value_max", "baseline_value"):
            v = getattr(self, field)
            if v is not None and (v != v or v in (float("inf"), float("-inf"))):
                errors[field] = f"Giá trị {v} không phải là số hữu hạn."
        try:
            refusal = baseline_refusal(Comparator(self.comparator), self.unit or "", self.baseline_value)
        except ValueError:
            refusal = None  # an unknown comparator is the field's own validation error
        if refusal:
            errors["baseline_value"] = refusal
        if self.indicator_id and self.unit:
            try:
                conversion_factor(self.unit, self.indicator.unit)
            except UnitError as exc:
                errors["unit"] = str(exc)
        if self.term_aggregation:
            try:
                if Period.parse(self.period).kind != PeriodKind.TERM:
                    errors["term_aggregation"] = "Chỉ chỉ tiêu cả giai đoạn mới có cách tính cả giai đoạn."
            except PeriodError:
                pass
        if errors:
            raise ValidationError(errors)


class TargetShare(models.Model):
    """A target's share given to one unit ("giao chỉ tiêu"): the unit is judged against its
    share, on its own figures, with the target's comparator, period and unit of measure. A
    unit without a share of a target is never judged against the target itself. The parts of
    a target whose indicator sums must add up to it (chitieu.monitoring.cascade checks that)."""

    target = models.ForeignKey(Target, verbose_name="Chỉ tiêu", on_delete=models.CASCADE, related_name="shares")
    unit = models.ForeignKey(Unit, verbose_name="Đơn vị được giao", on_delete=models.PROTECT, related_name="target_shares")
    value = models.FloatField("Giá trị được giao")
    value_max = models.FloatField("Giá trị tối đa được giao", null=True, blank=True)
    note = models.CharField("Ghi chú", max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Chỉ tiêu giao cho đơn vị"
        verbose_name_plural = "Chỉ tiêu giao cho đơn vị"
        ordering = ["target", "unit__name", "id"]
        constraints = [models.UniqueConstraint(fields=["target", "unit"], name="target_share_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.target} giao {self.unit}"


class TargetScenario(PeriodFields):
    """A target's scenario ("kịch bản") for a month, a quarter or the months to date: the
    figure the plan expects by the end of `period` (the growth, the year-to-date sum, in the
    target's unit) or, `kind` share, the share (%) of the target expected by then. Reviews
    measure the figure so far against the scenario that ends with it
    (chitieu.core.scenarios)."""

    target = models.ForeignKey(Target, verbose_name="Chỉ tiêu", on_delete=models.CASCADE, related_name="scenarios")
    kind = models.CharField("Loại kịch bản", max_length=8, choices=ScenarioKind.choices(), default=ScenarioKind.LEVEL)
    value = models.FloatField("Giá trị kịch bản")
    note = models.CharField("Ghi chú, nguồn", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Kịch bản của chỉ tiêu"
        verbose_name_plural = "Kịch bản của chỉ tiêu"
        ordering = ["target", "period_end", "period_start", "id"]
        constraints = [models.UniqueConstraint(fields=["target", "period"], name="scenario_once_per_period")]

    def __str__(self) -> str:
        return f"{self.target} kịch bản {self.period}"

    def clean(self) -> None:
        """The period lies inside the target's own and the value is a finite number; errors
        keyed by field."""
        errors: dict[str, str] = {}
        try:
            self.clean_period()
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
        if self.value is None or self.value != self.value or self.value in (float("inf"), float("-inf")):
            errors["value"] = f"Giá trị kịch bản «{self.value}» không phải là số hữu hạn."
        elif self.kind == ScenarioKind.SHARE and not 0 <= self.value <= 1000:
            errors["value"] = f"Tỷ lệ kịch bản {self.value}% nằm ngoài khoảng 0 – 1000%."
        if "period" not in errors and self.target_id:
            own: Period | None
            mine: Period | None
            try:
                own, mine = Period.parse(self.target.period), Period.parse(self.period)
            except PeriodError:
                own = mine = None
            if own is not None and mine is not None and not own.contains(mine):
                errors["period"] = (f"Kỳ kịch bản {mine.label} nằm ngoài kỳ của chỉ tiêu ({own.label}) "
                                    f"của chỉ tiêu số {self.target.number}.")
            elif own is not None and mine == own:
                errors["period"] = f"Kịch bản là mốc giữa kỳ; {mine.label} là cả kỳ của chỉ tiêu."
        if errors:
            raise ValidationError(errors)


class PeerFigure(PeriodFields):
    """An indicator's figure elsewhere for one period, with the rank a source published: the
    national figure, another province's, or the city's own place among them ("đứng thứ 2 cả
    nước"). Ranks are results as published, never computed from the few peers stored."""

    indicator = models.ForeignKey(Indicator, verbose_name="Chỉ tiêu", on_delete=models.CASCADE, related_name="peers")
    place = models.CharField("Địa phương", max_length=120, help_text="Cả nước, Quảng Ninh, Hải Phòng…")
    own = models.BooleanField("Là số của thành phố", default=False)
    value = models.FloatField("Giá trị", null=True, blank=True)
    rank = models.PositiveIntegerField("Xếp thứ", null=True, blank=True)
    rank_of = models.PositiveIntegerField("Trong số", null=True, blank=True, help_text="34 tỉnh, thành phố")
    source = models.CharField("Nguồn", max_length=500)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Số liệu so sánh với địa phương khác"
        verbose_name_plural = "Số liệu so sánh với địa phương khác"
        ordering = ["indicator", "period_start", "rank", "place"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period", "place"], name="peer_once_per_place")]

    def __str__(self) -> str:
        return f"{self.place} {self.indicator.code} {self.period}"

    @property
    def rank_words(self) -> str:
        """ "đứng thứ 2 cả nước (34 tỉnh, thành phố)", "" without a published rank."""
        if self.rank is None:
            return ""
        return f"đứng thứ {self.rank} cả nước" + (f" ({self.rank_of} tỉnh, thành phố)" if self.rank_of else "")

    def clean(self) -> None:
        super().clean()
        if self.rank is not None and self.rank_of is not None and self.rank > self.rank_of:
            raise ValidationError({"rank": f"Xếp thứ {self.rank} lớn hơn tổng số {self.rank_of} của {self.place}."})


def settled_resolutions(qs: models.QuerySet[Resolution] | None = None) -> models.QuerySet[Resolution]:
    """The resolutions of `qs` (default: all) that are not drafts: those with at least one
    confirmed target. A resolution drafted from a document ("Tạo bản nháp" on the reading
    page) holds only unconfirmed targets until the office confirms them, and is never a
    default (the dashboard's, the reports'); it can still be opened by its code."""
    qs = Resolution.objects.all() if qs is None else qs
    return qs.filter(models.Exists(Target.objects.filter(resolution=models.OuterRef("pk"), confirmed=True)))
