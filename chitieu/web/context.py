"""Template context shared by every page: the signed-in account, the navigation, labels.

Registered in settings.TEMPLATES as `chitieu.web.context.chrome`.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject, cached_property

from chitieu.core.choices import SIMULATED_LABEL, SIMULATED_SOURCE, EntryState, Role
from chitieu.monitoring.models import Observation
from chitieu.org import access

#: (label, path prefix, roles that see the link; None = every role) of the main navigation.
NAV = [
    ("Tổng quan", "/", None),
    ("Chỉ tiêu", "/chi-tieu/", None),
    ("Nhập số liệu", "/nhap-so-lieu/", (Role.OFFICE_ADMIN, Role.LEADER, Role.REPORTER)),
    ("Nhiệm vụ", "/nhiem-vu/", None),
    ("Đọc văn bản", "/doc-van-ban/", None),
    ("Báo cáo", "/bao-cao/", None),
    ("Lịch sử", "/lich-su/", None),  # every role; the page shows what each may see
    ("Quản trị", "/quan-tri/", (Role.OFFICE_ADMIN,)),
]


class WaitingApproval:
    """How many submitted figures wait for the signed-in approver (leaders and the office
    approve every unit's, chitieu.org.access.can_approve). Counted by one query, and only when
    a template reads `.count` (the header of every full page), never for a fragment."""

    def __init__(self, role: Role | None) -> None:
        self.applies = role in (Role.LEADER, Role.OFFICE_ADMIN)

    @cached_property
    def count(self) -> int:
        return Observation.objects.filter(state=EntryState.SUBMITTED).count() if self.applies else 0


def chrome(request: HttpRequest) -> dict:
    """Return the context every page needs; the account is looked up only if a template asks."""
    path = request.path
    user = getattr(request, "user", None)
    role = access.role_of(user) if user is not None else None
    active = ""
    for label, prefix, _ in NAV:
        if prefix == "/" and path == "/" or prefix != "/" and path.startswith(prefix):
            active = label
    return {
        "account": SimpleLazyObject(lambda: access.account_of(user)),
        "nav_items": [
            (label, prefix, label == active) for label, prefix, roles in NAV if roles is None or role in roles
        ],
        "simulated_label": SIMULATED_LABEL,
        "simulated_source": SIMULATED_SOURCE,
        "roles": Role,
        "waiting_approval": WaitingApproval(role),
    }
