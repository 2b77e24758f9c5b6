"""Units (a tree), people, and accounts: who belongs where and with which role."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from chitieu.core.choices import Role, UnitKind


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
    # Code in the national list of administrative divisions (vietnam-provinces), if any.
    admin_code = models.PositiveIntegerField("Mã hành chính", null=True, blank=True, unique=True)
    # Materialised path of ids ("/1/5/17/") so "this unit and its sub-units" is one query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    order = models.PositiveIntegerField("Thứ tự", default=0)
    active = models.BooleanField("Đang hoạt động", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Đơn vị"
        verbose_name_plural = "Đơn vị"
        ordering = ["path", "order", "name"]

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

    def subtree(self) -> models.QuerySet[Unit]:
        """Return this unit and all units below it, in one query."""
        return Unit.objects.filter(path__startswith=self.path)

    def is_within(self, other: Unit) -> bool:
        """True when this unit is `other` or below it."""
        return bool(other.path) and self.path.startswith(other.path)


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
