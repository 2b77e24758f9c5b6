"""Template context shared by every page: the signed-in account, the navigation, labels.

Registered in settings.TEMPLATES as `chitieu.web.context.chrome`.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from chitieu.core.choices import SIMULATED_LABEL, SIMULATED_SOURCE, Role

#: (label, path prefix) of the main navigation, in display order.
NAV = [
    ("Tổng quan", "/"),
    ("Chỉ tiêu", "/chi-tieu/"),
    ("Nhập số liệu", "/nhap-so-lieu/"),
    ("Nhiệm vụ", "/nhiem-vu/"),
    ("Đọc văn bản", "/doc-van-ban/"),
    ("Lịch sử", "/lich-su/"),
    ("Quản trị", "/quan-tri/"),
]


def _account(request: HttpRequest):
    """Return the user's Account or None (anonymous users and accounts without a unit)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.account
    except Exception:  # RelatedObjectDoesNotExist: a login without a place in the organisation
        return None


def chrome(request: HttpRequest) -> dict:
    """Return the context every page needs; the account is looked up only if a template asks."""
    path = request.path
    active = ""
    for label, prefix in NAV:
        if prefix == "/" and path == "/" or prefix != "/" and path.startswith(prefix):
            active = label
    return {
        "account": SimpleLazyObject(lambda: _account(request)),
        "nav_items": [(label, prefix, label == active) for label, prefix in NAV],
        "simulated_label": SIMULATED_LABEL,
        "simulated_source": SIMULATED_SOURCE,
        "roles": Role,
    }
