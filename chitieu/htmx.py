"""What every page module needs to know of HTMX: the request type django-htmx's middleware
gives, and which template answers a request (the partial for an HTMX swap, else the page).
Shared by `web` and `reports`, which may not import each other (DESIGN.md's layer rules)."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that has passed django-htmx's middleware, as its documentation types it."""

    htmx: HtmxDetails


def template_for(request: HttpRequest, page: str, partial: str) -> str:
    """Return the partial for an HTMX request that targets part of a page, else the full page."""
    htmx = getattr(request, "htmx", None)
    return partial if htmx and not htmx.boosted else page
