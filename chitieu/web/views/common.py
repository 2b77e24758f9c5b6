"""Helpers shared by the page views: access checks that end in a Vietnamese 403, dates."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest

from chitieu.core.periods import parse_day
from chitieu.errors import Forbidden
from chitieu.htmx import HtmxHttpRequest, template_for
from chitieu.org import access


def require(allowed: bool, message: str = "Tài khoản của bạn không có quyền thực hiện việc này.") -> None:
    """Raise Forbidden with a Vietnamese reason unless allowed (shown by chitieu.web.errors)."""
    if not allowed:
        raise Forbidden(message)


def require_reader(request: HttpRequest) -> None:
    """Pages need a signed-in user with a role; a login without an account gets 403."""
    require(access.can_read(request.user), "Tài khoản chưa được gán đơn vị và vai trò; liên hệ Văn phòng.")


def parse_date(raw: str | None, default: date) -> date:
    """Return the date in `raw` (YYYY-MM-DD), or `default` when none is given. A malformed or
    impossible date raises PeriodError, shown as a Vietnamese 400 by chitieu.web.errors: a page
    never silently shows another day than the one asked for."""
    if raw is None or not raw.strip():
        return default
    return parse_day(raw, field="ngày xem")


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
