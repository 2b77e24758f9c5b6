"""Units (a tree), people, and accounts: who belongs where and with which role."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from chitieu.core.choices import Role, ShareBasis, UnitKind


class Unit(models.Model):
    """A body that leads targets or reports figures: the city, a department, a commune."""

    code = models.SlugField("Mã đơn vị", max_length=64, unique=True)
    name = models.CharField("Tên đơn vị", max_length=255)
    short_name = models.CharField("Tên ngắn", max_length=120, blank=True)
    kind = models.CharField("Loại", max_length=20, choices=UnitKind.choices(), default=UnitKind.OTHER)
    parent = models.ForeignKey(
        "self", verbose_name="Đơn vị cấp trên", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    # Code in the national list of administrative divisions (vietnam-provinces), if any. Not
    # unique: the 2025 codes re-use old ones (11311 was phường Minh Khai, then phường Hồng
    # Bàng), so a code names a unit only together with a date (chitieu.org.history).
    admin_code = models.PositiveIntegerField("Mã hành chính", null=True, blank=True, db_index=True)
    # Materialised path of ids ("/1/5/17/") so "this unit and its sub-units" is one query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    order = models.PositiveIntegerField("Thứ tự", default=0)
    active = models.BooleanField("Đang hoạt động", default=True)
    # The days the unit exists in this shape (open ends: since ever, still). A reorganisation
    # (Reorganisation) ends its predecessors and starts its successors; a unit that goes on
    # with a changed territory keeps its row and counts one more version.
    valid_from = models.DateField("Hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("Hiệu lực đến", null=True, blank=True)
    version = models.PositiveIntegerField("Phiên bản địa giới", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Đơn vị"
        verbose_name_plural = "Đơn vị"
        ordering = ["path", "order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True) | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {k: v for k, v in kwargs.items() if k not in ("force_insert",)}
        parent_path = self.parent.path if self.parent_id else "/"
        new_path = f"{parent_path}{self.pk}/"
        if new_path != self.path:
            old = self.path
            self.path = new_path
            super().save(*args, **{**kwargs, "force_insert": False})
            if old:
                # Moving a unit moves its whole subtree.
                for child in Unit.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    child.path = new_path + child.path[len(old):]
                    Unit.objects.filter(pk=child.pk).update(path=child.path)
        else:
            super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def valid_on(self, day) -> bool:
        """True when the unit exists on `day` (open ends hold)."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def validity_words(self) -> str:
        """"từ 01/07/2025", "đến 30/06/2025", "từ 01/01/2020 đến 30/06/2025" or ""."""
        parts = []
        if self.valid_from is not None:
            parts.append(f"từ {self.valid_from:%d/%m/%Y}")
        if self.valid_to is not None:
            parts.append(f"đến {self.valid_to:%d/%m/%Y}")
        return " ".join(parts)

    def subtree(self) -> models.QuerySet[Unit]:
        """Return this unit and all units below it, in one query."""
        return Unit.objects.filter(path__startswith=self.path)

    def is_within(self, other: Unit) -> bool:
        """True when this unit is `other` or below it."""
        return bool(other.path) and self.path.startswith(other.path)


class Reorganisation(models.Model):
    """A change of boundaries on one day, on a legal basis (NQ 1669/NQ-UBTVQH15): its links
    say which units went into which, and what share of each."""

    effective_on = models.DateField("Ngày có hiệu lực")
    legal_basis = models.CharField("Căn cứ pháp lý", max_length=255)
    note = models.TextField("Ghi chú", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Sắp xếp đơn vị hành chính"
        verbose_name_plural = "Sắp xếp đơn vị hành chính"
        ordering = ["effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.legal_basis} ({self.effective_on:%d/%m/%Y})"


class UnitLink(models.Model):
    """One predecessor → successor link of a reorganisation: `share` (0–1] of the predecessor
    (by population, area or a named indicator: `basis`) went into the successor. A
    predecessor's shares add up to 1; a unit that goes on links to itself with what it kept."""

    reorganisation = models.ForeignKey(
        Reorganisation, verbose_name="Sắp xếp", on_delete=models.CASCADE, related_name="links"
    )
    predecessor = models.ForeignKey(
        Unit, verbose_name="Đơn vị trước", on_delete=models.PROTECT, related_name="successor_links"
    )
    successor = models.ForeignKey(
        Unit, verbose_name="Đơn vị sau", on_delete=models.PROTECT, related_name="predecessor_links"
    )
    share = models.FloatField("Tỷ lệ chuyển sang", default=1.0)
    basis = models.CharField("Tính theo", max_length=20, choices=ShareBasis.choices(), default=ShareBasis.WHOLE)
    # The indicator a share is measured by when basis is "indicator" (its code).
    basis_indicator = models.CharField("Chỉ tiêu làm căn cứ", max_length=64, blank=True)
    part = models.CharField("Phần chuyển", max_length=255, blank=True, help_text="một phần phường Nam Hải…")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Liên kết đơn vị trước – sau"
        verbose_name_plural = "Liên kết đơn vị trước – sau"
        ordering = ["reorganisation", "predecessor", "successor"]
        constraints = [
            models.UniqueConstraint(
                fields=["reorganisation", "predecessor", "successor"], name="one_link_per_pair_and_event"
            ),
            models.CheckConstraint(condition=models.Q(share__gt=0) & models.Q(share__lte=1), name="link_share_in_0_1"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.share:.0%})"


class Person(models.Model):
    """A named official: a Standing Committee member in charge, a head of unit."""

    full_name = models.CharField("Họ và tên", max_length=120)
    title = models.CharField("Chức vụ", max_length=255, blank=True)
    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", null=True, blank=True, on_delete=models.SET_NULL)
    responsible_units = models.ManyToManyField(
        Unit, verbose_name="Đơn vị phụ trách", blank=True, related_name="responsible_people"
    )
    history = HistoricalRecords(m2m_fields=[responsible_units])

    class Meta:
        verbose_name = "Cán bộ"
        verbose_name_plural = "Cán bộ"
        ordering = ["full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.title})" if self.title else self.full_name


class Account(models.Model):
    """A login's place in the organisation: its unit and role. Rights cover the unit's subtree."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account")
    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="accounts")
    role = models.CharField("Vai trò", max_length=20, choices=Role.choices(), default=Role.VIEWER)
    person = models.ForeignKey(Person, verbose_name="Cán bộ", null=True, blank=True, on_delete=models.SET_NULL)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Tài khoản"
        verbose_name_plural = "Tài khoản"

    def __str__(self) -> str:
        return f"{self.user.get_username()} – {Role(self.role).label} – {self.unit}"


class ApiToken(models.Model):
    """A token a machine client sends as `Authorization: Bearer …`, acting as `user`.

    Only the SHA-256 hash of the token is stored (chitieu.org.tokens); the token itself is
    shown once when created.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("Tên gợi nhớ", max_length=120)
    token_hash = models.CharField("Mã băm SHA-256", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("Tạo lúc")
    last_used_at = models.DateTimeField("Dùng lần cuối", null=True, blank=True)
    expires_at = models.DateTimeField("Hết hạn", null=True, blank=True)
    revoked = models.BooleanField("Đã thu hồi", default=False)

    class Meta:
        verbose_name = "Mã truy cập API"
        verbose_name_plural = "Mã truy cập API"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.name} ({self.user.get_username()})"

    def usable_at(self, now) -> bool:
        """True when the token is neither revoked nor expired at `now`."""
        return not self.revoked and (self.expires_at is None or now < self.expires_at)
