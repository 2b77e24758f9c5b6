"""Helpers shared by the page views: access checks that end in a Vietnamese 403, dates."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from chitieu.htmx import HtmxHttpRequest, template_for
from chitieu.org import access


def require(allowed: bool, message: str = "Tài khoản của bạn không có quyền thực hiện việc này.") -> None:
    """Raise PermissionDenied (rendered by 403.html) with a Vietnamese reason unless allowed."""
    if not allowed:
        raise PermissionDenied(message)


def require_reader(request: HttpRequest) -> None:
    """Pages need a signed-in user with a role; a login without an account gets 403."""
    require(access.can_read(request.user), "Tài khoản chưa được gán đơn vị và vai trò; liên hệ Văn phòng.")


def parse_date(raw: str | None, default: date) -> date:
    """Return the ISO date in `raw`, or `default` when empty or malformed."""
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return default


def default_as_of(resolution) -> date:
    """Today, clipped to the end of the resolution's period (the dashboard's default date)."""
    from django.utils import timezone

    from chitieu.core.periods import Period, PeriodError

    today = timezone.localdate()
    try:
        return min(today, Period.parse(resolution.period).end)
    except PeriodError:
        return today


__all__ = ["HtmxHttpRequest", "template_for", "require", "require_reader", "parse_date", "default_as_of"]
