"""Login throttling that a shared address cannot turn on the victim (django-axes).

A user name is locked after CHITIEU_LOGIN_FAILURE_LIMIT failures (5) from one client address;
an address is locked after CHITIEU_ADDRESS_FAILURE_LIMIT failures (50) whatever the user names
(password spraying), both for AXES_COOLOFF_TIME. The client address is the connection's, or,
only when the connection comes from a configured trusted proxy (CHITIEU_TRUSTED_PROXIES), the
last address the proxies added to X-Forwarded-For that is not itself a trusted proxy. So
behind the recommended reverse proxy each client counts on its own: five wrong passwords for
the leader's name from one machine lock that machine out of that name, not the leader; and a
client cannot pick its address by sending its own X-Forwarded-For to a server with no proxy.
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


def _address(raw: str) -> str | None:
    try:
        return str(ipaddress.ip_address(raw.strip()))
    except ValueError:
        return None


def _trusted(address: str | None) -> bool:
    if address is None:
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES)


def client_address(request: HttpRequest) -> str | None:
    """The client's address (see the module doc): REMOTE_ADDR unless it is a trusted proxy,
    then the nearest untrusted address of X-Forwarded-For (REMOTE_ADDR when there is none)."""
    remote = _address(request.META.get("REMOTE_ADDR", "") or "")
    if not _trusted(remote):
        return remote
    hops = [_address(a) for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    for hop in reversed(hops):
        if hop is None:
            return remote  # a forged or broken header: stay with what we know
        if not _trusted(hop):
            return hop
    return remote


class Handler(AxesDatabaseHandler):
    """django-axes' database handler, plus the per-address limit of the module doc."""

    def is_locked(self, request: Any, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        address = getattr(request, "axes_ip_address", None) or client_address(request)
        if not address:
            return False
        since = timezone.now() - (get_cool_off(request) or timedelta(minutes=15))
        failures = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
            n=Sum("failures_since_start")
        )["n"] or 0
        return failures >= settings.ADDRESS_FAILURE_LIMIT
