"""One demo login per role, for the local demo only (CHITIEU_DEMO=1).

The passwords are public (printed by `chitieu demo` and listed in the README), so this refuses
to run outside demo or test mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from chitieu.core.choices import Role
from chitieu.errors import NotFound
from chitieu.org.models import Account, Unit


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: Role
    unit_code: str | None  # None: the first commune (communes come from vietnam-provinces)
    full_name: str


#: Public demo credentials; each password passes the project's password validators.
DEMO_ACCOUNTS = (
    DemoAccount("vanphong", "vanphong-demo-2025", Role.OFFICE_ADMIN, "van-phong-thanh-uy", "Chuyên viên Văn phòng"),
    DemoAccount("lanhdao", "lanhdao-demo-2025", Role.LEADER, "ban-thuong-vu", "Lãnh đạo Thành ủy"),
    DemoAccount("xa", "baocao-xa-demo-2025", Role.REPORTER, None, "Cán bộ báo cáo xã"),
    DemoAccount("so", "baocao-so-demo-2025", Role.REPORTER, "so-khdt", "Cán bộ báo cáo Sở"),
    DemoAccount("xem", "nguoixem-demo-2025", Role.VIEWER, "thanh-uy", "Người xem"),
)


def _unit(code: str | None) -> Unit:
    if code is None:
        from chitieu.org.services import local_units

        unit = local_units().order_by("order", "pk").first()
        if unit is None:
            raise NotFound("Chưa có xã, phường nào; hãy nạp danh mục đơn vị trước.", {"unit": "Chưa có xã."})
        return unit
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        # Fall back to the city (the root), so a trimmed unit list still gets every role.
        unit = Unit.objects.filter(parent__isnull=True).order_by("pk").first()
    if unit is None:
        raise NotFound("Chưa có đơn vị nào; hãy nạp danh mục đơn vị trước.", {"unit": "Chưa có đơn vị."})
    return unit


def ensure_demo_accounts() -> list[tuple[str, str, str, str]]:
    """Create (or reset) one account per role; return (username, password, role label,
    unit name) rows to print. Running it again resets the passwords and changes nothing else.

    Raises ImproperlyConfigured outside demo/test mode (the passwords are public) and
    NotFound when the units have not been loaded.
    """
    if not (settings.DEMO or getattr(settings, "TESTING", False)):
        raise ImproperlyConfigured("Tài khoản trình diễn chỉ được tạo khi CHITIEU_DEMO=1.")
    User = get_user_model()
    rows = []
    with transaction.atomic():
        for spec in DEMO_ACCOUNTS:
            unit = _unit(spec.unit_code)
            user = User.objects.filter(username=spec.username).first() or User(username=spec.username)
            user.first_name = spec.full_name
            user.is_active = True
            # The office runs the system, the admin site included.
            user.is_staff = user.is_superuser = spec.role == Role.OFFICE_ADMIN
            user.set_password(spec.password)
            user.save()
            Account.objects.update_or_create(user=user, defaults={"unit": unit, "role": spec.role})
            rows.append((spec.username, spec.password, spec.role.label, unit.name))
    return rows
